// Fuzzes how `whosaid serve` reads request bodies: BodyDecoder
// (src/server/body_decoder.h) directly, and the whole HTTP path (chunked
// framing, Content-Encoding: gzip) through an in-process HttpDaemon on a
// loopback port whose handler echoes the decoded body's size. Invariants: the
// decoded body never passes the limit; a status stays once it is not kOk; the
// server answers every request with a status it documents, and keeps running.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

#include "server/body_decoder.h"
#include "server/http_daemon.h"

namespace {

#define WHOSAID_FUZZ_CHECK(c)                                        \
  do {                                                               \
    if (!(c)) {                                                      \
      std::fprintf(stderr, "server_body: invariant failed: %s\n", #c); \
      std::abort();                                                  \
    }                                                                \
  } while (0)

using whosaid::server::BodyDecoder;
constexpr size_t kLimit = 4096;

whosaid::server::HttpDaemon& daemon_on(int& port) {
  static int the_port = 0;
  static std::unique_ptr<whosaid::server::HttpDaemon> d = [] {
    whosaid::server::HttpLimits limits;
    limits.max_body = kLimit;
    limits.workers = 1;
    limits.request_seconds = 2;
    auto h = std::make_unique<whosaid::server::HttpDaemon>(
        limits, [](const whosaid::server::HttpRequest&, whosaid::server::HttpResponse&) { return false; },
        [](const whosaid::server::HttpRequest& req, whosaid::server::HttpResponse& res) {
          if (req.body.size() > kLimit) std::abort();  // past the limit
          res.body = std::to_string(req.body.size());
        });
    the_port = h->bind("127.0.0.1", 0);
    h->start();
    return h;
  }();
  port = the_port;
  return *d;
}

void decode_directly(const uint8_t* data, size_t size, bool gzip, size_t piece) {
  BodyDecoder body(gzip ? BodyDecoder::kGzip : BodyDecoder::kIdentity, kLimit);
  BodyDecoder::Status last = BodyDecoder::kOk;
  for (size_t at = 0; at < size; at += piece) {
    BodyDecoder::Status st =
        body.append({reinterpret_cast<const char*>(data) + at, std::min(piece, size - at)});
    WHOSAID_FUZZ_CHECK(last == BodyDecoder::kOk || st == last);
    last = st;
    WHOSAID_FUZZ_CHECK(body.text().size() <= kLimit);
  }
  BodyDecoder::Status end = body.finish();
  WHOSAID_FUZZ_CHECK(last == BodyDecoder::kOk || end == last);
  if (!gzip && end == BodyDecoder::kOk)
    WHOSAID_FUZZ_CHECK(body.text() == std::string(reinterpret_cast<const char*>(data), size));
}

void send_over_http(const uint8_t* data, size_t size, bool gzip, size_t piece) {
  int port = 0;
  daemon_on(port);
  std::string req = "POST /x HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                    "Transfer-Encoding: chunked\r\n";
  if (gzip) req += "Content-Encoding: gzip\r\n";
  req += "\r\n";
  char hex[32];
  for (size_t at = 0; at < size; at += piece) {
    size_t n = std::min(piece, size - at);
    snprintf(hex, sizeof hex, "%zx\r\n", n);
    req += hex;
    req.append(reinterpret_cast<const char*>(data) + at, n);
    req += "\r\n";
  }
  req += "0\r\n\r\n";
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  // Each input is one connection, closed by the server ("Connection: close"),
  // and each closed one waits a minute in TIME_WAIT: at thousands of inputs
  // a second, one source address runs out of its ~28,000 ephemeral ports
  // (connect failed after ~78,000 inputs on an idle 2-core host). The client
  // takes its source address in turn from 127.0.0.1 … 127.0.0.254, all
  // loopback, so a port is reused only after 254 × 28,000 connections.
  static uint32_t next_source = 0;
  sockaddr_in source{};
  source.sin_family = AF_INET;
  source.sin_addr.s_addr = htonl(INADDR_LOOPBACK + next_source++ % 254);
  WHOSAID_FUZZ_CHECK(::bind(fd, reinterpret_cast<sockaddr*>(&source), sizeof source) == 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  WHOSAID_FUZZ_CHECK(::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0);
  (void)!::send(fd, req.data(), req.size(), MSG_NOSIGNAL);
  std::string resp;
  char buf[4096];
  // Up to 20 s: the daemon's one worker may still be on an earlier
  // connection (its 2 s deadline), and two ASan fuzzers share the machine in
  // CI. A 5 s wait failed once there after ~47k connections, on an input that
  // alone is answered in 3 ms.
  for (int i = 0; i < 400; ++i) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    resp.append(buf, static_cast<size_t>(n));
  }
  ::close(fd);
  WHOSAID_FUZZ_CHECK(resp.size() > 12);  // answered
  int status = std::atoi(resp.c_str() + 9);
  WHOSAID_FUZZ_CHECK(status == 200 || status == 400 || status == 413);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 2) return 0;
  bool gzip = data[0] & 1;
  bool http = data[0] & 2;
  size_t piece = 1 + data[1] % 64;
  data += 2;
  size -= 2;
  decode_directly(data, size, gzip, piece);
  if (http) send_over_http(data, size, gzip, piece);
  return 0;
}

// `whosaid serve` against hostile and careless clients: one regression test per
// probe of the hardening issue (docs/hostile-input.md has the table), plus the
// walk over every status docs/api.md and web/openapi.json document. Raw
// sockets throughout, so that nothing normalises the request; loopback only.
// Bounds on time are liveness checks (generous), never speed benchmarks.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <chrono>
#include <fstream>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "ingest/ingest.h"
#include "server/deadline.h"
#include "store_fixtures.h"
#include "whosaid/error.h"
#include "whosaid/server.h"
#include "whosaid/store.h"

namespace whosaid {
namespace {

using nlohmann::json;
using testing::TempDir;
using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

int connect_to(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

// Reads until the peer closes, a whole response (by Content-Length) is in, or
// `wait_s` passes.
std::string read_response(int fd, double wait_s = 5) {
  std::string out;
  auto t0 = Clock::now();
  char buf[65536];
  while (seconds_since(t0) < wait_s) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    ssize_t n = ::read(fd, buf, sizeof buf);
    if (n <= 0) break;
    out.append(buf, static_cast<size_t>(n));
    size_t end = out.find("\r\n\r\n");
    if (end == std::string::npos) continue;
    size_t cl = out.find("Content-Length: ");
    if (cl != std::string::npos && cl < end &&
        out.size() >= end + 4 + std::stoul(out.substr(cl + 16)))
      break;
  }
  return out;
}

// Sends `head`, then `body` in pieces (stopping early when the server has
// answered or hung up); returns the response.
std::string round_trip(int port, const std::string& head, const std::string& body = {},
                     size_t piece = 1 << 16) {
  int fd = connect_to(port);
  if (fd < 0) return {};
  std::string out;
  (void)!::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  for (size_t at = 0; at < body.size(); at += piece) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 0) > 0) break;  // answered (or closed) before the end
    if (::send(fd, body.data() + at, std::min(piece, body.size() - at), MSG_NOSIGNAL) < 0) break;
  }
  out = read_response(fd);
  ::close(fd);
  return out;
}

int status_of(const std::string& response) {
  return response.size() > 12 ? std::atoi(response.c_str() + 9) : 0;
}

std::string body_of(const std::string& response) {
  size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

std::string request(const std::string& method, const std::string& path,
                    const std::string& extra_headers = {}, const std::string& body = {},
                    bool with_length = true) {
  std::string r = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n" +
                  extra_headers;
  if (with_length && (!body.empty() || method == "POST"))
    r += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  return r + "\r\n" + body;
}

std::string chunked(const std::string& body, size_t piece) {
  std::ostringstream out;
  for (size_t at = 0; at < body.size(); at += piece) {
    size_t n = std::min(piece, body.size() - at);
    out << std::hex << n << "\r\n" << body.substr(at, n) << "\r\n";
  }
  out << "0\r\n\r\n";
  return out.str();
}

std::string gzip(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 16 + MAX_WBITS, 9, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, data.size()) + 64, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

const std::string kJson = "Content-Type: application/json\r\n";
const std::string kArticle =
    "\"We will not back down,\" Prime Minister Helen Clark said on Monday.\n";

class ServerHardening : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    signal(SIGPIPE, SIG_IGN);
    dir_ = new TempDir;
    db_ = dir_->file("web.db");
    Extractor extractor;
    ingest::IngestOptions opt;
    opt.db_path = db_;
    opt.quiet = true;
    opt.threads = 1;
    ingest::run_ingest({std::string(WHOSAID_FIXTURES) + "/web/articles.jsonl"}, extractor, opt);
    main_ = new Running(ServerOptions{.db_path = db_, .port = 0, .read_timeout_seconds = 2});
  }
  static void TearDownTestSuite() {
    delete main_;
    delete dir_;
  }

  struct Running {
    explicit Running(ServerOptions o) : server(std::move(o)) {
      server.bind();
      thread = std::thread([this] { server.run(); });
    }
    ~Running() {
      server.stop();
      thread.join();
    }
    int port() { return server.port(); }
    Server server;
    std::thread thread;
  };

  static int port() { return main_->port(); }
  static std::string json_body(const std::string& text) {
    return json({{"text", text}}).dump();
  }

  static TempDir* dir_;
  static std::string db_;
  static Running* main_;
};

TempDir* ServerHardening::dir_ = nullptr;
std::string ServerHardening::db_;
ServerHardening::Running* ServerHardening::main_ = nullptr;

// ---- 1. body limits count every byte after decoding

TEST_F(ServerHardening, BodyLimitCountsChunkedBodies) {
  std::string big = json_body(std::string(3u << 20, 'a'));  // 3 MB > the 2 MB limit
  auto t0 = Clock::now();
  std::string resp = round_trip(port(), request("POST", "/api/extract", kJson +
                                              "Transfer-Encoding: chunked\r\n", "", false),
                              chunked(big, 1 << 16));
  EXPECT_EQ(status_of(resp), 413) << resp.substr(0, 300);
  EXPECT_NE(body_of(resp).find("2097152"), std::string::npos);
  EXPECT_LT(seconds_since(t0), 10.0);
  // Under the limit, chunked works.
  std::string small = json_body(kArticle);
  resp = round_trip(port(), request("POST", "/api/extract", kJson + "Transfer-Encoding: chunked\r\n",
                                  "", false) + chunked(small, 7));
  EXPECT_EQ(status_of(resp), 200) << resp.substr(0, 300);
}

TEST_F(ServerHardening, BodyLimitCountsInflatedGzip) {
  std::string bomb = gzip(json_body(std::string(64u << 20, 'a')));  // 64 MB in ~64 KB
  ASSERT_LT(bomb.size(), 1u << 20);
  std::string resp = round_trip(
      port(), request("POST", "/api/extract", kJson + "Content-Encoding: gzip\r\n", bomb));
  EXPECT_EQ(status_of(resp), 413) << resp.substr(0, 300);
  EXPECT_NE(body_of(resp).find("after decoding"), std::string::npos) << body_of(resp);

  std::string ok = gzip(json_body(kArticle));
  resp = round_trip(port(), request("POST", "/api/extract", kJson + "Content-Encoding: gzip\r\n", ok));
  EXPECT_EQ(status_of(resp), 200) << resp.substr(0, 300);
  EXPECT_NE(body_of(resp).find("Helen Clark"), std::string::npos);

  resp = round_trip(port(), request("POST", "/api/extract", kJson + "Content-Encoding: gzip\r\n",
                                  ok.substr(0, ok.size() / 2)));
  EXPECT_EQ(status_of(resp), 400) << "a truncated gzip body";
  resp = round_trip(port(), request("POST", "/api/extract", kJson + "Content-Encoding: br\r\n", ok));
  EXPECT_EQ(status_of(resp), 415);
}

// ---- 2. slowloris: a whole-request deadline, and no worker held

TEST_F(ServerHardening, SlowlorisIsDroppedByAWholeRequestDeadline) {
  Running s(ServerOptions{.db_path = db_, .port = 0, .read_timeout_seconds = 1});
  int fd = connect_to(s.port());
  ASSERT_GE(fd, 0);
  auto t0 = Clock::now();
  std::string line = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool dropped = false;
  // One header line every 200 ms keeps an idle timer happy forever; the
  // deadline (1 s) must cut it anyway. At most 40 lines (8 s).
  for (int i = 0; i < 40 && !dropped; ++i) {
    if (::send(fd, line.data(), line.size(), MSG_NOSIGNAL) < 0) dropped = true;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 200) > 0) {
      char c;
      dropped = ::read(fd, &c, 1) <= 0;
    }
    line = "X-Slow-" + std::to_string(i) + ": 1\r\n";
  }
  ::close(fd);
  EXPECT_TRUE(dropped) << "still connected after " << seconds_since(t0) << " s";
  EXPECT_LT(seconds_since(t0), 6.0);
}

TEST_F(ServerHardening, StalledClientsHoldNoWorker) {
  // Two workers; sixteen stalled clients: half trickle headers, half announce a
  // body and send nothing. A new request is answered at once all the same.
  Running s(ServerOptions{.db_path = db_, .port = 0, .read_timeout_seconds = 5, .threads = 2});
  std::vector<int> stalled;
  for (int i = 0; i < 8; ++i) {
    int a = connect_to(s.port()), b = connect_to(s.port());
    ASSERT_GE(a, 0);
    ASSERT_GE(b, 0);
    std::string head = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-A: 1\r\n";
    (void)!::send(a, head.data(), head.size(), MSG_NOSIGNAL);
    std::string post = request("POST", "/api/extract", kJson + "Content-Length: 100000\r\n", "",
                               false);
    (void)!::send(b, post.data(), post.size(), MSG_NOSIGNAL);
    stalled.push_back(a);
    stalled.push_back(b);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  for (int round = 0; round < 3; ++round) {
    auto t0 = Clock::now();
    std::string resp = round_trip(s.port(), request("GET", "/healthz"));
    EXPECT_EQ(status_of(resp), 200);
    EXPECT_LT(seconds_since(t0), 0.5) << "liveness: answered while 16 clients stall";
  }
  for (int fd : stalled) ::close(fd);
}

// ---- 3. every query has a deadline; prefix expansions are bounded

TEST_F(ServerHardening, QueriesStopAtTheirDeadline) {
  Store store(db_, StoreOptions{.read_only = true, .create = false});
  SearchQuery q;
  q.text = "said";
  ASSERT_NO_THROW(store.search(q));
  store.set_interrupt([] { return true; });
  try {
    store.search(q);
    FAIL() << "an interrupted search returned";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kStore) << "not the query's fault (not kBadInput)";
    EXPECT_NE(std::string(e.what()).find("interrupted"), std::string::npos) << e.what();
  }
  // The server's interrupt: the request's deadline.
  server::Deadline past(Clock::now() - std::chrono::milliseconds(1), -1);
  EXPECT_TRUE(past.expired());
  EXPECT_EQ(past.why(), server::Deadline::kTime);
}

TEST_F(ServerHardening, QueriesStopWhenTheClientLeaves) {
  int fds[2];
  ASSERT_EQ(::socketpair(AF_UNIX, SOCK_STREAM, 0, fds), 0);
  server::Deadline d(Clock::now() + std::chrono::hours(1), fds[0]);
  EXPECT_FALSE(d.expired());
  ::close(fds[1]);  // the client hangs up
  std::this_thread::sleep_for(std::chrono::milliseconds(10));  // past the 5 ms between looks
  EXPECT_TRUE(d.expired());
  EXPECT_EQ(d.why(), server::Deadline::kClientGone);
  ::close(fds[0]);
}

// Typed text is bounded by the query parser (store/query.h: short prefixes are
// whole words, at most four prefixes); raw FTS5 is refused when it would cost.
TEST_F(ServerHardening, ExpensivePrefixSearchesAreBoundedOrRefused) {
  std::string q;
  for (int i = 0; i < 333; ++i) q += "t*%20";
  auto t0 = Clock::now();
  EXPECT_EQ(status_of(round_trip(port(), request("GET", "/api/search?q=" + q))), 200);
  EXPECT_LT(seconds_since(t0), 2.0);
  t0 = Clock::now();
  std::string resp = round_trip(port(), request("GET", "/api/search?raw=1&q=" + q));
  EXPECT_EQ(status_of(resp), 400) << body_of(resp);
  EXPECT_NE(body_of(resp).find("'*'"), std::string::npos) << body_of(resp);
  EXPECT_LT(seconds_since(t0), 2.0);
  EXPECT_EQ(status_of(round_trip(port(), request("GET", "/api/search?raw=1&q=gov*%20lab*"))), 200);
  std::string five = "ab*%20cd*%20ef*%20gh*%20ij*";
  EXPECT_EQ(status_of(round_trip(port(), request("GET", "/api/search?raw=1&q=" + five))), 400);
  EXPECT_EQ(status_of(round_trip(port(), request("GET", "/api/search?q=" + five))), 200);
}

// ---- 4. origin checks

TEST_F(ServerHardening, HostHeaderMustNameThisServer) {
  auto get_with_host = [](int p, const std::string& host) {
    return status_of(round_trip(p, "GET /api/stats HTTP/1.1\r\nHost: " + host +
                                     "\r\nConnection: close\r\n\r\n"));
  };
  EXPECT_EQ(get_with_host(port(), "evil.example"), 421);
  EXPECT_EQ(get_with_host(port(), "evil.example:" + std::to_string(port())), 421);
  EXPECT_EQ(get_with_host(port(), "127.0.0.1.evil.example"), 421);
  EXPECT_EQ(get_with_host(port(), "localhost:" + std::to_string(port())), 200);
  EXPECT_EQ(get_with_host(port(), "LOCALHOST"), 200);
  EXPECT_EQ(get_with_host(port(), "[::1]:" + std::to_string(port())), 200);
  Running named(ServerOptions{.db_path = db_, .port = 0, .allowed_hosts = {"quotes.example"}});
  EXPECT_EQ(get_with_host(named.port(), "quotes.example"), 200);
  EXPECT_EQ(get_with_host(named.port(), "other.example"), 421);
}

TEST_F(ServerHardening, CrossSitePostsAreRefused) {
  std::string text = kArticle;
  auto post = [&](const std::string& headers, const std::string& body) {
    return round_trip(port(), request("POST", "/api/extract", headers, body));
  };
  // What a form or fetch() on another site can send without a preflight.
  EXPECT_EQ(status_of(post("Content-Type: text/plain\r\n", text)), 415);
  EXPECT_EQ(status_of(post("Content-Type: text/plain;charset=UTF-8\r\n", text)), 415);
  EXPECT_EQ(status_of(post("Content-Type: application/x-www-form-urlencoded\r\n", "text=a")), 415);
  EXPECT_EQ(status_of(post("Content-Type: multipart/form-data; boundary=x\r\n", "--x--")), 415);
  EXPECT_EQ(status_of(post("", text)), 415) << "no Content-Type";
  // What only a same-origin page or a script can.
  EXPECT_EQ(status_of(post(kJson, json_body(text))), 200);
  EXPECT_EQ(status_of(post("Content-Type: text/plain\r\nX-Requested-With: curl\r\n", text)), 200);
}

// ---- 5. lenient parsing: refused at once, with the right status

TEST_F(ServerHardening, MalformedFramingIsRefusedAtOnce) {
  struct Case {
    const char* what;
    std::string request;
    int status;
  };
  std::string headers100k;
  for (int i = 0; i < 100000; ++i) headers100k += "X-" + std::to_string(i) + ": a\r\n";
  std::string headers150;
  for (int i = 0; i < 150; ++i) headers150 += "X-" + std::to_string(i) + ": a\r\n";
  std::string post = "POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\n" + kJson;
  const Case cases[] = {
      {"duplicate Content-Length", post + "Content-Length: 5\r\nContent-Length: 50\r\n\r\nhello",
       400},
      {"negative Content-Length", post + "Content-Length: -5\r\n\r\n", 400},
      {"overflowing Content-Length", post + "Content-Length: 99999999999999999999999\r\n\r\n", 413},
      {"Content-Length and chunked", post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", 400},
      {"100k headers", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers100k + "\r\n", 431},
      {"150 headers", "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + headers150 + "\r\n", 431},
      {"mixed-case Content-Type",
       "POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: "
       "Application/JSON; Charset=UTF-8\r\nContent-Length: " +
           std::to_string(json_body(kArticle).size()) + "\r\n\r\n" + json_body(kArticle),
       200},
  };
  for (const Case& c : cases) {
    auto t0 = Clock::now();
    std::string resp = round_trip(port(), c.request);
    EXPECT_EQ(status_of(resp), c.status) << c.what << ": " << resp.substr(0, 200);
    EXPECT_LT(seconds_since(t0), 1.5) << c.what << ": answered at once, not after a timeout";
  }
}

// ---- 4b. the port

TEST_F(ServerHardening, PortInUseIsAnError) {
  Server second(ServerOptions{.db_path = db_, .port = port()});
  try {
    second.bind();
    FAIL() << "two servers listen on port " << port();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("already in use"), std::string::npos) << e.what();
  }
}

// ---- 5b. idle keep-alive connections never block new ones

TEST_F(ServerHardening, IdleKeepAliveConnectionsDoNotBlockNewOnes) {
  // Four times as many idle keep-alive connections as workers.
  Running s(ServerOptions{.db_path = db_, .port = 0, .threads = 4});
  std::vector<int> idle;
  for (int i = 0; i < 16; ++i) {
    int fd = connect_to(s.port());
    ASSERT_GE(fd, 0);
    std::string r = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    (void)!::send(fd, r.data(), r.size(), MSG_NOSIGNAL);
    ASSERT_EQ(status_of(read_response(fd)), 200);
    idle.push_back(fd);  // kept open, idle
  }
  auto t0 = Clock::now();
  std::string resp = round_trip(s.port(), request("GET", "/healthz"));
  EXPECT_EQ(status_of(resp), 200);
  EXPECT_LT(seconds_since(t0), 0.1) << "liveness bound, not a benchmark";
  // The idle ones still work.
  std::string r = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
  (void)!::send(idle[0], r.data(), r.size(), MSG_NOSIGNAL);
  EXPECT_EQ(status_of(read_response(idle[0])), 200);
  for (int fd : idle) ::close(fd);
}


// ---- 6b. every documented status, produced

TEST_F(ServerHardening, EveryDocumentedStatus) {
  Running cors(ServerOptions{.db_path = db_, .port = 0, .cors_origin = "*"});
  json speakers = json::parse(body_of(round_trip(port(), request("GET", "/api/speakers"))));
  ASSERT_FALSE(speakers["speakers"].empty());
  std::string speaker = std::to_string(speakers["speakers"][0]["id"].get<int64_t>());
  json hits = json::parse(body_of(round_trip(port(), request("GET", "/api/search"))));
  ASSERT_FALSE(hits["results"].empty());
  std::string article = std::to_string(hits["results"][0]["article"]["id"].get<int64_t>());
  std::string many_headers;
  for (int i = 0; i < 101; ++i) many_headers += "X-" + std::to_string(i) + ": a\r\n";

  struct Case {
    std::string op;  // "METHOD /openapi/path", or "" for what applies to every path
    int status;
    std::string request;
    int port = 0;  // 0: the suite's server
  };
  const std::string good = json_body(kArticle);
  const std::vector<Case> cases = {
      {"get /api/search", 200, request("GET", "/api/search?q=said")},
      {"get /api/search", 400, request("GET", "/api/search?limit=0")},
      {"get /api/speakers", 200, request("GET", "/api/speakers")},
      {"get /api/speakers", 400, request("GET", "/api/speakers?top=0")},
      {"get /api/speakers/{id}", 200, request("GET", "/api/speakers/" + speaker)},
      {"get /api/speakers/{id}", 400, request("GET", "/api/speakers/abc")},
      {"get /api/speakers/{id}", 404, request("GET", "/api/speakers/999999")},
      {"get /api/articles/{id}", 200, request("GET", "/api/articles/" + article)},
      {"get /api/articles/{id}", 400, request("GET", "/api/articles/abc")},
      {"get /api/articles/{id}", 404, request("GET", "/api/articles/999999")},
      {"get /api/conflicts", 200, request("GET", "/api/conflicts")},
      {"get /api/conflicts", 400, request("GET", "/api/conflicts?limit=0")},
      {"get /api/stats", 200, request("GET", "/api/stats")},
      {"get /api/stats", 400, request("GET", "/api/stats?x=1")},
      {"get /healthz", 200, request("GET", "/healthz")},
      {"get /api/openapi.json", 200, request("GET", "/api/openapi.json")},
      {"post /api/extract", 200, request("POST", "/api/extract", kJson, good)},
      {"post /api/extract", 400, request("POST", "/api/extract", kJson, R"({"text": "a", "colour": 1})")},
      {"post /api/extract", 411, request("POST", "/api/extract", kJson, "", false)},
      {"post /api/extract", 413, request("POST", "/api/extract", kJson + "Content-Length: 99999999\r\n", "", false)},
      {"post /api/extract", 415, request("POST", "/api/extract", "Content-Type: application/x-www-form-urlencoded\r\n", "text=a")},
      {"", 204, request("OPTIONS", "/api/extract", "Origin: https://a.example\r\n"), cors.port()},
      {"", 404, request("GET", "/no/such/page")},
      {"", 405, request("DELETE", "/api/search")},
      {"", 421, "GET /healthz HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n"},
      {"", 431, "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n" + many_headers + "\r\n"},
  };
  std::set<std::pair<std::string, int>> produced;
  std::set<int> statuses;
  for (const Case& c : cases) {
    std::string resp = round_trip(c.port ? c.port : port(), c.request);
    EXPECT_EQ(status_of(resp), c.status) << c.op << " " << c.request.substr(0, 60);
    if (c.status == 405) EXPECT_NE(resp.find("Allow: GET, HEAD"), std::string::npos);
    produced.insert({c.op, c.status});
    statuses.insert(c.status);
  }
  // What cannot be produced against a healthy database (see docs/api.md).
  const std::set<int> not_on_demand = {500, 503};

  std::ifstream spec_file(std::string(WHOSAID_SOURCE_DIR) + "/web/openapi.json");
  json spec = json::parse(spec_file);
  std::set<std::pair<std::string, int>> documented;
  for (const auto& [path, ops] : spec["paths"].items())
    for (const auto& [method, op] : ops.items())
      for (const auto& [status, _] : op["responses"].items()) {
        int code = std::stoi(status);
        if (!not_on_demand.count(code)) documented.insert({method + " " + path, code});
      }
  std::set<std::pair<std::string, int>> produced_ops;
  for (const auto& p : produced)
    if (!p.first.empty()) produced_ops.insert(p);
  EXPECT_EQ(documented, produced_ops) << "web/openapi.json and this test disagree";

  std::ifstream md(std::string(WHOSAID_SOURCE_DIR) + "/docs/api.md");
  std::string line;
  bool in_table = false;
  std::set<int> table;
  while (std::getline(md, line)) {
    if (line.rfind("## ", 0) == 0) in_table = line == "## Status codes";
    if (in_table && line.size() > 6 && line[0] == '|' && std::isdigit(static_cast<unsigned char>(line[2])))
      table.insert(std::stoi(line.substr(2, 3)));
  }
  for (int code : not_on_demand) EXPECT_TRUE(table.count(code)) << code;
  for (int code : not_on_demand) table.erase(code);
  EXPECT_EQ(table, statuses) << "docs/api.md's status table and this test disagree";
}

}  // namespace
}  // namespace whosaid

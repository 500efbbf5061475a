// The HTTP side of `whosaid serve`, on libmicrohttpd: sockets, parsing, limits
// and the worker threads. Knows nothing of the API; Server (server.cc) gives it
// two functions, one that may refuse a request from its headers alone and one
// that answers a complete request.
//
//   HttpDaemon http(limits, screen, handle);
//   int port = http.bind("127.0.0.1", 0);   // throws Error(kIo)
//   http.start();                           // serving from its own threads
//   ...
//   http.stop();
//
// How it holds up against hostile clients (docs/hostile-input.md):
//  - Sockets are watched by one epoll thread; a connection takes a worker only
//    once its request is complete. Idle keep-alive and stalled connections
//    hold no worker, so they never keep a new request waiting.
//  - Each request must be read in full within `request_seconds` of the
//    connection opening or of the previous response (a whole-request deadline,
//    not an idle timer: one header line every few seconds does not keep it
//    alive). A connection silent for `idle_seconds` is closed.
//  - Bodies are counted after decoding (chunked framing, gzip) and refused
//    with 413 as soon as they pass `max_body`; request headers are held to
//    `max_header_bytes` (431) and `max_headers` lines (431); a duplicate or
//    malformed Content-Length, or one next to Transfer-Encoding, is a 400.
//  - While the handler runs, Deadline::current() says when its time is up
//    (handler_ms) or the client has hung up.
//
// Threading: screen() runs on the epoll thread (keep it cheap); handle() on the
// `workers` threads. bind() and start() from one thread; stop() from any.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "server/deadline.h"

namespace whosaid::server {

struct HttpRequest {
  std::string method;   // "GET", as sent
  std::string path;     // percent-decoded, without the query
  std::string version;  // "HTTP/1.1"
  std::multimap<std::string, std::string> query;      // decoded; "a" alone → "a" = ""
  std::vector<std::pair<std::string, std::string>> headers;  // as sent, in order
  std::string body;     // decoded
  bool has_body = false;  // Content-Length or Transfer-Encoding was sent
  std::string remote;   // client address
  std::string target;   // path?query, as logged

  // The first header named `name` (case-insensitive), or "".
  std::string header(std::string_view name) const;
  size_t header_count(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::string content_type;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  bool close = false;  // close the connection after this response
};

struct HttpLimits {
  size_t max_body = 2u << 20;
  size_t max_header_bytes = 32u << 10;
  unsigned max_headers = 100;
  int request_seconds = 10;
  int idle_seconds = 5;
  unsigned workers = 8;
  int handler_ms = 10000;  // each request's Deadline, from when its handler starts
  unsigned max_connections = 1000;
  int backlog = 511;
};

class HttpDaemon {
 public:
  // Looks at a request whose headers are in (body not yet read). Returns true
  // and fills `res` to answer at once; the body is then not read.
  using Screen = std::function<bool(const HttpRequest&, HttpResponse&)>;
  // Answers a complete request; runs on a worker thread.
  using Handle = std::function<void(const HttpRequest&, HttpResponse&)>;
  // Called after each response with the request and the status sent.
  using Log = std::function<void(const HttpRequest&, const HttpResponse&)>;

  HttpDaemon(HttpLimits limits, Screen screen, Handle handle, Log log = {});
  ~HttpDaemon();
  HttpDaemon(const HttpDaemon&) = delete;
  HttpDaemon& operator=(const HttpDaemon&) = delete;

  // Listens on host:port (no SO_REUSEPORT: a port in use is an error); returns
  // the port. Throws whosaid::Error(kIo) saying why it could not.
  int bind(const std::string& host, int port);
  void start();  // throws Error(kIo) when libmicrohttpd cannot start
  void stop();   // waits for running handlers; idempotent

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid::server

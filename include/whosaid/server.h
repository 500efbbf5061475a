// whosaid/server.h — `whosaid serve`: the quote store over HTTP, as a JSON API and
// as web pages (search, article, speaker, paste an article, overview).
//
//   whosaid::ServerOptions opt;
//   opt.db_path = "news.db";                  // opened read-only, never created
//   opt.port = 0;                             // 0: any free port
//   whosaid::Server server(opt);              // throws whosaid::Error (see below)
//   int port = server.bind();                 // listening from here on
//   std::thread t([&] { server.run(); });     // serves until stop()
//   ...                                       // GET http://127.0.0.1:<port>/api/stats
//   server.stop();                            // from any thread; run() returns
//   t.join();
//
// Endpoints (docs/api.md has an example of each; /api/openapi.json describes them):
//   GET  /api/search?q=&speaker=&role=&outlet=&from=&to=&kind=&limit=&offset=
//   GET  /api/speakers?top=            GET /api/speakers/{id}
//   GET  /api/articles/{id}            GET /api/conflicts?limit=
//   GET  /api/stats                    POST /api/extract     GET /healthz
//   GET  /api/openapi.json
// Pages: / (overview), /search, /articles/{id}, /speakers/{id}, /paste; their
// scripts and styles under /static/. Every page and asset is compiled into the
// binary (web/ in the source tree): nothing is read from disk or fetched from
// elsewhere at run time, so no request path can reach a file.
//
// Offsets: quote spans are given twice, as UTF-8 byte offsets into the stored
// text ("spans", as everywhere in whosaid) and as UTF-16 code-unit offsets into
// the "text" the response carries ("spans16"), which JavaScript indexes directly.
// That text is the stored text with each invalid UTF-8 byte replaced by U+FFFD.
//
// Errors: every API error response is JSON {"error": "<what>", "code": <HTTP
// status>}, plus "parameter" when one query parameter or body field is at
// fault; unknown pages get an HTML 404 page. docs/api.md ("Status codes") lists
// every status: 400, 404, 405 (with Allow), 411, 413, 415, 421, 431, 500, 503.
//
// Security: the database is opened read-only; every SQL statement binds its
// values; pages escape all text (they insert it as text nodes only) and are sent
// with a Content-Security-Policy that allows no inline script. Requests are
// limited in body size (max_body_bytes, counted after chunked and gzip
// decoding), in header size, and in time (a whole-request deadline, an idle
// timeout, and a deadline on every SQL query, which also stops when the client
// hangs up). Only Host names of this server are answered (allowed_hosts);
// POST takes JSON, or text/plain with an X-Requested-With header. No CORS
// header is sent unless cors_origin is set.
//
// Threading: one thread watches every connection; complete requests are
// answered by `threads` worker threads (idle and slow connections hold none). Each thread that
// queries borrows its own database connection from a pool; one shared, immutable
// Extractor serves POST /api/extract. bind(), run() and stop() may be called
// from different threads; everything else about a Server is internal.
//
// Lifetime: the constructor opens (and checks) the database; bind() opens the
// socket; run() blocks until stop(). The destructor stops a running server.
#pragma once

#include <cstddef>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

namespace whosaid {

struct ServerOptions {
  std::string db_path = "whosaid.db";
  std::string host = "127.0.0.1";   // loopback unless told otherwise
  int port = 8080;                  // 0: a free port, chosen by the system
  std::string cors_origin;          // "" (default): no CORS; else the allowed Origin ("*" for any)
  // Host names (Host header, port ignored) answered besides localhost,
  // 127.0.0.1, ::1 and `host`; any other Host gets 421 (DNS rebinding).
  std::vector<std::string> allowed_hosts;
  size_t max_body_bytes = 2u << 20; // POST bodies beyond this get 413
  int read_timeout_seconds = 10;    // each request must be in within this (a whole-request deadline)
  int keep_alive_seconds = 5;       // an idle (or silent) connection is closed after this
  int write_timeout_seconds = 10;   // unused since libmicrohttpd: keep_alive_seconds covers stalled reads of responses
  int query_timeout_ms = 10000;     // the server's own SQL queries are interrupted after this
  int cache_seconds = 30;           // /api/stats, /api/speakers, /api/conflicts cached this long
  unsigned threads = 8;             // worker threads (and at most as many DB connections)
  std::ostream* access_log = nullptr;  // one line per request when set
};

class Server {
 public:
  // Opens the database read-only and checks that it is a whosaid database.
  // Throws whosaid::Error: kIo when the file is missing or unreadable, kStore when
  // it is not a whosaid database or its schema is newer than this build.
  explicit Server(ServerOptions options);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds to host:port and returns the port (the chosen one when port was 0).
  // Throws whosaid::Error(kIo) when the address cannot be bound, e.g. when the
  // port is in use (the socket is never shared: no SO_REUSEPORT).
  int bind();
  // Serves requests until stop() is called; binds first if bind() was not called.
  // Returns false when the server could not listen.
  bool run();
  // Stops run() (from any thread, not from a signal handler) and returns when
  // run() has returned. Idempotent; after a stop(), a later run() returns at once.
  void stop();

  int port() const noexcept;          // 0 before bind()
  std::string url() const;            // "http://127.0.0.1:8080/"
  const ServerOptions& options() const noexcept;

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid

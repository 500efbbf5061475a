#include "whosaid/server.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "server/api.h"
#include "server/export.h"
#include "server/http_daemon.h"
#include "server/text_offsets.h"
#include "server/web_assets.h"
#include "whosaid/error.h"

namespace whosaid {

using server::Api;
using server::ApiError;
using server::error_json;
using server::HttpRequest;
using server::HttpResponse;

namespace {

const char* kJson = "application/json; charset=utf-8";

// No inline script or style anywhere: a quotation that slipped through as HTML
// still could not run.
const char* kContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string mime_type(std::string_view name) {
  auto ends = [&](std::string_view ext) {
    return name.size() >= ext.size() && name.substr(name.size() - ext.size()) == ext;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".json")) return kJson;
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

const server::WebAsset* find_asset(std::string_view name) {
  for (const auto& a : server::web_assets())
    if (name == a.name) return &a;
  return nullptr;
}

// The pages. web/<file> holds only what goes inside the page's <main>; the rest
// (head, header with the navigation, footer) is web/layout.html, shared by all,
// whose {{title}}, {{page}} (the body's data-page and the page's script,
// /static/<page>.js) and {{main}} are filled in once, when the server starts.
// A page whose path ends in an id ("/articles/" + id) is served only when the
// id names a stored article or speaker; other ids get the 404 page.
struct PageSpec {
  const char* path;  // the whole path, or the part before the id
  bool takes_id;
  const char* file;
  const char* page;
  const char* title;
};
const PageSpec kPages[] = {
    {"/", false, "index.html", "overview", "Overview"},
    {"/search", false, "search.html", "search", "Search"},
    {"/speakers", false, "speakers.html", "speakers", "Speakers"},
    {"/conflicts", false, "conflicts.html", "conflicts", "Conflicts"},
    {"/paste", false, "paste.html", "paste", "Paste an article"},
    {"/articles/", true, "article.html", "article", "Article"},
    {"/speakers/", true, "speaker.html", "speaker", "Speaker"},
    {"", false, "notfound.html", "notfound", "Not found"},  // served for unknown pages
};
const char* kLayoutPage = "layout.html";

const server::WebAsset& embedded(std::string_view name) {
  const server::WebAsset* a = find_asset(name);
  if (!a) throw std::logic_error("web asset " + std::string(name) + " is not embedded");
  return *a;
}

// The layout with each {{name}} replaced, in one pass: what is put in is not
// looked at again.
std::string compose_page(const PageSpec& p) {
  std::string_view body = embedded(p.file).bytes();
  if (!body.empty() && body.back() == '\n') body.remove_suffix(1);
  std::string_view layout = embedded(kLayoutPage).bytes();
  std::string out;
  size_t at = 0;
  for (size_t open; (open = layout.find("{{", at)) != std::string_view::npos;) {
    size_t close = layout.find("}}", open);
    if (close == std::string_view::npos) break;
    std::string_view key = layout.substr(open + 2, close - open - 2);
    out.append(layout.substr(at, open - at));
    if (key == "title") out += p.title;
    else if (key == "page") out += p.page;
    else if (key == "main") out += body;
    else throw std::logic_error("web/layout.html: unknown {{" + std::string(key) + "}}");
    at = close + 2;
  }
  out.append(layout.substr(at));
  return out;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// "Text/Plain; charset=UTF-8" → "text/plain".
std::string media_type(std::string_view header) {
  std::string_view t = header.substr(0, header.find(';'));
  while (!t.empty() && (t.front() == ' ' || t.front() == '\t')) t.remove_prefix(1);
  while (!t.empty() && (t.back() == ' ' || t.back() == '\t')) t.remove_suffix(1);
  return lower(t);
}

// "127.0.0.1:8080" → "127.0.0.1"; "[::1]:8080" → "::1".
std::string host_name(std::string_view host) {
  if (starts_with(host, "[")) {
    size_t close = host.find(']');
    return lower(host.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1));
  }
  size_t colon = host.find(':');
  if (colon != std::string_view::npos && host.find(':', colon + 1) == std::string_view::npos)
    host = host.substr(0, colon);
  return lower(host);
}

// What a path is, and which methods it takes.
enum class Route {
  kNone, kHealth, kSearch, kSpeakers, kSpeaker, kArticle, kConflicts, kStats, kExtract,
  kOpenApi, kPage, kStatic, kFavicon
};

struct Resolved {
  Route route = Route::kNone;
  std::string param;             // the id or the asset name
  const PageSpec* page = nullptr;
  bool api = false;              // answers in JSON (errors too)
  const char* allow = "GET, HEAD";
};

Resolved resolve(std::string_view path) {
  Resolved r;
  auto tail = [&](std::string_view prefix, Route route) {
    if (!starts_with(path, prefix) || path.size() == prefix.size()) return false;
    std::string_view rest = path.substr(prefix.size());
    if (rest.find('/') != std::string_view::npos) return false;
    r.route = route;
    r.param = rest;
    return true;
  };
  if (path == "/healthz") r.route = Route::kHealth;
  else if (path == "/api/search") r.route = Route::kSearch;
  else if (path == "/api/speakers") r.route = Route::kSpeakers;
  else if (path == "/api/conflicts") r.route = Route::kConflicts;
  else if (path == "/api/stats") r.route = Route::kStats;
  else if (path == "/api/extract") r.route = Route::kExtract, r.allow = "POST";
  else if (path == "/api/openapi.json") r.route = Route::kOpenApi;
  else if (tail("/api/speakers/", Route::kSpeaker) || tail("/api/articles/", Route::kArticle)) {}
  else if (path == "/favicon.ico") r.route = Route::kFavicon;
  else if (tail("/static/", Route::kStatic)) {}
  else {
    for (const PageSpec& p : kPages) {
      if (!*p.path) continue;
      if (p.takes_id ? tail(p.path, Route::kPage) : path == p.path) {
        r.route = Route::kPage;
        r.page = &p;
        break;
      }
    }
  }
  r.api = path == "/healthz" || starts_with(path, "/api/");
  return r;
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<Api> api;
  std::unique_ptr<server::HttpDaemon> http;
  std::vector<std::string> allowed_hosts;  // lower case, without port
  std::atomic<int> port{0};
  std::mutex log_mutex;
  // run() waits here until stop(); a stop() before run() is not lost.
  std::mutex run_mutex;
  std::condition_variable run_cv;
  bool stop_requested = false;  // guarded by run_mutex
  bool running = false;         // guarded by run_mutex

  // The pages as served, by file name: see compose_page.
  std::map<std::string, std::string, std::less<>> pages;

  explicit Impl(ServerOptions o) : options(std::move(o)) {}

  void send_json(HttpResponse& res, int status, std::string body) {
    res.status = status;
    res.content_type = kJson;
    res.body = std::move(body);
  }

  void send_error(HttpResponse& res, int status, const std::string& message,
                  const std::string& parameter = {}) {
    send_json(res, status, error_json(status, message, parameter));
  }

  void send_file(HttpResponse& res, std::string_view name, std::string bytes, int status = 200) {
    res.status = status;
    res.content_type = mime_type(name);
    res.body = std::move(bytes);
    res.headers.emplace_back("Cache-Control", "no-cache");
  }

  // 404: JSON under /api/ and /healthz, the HTML page elsewhere.
  void not_found(const HttpRequest& req, HttpResponse& res, bool api_path) {
    if (api_path) send_error(res, 404, "not found: " + req.path);
    else send_file(res, "notfound.html", pages.find("notfound.html")->second, 404);
  }

  // A page by its file name, composed; any other embedded file as it is. The
  // layout is not served by itself.
  void serve_static(const HttpRequest& req, HttpResponse& res, std::string_view name) {
    if (auto p = pages.find(name); p != pages.end() && name != "notfound.html") {
      send_file(res, name, p->second);
      return;
    }
    const server::WebAsset* a =
        name == kLayoutPage || name.find("..") != std::string_view::npos ? nullptr : find_asset(name);
    if (!a) return not_found(req, res, false);
    send_file(res, name, std::string(a->bytes()));
  }

  bool host_allowed(const HttpRequest& req) {
    if (req.header_count("Host") == 0) return req.version == "HTTP/1.0";
    if (req.header_count("Host") > 1) return false;
    std::string name = host_name(req.header("Host"));
    for (const std::string& h : allowed_hosts)
      if (name == h) return true;
    return false;
  }

  // On the HTTP thread, before the body is read: what can be refused from
  // the request line and headers alone.
  bool screen(const HttpRequest& req, HttpResponse& res) {
    bool refused = refuse(req, res);
    if (refused) decorate(req, res);
    return refused;
  }

  bool refuse(const HttpRequest& req, HttpResponse& res) {
    if (!host_allowed(req)) {
      // DNS rebinding: a page on evil.example whose name now points here.
      send_error(res, 421, "Host '" + server::valid_utf8(req.header("Host")) +
                               "' is not served here; use one of: " + join_hosts());
      return true;
    }
    Resolved r = resolve(req.path);
    if (r.route == Route::kNone) {
      not_found(req, res, r.api);
      return true;
    }
    const std::string& m = req.method;
    if (m == "OPTIONS" && r.api && !options.cors_origin.empty()) {
      res.status = 204;
      res.headers.emplace_back("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
      res.headers.emplace_back("Access-Control-Allow-Headers", "Content-Type, X-Requested-With");
      res.headers.emplace_back("Access-Control-Max-Age", "600");
      return true;
    }
    bool allowed = r.route == Route::kExtract ? m == "POST" : (m == "GET" || m == "HEAD");
    if (!allowed) {
      res.headers.emplace_back("Allow", r.allow);
      send_error(res, 405, std::string("method not allowed; use ") + r.allow +
                               (r.route == Route::kExtract ? " with the text as the body" : ""));
      return true;
    }
    if (r.route == Route::kExtract) {
      if (!req.has_body) {
        send_error(res, 411, "length required: POST the text as the body, with a Content-Length");
        return true;
      }
      if (req.header("Content-Length") == "0") {
        send_error(res, 400, "the body is empty: send {\"text\": \"...\"}", "body");
        return true;
      }
      std::string type = media_type(req.header("Content-Type"));
      // A page on another site can POST text/plain or a form without asking
      // (no CORS preflight); JSON, or a custom header, it cannot.
      bool ok = type == "application/json" ||
                (type == "text/plain" && req.header_count("X-Requested-With") > 0);
      if (!ok) {
        send_error(res, 415,
                   "send Content-Type: application/json ({\"text\": \"...\"}), or text/plain with "
                   "an X-Requested-With header; got '" + server::valid_utf8(type) + "'",
                   "Content-Type");
        return true;
      }
    }
    return false;
  }

  std::string join_hosts() const {
    std::string out;
    for (const std::string& h : allowed_hosts) out += (out.empty() ? "" : ", ") + h;
    return out;
  }

  // On a worker thread: the complete request.
  void handle(const HttpRequest& req, HttpResponse& res) {
    route(req, res);
    decorate(req, res);
  }

  void route(const HttpRequest& req, HttpResponse& res) {
    Resolved r = resolve(req.path);
    switch (r.route) {
      case Route::kHealth: return json(res, [&] { return api->health(); });
      case Route::kSearch: return search(req, res);
      case Route::kSpeakers: return json(res, [&] { return api->speakers(req.query); });
      case Route::kSpeaker: return json(res, [&] { return api->speaker(r.param, req.query); });
      case Route::kArticle: return json(res, [&] { return api->article(r.param, req.query); });
      case Route::kConflicts: return json(res, [&] { return api->conflicts(req.query); });
      case Route::kStats: return json(res, [&] { return api->stats(req.query); });
      case Route::kExtract:
        return json(res, [&] {
          return api->extract(req.body, req.header("Content-Type"), req.query);
        });
      case Route::kOpenApi: return serve_static(req, res, "openapi.json");
      case Route::kFavicon: return serve_static(req, res, "favicon.svg");
      case Route::kStatic: return serve_static(req, res, r.param);
      case Route::kPage:
        if (r.page->takes_id) {
          bool found = false;
          json(res, [&] {
            found = api->exists(r.page->file == std::string_view("article.html") ? Api::kArticle
                                                                                 : Api::kSpeaker,
                                r.param);
            return std::string();
          });
          if (res.status != 200) return;
          if (!found) return not_found(req, res, false);
        }
        return serve_static(req, res, r.page->file);
      case Route::kNone: return not_found(req, res, r.api);
    }
  }

  // JSON, or with format=csv|jsonl a file to download.
  void search(const HttpRequest& req, HttpResponse& res) {
    json(res, [&] { return api->search(req.query); });
    auto f = req.query.find("format");
    server::ExportFormat format;
    if (res.status != 200 || f == req.query.end() || !server::parse_export_format(f->second, format) ||
        format == server::ExportFormat::kJson)
      return;
    res.content_type = server::export_content_type(format);
    res.headers.emplace_back("Content-Disposition", std::string("attachment; filename=\"quotes.") +
                                                        server::export_extension(format) + "\"");
  }

  // Runs an API call and maps what it throws to a status and a JSON error.
  template <typename Fn>
  void json(HttpResponse& res, Fn fn) {
    try {
      send_json(res, 200, fn());
    } catch (const ApiError& e) {
      send_error(res, e.status, e.what(), e.parameter);
    } catch (const Error& e) {
      server::Deadline* d = server::Deadline::current();
      if (d && d->why() != server::Deadline::kNone) {
        send_error(res, 503, d->why() == server::Deadline::kTime
                                 ? "the query took longer than " +
                                       std::to_string(options.query_timeout_ms) +
                                       " ms and was stopped; narrow it"
                                 : "the client went away");
      } else if (e.code() == ErrorCode::kBadInput) {
        send_error(res, 400, e.what());
      } else {
        log("error: " + std::string(e.what()));
        send_error(res, 500, std::string("database error: ") + e.what());
      }
    } catch (const std::exception& e) {
      log("error: " + std::string(e.what()));
      send_error(res, 500, std::string("internal error: ") + e.what());
    }
  }

  void decorate(const HttpRequest& req, HttpResponse& res) {
    res.headers.emplace_back("X-Content-Type-Options", "nosniff");
    res.headers.emplace_back("Referrer-Policy", "no-referrer");
    res.headers.emplace_back("X-Frame-Options", "DENY");
    res.headers.emplace_back("Content-Security-Policy", kContentSecurityPolicy);
    if (!options.cors_origin.empty() && (starts_with(req.path, "/api/") || req.path == "/healthz")) {
      res.headers.emplace_back("Access-Control-Allow-Origin", options.cors_origin);
      if (options.cors_origin != "*") res.headers.emplace_back("Vary", "Origin");
    }
  }

  void log(const std::string& line) {
    if (!options.access_log) return;
    std::lock_guard lock(log_mutex);
    *options.access_log << line << "\n" << std::flush;
  }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  Impl& d = *impl_;
  const ServerOptions& o = d.options;
  d.api = std::make_unique<Api>(o);
  for (const PageSpec& p : kPages) d.pages.emplace(p.file, compose_page(p));
  d.allowed_hosts = {"localhost", "127.0.0.1", "::1"};
  if (o.host != "0.0.0.0" && o.host != "::" && !o.host.empty()) d.allowed_hosts.push_back(lower(o.host));
  for (const std::string& h : o.allowed_hosts) d.allowed_hosts.push_back(host_name(h));

  server::HttpLimits limits;
  limits.max_body = o.max_body_bytes;
  limits.request_seconds = o.read_timeout_seconds;
  limits.idle_seconds = std::max(1, std::min(o.keep_alive_seconds, o.read_timeout_seconds));
  limits.workers = o.threads ? o.threads : 8;
  limits.handler_ms = o.query_timeout_ms > 0 ? o.query_timeout_ms : 10000;
  server::HttpDaemon::Log log;
  if (o.access_log)
    log = [&d](const HttpRequest& req, const HttpResponse& res) {
      d.log(req.remote + " " + req.method + " " + req.target + " " + std::to_string(res.status) +
            " " + std::to_string(res.body.size()));
    };
  d.http = std::make_unique<server::HttpDaemon>(
      limits, [&d](const HttpRequest& q, HttpResponse& r) { return d.screen(q, r); },
      [&d](const HttpRequest& q, HttpResponse& r) { d.handle(q, r); }, std::move(log));
}

Server::~Server() { stop(); }

int Server::bind() {
  if (impl_->port) return impl_->port;
  const ServerOptions& o = impl_->options;
  if (o.port < 0 || o.port > 65535)
    throw Error(ErrorCode::kBadInput, "port " + std::to_string(o.port) + " is not 0–65535");
  impl_->port = impl_->http->bind(o.host, o.port);
  return impl_->port;
}

bool Server::run() {
  if (!impl_->port) bind();
  std::unique_lock lock(impl_->run_mutex);
  if (impl_->stop_requested) return true;
  impl_->http->start();
  impl_->running = true;
  impl_->run_cv.wait(lock, [&] { return impl_->stop_requested; });
  impl_->http->stop();
  impl_->running = false;
  impl_->run_cv.notify_all();
  return true;
}

void Server::stop() {
  if (!impl_) return;
  std::unique_lock lock(impl_->run_mutex);
  impl_->stop_requested = true;
  impl_->run_cv.notify_all();
  impl_->run_cv.wait(lock, [&] { return !impl_->running; });
}

int Server::port() const noexcept { return impl_->port; }

std::string Server::url() const {
  std::string host = impl_->options.host;
  if (host.find(':') != std::string::npos) host = "[" + host + "]";
  if (host == "0.0.0.0") host = "127.0.0.1";
  return "http://" + host + ":" + std::to_string(impl_->port) + "/";
}

const ServerOptions& Server::options() const noexcept { return impl_->options; }

}  // namespace whosaid

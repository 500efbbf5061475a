#include "whosaid/server.h"

#include <httplib.h>

#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <stdexcept>
#include <string_view>
#include <thread>

#include "server/api.h"
#include "server/web_assets.h"
#include "whosaid/error.h"

namespace whosaid {

using server::Api;
using server::ApiError;
using server::error_json;

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
struct PageSpec {
  const char* route;
  const char* file;
  const char* page;
  const char* title;
};
const PageSpec kPages[] = {
    {"/", "index.html", "overview", "Overview"},
    {"/search", "search.html", "search", "Search"},
    {"/paste", "paste.html", "paste", "Paste an article"},
    {R"(/articles/[0-9]{1,19})", "article.html", "article", "Article"},
    {R"(/speakers/[0-9]{1,19})", "speaker.html", "speaker", "Speaker"},
};
const char* kLayout = "layout.html";

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
  std::string_view layout = embedded(kLayout).bytes();
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

std::string reason(int status) {
  switch (status) {
    case 400: return "bad request";
    case 404: return "not found";
    case 405: return "method not allowed";
    case 408: return "request timed out";
    case 413: return "request body too large";
    case 414: return "request URI too long";
    case 431: return "request headers too large";
    case 503: return "service unavailable";
    default: return status >= 500 ? "internal error" : "error";
  }
}

}  // namespace

struct Server::Impl {
  ServerOptions options;
  std::unique_ptr<Api> api_ptr;
  httplib::Server http;
  std::atomic<int> port{0};
  std::mutex log_mutex;
  // run() and stop() meet here, so that a stop() that comes before run() is
  // listening is not lost (httplib's own stop() does nothing then).
  std::mutex run_mutex;
  bool stop_requested = false;  // guarded by run_mutex
  bool running = false;         // run() has passed its check and not returned; guarded by run_mutex

  explicit Impl(ServerOptions o) : options(std::move(o)) {}

  void send_json(httplib::Response& res, int status, std::string body) {
    res.status = status;
    res.set_content(std::move(body), kJson);
  }

  void send_error(httplib::Response& res, int status, const std::string& message,
                  const std::string& parameter = {}) {
    send_json(res, status, error_json(status, message, parameter));
  }

  // Runs an API handler and maps what it throws to a status and a JSON error.
  template <typename Fn>
  httplib::Server::Handler json_route(Fn fn) {
    return [this, fn](const httplib::Request& req, httplib::Response& res) {
      try {
        send_json(res, 200, fn(req));
      } catch (const ApiError& e) {
        send_error(res, e.status, e.what(), e.parameter);
      } catch (const Error& e) {
        if (e.code() == ErrorCode::kBadInput) {
          send_error(res, 400, e.what());
        } else {
          log("error: " + std::string(e.what()));
          send_error(res, 500, std::string("database error: ") + e.what());
        }
      } catch (const std::exception& e) {
        log("error: " + std::string(e.what()));
        send_error(res, 500, std::string("internal error: ") + e.what());
      }
    };
  }

  // The pages as served, by file name: see compose_page.
  std::map<std::string, std::string, std::less<>> pages;

  httplib::Server::Handler page(const char* asset_name) {
    return [this, asset_name](const httplib::Request&, httplib::Response& res) {
      serve_static(res, asset_name);
    };
  }

  // A page by its file name, composed; any other embedded file as it is. The
  // layout is not served by itself.
  void serve_static(httplib::Response& res, std::string_view name) {
    if (auto p = pages.find(name); p != pages.end()) {
      send_file(res, name, p->second);
      return;
    }
    const server::WebAsset* a = name == kLayout ? nullptr : find_asset(name);
    if (!a) {
      send_error(res, 404, "not found");
      return;
    }
    send_file(res, name, std::string(a->bytes()));
  }

  void send_file(httplib::Response& res, std::string_view name, std::string bytes) {
    res.status = 200;
    res.set_content(std::move(bytes), mime_type(name).c_str());
    res.set_header("Cache-Control", "no-cache");
  }

  void log(const std::string& line) {
    if (!options.access_log) return;
    std::lock_guard lock(log_mutex);
    *options.access_log << line << "\n" << std::flush;
  }

  void routes() {
    auto& h = http;
    h.Get("/healthz", json_route([this](const httplib::Request&) { return api_()->health(); }));
    h.Get("/api/search", json_route([this](const httplib::Request& r) { return api_()->search(r.params); }));
    h.Get("/api/speakers",
          json_route([this](const httplib::Request& r) { return api_()->speakers(r.params); }));
    h.Get(R"(/api/speakers/([^/]+))", json_route([this](const httplib::Request& r) {
            return api_()->speaker(r.matches[1], r.params);
          }));
    h.Get(R"(/api/articles/([^/]+))", json_route([this](const httplib::Request& r) {
            return api_()->article(r.matches[1], r.params);
          }));
    h.Get("/api/conflicts",
          json_route([this](const httplib::Request& r) { return api_()->conflicts(r.params); }));
    h.Get("/api/stats", json_route([this](const httplib::Request& r) { return api_()->stats(r.params); }));
    h.Post("/api/extract", json_route([this](const httplib::Request& r) {
             return api_()->extract(r.body, r.get_header_value("Content-Type"), r.params);
           }));
    h.Get("/api/openapi.json", page("openapi.json"));

    // Pages. Ids in page paths are checked by the page's own API call.
    for (const PageSpec& p : kPages) {
      pages.emplace(p.file, compose_page(p));
      h.Get(p.route, page(p.file));
    }
    h.Get("/favicon.ico", page("favicon.svg"));
    // Assets by exact name; anything else (../, %2e%2e, absolute paths) is a miss.
    h.Get(R"(/static/([A-Za-z0-9_.-]{1,64}))",
          [this](const httplib::Request& r, httplib::Response& res) {
            std::string name = r.matches[1];
            if (name.find("..") != std::string::npos) name.clear();
            serve_static(res, name);
          });

    // Wrong methods on known API paths: 405 rather than 404.
    for (const char* p : {"/api/search", "/api/speakers", "/api/conflicts", "/api/stats",
                          "/healthz", "/api/openapi.json"}) {
      h.Post(p, [this](const httplib::Request&, httplib::Response& res) {
        res.set_header("Allow", "GET");
        send_error(res, 405, "method not allowed; use GET");
      });
    }
    h.Get("/api/extract", [this](const httplib::Request&, httplib::Response& res) {
      res.set_header("Allow", "POST");
      send_error(res, 405, "method not allowed; POST the text to /api/extract");
    });

    if (!options.cors_origin.empty()) {
      h.Options(R"(/(api/.*|healthz))", [](const httplib::Request&, httplib::Response& res) {
        res.status = 204;
        res.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        res.set_header("Access-Control-Allow-Headers", "Content-Type");
        res.set_header("Access-Control-Max-Age", "600");
      });
    }

    // Every error without a body of its own (404 no route, 413 too large, 400
    // unparsable request) gets the JSON error body.
    h.set_error_handler(httplib::Server::HandlerWithResponse(
        [this](const httplib::Request& req, httplib::Response& res) {
      if (!res.body.empty()) return httplib::Server::HandlerResponse::Unhandled;
      std::string msg = reason(res.status);
      if (res.status == 404) msg = "not found: " + req.path;
      if (res.status == 413)
        msg = "request body too large: the limit is " +
              std::to_string(options.max_body_bytes) + " bytes";
      send_json(res, res.status, error_json(res.status, msg));
      return httplib::Server::HandlerResponse::Handled;
    }));
    h.set_exception_handler(
        [this](const httplib::Request&, httplib::Response& res, std::exception_ptr ep) {
          std::string what = "unknown exception";
          try {
            std::rethrow_exception(ep);
          } catch (const std::exception& e) {
            what = e.what();
          } catch (...) {
          }
          log("error: " + what);
          send_error(res, 500, "internal error");
        });

    h.set_post_routing_handler([this](const httplib::Request& req, httplib::Response& res) {
      res.set_header("X-Content-Type-Options", "nosniff");
      res.set_header("Referrer-Policy", "no-referrer");
      res.set_header("X-Frame-Options", "DENY");
      res.set_header("Content-Security-Policy", kContentSecurityPolicy);
      if (!options.cors_origin.empty() &&
          (req.path.rfind("/api/", 0) == 0 || req.path == "/healthz")) {
        res.set_header("Access-Control-Allow-Origin", options.cors_origin);
        if (options.cors_origin != "*") res.set_header("Vary", "Origin");
      }
    });

    if (options.access_log) {
      h.set_logger([this](const httplib::Request& req, const httplib::Response& res) {
        log(req.remote_addr + " " + req.method + " " + req.target + " " +
            std::to_string(res.status) + " " + std::to_string(res.body.size()));
      });
    }
  }

  Api* api_() { return api_ptr.get(); }
};

Server::Server(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  const ServerOptions& o = impl_->options;
  impl_->api_ptr = std::make_unique<Api>(o);
  auto& h = impl_->http;
  unsigned threads = o.threads ? o.threads : 8;
  h.new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
  h.set_payload_max_length(o.max_body_bytes);
  h.set_read_timeout(o.read_timeout_seconds, 0);
  h.set_write_timeout(o.write_timeout_seconds, 0);
  h.set_keep_alive_timeout(5);
  h.set_keep_alive_max_count(1000);
  h.set_tcp_nodelay(true);
  impl_->routes();
}

Server::~Server() { stop(); }

int Server::bind() {
  if (impl_->port) return impl_->port;
  const ServerOptions& o = impl_->options;
  if (o.port < 0 || o.port > 65535)
    throw Error(ErrorCode::kBadInput, "port " + std::to_string(o.port) + " is not 0–65535");
  int port = o.port == 0 ? impl_->http.bind_to_any_port(o.host)
                         : (impl_->http.bind_to_port(o.host, o.port) ? o.port : -1);
  if (port <= 0)
    throw Error(ErrorCode::kIo, "cannot listen on " + o.host + ":" + std::to_string(o.port) +
                                    " (in use, or not an address of this machine)");
  impl_->port = port;
  return port;
}

bool Server::run() {
  if (!impl_->port) bind();
  {
    std::lock_guard<std::mutex> lock(impl_->run_mutex);
    if (impl_->stop_requested) return true;
    impl_->running = true;
  }
  const bool ok = impl_->http.listen_after_bind();
  std::lock_guard<std::mutex> lock(impl_->run_mutex);
  impl_->running = false;
  return ok;
}

void Server::stop() {
  if (!impl_) return;
  bool sent = false;
  for (;;) {
    {
      std::lock_guard<std::mutex> lock(impl_->run_mutex);
      impl_->stop_requested = true;
      if (!impl_->running) return;  // run() not started (it will return at once) or over
    }
    // run() is between its check and the end of listening: stop httplib once
    // it listens, then wait for run() to return.
    if (!sent && impl_->http.is_running()) {
      impl_->http.stop();
      sent = true;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
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

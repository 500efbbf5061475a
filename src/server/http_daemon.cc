#include "server/http_daemon.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <charconv>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <thread>
#include <unordered_map>

#include "server/body_decoder.h"
#include "whosaid/error.h"

namespace whosaid::server {

namespace {

using Clock = std::chrono::steady_clock;

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(a[i])) !=
        std::tolower(static_cast<unsigned char>(b[i])))
      return false;
  return true;
}

// The threads that run handlers. stop() lets queued jobs finish, then joins.
class Workers {
 public:
  void start(unsigned n) {
    for (unsigned i = 0; i < n; ++i) threads_.emplace_back([this] { loop(); });
  }
  bool submit(std::function<void()> job) {
    std::lock_guard lock(mutex_);
    if (stopping_) return false;
    jobs_.push_back(std::move(job));
    cv_.notify_one();
    return true;
  }
  void stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    cv_.notify_all();
    for (auto& t : threads_) t.join();
    threads_.clear();
  }

 private:
  void loop() {
    for (;;) {
      std::function<void()> job;
      {
        std::unique_lock lock(mutex_);
        cv_.wait(lock, [&] { return stopping_ || !jobs_.empty(); });
        if (jobs_.empty()) return;
        job = std::move(jobs_.front());
        jobs_.pop_front();
      }
      job();
    }
  }
  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> jobs_;
  std::vector<std::thread> threads_;
  bool stopping_ = false;
};

// One request on one connection, from its headers to its response.
struct Exchange {
  MHD_Connection* conn = nullptr;
  int fd = -1;
  HttpRequest req;
  HttpResponse res;
  std::unique_ptr<BodyDecoder> body;
  bool answered = false;    // res holds the answer
  bool dispatched = false;  // handed to a worker
  bool queued = false;      // given to libmicrohttpd
};

// A connection, for the whole-request deadline.
struct Tracked {
  int fd = -1;
  Clock::time_point since;  // opened, or last response done
  bool busy = false;        // a complete request is being answered
  bool cut = false;
};

// Percent-decoding as libmicrohttpd's own, except that "%00" stays as it is:
// the decoded path is handed over as a C string, and "style.css%00.txt" must
// not become "style.css".
size_t unescape(void*, MHD_Connection*, char* s) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  char* out = s;
  for (const char* in = s; *in;) {
    int hi = in[0] == '%' ? hex(in[1]) : -1;
    int lo = hi >= 0 ? hex(in[2]) : -1;
    if (hi >= 0 && lo >= 0 && (hi | lo) != 0) {
      *out++ = static_cast<char>(hi * 16 + lo);
      in += 3;
    } else {
      *out++ = *in++;
    }
  }
  *out = '\0';
  return static_cast<size_t>(out - s);
}

void plain_error(HttpResponse& res, int status, const std::string& message) {
  res.status = status;
  res.content_type = "application/json; charset=utf-8";
  std::string escaped;
  for (char c : message) {
    if (c == '"' || c == '\\') escaped += '\\';
    escaped += c;
  }
  res.body = "{\"error\":\"" + escaped + "\",\"code\":" + std::to_string(status) + "}";
}

}  // namespace

// ---- HttpRequest

std::string HttpRequest::header(std::string_view name) const {
  for (const auto& [k, v] : headers)
    if (iequals(k, name)) return v;
  return {};
}

size_t HttpRequest::header_count(std::string_view name) const {
  size_t n = 0;
  for (const auto& h : headers) n += iequals(h.first, name);
  return n;
}

// ---- HttpDaemon

struct HttpDaemon::Impl {
  HttpLimits limits;
  Screen screen;
  Handle handle;
  Log log;
  int listen_fd = -1;
  MHD_Daemon* daemon = nullptr;
  Workers workers;

  std::mutex conn_mutex;
  std::unordered_map<MHD_Connection*, Tracked> conns;  // guarded by conn_mutex

  std::thread reaper;
  std::mutex reaper_mutex;
  std::condition_variable reaper_cv;
  bool reaper_stop = false;  // guarded by reaper_mutex

  // ---- callbacks from libmicrohttpd (on its epoll thread)

  static MHD_Result on_request(void* cls, MHD_Connection* c, const char* url, const char* method,
                               const char* version, const char* upload_data, size_t* upload_size,
                               void** con_cls) {
    auto* self = static_cast<Impl*>(cls);
    auto* ex = static_cast<Exchange*>(*con_cls);
    if (!ex) {
      ex = new Exchange;
      *con_cls = ex;
      self->begin(*ex, c, url, method, version);
      return ex->answered ? self->queue(*ex) : MHD_YES;
    }
    if (*upload_size) {
      if (!ex->answered) {
        BodyDecoder::Status st = ex->body->append({upload_data, *upload_size});
        if (st != BodyDecoder::kOk) self->refuse_body(*ex, st);
      }
      *upload_size = 0;
      // Answer now if libmicrohttpd lets us; otherwise the rest of the body is
      // read and dropped (never stored) and the answer goes at its end.
      if (ex->answered && !ex->queued) self->queue(*ex);
      return MHD_YES;
    }
    if (ex->answered || ex->queued) return ex->queued ? MHD_YES : self->queue(*ex);
    if (ex->dispatched) return MHD_YES;  // not resumed yet
    BodyDecoder::Status st = ex->body->finish();
    if (st != BodyDecoder::kOk) {
      self->refuse_body(*ex, st);
      return self->queue(*ex);
    }
    ex->req.body = std::move(ex->body->text());
    ex->body.reset();
    ex->dispatched = true;
    self->set_busy(c);
    MHD_suspend_connection(c);
    bool taken = self->workers.submit([self, ex] {
      self->run_handler(*ex);
      ex->answered = true;
      MHD_resume_connection(ex->conn);
    });
    if (!taken) {
      plain_error(ex->res, 503, "the server is stopping");
      ex->res.close = true;
      ex->answered = true;
      MHD_resume_connection(c);
    }
    return MHD_YES;
  }

  static void on_completed(void* cls, MHD_Connection* c, void** con_cls,
                           MHD_RequestTerminationCode) {
    auto* self = static_cast<Impl*>(cls);
    delete static_cast<Exchange*>(*con_cls);
    *con_cls = nullptr;
    std::lock_guard lock(self->conn_mutex);
    auto it = self->conns.find(c);
    if (it != self->conns.end()) {
      it->second.since = Clock::now();
      it->second.busy = false;
    }
  }

  static void on_connection(void* cls, MHD_Connection* c, void**,
                            MHD_ConnectionNotificationCode code) {
    auto* self = static_cast<Impl*>(cls);
    std::lock_guard lock(self->conn_mutex);
    if (code == MHD_CONNECTION_NOTIFY_STARTED) {
      const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
      self->conns[c] = Tracked{info ? info->connect_fd : -1, Clock::now(), false, false};
    } else {
      // Called before libmicrohttpd closes the socket: the reaper, which holds
      // the same mutex, never shuts down a descriptor that was reused.
      self->conns.erase(c);
    }
  }

  // ---- one request

  void begin(Exchange& ex, MHD_Connection* c, const char* url, const char* method,
             const char* version) {
    ex.conn = c;
    HttpRequest& r = ex.req;
    r.method = method ? method : "";
    r.path = url ? url : "";
    r.version = version ? version : "";
    MHD_get_connection_values(
        c, MHD_HEADER_KIND,
        [](void* cls, MHD_ValueKind, const char* k, const char* v) -> MHD_Result {
          static_cast<HttpRequest*>(cls)->headers.emplace_back(k ? k : "", v ? v : "");
          return MHD_YES;
        },
        &r);
    MHD_get_connection_values_n(
        c, MHD_GET_ARGUMENT_KIND,
        [](void* cls, MHD_ValueKind, const char* k, size_t kn, const char* v,
           size_t vn) -> MHD_Result {
          static_cast<HttpRequest*>(cls)->query.emplace(std::string(k ? k : "", k ? kn : 0),
                                                        std::string(v ? v : "", v ? vn : 0));
          return MHD_YES;
        },
        &r);
    r.target = r.path;
    char sep = '?';
    for (const auto& [k, v] : r.query) {
      r.target += sep + k + "=" + v;
      sep = '&';
    }
    if (const MHD_ConnectionInfo* info =
            MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS)) {
      char buf[INET6_ADDRSTRLEN] = "";
      const sockaddr* sa = info->client_addr;
      if (sa && sa->sa_family == AF_INET)
        inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(sa)->sin_addr, buf, sizeof buf);
      else if (sa && sa->sa_family == AF_INET6)
        inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(sa)->sin6_addr, buf, sizeof buf);
      r.remote = buf;
    }
    if (const MHD_ConnectionInfo* info = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD))
      ex.fd = info->connect_fd;

    if (refuse_framing(ex)) {
      ex.answered = true;
      ex.res.close = true;
      return;
    }
    if (screen && screen(r, ex.res)) {
      ex.answered = true;
      if (r.has_body) ex.res.close = true;  // the body is not read
    }
  }

  // The checks of the message's framing, before any of the body is read.
  bool refuse_framing(Exchange& ex) {
    HttpRequest& r = ex.req;
    HttpResponse& res = ex.res;
    if (r.headers.size() > limits.max_headers) {
      plain_error(res, 431, "more than " + std::to_string(limits.max_headers) + " request headers");
      return true;
    }
    size_t lengths = r.header_count("Content-Length");
    std::string te = r.header("Transfer-Encoding");
    if (lengths > 1) {
      plain_error(res, 400, "more than one Content-Length header");
      return true;
    }
    if (lengths && r.header_count("Transfer-Encoding")) {
      plain_error(res, 400, "both Content-Length and Transfer-Encoding");
      return true;
    }
    r.has_body = lengths || !te.empty();
    if (lengths) {
      std::string cl = r.header("Content-Length");
      uint64_t n = 0;
      auto [end, ec] = std::from_chars(cl.data(), cl.data() + cl.size(), n);
      if (cl.empty() || ec != std::errc() || end != cl.data() + cl.size()) {
        bool digits = !cl.empty() && cl.find_first_not_of("0123456789") == std::string::npos;
        plain_error(res, digits ? 413 : 400,
                    digits ? "request body too large: the limit is " +
                                 std::to_string(limits.max_body) + " bytes"
                           : "Content-Length is not a number of bytes");
        return true;
      }
      if (n > limits.max_body) {
        plain_error(res, 413, "request body too large: the limit is " +
                                  std::to_string(limits.max_body) + " bytes");
        return true;
      }
    }
    BodyDecoder::Encoding enc = BodyDecoder::kIdentity;
    if (r.header_count("Content-Encoding") > 1 ||
        !BodyDecoder::parse_encoding(r.header("Content-Encoding"), enc)) {
      plain_error(res, 415, "Content-Encoding must be gzip or identity");
      return true;
    }
    ex.body = std::make_unique<BodyDecoder>(enc, limits.max_body);
    return false;
  }

  void refuse_body(Exchange& ex, BodyDecoder::Status st) {
    if (st == BodyDecoder::kTooLarge)
      plain_error(ex.res, 413, "request body too large: the limit is " +
                                   std::to_string(limits.max_body) + " bytes (after decoding)");
    else
      plain_error(ex.res, 400, "the gzip body is corrupt or truncated");
    ex.res.close = true;
    ex.answered = true;
  }

  void run_handler(Exchange& ex) {
    Deadline deadline(Clock::now() + std::chrono::milliseconds(limits.handler_ms), ex.fd);
    Deadline::Scope scope(deadline);
    try {
      handle(ex.req, ex.res);
    } catch (const std::exception& e) {
      ex.res = HttpResponse{};
      plain_error(ex.res, 500, "internal error");
    }
  }

  MHD_Result queue(Exchange& ex) {
    HttpResponse& res = ex.res;
    MHD_Response* r = MHD_create_response_from_buffer(res.body.size(), res.body.data(),
                                                      MHD_RESPMEM_MUST_COPY);
    if (!r) return MHD_NO;
    if (!res.content_type.empty())
      MHD_add_response_header(r, MHD_HTTP_HEADER_CONTENT_TYPE, res.content_type.c_str());
    for (const auto& [k, v] : res.headers) MHD_add_response_header(r, k.c_str(), v.c_str());
    if (res.close) MHD_add_response_header(r, MHD_HTTP_HEADER_CONNECTION, "close");
    MHD_Result ok = MHD_queue_response(ex.conn, static_cast<unsigned>(res.status), r);
    MHD_destroy_response(r);
    if (ok == MHD_YES) {
      ex.queued = true;
      if (log) log(ex.req, res);
    }
    return ok;
  }

  void set_busy(MHD_Connection* c) {
    std::lock_guard lock(conn_mutex);
    auto it = conns.find(c);
    if (it != conns.end()) it->second.busy = true;
  }

  // Shuts down connections whose request is not in by its deadline; the
  // epoll thread then sees the hang-up and closes them.
  void reap() {
    std::unique_lock lock(reaper_mutex);
    while (!reaper_cv.wait_for(lock, std::chrono::milliseconds(100), [&] { return reaper_stop; })) {
      auto limit = Clock::now() - std::chrono::seconds(limits.request_seconds);
      std::lock_guard conn_lock(conn_mutex);
      for (auto& [c, t] : conns) {
        if (t.busy || t.cut || t.since > limit || t.fd < 0) continue;
        ::shutdown(t.fd, SHUT_RDWR);
        t.cut = true;
      }
    }
  }
};

HttpDaemon::HttpDaemon(HttpLimits limits, Screen screen, Handle handle, Log log)
    : impl_(std::make_unique<Impl>()) {
  impl_->limits = limits;
  impl_->screen = std::move(screen);
  impl_->handle = std::move(handle);
  impl_->log = std::move(log);
}

HttpDaemon::~HttpDaemon() {
  stop();
  if (impl_->listen_fd >= 0) ::close(impl_->listen_fd);
}

int HttpDaemon::bind(const std::string& host, int port) {
  const std::string where = host + ":" + std::to_string(port);
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* found = nullptr;
  if (int rc = getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found); rc != 0)
    throw Error(ErrorCode::kIo, "cannot listen on " + where + ": " + gai_strerror(rc));
  std::string why = "no address";
  int fd = -1;
  for (addrinfo* a = found; a && fd < 0; a = a->ai_next) {
    fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    // SO_REUSEADDR only (a restart need not wait for TIME_WAIT); never
    // SO_REUSEPORT, with which a second server would share the port.
    int one = 1;
    setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    if (a->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &one, sizeof one);
    if (::bind(fd, a->ai_addr, a->ai_addrlen) != 0 || ::listen(fd, impl_->limits.backlog) != 0) {
      why = errno == EADDRINUSE ? "the port is already in use (another server? choose another --port)"
                                : std::strerror(errno);
      ::close(fd);
      fd = -1;
    }
  }
  freeaddrinfo(found);
  if (fd < 0) throw Error(ErrorCode::kIo, "cannot listen on " + where + ": " + why);
  sockaddr_storage addr{};
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  impl_->listen_fd = fd;
  return ntohs(addr.ss_family == AF_INET6 ? reinterpret_cast<sockaddr_in6*>(&addr)->sin6_port
                                          : reinterpret_cast<sockaddr_in*>(&addr)->sin_port);
}

void HttpDaemon::start() {
  Impl& d = *impl_;
  if (d.daemon) return;
  if (d.listen_fd < 0) throw Error(ErrorCode::kInternal, "HttpDaemon::start() before bind()");
  d.workers.start(d.limits.workers ? d.limits.workers : 1);
  d.daemon = MHD_start_daemon(
      MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_ALLOW_SUSPEND_RESUME, 0, nullptr,
      nullptr, &Impl::on_request, &d,
      MHD_OPTION_LISTEN_SOCKET, static_cast<MHD_socket>(d.listen_fd),
      MHD_OPTION_CONNECTION_TIMEOUT, static_cast<unsigned>(d.limits.idle_seconds),
      MHD_OPTION_CONNECTION_MEMORY_LIMIT, d.limits.max_header_bytes,
      MHD_OPTION_CONNECTION_LIMIT, d.limits.max_connections,
      MHD_OPTION_STRICT_FOR_CLIENT, 1,
      MHD_OPTION_UNESCAPE_CALLBACK, &unescape, nullptr,
      MHD_OPTION_NOTIFY_COMPLETED, &Impl::on_completed, &d,
      MHD_OPTION_NOTIFY_CONNECTION, &Impl::on_connection, &d,
      MHD_OPTION_END);
  if (!d.daemon) {
    d.workers.stop();
    throw Error(ErrorCode::kIo, "cannot start the HTTP server (libmicrohttpd)");
  }
  d.listen_fd = -1;  // libmicrohttpd closes it
  d.reaper_stop = false;
  d.reaper = std::thread([&d] { d.reap(); });
}

void HttpDaemon::stop() {
  Impl& d = *impl_;
  if (!d.daemon) return;
  // Running handlers finish (each within its deadline) and resume their
  // connections; libmicrohttpd may not stop with a connection suspended.
  d.workers.stop();
  MHD_stop_daemon(d.daemon);
  d.daemon = nullptr;
  {
    std::lock_guard lock(d.reaper_mutex);
    d.reaper_stop = true;
  }
  d.reaper_cv.notify_all();
  d.reaper.join();
}

}  // namespace whosaid::server

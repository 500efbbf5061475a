// WARC 1.0/1.1 reader (plain or gzip, one or many gzip members), streaming: a
// multi-gigabyte crawl file is never held in memory.
#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <optional>

#include "ingest/html.h"
#include "ingest/readers.h"
#include "whosaid/error.h"

namespace whosaid::ingest {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// A file's bytes, gunzipped on the fly when it starts with the gzip magic.
// Remembers where each gzip member starts, in both compressed and
// decompressed offsets, so records can be reported by their file offset.
class Source {
 public:
  explicit Source(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (!file_)
      throw Error(ErrorCode::kIo, path + ": cannot open (" + std::strerror(errno) + ")");
    in_.resize(1 << 16);
    fill_input();
    gzip_ = avail_ >= 2 && static_cast<unsigned char>(in_[0]) == 0x1f &&
            static_cast<unsigned char>(in_[1]) == 0x8b;
    if (gzip_) start_member();
  }
  ~Source() {
    if (gzip_ && z_open_) inflateEnd(&z_);
    if (file_) std::fclose(file_);
  }
  bool gzip() const { return gzip_; }
  uint64_t raw_consumed() const { return raw_pos_ - avail_; }

  // Reads up to n decompressed bytes; 0 at the end. Throws on corrupt gzip.
  size_t read(char* out, size_t n) {
    if (!gzip_) {
      if (avail_ == 0) fill_input();
      size_t k = std::min(n, avail_);
      std::memcpy(out, in_.data() + in_off_, k);
      in_off_ += k;
      avail_ -= k;
      out_pos_ += k;
      return k;
    }
    while (true) {
      if (avail_ == 0 && !eof_) fill_input();
      if (avail_ == 0 && eof_ && !z_open_) return 0;
      if (!z_open_) {
        // Between members: skip padding zeros some writers leave, then a new member.
        while (avail_ > 0 && in_[in_off_] == 0) ++in_off_, --avail_;
        if (avail_ == 0) continue;
        start_member();
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.data() + in_off_);
      z_.avail_in = static_cast<uInt>(avail_);
      z_.next_out = reinterpret_cast<Bytef*>(out);
      z_.avail_out = static_cast<uInt>(n);
      int rc = inflate(&z_, Z_NO_FLUSH);
      size_t used = avail_ - z_.avail_in;
      in_off_ += used;
      avail_ -= used;
      size_t produced = n - z_.avail_out;
      out_pos_ += produced;
      if (rc == Z_STREAM_END) {
        inflateEnd(&z_);
        z_open_ = false;
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        throw Error(ErrorCode::kBadInput, "corrupt gzip data at byte " +
                                              std::to_string(raw_consumed()) + " (" +
                                              (z_.msg ? z_.msg : "inflate error") + ")");
      } else if (rc == Z_BUF_ERROR && avail_ == 0 && eof_) {
        throw Error(ErrorCode::kBadInput, "truncated gzip data at the end of the file");
      }
      if (produced > 0) return produced;
    }
  }

  // The file offset to report for decompressed position `pos`: the start of the
  // gzip member containing it, or `pos` itself for plain files.
  uint64_t report_offset(uint64_t pos) const {
    if (!gzip_) return pos;
    uint64_t best = 0;
    for (const auto& [out, raw] : members_)
      if (out <= pos) best = raw;
    return best;
  }

 private:
  void fill_input() {
    if (eof_) return;
    if (avail_ > 0 && in_off_ > 0) std::memmove(in_.data(), in_.data() + in_off_, avail_);
    in_off_ = 0;
    size_t got = std::fread(in_.data() + avail_, 1, in_.size() - avail_, file_);
    if (got == 0) eof_ = true;
    avail_ += got;
    raw_pos_ += got;
  }
  void start_member() {
    std::memset(&z_, 0, sizeof z_);
    if (inflateInit2(&z_, 16 + MAX_WBITS) != Z_OK)
      throw Error(ErrorCode::kInternal, "zlib inflateInit2 failed");
    z_open_ = true;
    // Keep a bounded history: only the members a record may still start in.
    if (members_.size() > 64) members_.erase(members_.begin(), members_.begin() + 32);
    members_.emplace_back(out_pos_, raw_consumed());
  }

  std::FILE* file_;
  std::string in_;
  size_t in_off_ = 0, avail_ = 0;
  uint64_t raw_pos_ = 0, out_pos_ = 0;
  bool eof_ = false, gzip_ = false, z_open_ = false;
  z_stream z_{};
  std::vector<std::pair<uint64_t, uint64_t>> members_;
};

// Line and block reads over a Source, tracking the decompressed offset.
class Reader {
 public:
  explicit Reader(Source& src) : src_(src) {}
  uint64_t offset() const { return base_ + pos_; }

  // A line without its CR LF; false at the end of input.
  bool line(std::string& out, size_t max = 1 << 16) {
    out.clear();
    while (true) {
      size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        out.assign(buf_, pos_, nl - pos_);
        pos_ = nl + 1;
        if (!out.empty() && out.back() == '\r') out.pop_back();
        return true;
      }
      if (buf_.size() - pos_ > max) {  // no newline in sight: give what we have
        out.assign(buf_, pos_, std::string::npos);
        pos_ = buf_.size();
        return true;
      }
      if (!more()) {
        if (pos_ >= buf_.size()) return false;
        out.assign(buf_, pos_, std::string::npos);
        pos_ = buf_.size();
        return true;
      }
    }
  }

  // Exactly n bytes (fewer only at the end of input).
  void block(uint64_t n, std::string& out) {
    out.clear();
    while (buf_.size() - pos_ < n && more()) {
    }
    size_t k = static_cast<size_t>(std::min<uint64_t>(n, buf_.size() - pos_));
    out.assign(buf_, pos_, k);
    pos_ += k;
  }

 private:
  bool more() {
    if (pos_ > (1u << 20)) {
      buf_.erase(0, pos_);
      base_ += pos_;
      pos_ = 0;
    }
    char tmp[1 << 16];
    size_t n = src_.read(tmp, sizeof tmp);
    if (n == 0) return false;
    buf_.append(tmp, n);
    return true;
  }

  Source& src_;
  std::string buf_;
  size_t pos_ = 0;
  uint64_t base_ = 0;
};

struct Headers {
  std::vector<std::pair<std::string, std::string>> items;  // lower-case names
  std::string get(std::string_view name) const {
    for (const auto& [k, v] : items)
      if (k == name) return v;
    return {};
  }
};

void parse_header_line(const std::string& line, Headers& h) {
  size_t colon = line.find(':');
  if (colon == std::string::npos) return;
  h.items.emplace_back(lower(trim(line.substr(0, colon))), trim(line.substr(colon + 1)));
}

// Splits an HTTP response into headers and body.
bool split_http(const std::string& msg, int& status, Headers& headers, std::string& body) {
  size_t end = msg.find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string::npos) {
    end = msg.find("\n\n");
    sep = 2;
  }
  if (end == std::string::npos) return false;
  std::string head = msg.substr(0, end);
  body = msg.substr(end + sep);
  size_t nl = head.find('\n');
  std::string status_line = trim(head.substr(0, nl));
  if (status_line.rfind("HTTP/", 0) != 0) return false;
  size_t sp = status_line.find(' ');
  status = sp == std::string::npos ? 0 : std::atoi(status_line.c_str() + sp + 1);
  size_t b = nl == std::string::npos ? head.size() : nl + 1;
  while (b < head.size()) {
    size_t e = head.find('\n', b);
    if (e == std::string::npos) e = head.size();
    parse_header_line(trim(head.substr(b, e - b)), headers);
    b = e + 1;
  }
  return true;
}

std::optional<std::string> dechunk(const std::string& body) {
  std::string out;
  size_t i = 0;
  while (i < body.size()) {
    size_t nl = body.find('\n', i);
    if (nl == std::string::npos) return std::nullopt;
    unsigned long n = std::strtoul(body.c_str() + i, nullptr, 16);
    i = nl + 1;
    if (n == 0) return out;
    if (n > body.size() - i) return std::nullopt;  // not i + n: a size near 2^64 wraps (hostile_test: WarcChunkSizeOverflow)
    out.append(body, i, n);
    i += n;
    if (i < body.size() && body[i] == '\r') ++i;
    if (i < body.size() && body[i] == '\n') ++i;
  }
  return out;
}

std::optional<std::string> gunzip(const std::string& data) {
  z_stream z{};
  if (inflateInit2(&z, 32 + MAX_WBITS) != Z_OK) return std::nullopt;  // gzip or zlib
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  z.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[1 << 15];
  int rc;
  do {
    z.next_out = reinterpret_cast<Bytef*>(buf);
    z.avail_out = sizeof buf;
    rc = inflate(&z, Z_NO_FLUSH);
    out.append(buf, sizeof buf - z.avail_out);
    if (out.size() > (256u << 20)) rc = Z_MEM_ERROR;
  } while (rc == Z_OK);
  inflateEnd(&z);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

std::string host_of(const std::string& url) {
  size_t b = url.find("://");
  b = b == std::string::npos ? 0 : b + 3;
  size_t e = url.find_first_of("/:?#", b);
  std::string host = url.substr(b, e == std::string::npos ? std::string::npos : e - b);
  if (host.rfind("www.", 0) == 0) host.erase(0, 4);
  return host;
}

}  // namespace

void read_warc(const std::string& path, const RecordFn& emit, const RejectFn& reject,
               std::atomic<uint64_t>* bytes_read) {
  Source src(path);
  Reader rd(src);
  std::string line, content;
  uint64_t reported_raw = 0;
  auto where = [&](uint64_t off) { return path + "@" + std::to_string(src.report_offset(off)); };
  try {
    bool resync = false;
    while (true) {
      if (bytes_read) {
        uint64_t raw = src.raw_consumed();
        *bytes_read += raw - reported_raw;
        reported_raw = raw;
      }
      uint64_t start = rd.offset();
      if (!rd.line(line)) break;
      if (line.empty()) continue;
      if (line.rfind("WARC/", 0) != 0) {
        if (!resync) reject(where(start), "not a WARC record header: \"" + line.substr(0, 40) + "\"");
        resync = true;  // skip to the next "WARC/" line, reporting once
        continue;
      }
      resync = false;
      Headers h;
      while (rd.line(line) && !line.empty()) parse_header_line(line, h);
      std::string len_s = h.get("content-length");
      char* endp = nullptr;
      unsigned long long len = std::strtoull(len_s.c_str(), &endp, 10);
      if (len_s.empty() || *endp != '\0') {
        reject(where(start), "WARC record without a valid Content-Length");
        resync = true;
        continue;
      }
      rd.block(len, content);
      if (content.size() < len) {
        reject(where(start), "truncated WARC record (" + std::to_string(content.size()) + " of " +
                                 std::to_string(len) + " bytes)");
        break;
      }
      if (lower(h.get("warc-type")) != "response") continue;  // warcinfo, request, metadata
      if (lower(h.get("content-type")).find("application/http") == std::string::npos) continue;

      int status = 0;
      Headers http;
      std::string body;
      if (!split_http(content, status, http, body)) {
        reject(where(start), "response record without a valid HTTP message");
        continue;
      }
      if (status != 200) continue;  // redirects, errors: not articles
      std::string ctype = lower(http.get("content-type"));
      std::string te = lower(http.get("transfer-encoding"));
      if (te.find("chunked") != std::string::npos) {
        auto d = dechunk(body);
        if (!d) {
          reject(where(start), "bad chunked transfer encoding");
          continue;
        }
        body = std::move(*d);
      }
      std::string ce = lower(http.get("content-encoding"));
      if (ce.find("gzip") != std::string::npos || ce.find("deflate") != std::string::npos) {
        auto d = gunzip(body);
        if (!d) {
          reject(where(start), "bad " + ce + " content encoding");
          continue;
        }
        body = std::move(*d);
      }
      bool html = ctype.find("html") != std::string::npos;
      if (ctype.empty()) {
        std::string head = lower(body.substr(0, 256));
        html = head.find("<html") != std::string::npos || head.find("<!doctype html") != std::string::npos;
      }
      if (!html) continue;  // images, feeds, robots.txt
      std::string charset;
      if (size_t c = ctype.find("charset="); c != std::string::npos) charset = ctype.substr(c + 8);
      HtmlArticle a = parse_html_article(to_utf8(std::move(body), charset));
      if (trim(a.text).empty()) {
        reject(where(start), "no article text found in the HTML");
        continue;
      }
      Record r;
      r.origin = where(start);
      r.text = std::move(a.text);
      std::string uri = h.get("warc-target-uri");
      if (uri.size() >= 2 && uri.front() == '<' && uri.back() == '>') uri = uri.substr(1, uri.size() - 2);
      r.info.url = uri.empty() ? a.url : uri;
      // The page's own publication date when it states one, else the crawl date.
      r.info.date = !a.date.empty() ? a.date : normalise_date(h.get("warc-date"));
      r.info.outlet = !a.outlet.empty() ? a.outlet : host_of(r.info.url);
      r.info.title = a.title;
      r.info.origin = r.origin;
      emit(std::move(r));
    }
  } catch (const Error& e) {
    if (e.code() != ErrorCode::kBadInput) throw;
    reject(where(rd.offset()), e.what());
  }
  if (bytes_read) *bytes_read += src.raw_consumed() - reported_raw;
}

}  // namespace whosaid::ingest

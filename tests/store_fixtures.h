// Helpers shared by the store, ingest and CLI tests: temporary folders and WARC
// files written on the fly (plain or one gzip member per record, as Common Crawl).
#pragma once

#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace whosaid::testing {

class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("whosaid-test-" + std::to_string(rd()) + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

inline void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
}

inline std::string http_response(int status, const std::string& content_type,
                                 const std::string& body, const std::string& extra_headers = "") {
  std::string reason = status == 200 ? "OK" : status == 404 ? "Not Found" : "Moved";
  return "HTTP/1.1 " + std::to_string(status) + " " + reason + "\r\nContent-Type: " +
         content_type + "\r\n" + extra_headers + "Content-Length: " +
         std::to_string(body.size()) + "\r\n\r\n" + body;
}

inline std::string warc_record(const std::string& type, const std::string& uri,
                               const std::string& date, const std::string& content,
                               const std::string& content_type =
                                   "application/http; msgtype=response") {
  static int n = 0;
  return "WARC/1.0\r\nWARC-Type: " + type + "\r\nWARC-Target-URI: " + uri +
         "\r\nWARC-Date: " + date + "\r\nWARC-Record-ID: <urn:uuid:0000-" +
         std::to_string(++n) + ">\r\nContent-Type: " + content_type +
         "\r\nContent-Length: " + std::to_string(content.size()) + "\r\n\r\n" + content +
         "\r\n\r\n";
}

inline std::string gzip_member(const std::string& data) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
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

// Writes records as one WARC file; with gzip, one member per record. Returns the
// file offset of each record.
inline std::vector<size_t> write_warc(const std::string& path,
                                      const std::vector<std::string>& records, bool gzip) {
  std::string bytes;
  std::vector<size_t> offsets;
  for (const std::string& r : records) {
    offsets.push_back(bytes.size());
    bytes += gzip ? gzip_member(r) : r;
  }
  write_file(path, bytes);
  return offsets;
}

inline std::string news_page(const std::string& title, const std::string& published,
                             const std::string& body_html) {
  return "<!doctype html><html><head><title>" + title + "</title>" +
         (published.empty() ? ""
                             : "<meta property=\"article:published_time\" content=\"" +
                                   published + "\">") +
         "</head><body><nav>Home | World | Sport</nav><article><h1>" + title + "</h1>" +
         body_html + "</article><footer>Copyright Example Media</footer></body></html>";
}

}  // namespace whosaid::testing

#include "server/body_decoder.h"

#include <zlib.h>

#include <cctype>

namespace whosaid::server {

struct BodyDecoder::Inflater {
  z_stream z{};
  bool ready = false;
  Inflater() { ready = inflateInit2(&z, 16 + MAX_WBITS) == Z_OK; }  // 16: gzip framing only
  ~Inflater() {
    if (ready) inflateEnd(&z);
  }
};

bool BodyDecoder::parse_encoding(std::string_view header, Encoding& out) {
  while (!header.empty() && (header.front() == ' ' || header.front() == '\t'))
    header.remove_prefix(1);
  while (!header.empty() && (header.back() == ' ' || header.back() == '\t'))
    header.remove_suffix(1);
  std::string v(header);
  for (char& c : v) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (v.empty() || v == "identity") out = kIdentity;
  else if (v == "gzip" || v == "x-gzip") out = kGzip;
  else return false;
  return true;
}

BodyDecoder::BodyDecoder(Encoding encoding, size_t limit) : encoding_(encoding), limit_(limit) {
  if (encoding_ == kGzip) {
    inflater_ = std::make_unique<Inflater>();
    if (!inflater_->ready) status_ = kCorrupt;
  }
}

BodyDecoder::~BodyDecoder() = default;

BodyDecoder::Status BodyDecoder::append(std::string_view bytes) {
  if (status_ != kOk || bytes.empty()) return status_;
  received_ += bytes.size();
  if (received_ > limit_) return status_ = kTooLarge;
  if (encoding_ == kIdentity) {
    text_.append(bytes);
    return status_;
  }
  if (stream_ended_) return status_ = kCorrupt;  // bytes after the gzip trailer
  z_stream& z = inflater_->z;
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  unsigned char out[16384];
  for (;;) {
    z.next_out = out;
    z.avail_out = sizeof out;
    int rc = inflate(&z, Z_NO_FLUSH);
    size_t produced = sizeof out - z.avail_out;
    if (text_.size() + produced > limit_) return status_ = kTooLarge;
    text_.append(reinterpret_cast<const char*>(out), produced);
    if (rc == Z_STREAM_END) {
      stream_ended_ = true;
      break;
    }
    if (rc == Z_BUF_ERROR && produced == 0 && z.avail_in == 0) break;  // wants more input
    if (rc != Z_OK && rc != Z_BUF_ERROR) return status_ = kCorrupt;
    if (rc == Z_BUF_ERROR && produced == 0) return status_ = kCorrupt;  // no progress
    // A full buffer may leave output inside zlib: go round again.
    if (z.avail_in == 0 && z.avail_out != 0) break;
  }
  // Input left after the end of the stream (a second member, or junk).
  if (z.avail_in > 0) return status_ = kCorrupt;
  return status_;
}

BodyDecoder::Status BodyDecoder::finish() {
  if (status_ != kOk) return status_;
  if (encoding_ == kGzip && !stream_ended_) status_ = kCorrupt;
  return status_;
}

}  // namespace whosaid::server

// Request bodies as the server reads them: every byte counted after decoding
// (Content-Encoding: gzip is inflated here), and reading stops at the limit.
// libmicrohttpd removes the chunked framing before the bytes get here, so a
// chunked body and a Content-Length body are counted alike.
//
//   BodyDecoder body(BodyDecoder::kGzip, 2u << 20);
//   for (each piece received) if (body.append(piece) != BodyDecoder::kOk) refuse;
//   if (body.finish() != BodyDecoder::kOk) refuse;   // truncated gzip: kCorrupt
//   use(body.text());
//
// Both the bytes received and the bytes decoded are held to the limit, so
// neither a huge body nor a small one inflating to gigabytes gets past it.
// Not thread-safe; one per request. Fuzzed by fuzz/server_body_fuzzer.cc.
#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

namespace whosaid::server {

class BodyDecoder {
 public:
  enum Encoding { kIdentity, kGzip };
  enum Status { kOk, kTooLarge, kCorrupt };

  // The Content-Encoding header's value → an encoding; false when not one we
  // decode ("", "identity" and "gzip" are; "x-gzip" too).
  static bool parse_encoding(std::string_view header, Encoding& out);

  BodyDecoder(Encoding encoding, size_t limit);
  ~BodyDecoder();
  BodyDecoder(const BodyDecoder&) = delete;
  BodyDecoder& operator=(const BodyDecoder&) = delete;

  // Once a call returns other than kOk, every later call returns the same.
  Status append(std::string_view bytes);
  Status finish();  // the end of the body: a gzip stream must be complete

  std::string& text() { return text_; }
  size_t received() const { return received_; }

 private:
  Encoding encoding_;
  size_t limit_;
  size_t received_ = 0;
  Status status_ = kOk;
  bool stream_ended_ = false;
  std::string text_;
  struct Inflater;
  std::unique_ptr<Inflater> inflater_;
};

}  // namespace whosaid::server

// UTF-8 byte offsets → UTF-16 code-unit offsets, for pages whose JavaScript
// indexes strings in UTF-16 units.
//
//   Utf16Text t(article_text);
//   json["text"] = t.text();                 // valid UTF-8, safe to serialise
//   uint32_t js_begin = t.unit(span.begin);  // index into the JS string of t.text()
//
// text() is the input with every byte that is not part of a valid UTF-8 sequence
// replaced by U+FFFD (one UTF-16 unit, as a browser's decoder would), so offsets
// from unit() always index the string the client receives.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid::server {

class Utf16Text {
 public:
  explicit Utf16Text(std::string_view bytes);

  const std::string& text() const noexcept { return text_; }
  // UTF-16 offset of byte offset `byte` of the original input. An offset inside a
  // multi-byte sequence maps to the sequence's start; past the end, to the end.
  uint32_t unit(uint32_t byte) const noexcept {
    return byte < units_.size() ? units_[byte] : units_.back();
  }
  uint32_t size16() const noexcept { return units_.back(); }

 private:
  std::string text_;
  std::vector<uint32_t> units_;  // one per input byte, plus the total
};

// Copy of `s` with invalid UTF-8 bytes replaced by U+FFFD.
std::string valid_utf8(std::string_view s);

}  // namespace whosaid::server

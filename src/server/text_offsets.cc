#include "server/text_offsets.h"

namespace whosaid::server {
namespace {

// Length of the valid UTF-8 sequence at s[i] (1–4), or 0 when it is not one.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
size_t sequence_length(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  auto cont = [&](size_t k) { return i + k < s.size() && (b(k) & 0xC0) == 0x80; };
  unsigned char c = b(0);
  if (c < 0x80) return 1;
  if (c < 0xC2) return 0;
  if (c < 0xE0) return cont(1) ? 2 : 0;
  if (c < 0xF0) {
    if (!cont(1) || !cont(2)) return 0;
    if (c == 0xE0 && b(1) < 0xA0) return 0;   // overlong
    if (c == 0xED && b(1) >= 0xA0) return 0;  // surrogate
    return 3;
  }
  if (c < 0xF5) {
    if (!cont(1) || !cont(2) || !cont(3)) return 0;
    if (c == 0xF0 && b(1) < 0x90) return 0;   // overlong
    if (c == 0xF4 && b(1) >= 0x90) return 0;  // above U+10FFFF
    return 4;
  }
  return 0;
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

}  // namespace

Utf16Text::Utf16Text(std::string_view bytes) {
  text_.reserve(bytes.size());
  units_.reserve(bytes.size() + 1);
  uint32_t unit = 0;
  for (size_t i = 0; i < bytes.size();) {
    size_t len = sequence_length(bytes, i);
    if (len == 0) {
      units_.push_back(unit);
      text_ += kReplacement;
      unit += 1;
      i += 1;
      continue;
    }
    for (size_t k = 0; k < len; ++k) units_.push_back(unit);
    text_.append(bytes.substr(i, len));
    unit += len == 4 ? 2 : 1;
    i += len;
  }
  units_.push_back(unit);
}

std::string valid_utf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = sequence_length(s, i);
    if (len == 0) {
      out += kReplacement;
      ++i;
    } else {
      out.append(s.substr(i, len));
      i += len;
    }
  }
  return out;
}

}  // namespace whosaid::server

#include "eval/chars.h"

namespace whosaid::eval::chars {

CodePoint decode(std::string_view s, size_t i) noexcept {
  const auto b0 = static_cast<unsigned char>(s[i]);
  if (b0 < 0x80) return {b0, 1};
  uint32_t size = 0, value = 0, min = 0;
  if ((b0 & 0xE0) == 0xC0) {
    size = 2, value = b0 & 0x1F, min = 0x80;
  } else if ((b0 & 0xF0) == 0xE0) {
    size = 3, value = b0 & 0x0F, min = 0x800;
  } else if ((b0 & 0xF8) == 0xF0) {
    size = 4, value = b0 & 0x07, min = 0x10000;
  } else {
    return {0xFFFD, 1};
  }
  if (i + size > s.size()) return {0xFFFD, 1};
  for (uint32_t k = 1; k < size; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return {0xFFFD, 1};
    value = (value << 6) | (b & 0x3F);
  }
  if (value < min || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {0xFFFD, 1};
  return {value, size};
}

CodePoint decode_before(std::string_view s, size_t end) noexcept {
  size_t start = end - 1;
  for (int k = 0; k < 3 && start > 0 && (static_cast<unsigned char>(s[start]) & 0xC0) == 0x80; ++k) {
    --start;
  }
  const CodePoint cp = decode(s, start);
  if (start + cp.size == end) return cp;
  return {0xFFFD, 1};  // the last byte is not the end of a valid sequence
}

bool is_space(uint32_t c) noexcept {
  switch (c) {
    case ' ': case '\t': case '\n': case '\v': case '\f': case '\r':
    case 0x85: case 0xA0: case 0x1680: case 0x2028: case 0x2029: case 0x202F:
    case 0x205F: case 0x3000: case 0xFEFF:
      return true;
    default:
      return c >= 0x2000 && c <= 0x200B;
  }
}

bool is_quote_mark(uint32_t c) noexcept {
  switch (c) {
    case '"': case '\'': case '`':
    case 0xAB: case 0xBB:                // « »
    case 0x2039: case 0x203A:            // ‹ ›
    case 0x300C: case 0x300D: case 0x300E: case 0x300F:  // 「 」 『 』
    case 0xFF02: case 0xFF07:            // fullwidth " '
      return true;
    default:
      return c >= 0x2018 && c <= 0x201F;  // ‘ ’ ‚ ‛ “ ” „ ‟
  }
}

bool is_edge_punct(uint32_t c) noexcept {
  switch (c) {
    case '.': case ',': case ';': case ':': case '!': case '?':
    case 0x2026: case 0x2014: case 0x2013:  // … — –
      return true;
    default:
      return false;
  }
}

bool is_word_char(uint32_t c) noexcept {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
  }
  if (c < 0xC0 || c == 0xD7 || c == 0xF7 || c == 0xFFFD) return false;
  if (is_space(c) || is_quote_mark(c)) return false;
  if (c >= 0x2000 && c <= 0x2BFF) return false;  // punctuation, symbols, arrows …
  if (c >= 0x3000 && c <= 0x303F) return false;  // CJK punctuation
  if (c >= 0xFF00 && c <= 0xFF0F) return false;  // fullwidth punctuation
  return true;
}

bool is_upper(uint32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return true;
  if (c >= 0xC0 && c <= 0xDE) return c != 0xD7;           // À..Þ
  if (c >= 0x100 && c <= 0x137) return c % 2 == 0;        // Latin Extended-A, first run
  if (c >= 0x139 && c <= 0x148) return c % 2 == 1;
  if (c >= 0x14A && c <= 0x177) return c % 2 == 0;
  if (c == 0x178 || c == 0x179 || c == 0x17B || c == 0x17D) return true;
  if (c >= 0x391 && c <= 0x3AB) return c != 0x3A2;        // Greek capitals
  if (c >= 0x400 && c <= 0x42F) return true;              // Cyrillic capitals
  return false;
}

}  // namespace whosaid::eval::chars

#include "core/utf8.h"

namespace whosaid::utf8 {

uint32_t decode_multibyte(std::string_view s, size_t i, size_t& len) noexcept {
  const auto* p = reinterpret_cast<const unsigned char*>(s.data());
  const size_t n = s.size();
  unsigned char c = p[i];
  len = 1;
  auto cont = [&](size_t k) { return i + k < n && (p[i + k] & 0xC0) == 0x80; };
  if (c >= 0xC2 && c <= 0xDF) {
    if (!cont(1)) return kInvalid;
    len = 2;
    return ((c & 0x1Fu) << 6) | (p[i + 1] & 0x3Fu);
  }
  if (c >= 0xE0 && c <= 0xEF) {
    if (!cont(1) || !cont(2)) return kInvalid;
    uint32_t cp = ((c & 0x0Fu) << 12) | ((p[i + 1] & 0x3Fu) << 6) | (p[i + 2] & 0x3Fu);
    if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return kInvalid;
    len = 3;
    return cp;
  }
  if (c >= 0xF0 && c <= 0xF4) {
    if (!cont(1) || !cont(2) || !cont(3)) return kInvalid;
    uint32_t cp = ((c & 0x07u) << 18) | ((p[i + 1] & 0x3Fu) << 12) |
                  ((p[i + 2] & 0x3Fu) << 6) | (p[i + 3] & 0x3Fu);
    if (cp < 0x10000 || cp > 0x10FFFF) return kInvalid;
    len = 4;
    return cp;
  }
  return kInvalid;
}

bool is_space_above_ascii(uint32_t cp) noexcept {
  return cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x2028 ||
         cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000 || cp == 0xFEFF;
}

bool is_upper_above_ascii(uint32_t cp) noexcept {
  if (cp >= 0xC0 && cp <= 0xDE) return cp != 0xD7;
  if (cp >= 0x100 && cp <= 0x17F) return (cp & 1) == 0;  // Latin Extended-A pairs
  if (cp >= 0x391 && cp <= 0x3AB) return true;            // Greek
  if (cp >= 0x400 && cp <= 0x42F) return true;            // Cyrillic
  return false;
}

bool is_lower_above_ascii(uint32_t cp) noexcept {
  if (cp >= 0xDF && cp <= 0xFF) return cp != 0xF7;
  if (cp >= 0x100 && cp <= 0x17F) return (cp & 1) == 1;
  if (cp >= 0x3B1 && cp <= 0x3CB) return true;
  if (cp >= 0x430 && cp <= 0x45F) return true;
  return false;
}

bool is_letter_above_ascii(uint32_t cp) noexcept {
  if (cp == kInvalid) return false;
  if (cp < 0xC0) return cp == 0xAA || cp == 0xB5 || cp == 0xBA;
  if (cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x2BFF) return false;   // punctuation, symbols, arrows
  if (cp >= 0x3000 && cp <= 0x303F) return false;   // CJK punctuation
  if (cp >= 0xFE30 && cp <= 0xFE4F) return false;
  if (cp >= 0xFF00 && cp <= 0xFF20) return false;   // fullwidth punctuation and digits
  if (cp >= 0xE000 && cp <= 0xF8FF) return false;   // private use
  if (cp >= 0x1F000) return false;                  // emoji and pictographs
  if (cp >= 0x300 && cp <= 0x36F) return true;      // combining marks stay in the word
  return true;
}

bool is_dash(uint32_t cp) noexcept {
  return cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212;
}

void fold(std::string_view word, std::string& out) {
  out.clear();
  fold_append(word, out);
}

void fold_append(std::string_view word, std::string& out) {
  const size_t start = out.size();
  out.resize(start + word.size());  // folding never lengthens a word
  out.resize(start + fold_to(word, out.data() + start));
}

size_t fold_to(std::string_view word, char* out) noexcept {
  char* o = out;
  for (size_t i = 0; i < word.size(); ++i) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    if (c >= 'A' && c <= 'Z') {
      *o++ = static_cast<char>(c + 32);
    } else if (c == 0xE2 && i + 2 < word.size() && static_cast<unsigned char>(word[i + 1]) == 0x80 &&
               static_cast<unsigned char>(word[i + 2]) == 0x99) {
      *o++ = '\'';  // ’
      i += 2;
    } else {
      *o++ = static_cast<char>(c);
    }
  }
  return static_cast<size_t>(o - out);
}

size_t count_code_points(std::string_view s) noexcept {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); i += length_at(s, i)) ++n;
  return n;
}

bool valid(std::string_view s) noexcept {
  for (size_t i = 0; i < s.size();) {
    size_t len;
    if (decode(s, i, len) == kInvalid) return false;
    i += len;
  }
  return true;
}

}  // namespace whosaid::utf8

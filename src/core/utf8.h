// UTF-8 decoding and the few character classes the tokenizer needs.
// No locale, no ICU: classes are decided on code point ranges.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace whosaid::utf8 {

inline constexpr uint32_t kInvalid = 0xFFFFFFFFu;

// The out-of-line halves of decode() and the classes below, for bytes and
// code points past ASCII. The ASCII halves are inline: the tokenizer asks at
// every character of the text, and the calls cost more than the answers.
uint32_t decode_multibyte(std::string_view s, size_t i, size_t& len) noexcept;
bool is_space_above_ascii(uint32_t cp) noexcept;
bool is_letter_above_ascii(uint32_t cp) noexcept;
bool is_upper_above_ascii(uint32_t cp) noexcept;
bool is_lower_above_ascii(uint32_t cp) noexcept;

// Decodes the code point at s[i]; sets `len` to its byte length (1 for an
// invalid byte, which decodes to kInvalid). Never reads past s.size().
inline uint32_t decode(std::string_view s, size_t i, size_t& len) noexcept {
  const auto c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    len = 1;
    return c;
  }
  return decode_multibyte(s, i, len);
}

// Byte length of the valid code point starting at s[i], else 1.
inline size_t length_at(std::string_view s, size_t i) noexcept {
  size_t len;
  decode(s, i, len);
  return len;
}

inline bool is_space(uint32_t cp) noexcept {
  if (cp < 0x80) return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == '\f' || cp == '\v';
  return is_space_above_ascii(cp);
}
// Letters of any script (approximate outside Latin).
inline bool is_letter(uint32_t cp) noexcept {
  if (cp < 0x80) return (cp | 0x20) >= 'a' && (cp | 0x20) <= 'z';
  return is_letter_above_ascii(cp);
}
// Latin/Greek/Cyrillic capitals.
inline bool is_upper(uint32_t cp) noexcept {
  if (cp < 0x80) return cp >= 'A' && cp <= 'Z';
  return is_upper_above_ascii(cp);
}
inline bool is_lower(uint32_t cp) noexcept {
  if (cp < 0x80) return cp >= 'a' && cp <= 'z';
  return is_lower_above_ascii(cp);
}
inline bool is_digit(uint32_t cp) noexcept { return cp >= '0' && cp <= '9'; }
bool is_dash(uint32_t cp) noexcept;     // - ‐ – — ―

// Dash tokens (a token's text, not a code point as is_dash() above). All take
// "—", "–" and "--" (a dash typed as two hyphens); they differ on the rest,
// and each stage keeps the one its rules were tuned with:
//   is_dash_token                those only; a lone "-" is left to its context
//                                (attribution asks whether spaces surround it)
//   is_dash_or_hyphen_token      also a lone "-" (layout: bylines, datelines)
//   is_dash_bar_or_hyphen_token  also "-" and "―" U+2015 (cues after a quotation)
inline bool is_dash_token(std::string_view t) noexcept {
  return t == "\xE2\x80\x94" || t == "\xE2\x80\x93" || t == "--";
}
inline bool is_dash_or_hyphen_token(std::string_view t) noexcept { return is_dash_token(t) || t == "-"; }
inline bool is_dash_bar_or_hyphen_token(std::string_view t) noexcept {
  return is_dash_or_hyphen_token(t) || t == "\xE2\x80\x95";
}

// Lower-cases ASCII letters and maps ’ to ', for lexicon look-ups.
void fold(std::string_view word, std::string& out);
// The same, appended to `out`.
void fold_append(std::string_view word, std::string& out);
// The same, written to out[0, word.size()) (folding never lengthens a word);
// returns the folded length.
size_t fold_to(std::string_view word, char* out) noexcept;

// Number of code points in s (invalid bytes count one each).
size_t count_code_points(std::string_view s) noexcept;

// Whether s is entirely valid UTF-8.
bool valid(std::string_view s) noexcept;

}  // namespace whosaid::utf8

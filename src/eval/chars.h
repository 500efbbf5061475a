// Character classes the evaluator needs: UTF-8 decoding and a few small sets
// (white space, quotation marks, edge punctuation, name letters). Private to
// src/eval; the pipeline has its own tokeniser and the evaluator must not depend
// on it, or a tokeniser bug would hide in the scores.
#pragma once

#include <cstdint>
#include <string_view>

namespace whosaid::eval::chars {

struct CodePoint {
  uint32_t value = 0;  // U+FFFD for a byte that does not start valid UTF-8
  uint32_t size = 1;   // bytes
};

// The code point starting at byte `i` (< s.size()).
CodePoint decode(std::string_view s, size_t i) noexcept;
// The code point ending at byte `end` (> 0).
CodePoint decode_before(std::string_view s, size_t end) noexcept;

bool is_space(uint32_t c) noexcept;        // Unicode white space, ZWSP and BOM
bool is_quote_mark(uint32_t c) noexcept;   // " ' ` “ ” „ ‟ ‘ ’ ‚ ‛ « » ‹ › 「 」 『 』 ＂ ＇
bool is_edge_punct(uint32_t c) noexcept;   // . , ; : ! ? … — –
bool is_word_char(uint32_t c) noexcept;    // ASCII alnum, or a non-ASCII letter-ish code point
bool is_upper(uint32_t c) noexcept;        // upper-case Latin, Greek, Cyrillic letters

}  // namespace whosaid::eval::chars

// whosaid/span.h — byte ranges into a document's text.
//
// Every annotation whosaid produces (token, sentence, quote, mention, cue) is a
// Span: a half-open [begin, end) range of UTF-8 byte offsets into the original
// text the Document owns. Spans never copy text; use Document::slice() to view it.
#pragma once

#include <cstdint>

namespace whosaid {

struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;

  constexpr uint32_t size() const noexcept { return end - begin; }
  constexpr bool empty() const noexcept { return end <= begin; }
  constexpr bool contains(uint32_t offset) const noexcept {
    return offset >= begin && offset < end;
  }
  constexpr bool contains(Span other) const noexcept {
    return other.begin >= begin && other.end <= end;
  }
  constexpr bool overlaps(Span other) const noexcept {
    return other.begin < end && begin < other.end;
  }
  friend constexpr bool operator==(Span, Span) = default;
};

}  // namespace whosaid

// A quote's `text` as every output writes it (README "Output schema"): its
// content fragments joined by " … ", with the quotation marks of a mixed quote
// balanced. A one-fragment quote without an unbalanced mark is exactly
// input[start:end].
//
//   the Government's rhetoric was "part of a pattern we've seen".   (source)
//   span:  the Government's rhetoric was "part of a pattern we've seen
//   text:  the Government's rhetoric was "part of a pattern we've seen"
//
// The closing mark written after the span is the source's own mark (its
// QuotedRegion's close_mark); an opening mark before a fragment that holds
// only the close is added the same way. Offsets (start, end, spans) are never
// changed: only the text.
#pragma once

#include <string>
#include <vector>

#include "whosaid/document.h"

namespace whosaid {

// One piece of a quote's text: a byte range of the document, or the joiner
// between two fragments (kFragmentJoiner) when `joiner` is set.
struct QuoteTextPiece {
  Span span;
  bool joiner = false;
};

inline constexpr std::string_view kFragmentJoiner = " \xE2\x80\xA6 ";  // " … "

// The pieces in order. Python builds its str from them (slices of the caller's
// str); quote_text() builds the UTF-8 string.
std::vector<QuoteTextPiece> quote_text_pieces(const Document& doc, const Quote& q);
std::string quote_text(const Document& doc, const Quote& q);

}  // namespace whosaid

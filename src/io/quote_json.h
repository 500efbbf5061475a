// The one JSON writer for a quote: `whosaid extract`, `search`, `export`, the
// HTTP API and the Python store all write a quote through append_quote_fields(),
// so the schema (README "Output schema", docs/api.md) is the same everywhere:
//   {"text","start","end","spans":[[s,e],…],"kind",
//    "speaker":{"name","mention","start","end","role","org","type"}|null,
//    "cue":{"text","start","end"}|null,"confidence"}
// Every field is always present; a value that is not known is null (never ""
// and never omitted). Offsets are UTF-8 byte offsets into the document text;
// confidence has three decimals; `text` is quote_text() (io/quote_text.h).
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "whosaid/document.h"

namespace whosaid {

// A quote as written: views into a Document (quote_record()) or into a stored
// row (store/hit_json.h). Empty strings and absent offsets are written as null.
struct QuoteRecord {
  std::string_view text;
  Span span;                       // start, end
  const Span* spans = nullptr;     // the fragments; `span` alone when spans_count is 0
  size_t spans_count = 0;
  QuoteKind kind = QuoteKind::kDirect;
  bool has_speaker = false;
  std::string_view speaker_name, mention, role, org;
  std::optional<Span> mention_span;
  std::string_view speaker_type;   // "person", "organisation", "document"; empty: null
  bool has_cue = false;
  std::string_view cue;
  std::optional<Span> cue_span;
  float confidence = 0.0f;
};

// The record of `q`; `text` must outlive it (quote_text(doc, q)).
QuoteRecord quote_record(const Document& doc, const Quote& q, std::string_view text);

// Appends the quote's fields, without the braces, so that callers can add
// their own around them (a search hit's id and article).
void append_quote_fields(const QuoteRecord& q, std::string& out);

// Appends one quote as a JSON object to `out`.
void append_quote_json(const Document& doc, const Quote& q, std::string& out);

// Appends {"id": <id_json>, "quotes": [...], "diagnostics": [...]}; `id_json` is
// raw JSON (a string or number as read), the field omitted when it is empty.
void append_document_json(const Document& doc, std::string_view id_json, std::string& out);

// Writes the same object to `out` a piece at a time (memory bounded by a
// buffer, not by the number of quotes) followed by a newline.
void write_document_json(const Document& doc, std::string_view id_json, std::ostream& out);

// Appends s as a JSON string literal (quotes included); invalid UTF-8 becomes U+FFFD
// (the character itself, not an escape).
void append_json_string(std::string_view s, std::string& out);
// Appends s as a JSON string literal, or null when s is empty (a value not known).
void append_json_string_or_null(std::string_view s, std::string& out);

}  // namespace whosaid

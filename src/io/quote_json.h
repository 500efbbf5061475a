// JSON for quotes, as printed by `whosaid extract` and documented in the README:
//   {"text","start","end","spans":[[s,e],…],"kind","speaker":{…}|null,"cue":{…}|null,"confidence"}
// Offsets are UTF-8 byte offsets into the document text.
#pragma once

#include <ostream>
#include <string>

#include "whosaid/document.h"

namespace whosaid {

// Appends one quote as a JSON object to `out`.
void append_quote_json(const Document& doc, const Quote& q, std::string& out);

// Appends {"id": <id_json>, "quotes": [...], "diagnostics": [...]}; `id_json` is
// raw JSON (a string or number as read), the field omitted when it is empty.
void append_document_json(const Document& doc, std::string_view id_json, std::string& out);

// Writes the same object to `out` a piece at a time (memory bounded by a
// buffer, not by the number of quotes) followed by a newline.
void write_document_json(const Document& doc, std::string_view id_json, std::ostream& out);

// Appends s as a JSON string literal (quotes included); invalid UTF-8 becomes U+FFFD.
void append_json_string(std::string_view s, std::string& out);

}  // namespace whosaid

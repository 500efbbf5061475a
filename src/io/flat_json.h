// The fast path of JsonlReader (io/jsonl.h): an article line that is one flat
// JSON object whose values are all strings — what feeds almost always hold —
// read without building a JSON value. nlohmann::json::parse built a tree and
// appended each string's bytes one at a time, about a twentieth of
// `whosaid extract --jsonl`'s CPU on news-bench.
//
//   std::string_view fields[kNumFlatFields];
//   if (read_flat_object(line, fields, scratch)) use(fields[kFlatText]);
//   else parse_in_full(line);   // anything else, errors included
//
// It accepts only what it reads exactly as nlohmann::json::parse would and
// refuses the rest, which the caller then parses in full: a value that is
// not a string, an escape other than the one-letter ones (\" \\ \/ \b \f \n
// \r \t; \u goes to the full parser), a control character or ill-formed UTF-8
// in a string, a known key given twice, anything after the object, and every
// syntax error (whose message the full parser words). A refused line costs
// the scan up to the refusal, then the full parse.
#pragma once

#include <string>
#include <string_view>

namespace whosaid {

// The keys JsonlReader reads, as indexes into read_flat_object's `fields`.
enum FlatField { kFlatId, kFlatUrl, kFlatOutlet, kFlatDate, kFlatTitle, kFlatText, kNumFlatFields };

// On true, fields[f] is the decoded string of key f, or a null view (data()
// == nullptr) when the object lacks the key. A string with escapes is decoded
// into `scratch` (the views point into `line` or `scratch`, valid while both
// are unchanged). On false, `fields` and `scratch` are unspecified.
bool read_flat_object(std::string_view line, std::string_view* fields, std::string& scratch);

}  // namespace whosaid

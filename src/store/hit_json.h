// A stored quote (a search hit, an exported row) as JSON: the quote object
// every output writes (io/quote_json.h, README "Output schema") and where it
// is stored, written by `whosaid search|export`, the HTTP API and
// whosaid.Store in Python:
//   {"id", "text", "start", "end", "spans", "kind", "speaker", "cue", "confidence",
//    "speaker_id", "statement_id", "other_articles", "score",
//    "article": {"id", "source_id", "url", "outlet", "date", "title"}}
// `speaker.name` is the person the store resolved the quote to (one name across
// articles; `speaker_id`); values the store does not know are null, among them
// the offsets of the mention and cue of quotes stored before schema 4.
#pragma once

#include <string>

#include "io/quote_json.h"
#include "whosaid/store.h"

namespace whosaid {

// The quote fields of a stored quote; views into `q`.
QuoteRecord quote_record(const StoredQuote& q);

// Appends the whole object to `out`.
void append_hit_json(const StoredQuote& q, std::string& out);
std::string hit_json(const StoredQuote& q);

}  // namespace whosaid

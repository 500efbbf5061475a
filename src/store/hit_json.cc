#include "store/hit_json.h"

#include <cmath>
#include <cstdio>

namespace whosaid {
namespace {

void append_id(int64_t id, std::string& out) { out += id ? std::to_string(id) : "null"; }

}  // namespace

QuoteRecord quote_record(const StoredQuote& q) {
  QuoteRecord r;
  r.text = q.text;
  if (!q.spans.empty()) r.span = {q.spans.front().begin, q.spans.back().end};
  r.spans = q.spans.data();
  r.spans_count = q.spans.size();
  r.kind = q.kind;
  r.has_speaker = !q.speaker.empty() || !q.mention.empty();
  r.speaker_name = q.speaker;
  r.mention = q.mention;
  r.mention_span = q.mention_span;
  r.role = q.role;
  r.org = q.org;
  r.speaker_type = q.speaker_type;
  r.has_cue = !q.cue.empty();
  r.cue = q.cue;
  r.cue_span = q.cue_span;
  r.confidence = q.confidence;
  return r;
}

void append_hit_json(const StoredQuote& q, std::string& out) {
  out += "{\"id\":";
  append_id(q.id, out);
  out += ',';
  append_quote_fields(quote_record(q), out);
  out += ",\"speaker_id\":";
  append_id(q.speaker_id, out);
  out += ",\"statement_id\":";
  append_id(q.statement_id, out);
  out += ",\"other_articles\":" + std::to_string(q.other_articles);
  out += ",\"score\":";  // bm25 of a text query, three decimals
  if (q.score != 0 && std::isfinite(q.score)) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3f", std::round(q.score * 1000.0) / 1000.0 + 0.0);  // no "-0.000"
    out += buf;
  } else {
    out += "null";
  }
  out += ",\"article\":{\"id\":";
  append_id(q.article_id, out);
  out += ",\"source_id\":";
  append_json_string_or_null(q.source_id, out);
  out += ",\"url\":";
  append_json_string_or_null(q.url, out);
  out += ",\"outlet\":";
  append_json_string_or_null(q.outlet, out);
  out += ",\"date\":";
  append_json_string_or_null(q.date, out);
  out += ",\"title\":";
  append_json_string_or_null(q.title, out);
  out += "}}";
}

std::string hit_json(const StoredQuote& q) {
  std::string out;
  append_hit_json(q, out);
  return out;
}

}  // namespace whosaid

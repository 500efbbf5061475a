#include "server/export.h"

#include <nlohmann/json.hpp>

#include "store/hit_json.h"

namespace whosaid::server {

using nlohmann::json;

namespace {

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

std::string cell(const json& v) {
  std::string s = v.is_null() ? "" : v.is_string() ? v.get<std::string>() : dump(v);
  bool formula = v.is_string() && !s.empty() &&
                 std::string_view("=+-@\t\r").find(s[0]) != std::string_view::npos;
  if (formula) s.insert(0, 1, '\'');
  return csv_quote(s);
}

// Column name → where it is in a search result: a field of the object, or
// of one of its objects.
struct Column {
  const char* name;
  const char* object;  // nullptr: the result itself
  const char* field;
};
const Column kColumns[] = {
    {"id", nullptr, "id"},
    {"text", nullptr, "text"},
    {"kind", nullptr, "kind"},
    {"speaker", "speaker", "name"},
    {"speaker_id", nullptr, "speaker_id"},
    {"role", "speaker", "role"},
    {"org", "speaker", "org"},
    {"mention", "speaker", "mention"},
    {"speaker_type", "speaker", "type"},
    {"cue", "cue", "text"},
    {"confidence", nullptr, "confidence"},
    {"start", nullptr, "start"},
    {"end", nullptr, "end"},
    {"statement_id", nullptr, "statement_id"},
    {"other_articles", nullptr, "other_articles"},
    {"article_id", "article", "id"},
    {"source_id", "article", "source_id"},
    {"outlet", "article", "outlet"},
    {"date", "article", "date"},
    {"title", "article", "title"},
    {"url", "article", "url"},
};

}  // namespace

bool parse_export_format(const std::string& name, ExportFormat& out) {
  if (name.empty() || name == "json") out = ExportFormat::kJson;
  else if (name == "csv") out = ExportFormat::kCsv;
  else if (name == "jsonl") out = ExportFormat::kJsonl;
  else return false;
  return true;
}

const char* export_content_type(ExportFormat f) {
  switch (f) {
    case ExportFormat::kCsv: return "text/csv; charset=utf-8";
    case ExportFormat::kJsonl: return "application/x-ndjson; charset=utf-8";
    case ExportFormat::kJson: break;
  }
  return "application/json; charset=utf-8";
}

const char* export_extension(ExportFormat f) {
  return f == ExportFormat::kCsv ? "csv" : f == ExportFormat::kJsonl ? "jsonl" : "json";
}

std::string hits_csv_header() {
  std::string out;
  for (const Column& c : kColumns) {
    if (&c != kColumns) out += ',';
    out += c.name;
  }
  return out;
}

std::string hit_csv_row(const StoredQuote& q) {
  const json hit = json::parse(hit_json(q));
  std::string out;
  for (const Column& c : kColumns) {
    if (&c != kColumns) out += ',';
    const json* from = &hit;
    if (c.object) {
      auto o = hit.find(c.object);
      from = o != hit.end() && o->is_object() ? &*o : nullptr;
    }
    auto it = from ? from->find(c.field) : hit.end();
    out += cell(from && it != from->end() ? *it : json(nullptr));
  }
  return out;
}

std::string hits_csv(const std::vector<StoredQuote>& hits) {
  std::string out = hits_csv_header() + "\r\n";
  for (const StoredQuote& q : hits) out += hit_csv_row(q) + "\r\n";
  return out;
}

std::string csv_quote(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + '"';
}

std::string hits_jsonl(const std::vector<StoredQuote>& hits) {
  std::string out;
  for (const StoredQuote& q : hits) {
    append_hit_json(q, out);
    out += '\n';
  }
  return out;
}

}  // namespace whosaid::server

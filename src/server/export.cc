#include "server/export.h"

#include <nlohmann/json.hpp>

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

// Column name → where it is in a search result.
struct Column {
  const char* name;
  const char* field;
  bool in_article;
};
const Column kColumns[] = {
    {"id", "id", false},
    {"text", "text", false},
    {"kind", "kind", false},
    {"speaker", "speaker", false},
    {"speaker_id", "speaker_id", false},
    {"role", "role", false},
    {"org", "org", false},
    {"mention", "mention", false},
    {"cue", "cue", false},
    {"confidence", "confidence", false},
    {"statement_id", "statement_id", false},
    {"other_articles", "other_articles", false},
    {"article_id", "id", true},
    {"source_id", "source_id", true},
    {"outlet", "outlet", true},
    {"date", "date", true},
    {"title", "title", true},
    {"url", "url", true},
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

std::string hits_csv(const json& results) {
  std::string out;
  for (const Column& c : kColumns) {
    if (&c != kColumns) out += ',';
    out += c.name;
  }
  out += "\r\n";
  for (const json& hit : results) {
    for (const Column& c : kColumns) {
      if (&c != kColumns) out += ',';
      const json& from = c.in_article ? hit.at("article") : hit;
      auto it = from.find(c.field);
      out += cell(it == from.end() ? json(nullptr) : *it);
    }
    out += "\r\n";
  }
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

std::string hits_jsonl(const json& results) {
  std::string out;
  for (const json& hit : results) out += dump(hit) + "\n";
  return out;
}

}  // namespace whosaid::server

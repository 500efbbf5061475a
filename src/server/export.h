// Search results as files to download: CSV (RFC 4180, one row per quotation,
// header first) and JSON Lines (one search result object per line, as in the
// JSON response). GET /api/search?format=csv|jsonl; docs/api.md.
//
//   std::string csv = hits_csv(results);   // results: the JSON array of search results
//
// CSV cells that a spreadsheet would run as a formula (starting with =, +, -,
// @, tab or carriage return) get a leading apostrophe.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json_fwd.hpp>

namespace whosaid::server {

enum class ExportFormat { kJson, kCsv, kJsonl };

// "" and "json" → kJson, "csv", "jsonl"; false for anything else.
bool parse_export_format(const std::string& name, ExportFormat& out);
const char* export_content_type(ExportFormat f);
const char* export_extension(ExportFormat f);

std::string hits_csv(const nlohmann::json& results);
// One CSV cell, RFC 4180: in double quotes (doubled inside) when it holds a
// comma, a double quote or a line break; as it is otherwise. No formula guard.
std::string csv_quote(std::string_view s);
std::string hits_jsonl(const nlohmann::json& results);

}  // namespace whosaid::server

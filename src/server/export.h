// Stored quotes as files: CSV (RFC 4180, one row per quotation, header first)
// and JSON Lines (one object per line: store/hit_json.h, the objects of the
// JSON response). `whosaid search|export` and GET /api/search?format=csv|jsonl
// (docs/api.md) both write them here.
//
//   std::string csv = hits_csv(results.hits);
//
// CSV columns are the JSON fields flattened (speaker.name → speaker, cue.text
// → cue, article.id → article_id); null is an empty cell. Cells that a
// spreadsheet would run as a formula (starting with =, +, -, @, tab or
// carriage return) get a leading apostrophe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "whosaid/store.h"

namespace whosaid::server {

enum class ExportFormat { kJson, kCsv, kJsonl };

// "" and "json" → kJson, "csv", "jsonl"; false for anything else.
bool parse_export_format(const std::string& name, ExportFormat& out);
const char* export_content_type(ExportFormat f);
const char* export_extension(ExportFormat f);

// The CSV header line and one row, each without the line end.
std::string hits_csv_header();
std::string hit_csv_row(const StoredQuote& q);
// Header and rows, each line ended by CRLF.
std::string hits_csv(const std::vector<StoredQuote>& hits);
// One CSV cell, RFC 4180: in double quotes (doubled inside) when it holds a
// comma, a double quote or a line break; as it is otherwise. No formula guard.
std::string csv_quote(std::string_view s);
std::string hits_jsonl(const std::vector<StoredQuote>& hits);

}  // namespace whosaid::server

#include "io/jsonl.h"

#include <nlohmann/json.hpp>

#include "io/flat_json.h"
#include "io/json_id.h"
#include "whosaid/extractor.h"

namespace whosaid {
namespace {

// A string as it is, a number as its JSON digits, else "".
std::string field(const nlohmann::json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || it->is_null()) return {};
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  return {};
}

}  // namespace

bool JsonlReader::next(ArticleRecord& record, std::string& error) {
  error.clear();
  reason_.clear();
  while (std::getline(in_, line_)) {
    ++line_no_;
    bytes_read_ += line_.size() + 1;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    if (line_.find_first_not_of(" \t\r") == std::string::npos) continue;
    record = ArticleRecord{};
    record.line = line_no_;
    auto fail = [&](std::string reason) {
      reason_ = std::move(reason);
      error = where() + ": " + reason_;
      return true;
    };
    if (line_.size() > kMaxDocumentBytes + 4096) {
      return fail("line of " + std::to_string(line_.size()) + " bytes exceeds the document limit");
    }
    if (read_flat(record)) return true;
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line_);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999 (JsonlNumberOverflowCrash)
      std::string what = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 5: …" → the useful tail.
      size_t column = what.find("column");
      return fail("bad JSON: " + (column != std::string::npos ? what.substr(column) : what));
    }
    if (!j.is_object()) return fail("expected a JSON object, got " + std::string(j.type_name()));
    auto text = j.find("text");
    if (text == j.end()) return fail("no \"text\" field");
    if (!text->is_string()) return fail("\"text\" must be a string, got " + std::string(text->type_name()));
    record.text = text->get<std::string>();
    if (auto id = j.find("id"); id != j.end() && !id->is_null()) {
      std::string why;
      if (!article_id(*id, record.id, why)) return fail(why);
      record.id_json = id->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    record.url = field(j, "url");
    record.outlet = field(j, "outlet");
    record.date = field(j, "date");
    record.title = field(j, "title");
    return true;
  }
  return false;
}

bool JsonlReader::read_flat(ArticleRecord& record) {
  std::string_view f[kNumFlatFields];
  if (!read_flat_object(line_, f, scratch_) || !f[kFlatText].data()) return false;
  record.text.assign(f[kFlatText]);
  if (f[kFlatId].data()) {
    record.id.assign(f[kFlatId]);
    // As the full path writes it (a string, re-escaped).
    record.id_json = nlohmann::json(record.id).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  }
  record.url.assign(f[kFlatUrl]);
  record.outlet.assign(f[kFlatOutlet]);
  record.date.assign(f[kFlatDate]);
  record.title.assign(f[kFlatTitle]);
  return true;
}

}  // namespace whosaid

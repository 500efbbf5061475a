#include "io/jsonl.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "io/json_id.h"
#include "whosaid/extractor.h"

namespace whosaid {

bool JsonlReader::next(ArticleRecord& record, std::string& error) {
  error.clear();
  while (std::getline(in_, line_)) {
    ++line_no_;
    if (!line_.empty() && line_.back() == '\r') line_.pop_back();
    size_t first = line_.find_first_not_of(" \t");
    if (first == std::string::npos) continue;
    record = ArticleRecord{};
    record.line = line_no_;
    auto fail = [&](const std::string& reason) {
      error = name_ + ":" + std::to_string(line_no_) + ": " + reason;
      return true;
    };
    if (line_.size() > kMaxDocumentBytes + 4096) {
      return fail("line of " + std::to_string(line_.size()) + " bytes exceeds the document limit");
    }
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line_);
    } catch (const nlohmann::json::exception& e) {  // parse_error, and out_of_range for 1e999 (JsonlNumberOverflowCrash)
      std::string what = e.what();
      // "[json.exception.parse_error.101] parse error at line 1, column 5: …" → the useful tail.
      size_t colon = what.find("column");
      return fail("invalid JSON (" + (colon != std::string::npos ? what.substr(colon) : what) + ")");
    }
    if (!j.is_object()) return fail("expected a JSON object, got " + std::string(j.type_name()));
    auto text = j.find("text");
    if (text == j.end()) return fail("missing \"text\"");
    if (!text->is_string()) return fail("\"text\" must be a string, got " + std::string(text->type_name()));
    record.text = text->get<std::string>();
    if (auto id = j.find("id"); id != j.end() && !id->is_null()) {
      std::string error;
      if (!article_id(*id, record.id, error)) return fail(error);
      record.id_json = id->dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    }
    auto str = [&](const char* key, std::string& out) {
      if (auto v = j.find(key); v != j.end() && v->is_string()) out = v->get<std::string>();
    };
    str("url", record.url);
    str("outlet", record.outlet);
    str("date", record.date);
    str("title", record.title);
    return true;
  }
  return false;
}

}  // namespace whosaid

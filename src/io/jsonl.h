// Streaming reader for article JSONL: one {"id","url","outlet","date","title","text"}
// object per line, only "text" required. Reads one line at a time, so memory is
// bounded by the longest line, never by the file.
#pragma once

#include <istream>
#include <string>

namespace whosaid {

struct ArticleRecord {
  size_t line = 0;       // 1-based line number in the input
  std::string id_json;   // the "id" value as raw JSON (string or number), "" if absent
  std::string id;        // the id as text ("" if absent)
  std::string url, outlet, date, title;
  std::string text;
};

class JsonlReader {
 public:
  // `name` is used in error messages ("articles.jsonl:12: …").
  JsonlReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  // Reads the next non-blank line. Returns false at end of input. When the line
  // is not a valid record, returns true with `error` set to "NAME:LINE: reason"
  // and `record` unspecified; the caller reports it and goes on.
  bool next(ArticleRecord& record, std::string& error);

  const std::string& name() const { return name_; }

 private:
  std::istream& in_;
  std::string name_;
  std::string line_;
  size_t line_no_ = 0;
};

}  // namespace whosaid

// The reader of article JSON Lines, used by `whosaid extract --jsonl` and by
// `whosaid ingest` (ingest::read_jsonl): one {"id","url","outlet","date","title",
// "text"} object per line, only "text" required. Reads one line at a time, so
// memory is bounded by the longest line, never by the file.
//
//   JsonlReader reader(in, "feed.jsonl");
//   ArticleRecord record;
//   std::string error;
//   while (reader.next(record, error)) {
//     if (!error.empty()) { report(error); continue; }   // "feed.jsonl:3: no \"text\" field"
//     use(record);
//   }
//
// A line is refused, with its reason, when it is longer than the document limit
// plus 4 KiB, is not JSON, is not an object, has no "text" string, or has an
// "id" that is neither a string nor a 64-bit integer (io/json_id.h). Lines of
// only spaces, tabs and CR are skipped. Not thread-safe; one reader per stream.
#pragma once

#include <cstdint>
#include <istream>
#include <string>

namespace whosaid {

struct ArticleRecord {
  size_t line = 0;       // 1-based line number in the input
  std::string id_json;   // the "id" value as raw JSON (string or number), "" if absent
  std::string id;        // the id as text ("" if absent)
  // A string as it is, a number as its JSON digits; "" when absent or another type.
  std::string url, outlet, date, title;
  std::string text;
};

class JsonlReader {
 public:
  // `name` is used in error messages ("articles.jsonl:12: …").
  JsonlReader(std::istream& in, std::string name) : in_(in), name_(std::move(name)) {}

  // Reads the next non-blank line. Returns false at end of input. When the line
  // is not a valid record, returns true with `error` set to "NAME:LINE: reason"
  // (where() and reason() give the two parts), record.line set and the rest of
  // `record` unspecified; the caller reports it and goes on.
  bool next(ArticleRecord& record, std::string& error);

  const std::string& name() const { return name_; }
  // "NAME:LINE" of the line last read.
  std::string where() const { return name_ + ":" + std::to_string(line_no_); }
  // Why the line last read was refused; "" when it was a record.
  const std::string& reason() const { return reason_; }
  // Bytes consumed so far, line ends included (for progress reports).
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  // Fills `record` from line_ when it is a flat object of strings with a
  // "text" (io/flat_json.h); false for any other line, left to the full parser.
  bool read_flat(ArticleRecord& record);

  std::istream& in_;
  std::string name_;
  std::string line_;
  std::string reason_;
  std::string scratch_;  // strings with escapes, decoded (read_flat)
  size_t line_no_ = 0;
  uint64_t bytes_read_ = 0;
};

}  // namespace whosaid

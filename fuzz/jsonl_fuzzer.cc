// Fuzzes the article JSONL reader (src/io/jsonl.h): any bytes give records or
// "NAME:LINE: reason" errors, never an exception; line numbers increase; a
// record's text is what the line's "text" field holds.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>

#include "invariants.h"
#include "io/jsonl.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::istringstream in(input);
  whosaid::JsonlReader reader(in, "fuzz.jsonl");
  whosaid::ArticleRecord record;
  std::string error;
  size_t last_line = 0, records = 0;
  size_t newlines = 0;
  for (char c : input) newlines += c == '\n';
  while (reader.next(record, error)) {
    if (++records > newlines + 1) whosaid::fuzz::fail("more records than lines", input);
    if (!error.empty()) {
      if (error.rfind("fuzz.jsonl:", 0) != 0) whosaid::fuzz::fail("error without its place: " + error, input);
      continue;
    }
    if (record.line <= last_line) whosaid::fuzz::fail("line numbers do not increase", input);
    last_line = record.line;
    if (!record.id_json.empty() && record.id.empty() && record.id_json != "\"\"")
      whosaid::fuzz::fail("id_json without id", input);
  }
  return 0;
}

// Fuzzes the article JSONL reader (src/io/jsonl.h), the one reader of
// `whosaid extract --jsonl` and of `whosaid ingest` (ingest::read_jsonl): any
// bytes give records or "NAME:LINE: reason" errors, never an exception; line
// numbers increase; read_jsonl gives the same records and the same rejections,
// place and reason, plus "empty \"text\"" for a record whose text is blank.
#include <cstddef>
#include <cstdint>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "ingest/readers.h"
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
  // What read_jsonl must give: (place, reason) of each rejection, place and text of each record.
  std::vector<std::pair<std::string, std::string>> rejected, accepted;
  while (reader.next(record, error)) {
    if (++records > newlines + 1) whosaid::fuzz::fail("more records than lines", input);
    if (record.line <= last_line) whosaid::fuzz::fail("line numbers do not increase", input);
    last_line = record.line;
    if (!error.empty()) {
      if (error.rfind("fuzz.jsonl:", 0) != 0) whosaid::fuzz::fail("error without its place: " + error, input);
      if (reader.reason().empty() || error != reader.where() + ": " + reader.reason())
        whosaid::fuzz::fail("error is not where() + reason(): " + error, input);
      rejected.emplace_back(reader.where(), reader.reason());
      continue;
    }
    if (!reader.reason().empty()) whosaid::fuzz::fail("a reason for a record: " + reader.reason(), input);
    if (!record.id_json.empty() && record.id.empty() && record.id_json != "\"\"")
      whosaid::fuzz::fail("id_json without id", input);
    if (record.text.find_first_not_of(" \t\n\v\f\r") == std::string::npos)
      rejected.emplace_back(reader.where(), "empty \"text\"");
    else
      accepted.emplace_back(reader.where(), record.text);
  }
  if (reader.bytes_read() < input.size()) whosaid::fuzz::fail("bytes_read short of the input", input);

  std::istringstream again(input);
  std::vector<std::pair<std::string, std::string>> rejects, emitted;
  whosaid::ingest::read_jsonl(
      again, "fuzz.jsonl",
      [&](whosaid::ingest::Record&& r) { emitted.emplace_back(r.origin, std::move(r.text)); },
      [&](const std::string& where, const std::string& why) { rejects.emplace_back(where, why); });
  if (rejects != rejected) whosaid::fuzz::fail("read_jsonl rejects other lines or reasons", input);
  if (emitted != accepted) whosaid::fuzz::fail("read_jsonl emits other records", input);
  return 0;
}

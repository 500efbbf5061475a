// Fuzzes the gold reader (whosaid::eval::parse_gold_line): a line parses or
// throws whosaid::Error(kBadInput), nothing else; parsed offsets (code points
// converted to bytes) lie inside the text on UTF-8 boundaries, fragments sorted.
#include <cstddef>
#include <cstdint>
#include <string>

#include "invariants.h"
#include "whosaid/error.h"
#include "whosaid/eval.h"

namespace {

void check_spans(whosaid::fuzz::Checker& c, const char* what, const std::vector<whosaid::Span>& spans) {
  for (size_t i = 0; i < spans.size(); ++i) {
    c.span(what, i, spans[i]);
    if (i > 0) c.expect(spans[i - 1].begin <= spans[i].begin, std::string(what) + " not sorted");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string line(reinterpret_cast<const char*>(data), size);
  whosaid::eval::GoldDocument doc;
  try {
    doc = whosaid::eval::parse_gold_line(line);
  } catch (const whosaid::Error& e) {
    if (e.code() != whosaid::ErrorCode::kBadInput) whosaid::fuzz::fail("unexpected error code", line);
    return 0;
  }
  whosaid::fuzz::Checker c(doc.text);
  for (const auto& a : doc.attributions) {
    c.expect(!a.content.empty(), "attribution without content");
    check_spans(c, "content", a.content);
    check_spans(c, "source", a.source);
    check_spans(c, "cue", a.cue);
  }
  check_spans(c, "discard", doc.discard);
  if (!c.error().empty()) whosaid::fuzz::fail(c.error(), line);
  // Code point → byte offsets: one per code point plus the end, increasing.
  auto offsets = whosaid::eval::codepoint_to_byte_offsets(doc.text);
  if (offsets.empty() || offsets.back() != doc.text.size()) whosaid::fuzz::fail("offset table does not end at the text end", line);
  for (size_t i = 1; i < offsets.size(); ++i)
    if (offsets[i] <= offsets[i - 1]) whosaid::fuzz::fail("offset table not increasing", line);
  return 0;
}

// Fuzzes stages 1-2 on their own: paragraphs and tokens (segment), quotation
// marks (find_quotes) and sentences (split_sentences). Checks the span
// invariants of fuzz/invariants.h and that a second run gives the same result.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/lexicon.h"
#include "invariants.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"

namespace {

whosaid::Document segment_and_quote(const std::string& text) {
  whosaid::Document doc(text);
  whosaid::segment(doc);
  whosaid::find_quotes(doc);
  whosaid::split_sentences(doc, whosaid::Lexicon::builtin());
  return doc;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  whosaid::Document first = segment_and_quote(text);
  if (std::string why = whosaid::fuzz::check_document(first); !why.empty()) whosaid::fuzz::fail(why, text);
  // Every quoted region's tokens lie inside its paragraph.
  for (size_t i = 0; i < first.quoted.size(); ++i) {
    const auto& r = first.quoted[i];
    if (r.paragraph >= first.paragraphs.size()) whosaid::fuzz::fail("quoted region in no paragraph", text);
    const auto& p = first.paragraphs[r.paragraph];
    if (!p.span.contains(r.open_mark)) whosaid::fuzz::fail("quoted region crosses its paragraph", text);
  }
  whosaid::Document second = segment_and_quote(text);
  if (std::string why = whosaid::fuzz::compare_documents(first, second); !why.empty())
    whosaid::fuzz::fail("not deterministic: " + why, text);
  return 0;
}

// Helpers for tests that run the pipeline on short articles.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.h"
#include "whosaid/extractor.h"

namespace whosaid::testing {

inline const Extractor& extractor() {
  static const Extractor e;
  return e;
}

inline std::vector<std::string> sentence_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.slice(s.span));
  return out;
}

inline std::vector<std::string> token_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.slice(t.span));
  return out;
}

inline std::vector<std::string> quoted_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const QuotedRegion& r : doc.quoted) out.emplace_back(doc.slice(r.content));
  return out;
}

// The quote whose text contains `needle`, or nullptr.
inline const Quote* quote_containing(const Document& doc, std::string_view needle) {
  for (const Quote& q : doc.quotes)
    if (doc.slice(q.span).find(needle) != std::string_view::npos) return &q;
  return nullptr;
}

inline std::string speaker_of(const Document& doc, std::string_view needle) {
  const Quote* q = quote_containing(doc, needle);
  if (!q) return "<no quote>";
  if (!q->speaker) return "<no speaker>";
  return q->speaker->name;
}

}  // namespace whosaid::testing

// Lookups from a token or a byte offset to the document's segments, shared by
// the stages after segmentation. Each is a binary search: O(log n).
#pragma once

#include <algorithm>
#include <cstdint>
#include <vector>

#include "whosaid/document.h"

namespace whosaid {

// An interviewer's question is a paragraph of a few sentences that ends in
// "?"; a reply of many sentences may end in a rhetorical one ("… is there
// any reason why it should exist?") and stays the interviewee's.
constexpr uint32_t kMaxQuestionSentences = 3;
inline bool short_enough_for_a_question(const Paragraph& p) noexcept {
  return p.end_sentence - p.first_sentence <= kMaxQuestionSentences;
}

// The index of the sentence containing token t, or -1 when no sentence does.
inline int32_t sentence_containing(const Document& doc, uint32_t t) noexcept {
  auto it = std::upper_bound(doc.sentences.begin(), doc.sentences.end(), t,
                             [](uint32_t tk, const Sentence& s) { return tk < s.first_token; });
  if (it == doc.sentences.begin()) return -1;
  --it;
  return t < it->end_token ? static_cast<int32_t>(it - doc.sentences.begin()) : -1;
}

// The first token whose span starts at or after byte `offset` (tokens.size()
// when there is none).
inline uint32_t first_token_from(const Document& doc, uint32_t offset) noexcept {
  auto it = std::lower_bound(doc.tokens.begin(), doc.tokens.end(), offset,
                             [](const Token& t, uint32_t o) { return t.span.begin < o; });
  return static_cast<uint32_t>(it - doc.tokens.begin());
}

// The index of the last segment (sentence or paragraph) that starts at or
// before byte `offset`; 0 when none does.
template <typename Segment>
uint32_t segment_at(const std::vector<Segment>& segments, uint32_t offset) noexcept {
  auto it = std::upper_bound(segments.begin(), segments.end(), offset,
                             [](uint32_t o, const Segment& s) { return o < s.span.begin; });
  return it == segments.begin() ? 0 : static_cast<uint32_t>(it - segments.begin() - 1);
}

}  // namespace whosaid

// The phrase a sentence opens with before its subject: "In Taipei, …",
// "After the match, …", "Speaking on Radio Nord, …", "When Smith arrived, …".
// Names in it are not the sentence's subject.
#pragma once

#include <cstdint>

#include "attribution/words.h"
#include "core/folded.h"
#include "whosaid/document.h"

namespace whosaid {

// The first token after the comma that closes the phrase sentence s opens
// with — one opened by a preposition, a subordinator or a participle in
// "-ing", closed within twelve tokens —, or s.first_token when it opens with
// none.
inline uint32_t past_opening_phrase(const Document& doc, const FoldedWords& folded, const Sentence& s) {
  const uint32_t b = s.first_token;
  if (b >= s.end_token || doc.tokens[b].kind != TokenKind::kWord || doc.tokens[b].in_quote) return b;
  const FoldedWord w = folded[b];
  if (!attribution::is_preposition(w) && !attribution::is_subordinator(w) && !(w.size() > 4 && w.ends_with("ing")))
    return b;
  for (uint32_t t = b + 1; t < s.end_token && t < b + 12; ++t)
    if (doc.slice(doc.tokens[t].span) == ",") return t + 1;
  return b;
}

}  // namespace whosaid

#include "entities/relative_antecedent.h"

#include "core/positions.h"
#include "parse/tree.h"
#include "tagger/tag_set.h"

namespace whosaid {

std::optional<Span> relative_antecedent(const Document& doc, const FoldedWords& folded, const Mention& m) {
  const FoldedWord w = folded[m.first_token];
  if (m.end_token != m.first_token + 1 || (w != "who" && w != "which" && w != "that")) return std::nullopt;
  // Parsed (resolve_relatives_by_tree()): the noun the clause hangs from, with what precedes it in its phrase.
  if (const int64_t noun = relative_clause_noun(doc, m.first_token); noun >= 0) {
    const int32_t si = sentence_containing(doc, m.first_token);
    if (noun < m.first_token && si >= 0 && pos::is_nominal(doc.tokens[noun].tag)) {
      // Its determiners and modifiers (with what hangs from them: "the prime
      // minister's"), not a preposition, conjunction, subject or verb before
      // them ("of experts", "are the same people").
      const uint32_t floor = doc.sentences[si].first_token;
      uint32_t first = static_cast<uint32_t>(noun);
      while (first > floor && dominates(doc, noun, first - 1)) {
        const Token& t = doc.tokens[first - 1];
        const bool modifier = t.dep == dep::kDet || t.dep == dep::kDetPredet || t.dep == dep::kAmod ||
                              t.dep == dep::kCompound || t.dep == dep::kNummod || t.dep == dep::kNmodPoss ||
                              t.dep == dep::kFlat;
        if (head_of(doc, first - 1) == noun && !modifier) break;
        --first;
      }
      return Span{doc.tokens[first].span.begin, doc.tokens[noun].span.end};
    }
  }
  const uint32_t end = m.first_token;  // the phrase ends before the pronoun
  if (end == 0 || !pos::is_nominal(doc.tokens[end - 1].tag)) return std::nullopt;
  const int32_t si = sentence_containing(doc, m.first_token);
  const uint32_t floor = si < 0 ? 0 : doc.sentences[si].first_token;
  uint32_t b = end - 1;
  constexpr uint32_t kMaxWords = 6;
  while (b > floor && end - b < kMaxWords) {
    const uint8_t t = doc.tokens[b - 1].tag;
    if (!pos::is_nominal(t) && !pos::is_adjective(t) && pos::upos(t) != pos::Upos::kNUM &&
        !pos::is_determiner(t))
      break;
    --b;
    if (pos::is_determiner(t)) break;  // "the", "a": the phrase starts here
  }
  return Span{doc.tokens[b].span.begin, doc.tokens[end - 1].span.end};
}

}  // namespace whosaid

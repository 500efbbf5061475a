#include "entities/group_subject.h"

#include <algorithm>

#include "core/positions.h"
#include "parse/parser.h"
#include "parse/tree.h"
#include "tagger/tag_set.h"

namespace whosaid {
namespace {

// Words that may come before "they" while it still opens its sentence.
bool opener(std::string_view w) {
  return w == "but" || w == "and" || w == "however" || w == "now" || w == "yet" || w == "so";
}

// The subject of sentence s's root, or -1. Parses s if needed.
int64_t main_subject(Document& doc, const Sentence& s) {
  if (s.end_token <= s.first_token) return -1;
  if (!is_parsed(doc.tokens[s.first_token])) Parser::builtin().parse(doc, s.first_token, s.end_token);
  for (uint32_t t = s.first_token; t < s.end_token; ++t)
    if (is_root(doc.tokens[t])) {
      int64_t subj = child_with(doc, s.first_token, s.end_token, t, dep::kNsubj);
      if (subj < 0) subj = child_with(doc, s.first_token, s.end_token, t, dep::kNsubjPass);
      return subj;
    }
  return -1;
}

bool modifier(uint8_t d) {
  return d == dep::kDet || d == dep::kDetPredet || d == dep::kAmod || d == dep::kCompound || d == dep::kNummod ||
         d == dep::kFlat;
}

}  // namespace

std::optional<Span> group_subject(Document& doc, const Lexicon& lex, const FoldedWords& folded, const Mention& m) {
  if (m.end_token != m.first_token + 1 || folded[m.first_token] != "they" || doc.tokens[m.first_token].in_quote)
    return std::nullopt;
  const int32_t si = sentence_containing(doc, m.first_token);
  if (si < 0) return std::nullopt;
  const Sentence& own = doc.sentences[si];
  bool opens = true;
  for (uint32_t t = own.first_token; t < m.first_token; ++t)
    if (doc.tokens[t].kind == TokenKind::kWord && !opener(folded[t])) opens = false;
  // "They" opening its sentence, or the subject of its main verb ("Iraq,
  // they insisted, would …"): the sentence before (news goes on with its
  // subject across a paragraph break: "…, MPs said. / They said the law …").
  // Else the subject of its own sentence, before it.
  int64_t subj = opens ? -1 : main_subject(doc, own);
  if (opens || subj == m.first_token) {
    // Through a run of sentences whose subject is "they" too, three at most.
    subj = -1;
    for (int32_t back = si - 1; back >= 0 && back >= si - 3; --back) {
      subj = main_subject(doc, doc.sentences[back]);
      if (subj < 0 || folded[subj] != "they" || doc.tokens[subj].in_quote) break;
    }
  } else if (subj > m.first_token) {
    return std::nullopt;
  }
  if (subj < 0) return std::nullopt;
  const Sentence& s = doc.sentences[sentence_containing(doc, static_cast<uint32_t>(subj))];
  const Token& head = doc.tokens[subj];
  if (head.in_quote || !pos::is_plural_noun(head.tag)) return std::nullopt;
  // The tag says plural ("Police" too); WordNet says people, a group or a
  // body; or a plural of capitals it does not list ("MPs", "MEPs").
  const FoldedWord w = folded[subj];
  const NounSenses senses = lex.noun_senses(w);
  const bool people = senses.first_is(NounSenses::kPerson) || senses.first_is(NounSenses::kGroup) || senses.body;
  const std::string_view text = doc.slice(head.span);
  const bool capitals = text.size() >= 3 && text.back() == 's' && head.has(kAllCaps) == false &&
                        std::all_of(text.begin(), text.end() - 1, [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!people && !capitals) return std::nullopt;
  // Its determiners and modifiers before it ("Iranian authorities", "some
  // analysts"), and a group joined by "and" after it ("Mac watchers and some
  // analysts"), not what follows as a phrase ("Judges at the Supreme Court").
  uint32_t first = static_cast<uint32_t>(subj), end = first + 1;
  while (first > s.first_token && dominates(doc, subj, first - 1) && modifier(doc.tokens[first - 1].dep)) --first;
  const int64_t conj = child_with(doc, s.first_token, s.end_token, subj, dep::kConj);
  if (conj > subj && pos::is_nominal(doc.tokens[conj].tag) && !doc.tokens[conj].in_quote) {
    bool joined_by_and = true;
    for (uint32_t t = end; t < conj; ++t)
      if (doc.tokens[t].kind != TokenKind::kWord || (head_of(doc, t) != conj) ||
          !(modifier(doc.tokens[t].dep) || folded[t] == "and"))
        joined_by_and = false;
    if (joined_by_and) end = static_cast<uint32_t>(conj) + 1;
  }
  return Span{doc.tokens[first].span.begin, doc.tokens[end - 1].span.end};
}

}  // namespace whosaid

#include "entities/document_author.h"

#include <algorithm>
#include <string_view>

#include "core/positions.h"
#include "parse/parser.h"
#include "parse/tree.h"
#include "tagger/tag_set.h"

namespace whosaid {
namespace {

// How far back a definite "the report" looks for the report it continues:
// earlier tokens of its noun, and sentences.
constexpr int kMaxEarlier = 8;
constexpr uint32_t kMaxSentencesBack = 40;
constexpr uint32_t kMaxTokensBack = 4096;
// Longer sentences (no prose has them; hostile input may) are not read: each
// look at a noun's dependents walks its sentence, once per quote.
constexpr uint32_t kMaxSentenceTokens = 256;

// The noun heading mention m in the tree: its token whose head lies outside it.
int64_t head_noun(const Document& doc, const Mention& m) {
  for (uint32_t k = m.first_token; k < m.end_token; ++k) {
    const int64_t h = head_of(doc, k);
    if ((h < m.first_token || h >= m.end_token) && pos::is_nominal(doc.tokens[k].tag)) return k;
  }
  return -1;
}

}  // namespace

DocumentAuthors::DocumentAuthors(Document& doc, const Lexicon& lex, const FoldedWords& folded)
    : doc_(doc), lex_(lex), folded_(folded), name_entity_(doc.tokens.size(), -1) {
  // Names, and bodies by name ("the World Economic Forum"; not "the company"),
  // but not a place WordNet knows: "reports from China" come from there, not
  // from a body of that name.
  for (const Mention& m : doc.mentions) {
    if (m.entity < 0) continue;
    if (m.kind != MentionKind::kName &&
        !(m.kind == MentionKind::kOrganisation && doc.tokens[m.end_token - 1].has(kCapitalized)))
      continue;
    if (m.end_token == m.first_token + 1 && lex.noun_senses(folded[m.first_token]).first_is(NounSenses::kLocation))
      continue;
    for (uint32_t k = m.first_token; k < m.end_token && k < name_entity_.size(); ++k) name_entity_[k] = m.entity;
  }
}

// Parses the sentence of token t if it is not parsed yet; its index, or -1
// (also for a sentence over kMaxSentenceTokens).
int32_t DocumentAuthors::parsed_sentence(uint32_t t) {
  const int32_t si = sentence_containing(doc_, t);
  if (si < 0) return -1;
  const Sentence& s = doc_.sentences[si];
  if (s.end_token - s.first_token > kMaxSentenceTokens) return -1;
  if (!is_parsed(doc_.tokens[t])) Parser::builtin().parse(doc_, s.first_token, s.end_token);
  return si;
}

// The entity of the name mention holding token t, or of a name right after
// it in its phrase ("analysts Forrester Research": an apposition, though the
// parser may call it a compound or a conjunct); not of a name that modifies
// it before ("the UK gaming industry's trade body").
int32_t DocumentAuthors::named_entity(uint32_t t) const {
  if (name_entity_[t] >= 0) return name_entity_[t];
  const uint32_t next = t + 1;
  if (next < name_entity_.size() && name_entity_[next] >= 0 && dominates(doc_, t, next)) return name_entity_[next];
  return -1;
}

// Whether token t has a "by" or "from" among its case markers.
bool DocumentAuthors::by_or_from(const Sentence& s, uint32_t t) const {
  bool found = false;
  for_each_child(doc_, s.first_token, s.end_token, t, [&](uint32_t c) {
    found = found || (doc_.tokens[c].dep == dep::kCase && (folded_[c] == "by" || folded_[c] == "from"));
  });
  return found;
}

// The author named by a phrase hanging from noun t: "a report by X", "a
// survey from X", "a study published … by X", "X's statement". -1 if none.
int32_t DocumentAuthors::author_of_noun(uint32_t t) {
  const int32_t si = parsed_sentence(t);
  if (si < 0) return -1;
  const Sentence& s = doc_.sentences[si];
  int32_t author = -1;
  for_each_child(doc_, s.first_token, s.end_token, t, [&](uint32_t c) {
    if (author >= 0) return;
    const uint8_t d = doc_.tokens[c].dep;
    if (d == dep::kNmodPoss) author = named_entity(c);  // "Mr Crosby's statement", "the IMF's report"
    if (d == dep::kNmod && by_or_from(s, c)) author = named_entity(c);
    if (d != dep::kAcl) return;
    // The participle's agent: "published by X", also where the parser hung
    // the "by" phrase from a word in between ("published on Thursday by X").
    const TokenRange clause = subtree(doc_, s.first_token, s.end_token, c);
    for (uint32_t a = clause.first; a < clause.end && author < 0; ++a) {
      const uint8_t r = doc_.tokens[a].dep;
      if ((r == dep::kObl || r == dep::kOblAgent || r == dep::kNmod) && by_or_from(s, a)) author = named_entity(a);
    }
  });
  return author >= 0 ? author : publisher(s, t);
}

// The subject of a verb of publishing whose object is noun t: "the Halden
// Institute released a report", "Amnesty has published a study". Not a verb
// that only talks about it ("X criticised the report").
int32_t DocumentAuthors::publisher(const Sentence& s, uint32_t t) const {
  if (doc_.tokens[t].dep != dep::kObj) return -1;
  const int64_t verb = head_of(doc_, t);
  if (verb < 0 || !lex_.is(WordClass::kPublishVerb, folded_[static_cast<uint32_t>(verb)])) return -1;
  const int64_t subject = child_with(doc_, s.first_token, s.end_token, verb, dep::kNsubj);
  return subject >= 0 ? named_entity(static_cast<uint32_t>(subject)) : -1;
}

// "a report", "another study", "a new survey": a determiner that brings in a
// document not met before.
bool DocumentAuthors::introduced(const Sentence& s, uint32_t noun) const {
  bool fresh = false;
  for_each_child(doc_, s.first_token, s.end_token, noun, [&](uint32_t c) {
    if (doc_.tokens[c].dep != dep::kDet) return;
    const std::string_view w = folded_[c];
    fresh = fresh || w == "a" || w == "an" || w == "another";
  });
  return fresh;
}

int32_t DocumentAuthors::author(uint32_t mention) {
  const Mention& m = doc_.mentions[mention];
  if (m.kind != MentionKind::kNominal) return -1;
  const int32_t si = parsed_sentence(m.first_token);
  if (si < 0) return -1;
  const int64_t noun = head_noun(doc_, m);
  if (noun < 0) return -1;
  if (const int32_t a = author_of_noun(static_cast<uint32_t>(noun)); a >= 0) return a;
  if (introduced(doc_.sentences[si], static_cast<uint32_t>(noun))) return -1;
  // "The report predicts …": the report met before, with its author.
  const std::string_view word = folded_[noun];
  uint32_t floor = static_cast<uint32_t>(si) > kMaxSentencesBack ? doc_.sentences[si - kMaxSentencesBack].first_token : 0;
  if (noun > kMaxTokensBack) floor = std::max(floor, static_cast<uint32_t>(noun) - kMaxTokensBack);
  int seen = 0;
  for (uint32_t k = static_cast<uint32_t>(noun); k-- > floor && seen < kMaxEarlier;) {
    if (folded_[k] != word) continue;
    ++seen;
    const int32_t ks = parsed_sentence(k);
    // A common noun: not "Report" of the BBC's "World Business Report".
    if (ks < 0 || pos::upos(doc_.tokens[k].tag) != pos::Upos::kNOUN) continue;
    if (const int32_t a = author_of_noun(k); a >= 0) return a;
    if (introduced(doc_.sentences[ks], k)) return -1;
  }
  return -1;
}

}  // namespace whosaid

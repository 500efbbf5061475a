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

// Nouns for a piece of research, any of which a news story may call the
// same one by ("a survey suggests … the Mori poll of 2,000 adults").
bool research_noun(std::string_view w) {
  static constexpr std::string_view kNouns[] = {"report", "study", "survey", "poll", "research",
                                                "review", "findings", "analysis", "audit"};
  return std::find(std::begin(kNouns), std::end(kNouns), w) != std::end(kNouns);
}

// Whether a story may call one document by both nouns: the same word, two
// words for research, or "lawsuit" and "suit" ("Thomas Slattery filed the
// suit … the lawsuit states").
bool same_document(std::string_view a, std::string_view b) {
  if (a == b || (research_noun(a) && research_noun(b))) return true;
  const auto suit = [](std::string_view w) { return w == "lawsuit" || w == "suit"; };
  return suit(a) && suit(b);
}

}  // namespace

DocumentAuthors::DocumentAuthors(Document& doc, const Lexicon& lex, const FoldedWords& folded,
                                 const std::function<int32_t(uint32_t)>& entity_of,
                                 std::function<int32_t(uint32_t, bool)> speaking_body)
    : speaking_body_(std::move(speaking_body)),
      doc_(doc), lex_(lex), folded_(folded), name_entity_(doc.tokens.size(), -1), name_first_(doc.tokens.size(), 0),
      name_end_(doc.tokens.size(), 0) {
  // Names, and bodies by name ("the World Economic Forum"; not "the company"),
  // but not a place WordNet knows: "reports from China" come from there, not
  // from a body of that name.
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    if (m.kind != MentionKind::kName &&
        !(m.kind == MentionKind::kOrganisation && doc.tokens[m.end_token - 1].has(kCapitalized)))
      continue;
    // A body named in passing has no entity yet ("carried out by consultants
    // Booz Allen Hamilton"): it is given one.
    const int32_t entity = m.entity >= 0 ? m.entity : entity_of ? entity_of(static_cast<uint32_t>(i)) : -1;
    if (entity < 0) continue;
    if (m.end_token == m.first_token + 1 && lex.noun_senses(folded[m.first_token]).first_is(NounSenses::kLocation))
      continue;
    for (uint32_t k = m.first_token; k < m.end_token && k < name_entity_.size(); ++k) {
      name_entity_[k] = entity;
      name_first_[k] = m.first_token;
      name_end_[k] = m.end_token;
    }
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
  if (author >= 0) return author;
  // "the Mori survey", "The Hefce report": a name right before the noun, in
  // its phrase ("the UK report" names a place, which names no author).
  if (t > s.first_token && name_entity_[t] < 0 && dominates(doc_, t, t - 1) && credible(t - 1))
    author = name_entity_[t - 1];
  if (author >= 0) return author;
  author = author_by_words(s, t);
  if (author >= 0) return author;
  return author_by_making(s, t);
}


// Verbs that make a document, whose subject or agent is its author
// (`publish_verb` in data/words.tsv): "Mori carried out the survey", "Acme,
// which commissioned the study", "the poll was conducted by YouGov", "Thomas
// Slattery filed the suit". Not verbs that only read one ("criticised").
bool DocumentAuthors::makes_document(uint32_t t) const { return lex_.is(WordClass::kPublishVerb, folded_[t]); }

// "The report by the US Pew Research Center reveals …" read from the words
// where the parser missed the phrase (it took "reveals" for a noun): right
// after noun t, at most a participle and a few words before "by" or "from"
// ("published on Thursday by"), then, before any punctuation but a comma or
// a verb, the first name ("by UK think-tank Demos", "by US researchers, Pew
// Internet"). -1 if none.
int32_t DocumentAuthors::author_by_words(const Sentence& s, uint32_t t) const {
  constexpr uint32_t kMaxBefore = 5, kMaxAfter = 6;
  uint32_t k = t + 1;
  for (; k < s.end_token && k <= t + kMaxBefore; ++k) {
    if (folded_[k] == "by" || folded_[k] == "from") break;
    const uint8_t tag = doc_.tokens[k].tag;
    // ", carried out independently by" (the tagger may take the participle
    // of a verb that makes documents for a past tense).
    if (k == t + 1 && folded_[k] == ",") continue;
    if (pos::is_punct(tag) ||
        (pos::is_verbal(tag) && !pos::is_past_participle(tag) && !makes_document(k)))
      return -1;
  }
  if (k >= s.end_token || (folded_[k] != "by" && folded_[k] != "from")) return -1;
  for (uint32_t a = k + 1; a < s.end_token && a <= k + kMaxAfter; ++a) {
    if (const int32_t e = name_entity_[a]; e >= 0) return credible(a) ? e : -1;
    const uint8_t tag = doc_.tokens[a].tag;
    if (pos::is_verbal(tag) || (pos::is_punct(tag) && folded_[a] != ",") || pos::is_adposition(tag)) return -1;
  }
  return -1;
}

// The author of noun t as what a verb that makes documents says of it: the
// agent when t is its passive subject ("The survey … was carried out by
// consultancy group Capgemini"), the subject when t is its object ("Polling
// company Mori carried out both surveys", "Dimension Data, which commissioned
// the survey"). -1 if none.
int32_t DocumentAuthors::author_by_making(const Sentence& s, uint32_t t) const {
  const int64_t v = head_of(doc_, t);
  if (v < 0 || !makes_document(static_cast<uint32_t>(v))) return -1;
  const uint8_t d = doc_.tokens[t].dep;
  int32_t author = -1;
  if (d == dep::kNsubjPass) {
    for_each_child(doc_, s.first_token, s.end_token, v, [&](uint32_t c) {
      const uint8_t r = doc_.tokens[c].dep;
      if (author < 0 && (r == dep::kOblAgent || r == dep::kObl) && by_or_from(s, c)) author = named_entity(c);
    });
    return author;
  }
  if (d != dep::kObj) return -1;
  int64_t subj = child_with(doc_, s.first_token, s.end_token, v, dep::kNsubj);
  if (subj < 0) return -1;
  const FoldedWord w = folded_[static_cast<uint32_t>(subj)];
  if (w == "which" || w == "who" || w == "that") subj = relative_clause_noun(doc_, static_cast<uint32_t>(subj));
  if (subj < 0) return -1;
  const int32_t e = named_entity(static_cast<uint32_t>(subj));
  return e >= 0 && credible(name_entity_[subj] >= 0 ? static_cast<uint32_t>(subj) : static_cast<uint32_t>(subj) + 1) ? e : -1;
}

// Whether the name mention holding token t is a name by its words, not a
// capitalised word: several words; or one tagged a proper noun, not opening
// its sentence unless in capitals ("Latest figures", "Opinion polls", "Press
// reports"), and not a time, place or native WordNet knows ("December",
// "Russian newspapers").
bool DocumentAuthors::credible(uint32_t t) const {
  const uint32_t first = name_first_[t], end = name_end_[t];
  uint32_t words = 0;
  for (uint32_t k = first; k < end; ++k) words += doc_.tokens[k].kind == TokenKind::kWord;
  if (words > 1) return true;
  const Token& tok = doc_.tokens[t];
  if (!pos::is_proper_noun(tok.tag)) return false;
  const int32_t si = sentence_containing(doc_, t);
  if (si >= 0 && doc_.sentences[si].first_token == first && !tok.has(kAllCaps)) return false;
  const NounSenses senses = lex_.noun_senses(folded_[t]);
  return !senses.inhabitant && !senses.first_is(NounSenses::kTime) && !senses.first_is(NounSenses::kLocation);
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
  if (introduced(doc_.sentences[si], static_cast<uint32_t>(noun)))
    return author_after(static_cast<uint32_t>(noun), /*introduced_here=*/true);
  // "The report predicts …": the report met before, with its author.
  const std::string_view word = folded_[noun];
  uint32_t floor = static_cast<uint32_t>(si) > kMaxSentencesBack ? doc_.sentences[si - kMaxSentencesBack].first_token : 0;
  if (noun > kMaxTokensBack) floor = std::max(floor, static_cast<uint32_t>(noun) - kMaxTokensBack);
  int seen = 0;
  bool other_seen = false;  // a document of this kind met: other words further back are not it
  for (uint32_t k = static_cast<uint32_t>(noun); k-- > floor && seen < kMaxEarlier;) {
    // The same word, or another for the same kind of document ("Research by
    // Nokia shows … According to the study"): only the nearest such, as the
    // one before it is as often another study ("A survey by Hostway …
    // research carried out by Saint Bernard Software … The research reveals").
    const bool other_word = folded_[k] != word;
    if (!same_document(folded_[k], word) || (other_word && other_seen)) continue;
    other_seen = true;  // whichever word: no other word further back
    ++seen;
    const int32_t ks = parsed_sentence(k);
    // A common noun: not "Report" of the BBC's "World Business Report".
    if (ks < 0 || pos::upos(doc_.tokens[k].tag) != pos::Upos::kNOUN) continue;
    if (const int32_t a = author_of_noun(k); a >= 0) return a;
    if (introduced(doc_.sentences[ks], k)) return author_after(k, /*introduced_here=*/true);
  }
  // None before ("A study ranked … The report suggests … The report, carried
  // out by consultants X,"): the author named just after.
  if (const int32_t a = author_after(static_cast<uint32_t>(noun), /*introduced_here=*/false); a >= 0 || seen > 0)
    return a;
  // "…, the OECD said. "…," it added. However, the report warned": a report
  // never met before is that of the body that spoke last, in the two
  // sentences before, when the last to speak there is a body.
  if (!research_noun(word) || folded_[m.first_token] != "the" || !speaking_body_) return -1;
  for (int32_t sj = si - 1; sj >= 0 && sj >= si - 2; --sj)
    if (const int32_t b = speaking_body_(static_cast<uint32_t>(sj), true); b != -1) return std::max(b, -1);
  return -1;
}


// "…, a report says. The Hefce report, drawing on …": news brings a report in
// without its author and names the author just after. For document noun t
// introduced without one: the author of the first phrase in its sentence or
// the kSentencesAfter after it whose noun is t's or another piece of research
// (research_noun) and that names one, before another such document is
// introduced without one. -1 if none.
int32_t DocumentAuthors::author_after(uint32_t t, bool introduced_here) {
  constexpr uint32_t kSentencesAfter = 4;
  const int32_t si = sentence_containing(doc_, t);
  if (si < 0) return -1;
  const std::string_view word = folded_[t];
  const bool research = research_noun(word);
  const size_t last = std::min(doc_.sentences.size(), static_cast<size_t>(si) + kSentencesAfter + 1);
  const uint32_t end = doc_.sentences[last - 1].end_token;
  for (uint32_t k = t + 1; k < end; ++k) {
    const std::string_view w = folded_[k];
    if (!same_document(w, word)) continue;
    const int32_t ks = parsed_sentence(k);
    if (ks < 0 || pos::upos(doc_.tokens[k].tag) != pos::Upos::kNOUN) continue;
    if (const int32_t a = author_of_noun(k); a >= 0) return a;
    if (introduced(doc_.sentences[ks], k)) return -1;
  }
  // "UK manufacturing grew at its slowest pace …, according to a survey. /
  // The Chartered Institute of Purchasing and Supply (CIPS) said its index
  // fell …": a piece of research the story opens with, brought in without its
  // author, is the body that speaks in the sentence after it. (Further in,
  // the next body to speak is often another: "an official report says. Last
  // month …, Riggs Bank pleaded guilty".)
  constexpr int32_t kOpeningSentences = 3;  // the headline and the first two
  if (introduced_here && research && speaking_body_ && si < kOpeningSentences &&
      static_cast<size_t>(si) + 1 < doc_.sentences.size())
    return std::max(speaking_body_(static_cast<uint32_t>(si) + 1, false), -1);
  return -1;
}

}  // namespace whosaid

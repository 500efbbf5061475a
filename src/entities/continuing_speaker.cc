#include "entities/continuing_speaker.h"

#include <algorithm>

#include "entities/opening_phrase.h"

namespace whosaid {

int32_t ContinuingSpeaker::resumed_name(size_t i) const {
  const CorefMention& m = ms_[i];
  if (i == 0 || m.in_quote || !m.source || (m.form != CorefForm::kMale && m.form != CorefForm::kFemale)) return -1;
  const CorefMention& name = ms_[i - 1];
  const int32_t e = ent_[i - 1];
  if (e < 0 || name.form != CorefForm::kName || name.sentence != m.sentence || name.end_token + 1 != m.first_token ||
      folded_[name.end_token] != ",")
    return -1;
  const uint32_t first = doc_.sentences[m.sentence].first_token;
  if (name.first_token != first && folded_[name.first_token - 1] != ",") return -1;
  const Gender g = doc_.entities[e].gender;
  // Not "Backstage, he said": an adverb opening the sentence, capitalised.
  if ((g != Gender::kUnknown && g != m.gender) || !typer_.named_as_person(e)) return -1;
  const uint32_t at = doc_.tokens[m.first_token].span.begin;
  const int32_t qi = m.doc_mention >= 0 ? quote_of_[m.doc_mention] : -1;
  if (qi < 0) return -1;
  const Quote& q = doc_.quotes[qi];
  return q.span.begin > at && !(q.cue && parenthetical_cue(*q.cue)) ? e : -1;
}

// A cue set off by a comma after it ("African-Americans, he said, can …"):
// the words before the pronoun are what was said, not who said it.
bool ContinuingSpeaker::parenthetical_cue(Span cue) const {
  auto it = std::lower_bound(doc_.tokens.begin(), doc_.tokens.end(), cue.end,
                             [](const Token& t, uint32_t b) { return t.span.begin < b; });
  return it != doc_.tokens.end() && doc_.slice(it->span) == ",";
}

// "…," Norman said. "Quote." He said …: a "he"/"she" source right after a
// sentence that is all quotation continues with the speaker of that
// quotation when the gender agrees; -1 otherwise. (GUM, the model's
// training data, has too few quotations to learn this news pattern.)
int32_t ContinuingSpeaker::continuing_speaker(const CorefMention& m) const {
  const bool described = described_person(m);
  if (m.in_quote || m.doc_mention < 0 || !is_source_[m.doc_mention] ||
      (m.form != CorefForm::kMale && m.form != CorefForm::kFemale && !described) || m.sentence == 0)
    return -1;
  const Sentence& prev = doc_.sentences[m.sentence - 1];
  for (uint32_t t = prev.first_token; t < prev.end_token; ++t)
    if (doc_.tokens[t].kind == TokenKind::kWord && !doc_.tokens[t].in_quote) {
      const int32_t id = introduced_speaker(m, prev);
      return id >= 0 || described ? id : previous_source(m, prev);
    }
  if (described) return -1;
  const uint32_t at = doc_.tokens[m.first_token].span.begin;
  auto it = std::upper_bound(doc_.quotes.begin(), doc_.quotes.end(), at,
                             [](uint32_t b, const Quote& q) { return b < q.span.begin; });
  // The quotations just before (at most kLookBack of them, so that a run of
  // unattributed quotations costs no more than a few steps per pronoun).
  constexpr int kLookBack = 8;
  int looked = 0;
  for (size_t qi = static_cast<size_t>(it - doc_.quotes.begin()); qi-- > 0 && looked < kLookBack;) {
    if (doc_.quotes[qi].span.end > at) continue;
    ++looked;
    const int32_t src = links_[qi].mention;
    if (src < 0 || src == m.doc_mention) continue;
    const int32_t id = doc_.mentions[src].kind == MentionKind::kPronoun ? resolved_[src] : doc_.mentions[src].entity;
    if (id < 0) return -1;
    const Gender g = doc_.entities[id].gender;
    return g == Gender::kUnknown || g == m.gender ? id : -1;
  }
  return -1;
}

// A spokesperson's mention: "a spokesman for …", "the spokeswoman".
bool ContinuingSpeaker::spokes_noun(const Mention& m) const {
  for (uint32_t t = m.first_token; t < m.end_token && t < m.first_token + 3; ++t)
    if (folded_[t].starts_with("spokes")) return true;
  return false;
}

// A singular noun whose first WordNet sense is a person ("nurse", "witness").
bool ContinuingSpeaker::person_noun(std::string_view w) const {
  return !w.ends_with('s') && lex_.noun_senses(w).first_is(NounSenses::kPerson);
}

// "the Spaniard", "the 22-year-old": a definite description of a person by
// nationality or age, which news writes for someone it has just named.
bool ContinuingSpeaker::described_person(const CorefMention& m) const {
  if (m.form != CorefForm::kNominal || !m.definite || m.head_token + 1 != m.end_token) return false;
  const std::string_view head = m.head(folded_);
  if (head.ends_with("-old")) return true;
  const NounSenses ns = lex_.noun_senses(head);
  return ns.inhabitant && !head.ends_with('s');
}

// "Captain Joe Marsh agreed. "It hurts," he said.": a "he"/"she" source in
// a sentence that opens with a quotation, after a sentence with no
// quotation that opens with a named person of that gender (or written as a
// person, of no known gender), or with a person described by a noun ("One
// nurse, who asked not to be named, said …"), is that person. -1 otherwise.
int32_t ContinuingSpeaker::introduced_speaker(const CorefMention& m, const Sentence& prev) const {
  const Sentence& here = doc_.sentences[m.sentence];
  if (!doc_.tokens[here.first_token].in_quote && doc_.tokens[here.first_token].kind != TokenKind::kQuote) return -1;
  for (uint32_t t = prev.first_token; t < prev.end_token; ++t)
    if (doc_.tokens[t].kind == TokenKind::kQuote) return -1;
  // Past a phrase the sentence opens with: "After the match, Keane accused
  // Vieira …", "In Taipei, President Lin Mei-hua thanked …".
  const uint32_t opening = past_opening_phrase(doc_, folded_, prev);
  auto it = std::lower_bound(doc_.mentions.begin(), doc_.mentions.end(), opening,
                             [](const Mention& x, uint32_t t) { return x.first_token < t; });
  if (it == doc_.mentions.end() || it->first_token != opening || it->entity < 0) return -1;
  // Or a person described, not named, whom the text introduces: "One nurse,
  // who asked not to be named, said …", "A witness" (not "the Tory
  // spokesman", who is someone named before, nor a title: "Director of rugby").
  const FoldedWord det = folded_[it->first_token];
  bool described = it->kind == MentionKind::kNominal && person_noun(folded_[it->end_token - 1]) &&
                   (det == "a" || det == "an" || det == "one" || det == "another");
  // A title opening the sentence ("Head of the division, Andrew Burke,") is
  // the name's set off after it.
  const bool title = it->kind == MentionKind::kNominal && !it->role.empty() && !described;
  if (it->kind != MentionKind::kName && !described && !title) return -1;
  // "Cosby's lawyer, Walter M Phillips Jr, said …": a possessive is not the
  // subject; the name set off by commas after what it possesses is.
  const FoldedWord last = folded_[it->end_token - 1];
  if (title || last == "'s" || last.ends_with("'s") ||
      (it->end_token < prev.end_token && folded_[it->end_token] == "'s")) {
    uint32_t k = it->end_token;
    while (k < prev.end_token && k < it->end_token + 6 && doc_.tokens[k].kind == TokenKind::kWord) ++k;
    if (k >= prev.end_token || doc_.slice(doc_.tokens[k].span) != ",") return -1;
    const auto named = std::lower_bound(it, doc_.mentions.end(), k + 1,
                                        [](const Mention& x, uint32_t t) { return x.first_token < t; });
    if (named == doc_.mentions.end() || named->kind != MentionKind::kName || named->entity < 0 ||
        named->end_token >= prev.end_token || doc_.slice(doc_.tokens[named->end_token].span) != ",")
      return -1;
    // The name may come after its role: "Calloway's rival, former Senator Dean Prescott,".
    bool opens_after_comma = true;
    for (uint32_t t = k + 1; t < named->first_token; ++t)
      opens_after_comma =
          opens_after_comma && doc_.tokens[t].kind == TokenKind::kWord && !doc_.tokens[t].has(kCapitalized);
    if (!opens_after_comma) return -1;
    it = named;
    described = false;
  }
  // Of that gender, or of none known when described, written as a person
  // ("President Lin Mei-hua") or named as one and speaking there ("After the
  // match, Tomas Ekberg accused the referee …").
  const Gender g = doc_.entities[it->entity].gender;
  const bool person = described || typer_.person_evidence(it->entity) ||
                      (is_source_[it - doc_.mentions.begin()] && typer_.named_as_person(it->entity));
  return g == m.gender || (g == Gender::kUnknown && person) ? it->entity : -1;
}

// "Earlier Jack Straw said the UK would veto any bid. He said it remained
// justified …": a "he"/"she" source opening its sentence (after a phrase it
// opens with, or right after a quotation that opens it when the sentence
// before quotes nothing), after a sentence whose statements all have one
// source of that gender (named or resolved, outside quotation marks), is
// that source: news goes on with its speaker. -1 otherwise.
int32_t ContinuingSpeaker::previous_source(const CorefMention& m, const Sentence& prev) const {
  const Sentence& here = doc_.sentences[m.sentence];
  // (Past a phrase the sentence opens with: "Speaking on ITV, he said".)
  uint32_t first = past_opening_phrase(doc_, folded_, here);
  while (first < m.first_token && doc_.tokens[first].kind != TokenKind::kWord) ++first;
  // Or after a quotation that opens its sentence, when the sentence before
  // quotes nothing: "One patient, Margaret Hill, told the BBC she had waited.
  // "I feel forgotten," she said."
  bool after_quotation = doc_.tokens[here.first_token].kind == TokenKind::kQuote;
  for (uint32_t t = prev.first_token; t < prev.end_token && after_quotation; ++t)
    after_quotation = doc_.tokens[t].kind != TokenKind::kQuote;
  if (first != m.first_token && !after_quotation) return -1;
  const uint32_t begin = doc_.tokens[prev.first_token].span.begin, end = doc_.tokens[prev.end_token - 1].span.end;
  auto it = std::lower_bound(doc_.quotes.begin(), doc_.quotes.end(), begin,
                             [](const Quote& q, uint32_t b) { return q.span.begin < b; });
  int32_t found = -1;
  bool by_spokesperson = false;
  for (; it != doc_.quotes.end() && it->span.begin < end; ++it) {
    const int32_t src = links_[static_cast<size_t>(it - doc_.quotes.begin())].mention;
    if (src < 0) continue;
    const Mention& sm = doc_.mentions[src];
    if (sm.first_token < prev.first_token || sm.first_token >= prev.end_token || doc_.tokens[sm.first_token].in_quote)
      continue;
    const int32_t id = sm.kind == MentionKind::kPronoun ? resolved_[src] : sm.entity;
    if (id < 0 || (found >= 0 && id != found)) return -1;
    // A description resolved to no one named ("the Amnesty secretary-general"
    // standing for itself) is left to the model; one resolved to a name ("the
    // chancellor" → Gordon Brown) or a spokesperson (for a body: below; for a
    // person: "A spokesman for Liam Bryce said …") goes on speaking.
    if (sm.kind == MentionKind::kNominal && !spokesperson_[src] && !spokes_noun(sm) &&
        (doc_.entities[id].name == doc_.slice(sm.name) || !typer_.named_as_person(id)))
      return -1;
    found = id;
    by_spokesperson = by_spokesperson || spokesperson_[src];
  }
  if (found < 0) return -1;
  // A spokesperson who speaks for a body ("A spokesman for the BPI said …
  // He added …") is "he" or "she", the body not.
  if (by_spokesperson) return found;
  // Of that gender, or of none known with a person's name or role ("Wes
  // Streeting"; not "Lib Dem" of "Lib Dem plans", "Director" before a name).
  const Gender g = doc_.entities[found].gender;
  return (g == m.gender ||
          (g == Gender::kUnknown && typer_.person_evidence(found) && typer_.named_as_person(found))) &&
                 !rules_.impersonal(m, found)
             ? found
             : -1;
}

}  // namespace whosaid

#include "entities/entity_typer.h"

#include <algorithm>

#include "attribution/words.h"
#include "core/positions.h"
#include "tagger/tag_set.h"

namespace whosaid {

void name_words(const Document& doc, const FoldedWords& fw, const Mention& m, std::vector<FoldedWord>& words) {
  words.clear();
  for (uint32_t t = m.first_token; t < m.end_token; ++t) {
    if (doc.tokens[t].span.begin < m.name.begin) continue;
    if (doc.tokens[t].kind != TokenKind::kWord) continue;
    const FoldedWord w = fw[t];
    if (w == "'s") continue;
    words.push_back(w);
  }
}

bool plural_of_people(const Lexicon& lex, std::string_view w) {
  if (!plural(w)) return false;
  const NounSenses n = lex.noun_senses(w);
  return n.first_is(NounSenses::kPerson) || n.first_is(NounSenses::kGroup);
}

EntityType EntityTyper::mention_type(int32_t mi) const {
  if (mention_types_.size() != doc_.mentions.size()) mention_types_.assign(doc_.mentions.size(), -1);
  int8_t& t = mention_types_[mi];
  if (t < 0) t = static_cast<int8_t>(model_.classify(doc_, doc_.mentions[mi], lex_));
  return static_cast<EntityType>(t);
}

// Once per entity: a body noun asks about the same names again and again.
bool EntityTyper::person_evidence(int32_t id) const {
  int8_t& known = cached(named_person_, id);
  if (known < 0) {
    const Entity& e = doc_.entities[id];
    known = e.gender == Gender::kMale || e.gender == Gender::kFemale || !e.role.empty() || given_and_surname(e) ||
            given_name_alone(e);
  }
  return known;
}

void EntityTyper::type(Entity& e, bool called_body, bool personal) const {
  if (e.mentions.empty()) {  // a byline's author: named in no sentence
    e.type = EntityType::kPerson;
    return;
  }
  e.type = mention_type(static_cast<int32_t>(e.mentions.front()));
  if (e.type == EntityType::kOther && (e.gender == Gender::kMale || e.gender == Gender::kFemale || !e.role.empty()))
    e.type = EntityType::kPerson;
  if (e.type == EntityType::kOrganisation && given_and_surname(e)) e.type = EntityType::kPerson;
  const int32_t self = static_cast<int32_t>(&e - doc_.entities.data());
  if (e.type == EntityType::kPerson && !person_evidence(self) && body_described(e)) e.type = EntityType::kOrganisation;
  // Called "the firm" or "the company" later: a body, unless something says
  // person ("Time Warner", "Umbro": names GUM never showed the model).
  const int32_t id = static_cast<int32_t>(&e - doc_.entities.data());
  if (e.type == EntityType::kPerson && called_body && !person_evidence(id) && !personal)
    e.type = EntityType::kOrganisation;
  // "Yukos said", "Labour said": a name of one word with nothing personal
  // about it is a body's. News names a person in full at least once, and
  // that full name takes the surname's mentions; what stays one word is a
  // firm, party, club or country more often than a one-name celebrity (who
  // says "I", or is "he" or "she", somewhere in the article).
  if (e.type == EntityType::kPerson && !personal && !person_evidence(id) && one_word(e))
    e.type = EntityType::kOrganisation;
  // "Taha Idris … he said": a name of two words or more that a "he" or "she"
  // refers to (or whose quotation says "I"), its last word no noun WordNet knows (not "Deutsche Bank",
  // "Downing Street", "the Oxford English Dictionary"), is a person's.
  if ((e.type == EntityType::kOrganisation || e.type == EntityType::kOther) && personal && person_shaped(e))
    e.type = EntityType::kPerson;
  // "A Department for Constitutional Affairs spokeswoman": a description
  // headed by a person's role is a person, whatever body it names.
  if (e.kind == MentionKind::kNominal && !e.role.empty()) e.type = EntityType::kPerson;
  if (e.type == EntityType::kOrganisation || e.type == EntityType::kDocument) e.kind = MentionKind::kOrganisation;
  else if (e.type == EntityType::kPerson && e.kind == MentionKind::kOrganisation) e.kind = MentionKind::kName;
  // "Analysts said", "MPs voted": a group described, not named.
  if (common_plural(e)) e.kind = MentionKind::kNominal;
}

// Whether e has a name and every name of e is the same one word, no known
// given name ("Hillary"), nor a person noun of WordNet that only the start of
// a sentence capitalises ("Coach backs …").
bool EntityTyper::one_word(const Entity& e) const {
  std::string_view word;
  bool inside = false;  // the name capitalised inside its sentence somewhere
  for (const uint32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind != MentionKind::kName && m.kind != MentionKind::kOrganisation) continue;
    const std::vector<FoldedWord>& words = words_of(m);
    if (words.size() != 1 || lex_.given_name_gender(words.front()) != Gender::kUnknown) return false;
    word = words.front();
    inside = inside || m.name.begin != doc_.tokens[m.first_token].span.begin || !opens_sentence(m);
  }
  if (word.empty()) return false;
  // A person noun capitalised only by a headline or the sentence start ("Coach
  // backs …", "Critics said"); "the Tories" inside a sentence is a name.
  return inside || !lex_.noun_senses(word).first_is(NounSenses::kPerson);
}

// Whether e is named by a known given name alone ("Michelle, a mother of twins, said").
bool EntityTyper::given_name_alone(const Entity& e) const {
  for (const uint32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind != MentionKind::kName) continue;
    const std::vector<FoldedWord>& words = words_of(m);
    if (words.size() == 1 && lex_.given_name_gender(words.front()) != Gender::kUnknown) return true;
  }
  return false;
}

bool EntityTyper::named_inside_sentence(int32_t id) const {
  int8_t& known = cached(inside_, id);
  if (known < 0) {
    known = 0;
    for (const uint32_t mi : doc_.entities[id].mentions) {
      const Mention& m = doc_.mentions[mi];
      if ((m.kind == MentionKind::kName || m.kind == MentionKind::kOrganisation) && !opens_sentence(m)) {
        known = 1;
        break;
      }
    }
  }
  return known;
}

bool EntityTyper::opens_sentence(const Mention& m) const {
  const int32_t si = sentence_containing(doc_, m.first_token);
  return si >= 0 && doc_.sentences[si].first_token == m.first_token;
}

// Whether every mention of e is one word opening its sentence, a plural
// whose first WordNet sense is a person or a group ("Analysts",
// "Campaigners"): capitalised only because it opens the sentence. "Tories"
// written inside a sentence anywhere in the article is a name. An acronym's
// plural ("MPs", "Labour MPs") is capitalised anywhere, and describes a group
// too.
bool EntityTyper::common_plural(const Entity& e) const {
  if (e.mentions.empty()) return false;
  bool acronyms = true;
  int32_t named = -1;  // the first mention that is a name
  for (const uint32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    // The attributor's phrase for the same words ("Campaigners have said")
    // is a nominal of this entity: it names nothing more.
    if (m.kind == MentionKind::kNominal) continue;
    if (named < 0) named = static_cast<int32_t>(mi);
    if (m.kind != MentionKind::kName && m.kind != MentionKind::kOrganisation) return false;
    const std::string_view name = doc_.slice(m.name);
    const std::string_view last = name.substr(name.rfind(' ') == std::string_view::npos ? 0 : name.rfind(' ') + 1);
    const bool acronym = last.size() >= 3 && last.back() == 's' &&
                         std::all_of(last.begin(), last.end() - 1, [](char c) { return c >= 'A' && c <= 'Z'; });
    acronyms = acronyms && acronym;
    if (acronym) continue;
    if (m.end_token != m.first_token + 1 || m.name.begin != doc_.tokens[m.first_token].span.begin) return false;
    if (!opens_sentence(m)) return false;
  }
  if (named < 0) return false;
  const std::vector<FoldedWord>& words = words_of(doc_.mentions[named]);
  if (acronyms && !words.empty()) {  // "MPs": WordNet knows "MP" (and "MPS" as something else)
    const std::string_view w = words.back();
    const NounSenses n = lex_.noun_senses(w.substr(0, w.size() - 1));
    return n.first_is(NounSenses::kPerson) || n.first_is(NounSenses::kGroup);
  }
  if (words.size() != 1) return false;
  const FoldedWord w = words.front();
  return w.size() >= 4 && lex_.given_name_gender(w) == Gender::kUnknown && plural_of_people(lex_, w);
}

// Whether one of e's names is a known given name and a surname ("Norman
// Cook", "Chris Fox"): a person's, whatever the type model guessed from words
// it has rarely seen. Two words, the second no body's word ("Ruth Group" is a
// firm).
bool EntityTyper::given_and_surname(const Entity& e) const {
  for (const uint32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind != MentionKind::kName) continue;
    const std::vector<FoldedWord>& words = words_of(m);
    if (words.size() != 2 || lex_.given_name_gender(words.front()) == Gender::kUnknown) continue;
    if (lex_.is(WordClass::kOrgHead, words.back()) || lex_.is(WordClass::kAbbrevEnd, words.back())) continue;
    return true;
  }
  return false;
}

bool EntityTyper::could_be_person(int32_t id) const {
  int8_t& known = cached(could_be_person_, id);
  if (known < 0) known = person_evidence(id) || could_be_named_person(doc_.entities[id]);
  return known;
}

bool EntityTyper::body_described(const Entity& e) const {
  for (const uint32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind != MentionKind::kName && m.kind != MentionKind::kOrganisation) continue;
    if (body_apposition(m)) return true;
    if (m.first_token == 0) continue;
    const Token& before = doc_.tokens[m.first_token - 1];
    // A noun by its tag ("to force Nadal to serve": a verb); untagged, nothing is known.
    if (before.kind != TokenKind::kWord || before.has(kCapitalized) || pos::upos(before.tag) != pos::Upos::kNOUN)
      continue;
    const FoldedWord w = folded_[m.first_token - 1];
    if (lex_.noun_senses(w).body || lex_.is(WordClass::kOrgHead, w)) return true;
  }
  return false;
}

bool EntityTyper::body_apposition(const Mention& m) const {
  const uint32_t end = static_cast<uint32_t>(doc_.tokens.size());  // punctuation ends the phrase first
  uint32_t k = m.end_token;
  if (k + 2 >= end || doc_.slice(doc_.tokens[k].span) != ",") return false;
  FoldedWord w;
  const auto word = [&](uint32_t t) -> FoldedWord {
    w = t < end && doc_.tokens[t].kind == TokenKind::kWord ? folded_[t] : FoldedWord{};
    return w;
  };
  if (word(++k) != "a" && w != "an" && w != "the") return false;
  // A relative clause or a prepositional phrase, straight away or after a
  // participle ("the firm which", "a company in", "a firm based in").
  const auto opens_modifier = [&](uint32_t t) {
    word(t);
    return lex_.is(WordClass::kPronounRelative, w) || attribution::is_preposition(w) || w == "by" || w == "behind";
  };
  // Modifiers, then a noun of a body (WordNet's organization#1: "company",
  // "firm", "union") that ends the apposition: before punctuation, a relative
  // clause or a prepositional phrase. Not before a verb ("September, the
  // company had said") nor as a modifier ("a company spokesman", "the
  // company's chairman").
  for (uint32_t j = k + 1; j < end && j < k + 7; ++j) {
    const Token& t = doc_.tokens[j];
    if (t.kind != TokenKind::kWord) return false;
    word(j);
    if (t.has(kCapitalized) || !lex_.noun_senses(w).body) {
      if (!t.has(kCapitalized) && (lex_.any_cue(w) || lex_.noun_senses(w).first_is(NounSenses::kPerson))) return false;
      continue;
    }
    if (j + 1 == end || doc_.tokens[j + 1].kind != TokenKind::kWord) return true;  // ("'s" is a word)
    if (opens_modifier(j + 1)) return true;
    return word(j + 1).ends_with("ed") && !lex_.cue(w) && opens_modifier(j + 2);
  }
  return false;
}

bool EntityTyper::could_be_named_person(const Entity& e) const {
  if (e.mentions.empty() || mention_type(static_cast<int32_t>(e.mentions.front())) != EntityType::kPerson) return false;
  if (body_described(e)) return false;  // "oil group Yukos … he": not Yukos
  // A name of two words or more the model calls a person's is ("Keanu
  // Reeves", "Hilary Swank": surnames are often nouns). One word is when
  // WordNet knows it as nothing else first ("Scalia", "Goldsmith"; not
  // "Pakistan", "Things", "Cent").
  const Mention* best = fullest_name(e);
  if (!best) return false;
  const std::vector<FoldedWord>& words = words_of(*best);
  if (words.size() >= 2) return true;
  if (words.empty() || !doc_.tokens[best->end_token - 1].has(kCapitalized)) return false;
  const NounSenses senses = lex_.noun_senses(words.front());
  return !senses.lexfile[0] || senses.first_is(NounSenses::kPerson);
}

bool EntityTyper::named_as_person(int32_t id) const {
  int8_t& known = cached(named_as_person_, id);
  if (known < 0) {
    const Entity& e = doc_.entities[id];
    known = person_evidence(id) ||
            (!e.mentions.empty() && mention_type(static_cast<int32_t>(e.mentions.front())) == EntityType::kPerson &&
             person_shaped(e));
  }
  return known;
}

const std::vector<FoldedWord>& EntityTyper::words_of(const Mention& m) const {
  name_words(doc_, folded_, m, words_);
  return words_;
}

int8_t& EntityTyper::cached(std::vector<int8_t>& cache, int32_t id) const {
  if (cache.size() < doc_.entities.size()) cache.resize(doc_.entities.size(), -1);
  return cache[id];
}

const Mention* EntityTyper::fullest_name(const Entity& e) const {
  const Mention* best = nullptr;
  for (const uint32_t mi : e.mentions) {
    const Mention& m = doc_.mentions[mi];
    if (m.kind == MentionKind::kName && (!best || m.name.end - m.name.begin > best->name.end - best->name.begin))
      best = &m;
  }
  return best;
}

// Whether e's fullest name is two words or more, all capitalised, and ends in
// a word that is no noun or a person noun in WordNet, nor a body's.
bool EntityTyper::person_shaped(const Entity& e) const {
  const Mention* best = fullest_name(e);
  if (!best) return false;
  const std::vector<FoldedWord>& words = words_of(*best);
  if (words.size() < 2) return false;
  for (uint32_t t = best->first_token; t < best->end_token; ++t)
    if (doc_.tokens[t].kind == TokenKind::kWord && doc_.tokens[t].span.begin >= best->name.begin &&
        !doc_.tokens[t].has(kCapitalized))
      return false;
  const FoldedWord last = words.back();
  if (lex_.is(WordClass::kOrgHead, last) || lex_.is(WordClass::kAbbrevEnd, last)) return false;
  const NounSenses senses = lex_.noun_senses(last);
  return !senses.lexfile[0] || senses.first_is(NounSenses::kPerson);
}

}  // namespace whosaid

#include "entities/antecedent_rules.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"
#include "entities/opening_phrase.h"
#include "tagger/tag_set.h"

namespace whosaid {

template <typename Keep>
int32_t AntecedentRules::nearest(size_t i, uint32_t sentences, Keep keep) const {
  for (size_t j = i; j-- > CorefModel::first_candidate(i);) {
    if (ms_[i].sentence - ms_[j].sentence > sentences) break;
    if (ent_[j] >= 0 && keep(ms_[j], ent_[j])) return ent_[j];
  }
  return -1;
}

int32_t AntecedentRules::nearest_plural_subject(size_t i) const {
  return nearest(i, 2, [&](const CorefMention& m, int32_t) {
    if (m.in_quote || !m.subject || is_pronoun(m.form) || m.possessive) return false;
    if (m.gender == Gender::kMale || m.gender == Gender::kFemale) return false;  // "Bill Gates", "Chris Evans"
    return plural_of_people(lex_, m.head(folded_));
  });
}

int32_t AntecedentRules::body_they_stand_for(size_t i) const {
  for (size_t j = i; j-- > CorefModel::first_candidate(i);) {
    const CorefMention& m = ms_[j];
    if (ms_[i].sentence - m.sentence > 1) break;
    // A "they" inside its sentence after another subject ("Its advice to
    // customers is … if they want") is that sentence's.
    if (m.sentence < ms_[i].sentence && !ms_[i].subject) break;
    if (m.in_quote || !(m.subject || m.source)) continue;
    // The nearest subject or source decides: a body's name, or no one.
    if (ent_[j] < 0 || m.doc_mention < 0 || m.possessive) return -1;
    if (m.form != CorefForm::kName && m.form != CorefForm::kOrganisation) return -1;
    const MentionKind kind = doc_.entities[ent_[j]].kind;
    if (kind != MentionKind::kName && kind != MentionKind::kOrganisation) return -1;
    // The subject of a verb ("The European Commission is", "Acme said"), not
    // a name before a noun or in a phrase ("In July, …", "Bafta-winning
    // artists"); or a source.
    if (!m.source && (m.end_token >= doc_.tokens.size() || !pos::is_verbal(doc_.tokens[m.end_token].tag))) return -1;
    if (!named_at_start(m, ent_[j])) return -1;
    // Not a place, time or person WordNet knows by that name ("Europe",
    // "July"), nor a capitalised word of another kind alone ("High"); a
    // party's plural ("Tories") and initials ("BAA") are names.
    const NounSenses known = lex_.noun_senses(m.head(folded_));
    const bool several = m.end_token - m.first_token >= 2;
    const bool party = known.first_is(NounSenses::kPerson) && !known.inhabitant && plural(m.head(folded_));
    if (known.lexfile[0] && !known.first_is(NounSenses::kGroup) && !party &&
        !doc_.tokens[m.end_token - 1].has(kAllCaps) &&
        (!several || known.first_is(NounSenses::kLocation) || known.first_is(NounSenses::kTime) ||
         known.first_is(NounSenses::kPerson)))
      return -1;
    return typer_.mention_type(m.doc_mention) == EntityType::kOrganisation ? ent_[j] : -1;
  }
  return -1;
}

bool AntecedentRules::impersonal(const CorefMention& m, int32_t e) const {
  if (e < 0 || (m.form != CorefForm::kMale && m.form != CorefForm::kFemale)) return false;
  return !typer_.could_be_person(e) || group(e);
}

bool AntecedentRules::group(int32_t e) const {
  const Entity& en = doc_.entities[e];
  if (en.gender == Gender::kPlural) return true;
  if (en.gender != Gender::kUnknown || en.mentions.empty()) return false;
  const Mention& first = doc_.mentions[en.mentions.front()];
  return plural_of_people(lex_, folded_[first.end_token - 1]);
}

bool AntecedentRules::body(int32_t e) const {
  const Entity& en = doc_.entities[e];
  if (en.mentions.empty()) return false;
  const EntityType t = typer_.mention_type(static_cast<int32_t>(en.mentions.front()));
  return t == EntityType::kOrganisation || t == EntityType::kDocument;
}

int32_t AntecedentRules::nearest_speaking_body(size_t i) const {
  return nearest(i, 3, [&](const CorefMention& m, int32_t entity) {
    if (m.doc_mention < 0) return speaking_body_noun(m);
    if (m.in_quote || is_pronoun(m.form)) return false;
    // A source ("said the FCC"), or a subject that names a body ("The
    // company", "Acme Corp"); the type model then decides ("Revenues" is
    // no body). A one-word name it takes for a person's, with nothing
    // personal about it and no other sense in WordNet, is a body it never
    // saw ("Yukos said … it claimed").
    if (!m.source && !(m.subject && (m.form == CorefForm::kOrganisation || m.org_head || m.form == CorefForm::kName)))
      return false;
    const EntityType t = typer_.mention_type(m.doc_mention);
    if (t == EntityType::kOrganisation || t == EntityType::kDocument) return true;
    if (t == EntityType::kPerson && typer_.described_as_body(entity)) return true;  // "Titan, a software company,"
    if (t != EntityType::kPerson || m.form != CorefForm::kName || m.end_token != m.first_token + 1) return false;
    const NounSenses known = lex_.noun_senses(m.head(folded_));  // not "Australian", "Britain", "October"
    return (!known.lexfile[0] || known.first_is(NounSenses::kGroup)) && named_at_start(m, entity) &&
           !typer_.person_evidence(entity);
  });
}

bool AntecedentRules::speaking_body_noun(const CorefMention& m) const {
  return m.form == CorefForm::kNominal && m.definite && m.org_head && m.subject && !m.in_quote &&
         !plural(m.head(folded_));
}

int32_t AntecedentRules::nearest_body(size_t i) const {
  return nearest(i, 3, [](const CorefMention& m, int32_t) { return m.form == CorefForm::kOrganisation; });
}

namespace {

// Words that name a newspaper or magazine within its title.
bool newspaper_word(std::string_view w) {
  static const std::string_view kWords[] = {
      "times",   "post",      "journal",  "news",     "herald",   "guardian", "telegraph", "tribune",
      "mail",    "express",   "mirror",   "gazette",  "chronicle", "observer", "independent", "economist",
      "magazine", "inquirer", "examiner", "standard", "record",   "bulletin", "zeitung",   "spiegel"};
  for (std::string_view k : kWords)
    if (w == k) return true;
  return false;
}

}  // namespace

int32_t AntecedentRules::nearest_publication(size_t i) const {
  return nearest(i, 5, [&](const CorefMention& m, int32_t) {
    if (m.in_quote || m.doc_mention < 0 || !(m.source || m.subject)) return false;
    if (m.form != CorefForm::kOrganisation && m.form != CorefForm::kName) return false;
    // The type model calls most papers organisations (GUM does), so the name
    // tells: a word of it names a newspaper ("Financial Times", "Arab News",
    // "The Mail on Sunday").
    for (uint32_t k = m.first_token; k < m.end_token; ++k)
      if (newspaper_word(folded_[k])) return true;
    return typer_.mention_type(m.doc_mention) == EntityType::kDocument;
  });
}

namespace {

// One noun in either number: "airline" / "airlines", "company" / "companies".
bool same_noun(std::string_view a, std::string_view b) {
  if (a.size() > b.size()) std::swap(a, b);
  if (a == b || (b.size() == a.size() + 1 && b.back() == 's' && b.starts_with(a))) return true;
  return b.size() == a.size() + 2 && b.ends_with("ies") && a.ends_with('y') &&
         b.substr(0, b.size() - 3) == a.substr(0, a.size() - 1);
}

}  // namespace

int32_t AntecedentRules::nearest_named_body(size_t i) const {
  // The noun that ends the nominal ("the airline"; not "the" of "The 14-year-old").
  std::string_view noun = ms_[i].head_token + 1 == ms_[i].end_token ? ms_[i].head(folded_) : std::string_view();
  if (lex_.noun_senses(noun).first_is(NounSenses::kPerson)) noun = {};  // "the actor" is not "Actors Equity"
  const bool body_noun = lex_.noun_senses(noun).body;
  return nearest(i, 5, [&](const CorefMention& m, int32_t entity) {
    if (m.in_quote || m.doc_mention < 0) return false;
    if (m.form != CorefForm::kOrganisation && m.form != CorefForm::kName) return false;
    for (uint32_t k = m.first_token; k < m.end_token && m.end_token - m.first_token >= 2 && !noun.empty(); ++k)
      if (same_noun(noun, folded_[k])) {
        // A body's own name, where it stands ("Shares in Continental Airlines"),
        // also one the type model took for a person's with nothing personal
        // about it; a work's only as a subject or source, not a programme one
        // talks to ("told the BBC's World Business Report … the report warned").
        const EntityType t = typer_.mention_type(m.doc_mention);
        if (t == EntityType::kDocument) return m.source || m.subject;
        return t == EntityType::kOrganisation || (t == EntityType::kPerson && !typer_.person_evidence(entity));
      }
    if (!body_noun) return false;
    if (!m.source && !m.subject) return false;  // what the text is about, not a name in passing
    if (!named_at_start(m, entity)) return false;
    // Not a place, time, object or person WordNet knows by that name ("UK",
    // "January", "Europe"). A name of several words may end in a thing's
    // noun and still be a firm's ("Hyundai Motor", "Nippon Steel"), not in
    // a place's or a time's ("South Korea", "New Year").
    const NounSenses known = lex_.noun_senses(m.head(folded_));
    const bool several = m.end_token - m.first_token >= 2;
    // One word WordNet knows as a thing, written capitalised inside a
    // sentence, is a name all the same ("Valve", "Apple", "Cairn", "Delta").
    // Not initials WordNet knows ("HIV", "VAT"), a language ("English"), a
    // place or a natural object ("Europe", "Sun"), a plant ("Anil"): an
    // animal, artifact, body part, food or substance's name.
    const uint8_t first = known.lexfile[0];
    const bool thing_named = !several && typer_.named_inside_sentence(entity) &&
                             !doc_.tokens[m.first_token].has(kAllCaps) &&
                             (first == NounSenses::kAnimal || first == NounSenses::kArtifact || first == NounSenses::kBody ||
                              first == NounSenses::kFood || first == NounSenses::kSubstance) &&
                             // "His brother Anil": a person's name after a person noun.
                             !(m.first_token > 0 && lex_.noun_senses(folded_[m.first_token - 1]).first_is(NounSenses::kPerson));
    if (known.lexfile[0] && !known.first_is(NounSenses::kGroup) && !thing_named &&
        (!several || known.first_is(NounSenses::kLocation) || known.first_is(NounSenses::kTime) ||
         known.first_is(NounSenses::kPerson)))
      return false;
    // A name with a body head of its own is that kind of body: "the party"
    // is not the "Audit Commission".
    if (known.body && known.lexfile[0] && m.head(folded_) != ms_[i].head(folded_)) return false;
    const EntityType t = typer_.mention_type(m.doc_mention);
    // A name typed person with nothing personal about it may be a body the
    // model never saw ("TimeWarner said … the company said").
    return t == EntityType::kOrganisation ||
           (t == EntityType::kPerson && !typer_.person_evidence(entity));
  });
}

namespace {

bool spokes_noun(std::string_view w) { return w == "spokesman" || w == "spokeswoman" || w == "spokesperson"; }

}  // namespace

bool AntecedentRules::spokesperson(const CorefMention& m) const {
  if (m.form != CorefForm::kNominal || m.in_quote || m.possessive || m.head_token != m.end_token - 1) return false;
  if (!spokes_noun(m.head(folded_))) return false;
  // Only "a"/"an"/"the" and "spokes…": "a Blair spokesman", "his
  // spokesman", "Mr Blair's official spokesman" name whom it speaks for.
  if (m.end_token != m.first_token + 2) return false;
  const std::string_view d = folded_[m.first_token];
  if (d != "a" && d != "an" && d != "the") return false;
  // "a spokesman for Mr Blair", "a spokesman for the firm".
  return m.end_token >= doc_.tokens.size() || folded_[m.end_token] != "for";
}

uint32_t AntecedentRules::spokes_word(size_t i) const {
  const CorefMention& m = ms_[i];
  if (m.form != CorefForm::kNominal || m.in_quote || m.possessive) return UINT32_MAX;
  // Last ("the BPI spokesman") or before "for" ("a spokesman for the BPI").
  if (spokes_noun(folded_[m.end_token - 1])) return m.end_token - 1;
  for (uint32_t t = m.first_token; t + 1 < m.end_token; ++t)
    if (spokes_noun(folded_[t]) && folded_[t + 1] == "for") return t;
  return UINT32_MAX;
}

int32_t AntecedentRules::spokes_name(size_t i) const {
  const CorefMention& m = ms_[i];
  const uint32_t at = spokes_word(i);
  if (at == UINT32_MAX) return -1;
  // "Patricia Sanders, spokeswoman for the DEC": an apposition describes the
  // named person, who speaks.
  if (i > 0 && m.first_token > 0 && folded_[m.first_token - 1] == "," && ms_[i - 1].end_token + 1 == m.first_token &&
      ms_[i - 1].form == CorefForm::kName)
    return -1;
  // The name right before that word ("A Labour Party spokesman"; not "All
  // England club spokesperson", "The Tory finance spokesman") or after its
  // "for" ("a spokesman for the Home Office"): of the other mentions from the
  // phrase's first word (text order puts "The Acme" before "The Acme
  // spokesman") to its end.
  size_t j = i;
  while (j > 0 && ms_[j - 1].first_token == m.first_token) --j;
  for (; j < ms_.size() && ms_[j].first_token < m.end_token; ++j) {
    const CorefMention& n = ms_[j];
    if (j == i || n.doc_mention < 0 || n.end_token > m.end_token ||
        (n.form != CorefForm::kName && n.form != CorefForm::kOrganisation))
      continue;
    const bool before = n.end_token == at;
    const bool after = n.first_token == at + 2 || (n.first_token == at + 3 && folded_[at + 2] == "the");
    if (before || after) return static_cast<int32_t>(j);
  }
  return -1;
}

bool AntecedentRules::speaks_as_body(int32_t e) const {
  return e >= 0 && !typer_.person_evidence(e) && !typer_.named_as_person(e);
}

int32_t AntecedentRules::spoken_for_body(size_t i) const {
  for (size_t j = i; j-- > CorefModel::first_candidate(i);) {
    const CorefMention& c = ms_[j];
    if (ms_[i].sentence - c.sentence > 1) break;
    if (c.in_quote || !c.source || ent_[j] < 0) continue;
    if (c.form == CorefForm::kNominal && !c.org_head) {
      if (typer_.named_as_person(ent_[j])) return -1;  // "the minister", resolved to a person
      continue;
    }
    if (c.doc_mention < 0 || plural(c.head(folded_))) continue;
    const Gender g = doc_.entities[ent_[j]].gender;
    if (g == Gender::kMale || g == Gender::kFemale || typer_.person_evidence(ent_[j])) return -1;
    if (typer_.mention_type(c.doc_mention) == EntityType::kOrganisation) return ent_[j];
  }
  return -1;
}

void AntecedentRules::index_roles() {
  by_role_head_.clear();
  for (size_t mi = 0; mi < doc_.mentions.size(); ++mi) {
    const Mention& m = doc_.mentions[mi];
    if (m.role.empty() || m.entity < 0 || m.kind != MentionKind::kName) continue;
    const std::vector<std::string> words = role_words(m);
    if (!words.empty()) by_role_head_[words.back()].push_back(static_cast<uint32_t>(mi));
  }
  // In text order (role_holder() searches by token): the attributor may add mentions out of order.
  for (auto& [head, list] : by_role_head_)
    std::sort(list.begin(), list.end(),
              [&](uint32_t a, uint32_t b) { return doc_.mentions[a].first_token < doc_.mentions[b].first_token; });
}

std::vector<std::string> AntecedentRules::role_words(const Mention& m) const {
  std::vector<std::string> words;
  for (uint32_t t = m.first_token; t < m.end_token; ++t)
    if (doc_.tokens[t].kind == TokenKind::kWord && doc_.tokens[t].span.begin >= m.role.begin &&
        doc_.tokens[t].span.end <= m.role.end)
      words.emplace_back(folded_[t]);
  return words;
}

int32_t AntecedentRules::role_holder(size_t i) const {
  const CorefMention& a = ms_[i];
  // A headline drops its articles: "Senator vows to fight tariff plan".
  const bool headline = a.paragraph == 0 && a.sentence == 0;
  if (a.form != CorefForm::kNominal || !(a.definite || headline) || a.org_head || plural(a.head(folded_))) return -1;
  auto it = by_role_head_.find(a.head(folded_));
  if (it == by_role_head_.end()) return -1;
  const std::vector<uint32_t>& list = it->second;
  auto at = std::lower_bound(list.begin(), list.end(), a.first_token,
                             [&](uint32_t mi, uint32_t t) { return doc_.mentions[mi].first_token < t; });
  constexpr int kSteps = 8;
  auto back = at;
  for (int step = 0; back != list.begin() && step < kSteps; ++step)
    if (holds_role(a, *--back)) return doc_.mentions[*back].entity;
  // The headline's role is named in the story below it.
  for (int step = 0; headline && at != list.end() && step < kSteps; ++step, ++at)
    if (holds_role(a, *at)) return doc_.mentions[*at].entity;
  return -1;
}

bool AntecedentRules::holds_role(const CorefMention& a, uint32_t mi) const {
  const Mention& m = doc_.mentions[mi];
  if (m.first_token == a.first_token) return false;
  // A person's role: not "the most successful chancellor Britain has had".
  // A capitalised title right before the name is one ("Secretary Cardona").
  const bool title = !m.role.empty() && m.role.end <= m.name.begin && m.role.begin < doc_.text().size() &&
                     std::isupper(static_cast<unsigned char>(doc_.text()[m.role.begin]));
  if (m.gender == Gender::kUnknown && !title && typer_.mention_type(static_cast<int32_t>(mi)) != EntityType::kPerson)
    return false;
  std::vector<FoldedWord> name;
  name_words(doc_, folded_, m, name);  // the document's folded words, not folded again
  if (name.size() == 1 && lex_.noun_senses(name.front()).first_is(NounSenses::kLocation)) return false;
  const std::vector<std::string> role = role_words(m);
  // The words after the article (which "the Secretary" leaves outside the mention).
  const std::string_view w = folded_[a.first_token];
  const uint32_t first = a.first_token + (w == "the" || w == "this" || w == "that" ? 1 : 0);
  const uint32_t n = a.end_token - first;
  if (n == 0 || n > role.size()) return false;
  for (uint32_t k = 0; k < n; ++k)
    if (folded_[first + k] != role[role.size() - n + k]) return false;
  return true;
}

bool AntecedentRules::described_person(const CorefMention& a) const {
  if (a.form != CorefForm::kNominal || !a.definite || a.org_head || a.in_quote) return false;
  const std::string_view head = a.head(folded_);
  if (plural(head) || !lex_.noun_senses(head).first_is(NounSenses::kPerson)) return false;
  // Someone's agent: "the rapper's spokesman", "the BBC's political editor".
  if (head.starts_with("spokes")) return false;
  for (uint32_t t = a.first_token; t < a.end_token; ++t)
    if (folded_[t] == "'s" || folded_[t].ends_with("'s")) return false;
  return true;
}

bool AntecedentRules::may_hold(const Entity& en, std::string_view head, std::string& role) const {
  if (en.role.empty()) return true;
  utf8::fold(en.role, role);
  return role == head ||
         (role.size() > head.size() && role.ends_with(head) && role[role.size() - head.size() - 1] == ' ');
}

int32_t AntecedentRules::lede_person(size_t i) const {
  const CorefMention& a = ms_[i];
  if (!described_person(a) || !(a.source || a.first_token == doc_.sentences[a.sentence].first_token)) return -1;
  const uint32_t headline = ms_.empty() ? 0 : doc_.sentences[ms_.front().sentence].paragraph;
  for (size_t j = i; j-- > 0;)
    if (ms_[j].form == CorefForm::kName && ms_[j].paragraph != headline && ent_[j] >= 0 &&
        typer_.named_as_person(ent_[j]))
      return -1;
  const std::string_view head = a.head(folded_);
  std::string role;
  for (size_t j = i + 1; j < ms_.size() && ms_[j].sentence <= a.sentence + 3; ++j) {
    const CorefMention& m = ms_[j];
    const int32_t e = ent_[j];
    // (Names in passing are skipped: "Speaking on Radio Nord, Gillian Mott said".)
    if (m.form != CorefForm::kName || m.in_quote || e < 0 || !(m.subject || m.source) ||
        m.first_token < past_opening_phrase(doc_, folded_, doc_.sentences[m.sentence]) || !typer_.named_as_person(e))
      continue;
    const Entity& en = doc_.entities[e];
    return !m.possessive && genders_agree(a.gender, en.gender) && may_hold(en, head, role) ? e : -1;
  }
  return -1;
}

int32_t AntecedentRules::salient_person(size_t i) const {
  const CorefMention& a = ms_[i];
  if (!described_person(a)) return -1;
  const std::string_view head = a.head(folded_);
  const bool native = lex_.noun_senses(head).inhabitant;
  int32_t best = -1;
  size_t best_count = 0;
  std::string role;
  for (size_t j = i; j-- > CorefModel::first_candidate(i);) {
    const CorefMention& m = ms_[j];
    if (a.sentence - m.sentence > 3) break;
    const int32_t e = ent_[j];
    if (m.sentence == a.sentence || e < 0 || e == best) continue;
    if (m.in_quote || m.form != CorefForm::kName || m.possessive || !(m.subject || m.source)) continue;
    const Entity& en = doc_.entities[e];
    if (!genders_agree(a.gender, en.gender)) continue;
    if (!typer_.named_as_person(e)) continue;
    // A role must be the nominal's ("the minister" is not the named
    // chairman); a native of a place may hold any ("the American").
    if (!native && !may_hold(en, head, role)) continue;
    // Mentions before the anaphor, of the first kMentionsCounted (a bounded
    // cost per candidate: a text dense with one name has thousands).
    constexpr size_t kMentionsCounted = 64;
    size_t count = 0;
    for (size_t k = 0; k < en.mentions.size() && k < kMentionsCounted; ++k)
      count += doc_.mentions[en.mentions[k]].first_token < a.first_token;
    if (count > best_count) best = e, best_count = count;
  }
  return best;
}

int32_t AntecedentRules::relative_head(size_t i) const {
  const CorefMention& m = ms_[i];
  if (i == 0 || m.end_token != m.first_token + 1) return -1;
  const FoldedWord w = folded_[m.first_token];
  if (w != "who" && w != "which") return -1;
  const CorefMention& head = ms_[i - 1];
  if (head.end_token + 1 != m.first_token || folded_[head.end_token] != ",") return -1;
  // Never resolve() from here: this runs inside resolve(), and a run of
  // "who, who, who …" would nest one call per word.
  return ent_[i - 1];
}

bool AntecedentRules::named_at_start(const CorefMention& m, int32_t e) const {
  if (m.end_token != m.first_token + 1 || doc_.sentences[m.sentence].first_token != m.first_token) return true;
  return pos::is_proper_noun(doc_.tokens[m.first_token].tag) || doc_.tokens[m.first_token].has(kAllCaps) ||
         (m.doc_mention >= 0 && !doc_.mentions[m.doc_mention].role.empty()) || (e >= 0 && typer_.named_inside_sentence(e));
}

int32_t AntecedentRules::apposition_head(size_t i) const {
  const CorefMention& m = ms_[i];
  if (i == 0 || m.form != CorefForm::kNominal || m.in_quote) return -1;
  const CorefMention& head = ms_[i - 1];
  if (head.end_token + 1 != m.first_token || folded_[head.end_token] != "," || head.sentence != m.sentence) return -1;
  if (head.form != CorefForm::kName && head.form != CorefForm::kOrganisation) return -1;
  // One word before the comma is a noun, not "Overall," or "Elsewhere,".
  if (doc_.sentences[head.sentence].first_token != head.first_token ||
      (!named_at_start(head, ent_[i - 1]) && !pos::is_nominal(doc_.tokens[head.first_token].tag)))
    return -1;
  return ent_[i - 1];
}

int32_t AntecedentRules::coordinated_name(size_t i) const {
  const CorefMention& m = ms_[i];
  if (i == 0 || m.form != CorefForm::kNominal || m.definite || m.indefinite || m.possessive ||
      m.end_token != m.first_token + 1 || !plural(m.head(folded_)) || m.first_token < 2 ||
      folded_[m.first_token - 1] != "and")
    return -1;
  const CorefMention& name = ms_[i - 1];
  const int32_t e = ent_[i - 1];
  if (e < 0 || name.form != CorefForm::kName || name.end_token + 1 != m.first_token || name.possessive)
    return -1;
  return typer_.named_as_person(e) ? e : -1;
}

}  // namespace whosaid

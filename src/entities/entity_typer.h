// The type of each entity that speaks: person, organisation, document or
// other (docs/types.md).
//
//   EntityTyper typer(doc, lexicon, folded);
//   typer.mention_type(mi);                      // the model's verdict on one mention, computed once
//   typer.type(entity, called_body, personal);  // sets Entity::type and Entity::kind
//
// The mention-type model (types/mention_type.h) reads the words of the
// mention that starts the entity. The resolver knows what the model does not:
// a gendered name or a role is a person's; a known given name and a surname
// is a person's even when the model read a body into it ("Chris Fox"); a name
// that nothing marks as a person's and that a bare body noun was resolved to
// ("Krispy Kreme has warned … The company said") is an organisation; a name
// shaped like a person's that a "he" or "she" was resolved to, or whose
// quotation says "I", is a person's; a one-word name that nothing marks as a
// person's is a body's ("Yukos said").
// The kind follows the type: organisations and documents are bodies, so the
// store never merges one with a person.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/lexicon.h"
#include "types/mention_type.h"
#include "whosaid/document.h"

namespace whosaid {

// The folded words of a mention's name (from Mention::name on), without "'s",
// into `words` (its memory reused): views of the document's FoldedWords, valid
// while they live.
void name_words(const Document& doc, const FoldedWords& folded, const Mention& m, std::vector<FoldedWord>& words);

// Whether two genders may be one person's: equal, or one unknown.
inline bool genders_agree(Gender a, Gender b) { return a == Gender::kUnknown || b == Gender::kUnknown || a == b; }

// Whether folded word `w` reads as a regular plural ("firms", not "press").
inline bool plural(std::string_view w) { return w.size() > 2 && w.back() == 's' && !w.ends_with("ss"); }
// Whether `w` is a plural whose first WordNet sense is people or a group
// ("analysts", "tories", "companies"; not "gates", "proposals").
bool plural_of_people(const Lexicon& lex, std::string_view w);

class EntityTyper {
 public:
  EntityTyper(const Document& doc, const Lexicon& lexicon, const FoldedWords& folded)
      : doc_(doc), lex_(lexicon), folded_(folded) {}

  // The type model's verdict on doc.mentions[mi].
  EntityType mention_type(int32_t mi) const;
  // A gender, a role, or a given name and a surname: entity `id` is a person's.
  bool person_evidence(int32_t id) const;
  // Sets e.type and e.kind. `called_body`: a bare body noun ("the company")
  // was resolved to e; `personal`: a "he" or "she" was, or e's quotation says "I".
  void type(Entity& e, bool called_body, bool personal) const;
  // Whether "he" or "she" may stand for entity id: person_evidence(), or the
  // type model's person unless its one-word name is a WordNet noun for
  // something else ("Scalia", "Keanu Reeves"; not "Pakistan" or "Cent").
  bool could_be_person(int32_t id) const;
  // Whether entity id is named as a person: person_evidence(), or the type
  // model's person with a name of capitalised words that ends in no body's
  // word nor a noun WordNet knows as anything but a person ("Tony Blair";
  // not "Argonaut Games", "Lansdowne Road").
  bool named_as_person(int32_t id) const;
  // Whether entity id is described as a body ("oil group Yukos", "Titan, a
  // software company,"), with nothing that says person.
  bool described_as_body(int32_t id) const { return !person_evidence(id) && body_described(doc_.entities[id]); }
  // Whether one of entity id's names is written inside its sentence, where
  // only a name is capitalised ("according to Microsoft").
  bool named_inside_sentence(int32_t id) const;

 private:
  bool given_and_surname(const Entity& e) const;
  bool given_name_alone(const Entity& e) const;
  bool could_be_named_person(const Entity& e) const;  // could_be_person() without person_evidence()
  bool person_shaped(const Entity& e) const;
  const Mention* fullest_name(const Entity& e) const;  // the longest name mention, or null
  bool common_plural(const Entity& e) const;
  bool one_word(const Entity& e) const;
  bool opens_sentence(const Mention& m) const;
  // Whether a name of e follows a lower-case noun of a body ("oil group
  // Yukos", "the carmaker General Motors", "insurer Aviva") or an apposition
  // headed by one follows it ("Titan, a California-based company,"): a
  // body's name.
  bool body_described(const Entity& e) const;
  bool body_apposition(const Mention& m) const;  // "Titan, a software company,"

  // The words of `m`'s name (name_words()), in a buffer of this object's.
  const std::vector<FoldedWord>& words_of(const Mention& m) const;

  const Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& folded_;
  mutable std::vector<FoldedWord> words_;  // words_of()
  const TypeModel& model_ = TypeModel::builtin();
  mutable std::vector<int8_t> mention_types_;  // mention_type() of each mention, -1 not yet
  // Per entity, -1 not yet known: each reads all of an entity's mentions, and
  // the resolver asks for every candidate of every pronoun.
  int8_t& cached(std::vector<int8_t>& cache, int32_t id) const;
  mutable std::vector<int8_t> named_person_;     // person_evidence()
  mutable std::vector<int8_t> could_be_person_;  // could_be_person()
  mutable std::vector<int8_t> named_as_person_;  // named_as_person()
  mutable std::vector<int8_t> inside_;           // named_inside_sentence()
};

}  // namespace whosaid

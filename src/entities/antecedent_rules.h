// The resolver's rules around the coreference model (resolver.cc,
// docs/coref.md): what a mention the model links to nothing, or to something
// it cannot be, stands for in news, a genre GUM (the model's training data)
// has little of. Each reads the coreference mentions and the entities the
// resolver has given them so far.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/folded.h"
#include "core/lexicon.h"
#include "coref/coref.h"
#include "entities/entity_typer.h"
#include "whosaid/document.h"

namespace whosaid {

class AntecedentRules {
 public:
  // `mentions` and `entities` (the entity of each mention, -1 if none yet)
  // are the resolver's, read as they change.
  AntecedentRules(const Document& doc, const Lexicon& lex, const FoldedWords& folded, const EntityTyper& typer,
                  const std::vector<CorefMention>& mentions, const std::vector<int32_t>& entities)
      : doc_(doc), lex_(lex), folded_(folded), typer_(typer), ms_(mentions), ent_(entities) {}

  // The nearest subject before anaphor i, in its sentence or the two before,
  // outside quotations, that names or describes a group: a plural head
  // ("Opponents", "the two Japanese companies", "Democrats"), or -1. GUM, the
  // model's training data, has few groups that speak.
  int32_t nearest_plural_subject(size_t i) const;

  // "The Lib Dems argue … Now they say", "The European Commission is being
  // pragmatic. They have identified …": British news calls a body "they". A
  // source "they" that nothing else resolves is the body named by the
  // nearest subject or source before it, outside quotations, in its sentence
  // or the one before, when that one is a body's name (typed organisation);
  // -1 when it is anything else.
  int32_t body_they_stand_for(size_t i) const;

  // Whether "he" or "she" (m) would reach entity e, which cannot be a person
  // (EntityTyper::could_be_person: "Parmalat has sued 45 banks … new boss
  // Enrico Bondi … He claims") or is a group ("Critics, including the
  // Liberal Democrats, say … It was, he said, …").
  bool impersonal(const CorefMention& m, int32_t e) const;
  // Whether entity e is a group: plural, or first named by a plural noun of
  // people ("Critics", "Analysts") with no gender of one person.
  bool group(int32_t e) const;

  // Whether entity e is a body: its first mention typed organisation or document.
  bool body(int32_t e) const;

  // "The computer giant has sued three men … It said …": a source "it" left
  // with no named antecedent is the nearest body (a mention typed
  // organisation or document) that is a source, or a subject naming a body,
  // in the three sentences before, or -1. GUM, the model's training data, has few bodies
  // that speak.
  int32_t nearest_speaking_body(size_t i) const;

  // "The company", "the ministry": a definite singular nominal subject outside
  // quotations whose head names a body (the lexicon's org_head).
  bool speaking_body_noun(const CorefMention& m) const;

  // "the company" when the model says none: the nearest organisation named in
  // the three sentences before, or -1. GUM, the training data, has few such
  // nominals after a named body, so the model rarely links them.
  int32_t nearest_body(size_t i) const;

  // "the Financial Times has reported … the paper said": a bare definite
  // publication noun ("the paper", "the newspaper", "the magazine") that the
  // model links to nothing is the nearest name in the five sentences before
  // that was a source or a subject, outside quotations, and that the type
  // model calls a document (a publication; not the firm the paper reports on).
  // -1 if none.
  int32_t nearest_publication(size_t i) const;
  static bool publication_noun(std::string_view head) {
    return head == "paper" || head == "newspaper" || head == "magazine" || head == "journal" || head == "daily" ||
           head == "tabloid" || head == "weekly" || head == "broadsheet";
  }

  // "UK sportswear firm Umbro has posted … The firm said": a bare definite
  // singular nominal that the model links to nothing, whose head is a kind of
  // organisation in WordNet ("the firm", "the club", "the carmaker";
  // NounSenses::body), is the nearest named body in the five sentences before that
  // is a source or a subject, outside quotations, or -1. Named body: a name
  // the type model calls an organisation that WordNet does not know as
  // anything but a group ("January", "UK", "Europe" are times and places),
  // nor as another kind of body. A name with the nominal's own noun in it
  // (either number) is that body wherever it stood in its sentence: "Shares in
  // Continental Airlines have tumbled … the airline warned".
  int32_t nearest_named_body(size_t i) const;

  // "Ofcom says it has plans to review … But a spokesman said …": an unnamed
  // spokesperson of no body ("a spokesman", "the spokeswoman"; not "his
  // spokesman", "a spokesman for Mr Blair", which name whom) speaks for the
  // body that spoke just before: the nearest source ("X said", "X has
  // dismissed the proposal") in its sentence or the three before, outside
  // quotations, when it names one body (typed organisation, or a body noun
  // resolved to one; not a plural: "Judges"). A person there first ("Lord
  // Falconer said … a spokesman said") or none: -1; the spokesperson may be
  // that person's or a department's. (A subject that is no source let in
  // the wrong body: "new technology, including the Video Relay Service, will
  // be discussed … But a spokesman said".)
  // Whether mention m is such a spokesperson is spokesperson(m).
  int32_t spoken_for_body(size_t i) const;
  bool spokesperson(const CorefMention& m) const;
  // "A Delta spokesperson", "a spokesman for the BPI", "an Acme
  // spokeswoman": the coreference index of the first name inside a
  // spokesperson's phrase, -1 if none. The spokesperson speaks for it when
  // speaks_as_body() holds for its entity: nothing says it is a person's ("a
  // Blair spokesman", "Mr Blair's spokesman" speak for a person, not as one).
  int32_t spokes_name(size_t i) const;
  // The spokesperson's word heading mention i ("spokesman", "spokeswoman",
  // "spokesperson"), UINT32_MAX if it is no spokesperson's phrase.
  uint32_t spokes_word(size_t i) const;
  bool speaks_as_body(int32_t e) const;

  // The named mentions that carry a role ("Prime Minister Tony Blair",
  // "Gordon Brown, the chancellor,"), by the role's last word, in text order.
  void index_roles();

  // "the prime minister", "the tory leader", "the chancellor" that the model
  // links to nothing: the person named before with that role, its words the
  // end of theirs ("Prime Minister Tony Blair"; "Tory leader Michael Howard";
  // "Gordon Brown, the chancellor,"), the nearest such, or -1. A few steps
  // back at most: the index is per article. A headline's role ("Senator vows
  // …") is the first holder named after it.
  int32_t role_holder(size_t i) const;

  // "Gordon Brown has issued a rallying cry … The chancellor said …": a
  // definite singular nominal outside quotations whose head is first a person
  // in WordNet, that neither the model nor a role (role_holder) names, is the
  // most mentioned person so far among those named as a subject or source in
  // the three sentences before, outside quotations (the nearest on a tie),
  // who agrees in gender, holds no other role, and is named as a person
  // (EntityTyper::named_as_person: not "Either", "Aviator", "Argonaut
  // Games"); -1 if none. A text names its protagonist, then describes him; in
  // its own sentence a name before the description is someone else ("In
  // Edinburgh, the prime minister said"). Not a spokesman nor someone's ("the
  // rapper's manager"): they speak for the person named.
  int32_t salient_person(size_t i) const;

  // "The education secretary has defended plans … / Speaking on the Today
  // programme, Gillian Marsh said": a lede describes the person the next
  // sentences name. Such a nominal (as salient_person's), opening its
  // sentence or a source, before any person is named outside the headline,
  // is the first person named after it as a subject or source outside
  // quotations in the three sentences after, when they agree in gender and
  // hold no other role; -1 otherwise.
  int32_t lede_person(size_t i) const;

  // "the company", "the firm": the article and the head alone. A modified
  // description ("the film industry", "the Blair government") is a body of
  // its own more often than a name said before.
  static bool bare(const CorefMention& m) { return m.end_token == m.first_token + 2; }

  // "The government" is the state the article is about and "the industry" a
  // whole sector: bodies of WordNet, but hardly ever one named before (the
  // nearest named body is then someone else: a union, a broadcaster).
  static bool unnamed_body(std::string_view head) { return head == "government" || head == "industry"; }

  // A relative pronoun after a comma is the mention before the comma: "The
  // club, which has posted record losses, said …", "Mr Tan, who chairs the
  // panel, said …". -1 otherwise (a restrictive "people from the EU who …"
  // has its head further back).
  int32_t relative_head(size_t i) const;

  // "Bos and colleagues describe …", "Ms Ortiz and aides said": a bare
  // plural noun joined to a person's name by "and" is that person's company,
  // and the name is the one who can be named as its speaker: its entity; -1
  // otherwise.
  int32_t coordinated_name(size_t i) const;

  // A definite nominal in apposition to the name that opens its sentence is
  // that name: "Metrovias, the private firm which runs the lines, has
  // offered …", "Parmalat, the Italian food group, …". -1 otherwise (after a
  // preposition a name is no subject: "In Edinburgh, the prime minister said").
  int32_t apposition_head(size_t i) const;

  // Whether nominal m's head names a body ("the private firm", "the club").
  bool body_noun(const CorefMention& m) const { return m.org_head || lex_.noun_senses(m.head(folded_)).body; }

 private:
  // The entity of the nearest coreference mention before i, at most
  // `sentences` sentences back, that keep(mention, its entity) accepts; -1 if none.
  template <typename Keep>
  int32_t nearest(size_t i, uint32_t sentences, Keep keep) const;
  // A definite singular description of a person outside quotations, not
  // someone's agent (salient_person, lede_person).
  bool described_person(const CorefMention& a) const;
  // Whether a role-holding description with this head may stand for en: it
  // holds no role or one ending in the head (`role` is scratch).
  bool may_hold(const Entity& en, std::string_view head, std::string& role) const;

  std::vector<std::string> role_words(const Mention& m) const;
  // Whether doc mention mi names a person whose role ends in the words of
  // nominal a ("Secretary Cardona" for "the Secretary").
  bool holds_role(const CorefMention& a, uint32_t mi) const;

  // Whether name mention m (of entity e) is a name if it is one word opening
  // its sentence, which may be no name ("Pre-tax", "Based", "Overall"): when
  // tagged a proper noun, written capitalised inside a sentence elsewhere
  // ("Microsoft is … according to Microsoft"), in capitals ("WPP"), or with a
  // role ("Taylor, a spokesman,").
  bool named_at_start(const CorefMention& m, int32_t e) const;

  const Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& folded_;
  const EntityTyper& typer_;
  const std::vector<CorefMention>& ms_;
  const std::vector<int32_t>& ent_;
  StringMap<std::vector<uint32_t>> by_role_head_;  // index_roles(): mentions with a role, by its last word
};

}  // namespace whosaid

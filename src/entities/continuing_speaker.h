// How news goes on with its speaker: a "he" or "she" source that takes up the
// person who spoke, or was named, just before, where GUM (the coreference
// model's training data) has too few quotations to learn it.
//
//   ContinuingSpeaker continuity(doc, lexicon, folded, typer, rules, coref, entity_of, links, resolved,
//                                is_source, quote_of, spokesperson);
//   int32_t e = continuity.resumed_name(i);              // "…, Hoop Scheffer, he has explained …"
//   if (e < 0) e = continuity.continuing_speaker(coref[i]);  // "Jack Straw said … He said …"
//
// The vectors are the resolver's, read as they stand when asked (it fills
// them while it resolves): the entity of each coreference mention, of each
// quotation's source (links), of each pronoun mention (resolved), and per
// mention whether it is a quotation's source, the first quotation it is the
// source of, and whether it is a spokesperson joined to the body they speak
// for.
#pragma once

#include <cstdint>
#include <vector>

#include "core/folded.h"
#include "attribution/attributor.h"
#include "coref/coref.h"
#include "entities/antecedent_rules.h"
#include "entities/entity_typer.h"
#include "whosaid/document.h"

namespace whosaid {

class ContinuingSpeaker {
 public:
  ContinuingSpeaker(const Document& doc, const Lexicon& lexicon, const FoldedWords& folded, const EntityTyper& typer,
                    const AntecedentRules& rules, const std::vector<CorefMention>& coref,
                    const std::vector<int32_t>& entity_of, const std::vector<SpeakerLink>& links,
                    const std::vector<int32_t>& resolved, const std::vector<bool>& is_source,
                    const std::vector<int32_t>& quote_of, const std::vector<bool>& spokesperson)
      : doc_(doc), lex_(lexicon), folded_(folded), typer_(typer), rules_(rules), ms_(coref), ent_(entity_of),
        links_(links), resolved_(resolved), is_source_(is_source), quote_of_(quote_of), spokesperson_(spokesperson) {}

  // "And the head of the alliance, Hoop Scheffer, he has explained that …":
  // a "he"/"she" source right after a name set off by commas (or opening its
  // sentence) takes the name up again, when the gender agrees and what it
  // says follows it. Not "Smith, he said, had lied", whose content starts
  // before the pronoun or whose cue is an aside. -1 otherwise.
  int32_t resumed_name(size_t i) const;
  // A "he"/"she" source that goes on with the speaker before: of the
  // quotation that makes up the sentence before ("…," Norman said. "Quote."
  // He said …), of a sentence that introduces a person before a quotation
  // (introduced_speaker), or the one source of the sentence before
  // (previous_source). A description by nationality or age ("the
  // Spaniard", "the 22-year-old") takes only an introduced speaker. -1
  // otherwise.
  int32_t continuing_speaker(const CorefMention& m) const;

 private:
  bool parenthetical_cue(Span cue) const;
  bool described_person(const CorefMention& m) const;
  bool person_noun(std::string_view w) const;
  bool spokes_noun(const Mention& m) const;
  int32_t introduced_speaker(const CorefMention& m, const Sentence& prev) const;
  int32_t previous_source(const CorefMention& m, const Sentence& prev) const;

  const Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& folded_;
  const EntityTyper& typer_;
  const AntecedentRules& rules_;
  const std::vector<CorefMention>& ms_;
  const std::vector<int32_t>& ent_;
  const std::vector<SpeakerLink>& links_;
  const std::vector<int32_t>& resolved_;
  const std::vector<bool>& is_source_;
  const std::vector<int32_t>& quote_of_;
  const std::vector<bool>& spokesperson_;
};

}  // namespace whosaid

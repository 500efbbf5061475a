// Stage 4: mentions of people and bodies.
//
// Names with what is written around them: "Prime Minister John Key" (role
// Prime Minister), "Labour MP Phil Goff" (org Labour, role Labour MP),
// "Green Party Co-leader Russel Norman", "Mr Key" (male), "Russel Norman, the
// Green Party co-leader," (role from the apposition); and personal and relative
// pronouns. Nominal sources ("a spokesman for the ministry") are found by the
// attributor where a cue needs a source, through find_nominal_before/after.
#pragma once

#include <optional>

#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

// `folded` holds every token's text folded for lexicon look-ups (utf8::fold),
// parallel to doc.tokens: the pipeline folds once for all stages.
void find_mentions(Document& doc, const Lexicon& lexicon, const FoldedWords& folded);

// The mention covering token t, if any (binary search over doc.mentions).
int32_t mention_at(const Document& doc, uint32_t t);

// Whether mention m's own words say it names a person: a role written with
// it, a gender (an honorific's or a given name's), or a known given name
// opening its name ("Trade Minister Mohammed al-Jibouri", "Mr Hale", "Rod
// Stewart"; not "HD-DVD", "Brazilian").
bool names_a_person(const Document& doc, const Lexicon& lexicon, const FoldedWords& folded, const Mention& m);

// The token of the initials in parentheses right after the words [b, e): the
// first letters of its capitalised words, in order ("General Motors (GM)",
// "Korean Central News Agency (KCNA)"); -1 when none follow. A one-letter
// acronym proves nothing.
int64_t initials_after(const Document& doc, uint32_t b, uint32_t e);

// Gender of a pronoun token, or nullopt when it is not a personal/relative pronoun.
std::optional<Gender> pronoun_gender(const Lexicon& lexicon, std::string_view folded);

}  // namespace whosaid

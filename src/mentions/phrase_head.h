// Which name speaks for a source phrase once it is widened to the whole noun
// phrase (mentions/source_span.h):
//
//   if (!name_heads_phrase(doc, folded, m, b, e)) {
//     EntityType type;
//     int32_t head = name_heading_phrase(doc, lexicon, folded, b, e, type);  // -1: an unnamed person or group
//   }
//
// "A legal expert in the US", "aides to Clinton", "UK critics", "Kidman's
// publicist" are not the name's words; "Rhian Beynon of the JCWI", "Arsenal
// boss Arsene Wenger", "IBM's vice president, Nick Donofrio" are the name's.
// Reads the tags of the phrase's sentence (tagged before).
#pragma once

#include <cstdint>

#include "core/folded.h"
#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

// Whether mention m heads the phrase of tokens [b, e): no preposition before
// it in the phrase (back to a comma that opens an apposition: "the chairman of
// X, Sir Andrew Green"), no noun or possessed head right after it; or it is a
// name ending the phrase right after a role ("Director of rugby Warren
// Gatland").
bool name_heads_phrase(const Document& doc, const FoldedWords& folded, const Mention& m, uint32_t b, uint32_t e);

// The first name of a resolved person or body inside [b, e) that heads it,
// or -1; `type` says which. The resolver typed only the entities of sources,
// so the mention says: a body's name, or a person's (a role, a gender, a given
// name), else the mention-type model, and a place, work or thing is skipped.
// Not a common noun capitalised by its place ("Sources close to Mr Hockney")
// nor a date. `doc.mentions` must be sorted by first token.
int32_t name_heading_phrase(const Document& doc, const Lexicon& lex, const FoldedWords& folded, uint32_t b,
                            uint32_t e, EntityType& type);

}  // namespace whosaid

// Stage 6: entities within a document, and the speaker of every quote.
//
// Name mentions are grouped into entities: a full name starts one, and a bare
// surname or "Mr Key" joins the entity with that surname (the nearest before
// it, else the first after it, so a headline "Key: …" finds the Prime
// Minister named later). Roles and parties come from the mentions ("Labour MP
// Phil Goff", "Russel Norman, the Green Party co-leader"). Pronouns ("he",
// "his", "I", "you", "who") and nominals ("the Prime Minister", "the
// company") take the entity of the antecedent the coreference model picks
// (coref/coref.h, docs/coref.md); "I" inside a quotation is its speaker, and
// "I" outside one is the interviewee or the byline's author (voice.h).
#pragma once

#include <vector>

#include "attribution/attributor.h"
#include "core/folded.h"
#include "core/lexicon.h"
#include "coref/coref.h"
#include "whosaid/document.h"

namespace whosaid {

void resolve_speakers(Document& doc, const Lexicon& lexicon, const FoldedWords& folded, const CorefModel& model,
                      const std::vector<SpeakerLink>& links);

}  // namespace whosaid

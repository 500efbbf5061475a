// Stage 6: entities within a document, and the speaker of every quote.
//
// Name mentions are grouped into entities: a full name starts one, and a bare
// surname or "Mr Key" joins the entity with that surname (the nearest before
// it, else the first after it, so a headline "Key: …" finds the Prime
// Minister named later). Roles and parties come from the mentions ("Labour MP
// Phil Goff", "Russel Norman, the Green Party co-leader"). A nominal source
// ("the Prime Minister") joins the entity holding that role. A pronoun source
// resolves by salience, not distance: the subject of the previous sentence,
// then the speaker of the quote before, then the latest person mentioned —
// each only if gender agrees.
#pragma once

#include <vector>

#include "attribution/attributor.h"
#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

void resolve_speakers(Document& doc, const Lexicon& lexicon, const std::vector<SpeakerLink>& links);

}  // namespace whosaid

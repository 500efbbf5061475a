// Stage 3: attribution cues — speech and report verbs in every inflection
// (data/cues.tsv), "according to", a colon after a short name phrase
// (Key: SAS could join…) and a dash sign-off after a quote ("…" — Commissioner X).
// Only words outside quotation marks are cues.
#pragma once

#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

// `folded` holds the document's tokens folded (FoldedWords); the second form
// folds them itself.
void find_cues(Document& doc, const Lexicon& lexicon, const FoldedWords& folded);
void find_cues(Document& doc, const Lexicon& lexicon);

}  // namespace whosaid

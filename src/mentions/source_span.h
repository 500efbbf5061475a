// The written extent of each quote's source (Quote::speaker.mention).
//
// Attribution corpora (PolNeAR, PARC) annotate a source as the whole noun
// phrase that names it, not just the name inside: "the White House spokesman,
// Josh Earnest", "Sen. Amy Klobuchar (D-Minn.), who sponsored the act",
// "Republican presidential candidate Donald Trump", "Cruz's campaign", "a
// Quinnipiac poll conducted in February". The mention stage and the attributor
// keep the name itself (Mention::span, used to resolve "John Key"); this pass,
// run after resolution, widens each quote's speaker.mention to that phrase.
// Pronoun sources ("he", "who") are left as they are. Only speaker.mention
// changes: speaker.name, the mentions and the links stay as they were.
#pragma once

#include <string>
#include <vector>

#include "attribution/attributor.h"
#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

class Tagger;

// `links` is parallel to doc.quotes (as returned by attribute()); `folded`
// holds each token's case-folded text (utf8::fold), as for attribute().
// `tagger` (may be null) tags the sentences of the sources that are not tagged
// yet.
void widen_source_spans(Document& doc, const Lexicon& lexicon, const std::vector<SpeakerLink>& links,
                        const FoldedWords& folded, const Tagger* tagger);

}  // namespace whosaid

// Statements that the text credits to no one, although a pronoun fills the
// subject before the cue:
//
//   if (expletive_source(doc, folded, source_mention, quote)) quote.speaker.reset();
//
// "It is thought that the plant will close", "It was announced last July
// that …", "…, it has been reported.": an "it" that only fills the subject of
// a passive reporting verb names no source. Left as a source, the resolver
// gives it the nearest body ("Blackpool", "US Secret Service") or keeps "it".
// Not a referring "it" with an active verb ("it has said", "it is
// planning"), nor a passive that continues with "to" ("it is said to be
// struggling": the firm), names its agent ("it was criticised by users") or
// a name ("It is called "podcasting"").
#pragma once

#include "core/folded.h"
#include "whosaid/document.h"
#include "whosaid/quote.h"

namespace whosaid {

// Whether mention m, the source of quote q, is an expletive "it" before a
// passive cue (above). Reads the tags and folded words; no parse needed.
bool expletive_source(const Document& doc, const FoldedWords& folded, const Mention& m, const Quote& q);

}  // namespace whosaid

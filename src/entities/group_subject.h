// Who "they" is when coreference finds no one: the group that is the subject
// of the sentence before.
//
//   if (auto words = group_subject(doc, lexicon, folded, they_mention)) speaker.name = doc.slice(*words);
//
// "Iranian authorities have arrested about 20 online journalists. They
// accused Mr Sigarchi of …", "Mac watchers and some analysts say the Mac mini
// will sell. They speculate that …". The coreference mentions hold names,
// sources and definite nominals, so a bare plural such as "Iranian
// authorities" is no candidate, and the pronoun stayed "They". Read from the
// dependency parse (parse/parser.h; only those sentences are parsed): the
// subject of the main verb of the sentence before (or of the "they"'s own
// sentence, before it, when "they" does not open it), when that subject is a
// plural noun that WordNet knows first as people or a group ("authorities",
// "analysts", "MPs") or a body ("newspapers"), outside quotation marks, and
// no name of one person. Only that main subject: a singular one ("The court
// will decide whether producers …") means the group is further back or
// unnamed, and the pronoun stays as written. The words name the group; they
// link it to no one (the store keeps descriptions unlinked).
#pragma once

#include <optional>

#include "core/folded.h"
#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

// The words of the group that "they" mention m (a source outside quotation
// marks) stands for, or nothing. Parses at most two sentences (stores the
// trees in doc.tokens).
std::optional<Span> group_subject(Document& doc, const Lexicon& lex, const FoldedWords& folded, const Mention& m);

}  // namespace whosaid

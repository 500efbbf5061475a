// Stage 1: paragraphs, tokens and (after stage 2 pairs the quotation marks) sentences.
//
// Paragraphs are lines (a single newline or a blank line ends one). Tokens
// follow Penn Treebank conventions where news needs them: clitics are split
// ("don't" → do n't, "Labour's" → Labour 's), "U.S.", "US-led" and "co-leader"
// stay whole, every quotation mark is a token of its own, and an apostrophe
// inside a word is never a quotation mark. Sentences end at . ! ? … unless the
// period closes an abbreviation or an initial, or the sentence goes on after a
// closing quotation mark (`?” Trump said`).
#pragma once

#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

// A sentence is cut after this many tokens (real ones are far shorter), which
// bounds the per-sentence work of the later stages on degenerate input.
inline constexpr uint32_t kMaxSentenceTokens = 512;

// Paragraphs and tokens. Sentences come after quotation marks are paired.
void segment(Document& doc);

// Sentences within each paragraph; a sentence does not end inside a closed
// quotation, so a multi-sentence quote stays with its cue. `folded` holds the
// document's tokens folded (FoldedWords); the first form folds them itself.
void split_sentences(Document& doc, const Lexicon& lexicon);
void split_sentences(Document& doc, const Lexicon& lexicon, const FoldedWords& folded);

// Tokenizes doc.text()[span] and appends the tokens to doc.tokens. Exposed for
// tests and the tagger; segment() calls it per paragraph.
void tokenize(Document& doc, Span span);

}  // namespace whosaid

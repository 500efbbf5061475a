// layout/layout.h — Stage 1b: the furniture of an article, which no one said.
//
//   segment(doc);
//   mark_layout(doc, lexicon);  // Paragraph::kind, the kLayout token flag, Document::authors
//
// Text pasted or crawled from news sites carries more than the story: header
// fields ("Headline: …", "Subtitle: …", "Date: …", "Publisher: …"), bylines
// ("By Sarah Jones, BBC News"), update stamps ("Updated 14:05 GMT"), picture
// captions and credits ("Image: Nick Moreau.", "Photo: Mark Tantrum / Getty",
// "… (AP Photo/Evan Vucci)") and datelines ("WASHINGTON (AP) —"). None of it is
// a statement or a speaker. This stage flags those tokens kLayout:
//   - a field label and its colon at a paragraph start; the whole paragraph when
//     the field is a header field (in the header block: the paragraphs before
//     the first one of running text) or a picture field (anywhere);
//   - bylines, update stamps and date lines in the header block;
//   - captions ending in a picture credit and short credit lines, anywhere;
//   - a dateline opening one of the first paragraphs of running text.
// A flagged run is always the start of a paragraph (or all of it): the sentence
// splitter makes it a sentence of its own, the cue and mention finders skip
// such sentences, and the pipeline reports no quote whose content starts in one.
// The names a byline gives go to Document::authors.
#pragma once

#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

// Needs doc.paragraphs and doc.tokens (segment()); runs before the quotation
// marks are paired. Linear in the number of tokens.
void mark_layout(Document& doc, const Lexicon& lexicon);
// The same, with the document's tokens folded already (FoldedWords).
void mark_layout(Document& doc, const Lexicon& lexicon, const FoldedWords& folded);

}  // namespace whosaid

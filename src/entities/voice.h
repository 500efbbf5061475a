// The voices of a document itself: who says "I" outside quotation marks.
//
//   std::vector<int32_t> ms = interviewee_mentions(doc, folded, coref);  // indexes into coref
//   … resolve each to an entity (a pronoun by coreference) …
//   const int32_t who = pick_interviewee(doc, their_entities);   // -1: none
//
// News prints some statements in the first person without quotation marks:
// a question-and-answer interview ("Wikinews interviewed the site's founder,
// Jack Herrick." … "Sure. I started wikiHow …") and an opinion piece under a
// byline ("By Sarah Jones" … "I have long argued …"). In an interview the
// answers are the interviewee's and the questions' "you" is the interviewee;
// elsewhere the byline's author is the "I". interviewee_mentions() finds
// the mentions of the person an article says it interviewed, in documents
// laid out as questions and answers: the name or pronoun after
// "interviewed", "interviews", "an interview with", "spoke with" / "talked
// to", or before "interviewed by" ("He was interviewed by Wikinews"), "told
// us" or "spoke to us" ("She told us why."), but not
// "in an interview with the BBC, Key said" (the interviewer).
// pick_interviewee() picks among their entities: a known person first, then
// the one named most often so, then the most mentioned. An interview that
// says nowhere whom it interviewed ("Mr. President, do you …?" under a
// caption) still credits its interviewee by name with quotations (an answer
// signed "— Peres"): with no such sentence, the resolver picks among the
// named sources of a document of questions and answers throughout
// (questions_throughout(); not a column that asks a few questions).
// The resolver (resolver.h) gives the unquoted pronouns their voice.
#pragma once

#include <cstdint>
#include <vector>

#include "core/folded.h"
#include "coref/coref.h"
#include "whosaid/document.h"

namespace whosaid {

// `mentions`: coref_mentions(doc, …), in text order.
std::vector<int32_t> interviewee_mentions(const Document& doc, const FoldedWords& folded,
                                          const std::vector<CorefMention>& mentions);
int32_t pick_interviewee(const Document& doc, const std::vector<int32_t>& entities);
// At least two paragraphs of body text that end in "?" and hold no quotation
// mark, and at least one body paragraph in five such a question.
bool questions_throughout(const Document& doc);

}  // namespace whosaid

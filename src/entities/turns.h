// The turns of a transcript: who says "I" in each paragraph of a hearing or
// an interview printed as turns, one paragraph per turn.
//
//   std::vector<int32_t> entity_of = …;   // the entity of each coreference mention (-1: none)
//   std::vector<Turn> turns = transcript_turns(doc, folded, coref, entity_of);
//   if (turns.size() > p && turns[p].speaker >= 0) …   // paragraph p's unquoted "I"
//
// A transcript names its speakers by giving them the floor ("Alright, Mr.
// Sova, please proceed.", "… Miss Rosenthal?", "General Prelogar.": a
// vocative name in a short last sentence of a paragraph) or by their own
// introduction at a turn's start ("My name is Amy Sells.", "I am Jane Roe,
// counsel for …", "This is Jane Roe."). The person given the floor speaks in
// the next paragraph of talk; from there the floor holder and the others
// (the bench, an interviewer) take turns, one paragraph each, until the
// floor is given to someone else or a heading starts a new section. A
// paragraph is the others' when it ends in "?" or names the floor holder as
// a vocative ("Dr. Guruswamy, but …"); it is the floor holder's when it
// addresses the bench ("Your Honor", "my Lords", "this Court", "may it please
// the Court") or goes on reading a quotation after the holder's turn;
// otherwise turns alternate. In the others' paragraphs "you" is the floor
// holder.
//
// Only documents laid out as turns have any: at least three paragraphs, and a
// quarter of the body paragraphs, with "I"/"me"/"my" outside quotation marks.
// A news story, whose "I" is inside quotation marks, has none.
#pragma once

#include <cstdint>
#include <vector>

#include "core/folded.h"
#include "coref/coref.h"
#include "whosaid/document.h"

namespace whosaid {

struct Turn {
  int32_t speaker = -1;    // entity of the paragraph's "I" (outside quotation marks), -1: unknown
  int32_t addressed = -1;  // entity of the paragraph's "you": the floor holder in the others' turns
};

// One Turn per paragraph of doc, or none when doc is not laid out as turns.
// `mentions`: coref_mentions(doc, …) in text order; `entity_of`: the entity
// of each (names are grouped before: "Mr. Sova" is "Bradley Sova").
std::vector<Turn> transcript_turns(const Document& doc, const FoldedWords& folded,
                                   const std::vector<CorefMention>& mentions, const std::vector<int32_t>& entity_of);

}  // namespace whosaid

// A person's role and organisation from the phrase written beside the name:
//
//   after it   "Phil Goff, a Labour MP,"              role "Labour MP", org "Labour"
//              "Maria Lind, 52, a retired teacher who"  role "retired teacher"
//              "Robin Joy, a researcher at the Brookings Institution,"
//                                                      role "researcher", org "Brookings Institution"
//   before it  "The party's leader, Sam Patel, said"  role "leader"
//              "Britain's finance minister, Ann Reeve." role "finance minister", org "Britain"
//
// The head of the phrase is a role of the lexicon or, beside a name that
// opens with a given name or an honorific, a noun whose first WordNet sense is
// a person ("teacher", "nurse"; not a word for anyone, "man", "woman"; and not
// beside a firm's name: "Carlsberg, the world's largest brewer"). The mention finder calls these for a name that has no role of its
// own; tokens are the document's, `folded` parallel to them.
#pragma once

#include <cstdint>
#include <optional>

#include "core/folded.h"
#include "core/lexicon.h"
#include "whosaid/document.h"

namespace whosaid {

struct RoleAndOrg {
  Span role;
  Span org;
};

// The apposition after the name [name_begin, name_end), inside a sentence
// ending at `sentence_end`; both spans empty when there is none.
RoleAndOrg apposition_after(const Document& doc, const Lexicon& lex, const FoldedWords& fw, uint32_t name_begin,
                            uint32_t name_end, uint32_t sentence_end);

// The phrase before the name [name_begin, name_end) that it is in apposition
// to: "<determiner or possessor> <modifiers> <role>, <name>" with the name
// closed by a comma or the sentence's end. Not the object of a preposition
// before a subject ("In a letter to the chairman, Mr Lowe said").
RoleAndOrg apposition_before(const Document& doc, const Lexicon& lex, const FoldedWords& fw, uint32_t name_begin,
                             uint32_t name_end, uint32_t sentence_begin, uint32_t sentence_end);

// The body named by words [b, e) before a role, or nothing: "Manchester
// United manager", "Labour MP", "a Microsoft spokeswoman" name one; "Home
// Secretary", "Shadow chancellor", "senior adviser" do not. Portfolio and
// rank words (the lexicon's role modifiers) at either end are the role's, and
// what is left must start with a capital.
std::optional<Span> org_before_role(const Document& doc, const Lexicon& lex, const FoldedWords& fw, uint32_t b,
                                    uint32_t e);

}  // namespace whosaid

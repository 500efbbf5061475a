// The words a relative pronoun that nothing resolved stands for.
#pragma once

#include <optional>

#include "core/folded.h"
#include "whosaid/document.h"

namespace whosaid {

// "vocal critics who say …", "a Commission ruling which said …", "an
// auditor, who has recommended …": the noun phrase of a relative pronoun
// that nothing resolved (`m`, one token): the noun the tree hangs the clause from, else the
// phrase right before the pronoun read from the tags (adjectives, nouns,
// numbers and a determiner ending in a noun), or nothing. The pronoun names
// no one; its phrase says who.
// Reads the tree where the sentence was parsed, else the tags.
std::optional<Span> relative_antecedent(const Document& doc, const FoldedWords& folded, const Mention& m);

}  // namespace whosaid

// Word lists the attribution rules share: determiners, prepositions,
// subordinators and the verb classes that change a frame's shape. Each takes a
// folded word (or lemma) and answers from a fixed list.
#pragma once

#include <string_view>

namespace whosaid::attribution {

// (The lists are views: a list of char pointers took a strlen per comparison.)
inline bool is_determiner(std::string_view w) {
  static constexpr std::string_view kDet[] = {"the", "a", "an", "his", "her", "their", "its", "this", "that", "these",
                               "those", "some", "many", "several", "one", "two", "three", "other",
                               "another", "our", "my", "your", "most", "few", "both", "all", "any", "no"};
  for (std::string_view d : kDet)
    if (w == d) return true;
  return false;
}

// A determiner that never stands for a noun phrase ("the", "any"; not "many", "both").
inline bool bound_determiner(std::string_view w) {
  return w == "the" || w == "a" || w == "an" || w == "any" || w == "every" || w == "no" || w == "his" || w == "her" ||
         w == "their" || w == "its" || w == "our" || w == "my" || w == "your";
}

// "his", "its", "their": a determiner that says whose.
inline bool possessive_determiner(std::string_view w) {
  return w == "his" || w == "her" || w == "its" || w == "their" || w == "our" || w == "my" || w == "your";
}

inline bool is_preposition(std::string_view w) {
  return w == "for" || w == "of" || w == "at" || w == "from" || w == "with" || w == "in" || w == "on";
}

// A word that opens a subordinate clause: "while promising …", "if he wins".
inline bool is_subordinator(std::string_view w) {
  static constexpr std::string_view kSub[] = {"after",  "although", "as",     "because", "before", "despite",
                                              "even",   "if",       "once",   "since",   "though", "unless",
                                              "until",  "when",     "whereas", "while"};
  for (std::string_view s : kSub)
    if (w == s) return true;
  return false;
}

// Linking verbs whose complement describes their subject: "X seemed irritated".
inline bool is_linking(std::string_view lemma) { return lemma == "seem" || lemma == "appear"; }

inline bool is_object_taking(std::string_view lemma) {
  return lemma == "tell" || lemma == "ask" || lemma == "warn" || lemma == "assure" || lemma == "remind" ||
         lemma == "inform" || lemma == "urge" || lemma == "brief" || lemma == "advise" || lemma == "reassure" ||
         lemma == "promise";
}

// "is", "was", "kept", "began": a verb that leaves the next one as the main verb.
inline bool is_auxiliary_word(std::string_view w) {
  return w == "is" || w == "was" || w == "were" || w == "are" || w == "am" || w == "be" || w == "been" ||
         w == "'s" || w == "'re" || w == "'m" || w == "keep" || w == "kept" || w == "started" || w == "began";
}

}  // namespace whosaid::attribution

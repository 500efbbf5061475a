// tagger/conllu.h — a reader for CoNLL-U treebanks (Universal Dependencies).
//
//   std::vector<whosaid::ConlluSentence> ud = whosaid::read_conllu_file(path);
//   for (const auto& s : ud) for (const auto& w : s.words) use(w.form, w.upos, w.xpos);
//
// Keeps the syntactic words of each sentence (lines with an integer ID) with the
// columns the tagger and the parser need. Multiword-token lines ("1-2 don't") and empty nodes
// ("8.1") are skipped, but a multiword token's SpaceAfter=No is given to its last
// word. Comment lines are skipped except "# sent_id" and "# text".
//
// Errors: whosaid::Error(kBadInput) naming "file:line" for malformed lines;
// whosaid::Error(kIo) when the file cannot be read.
#pragma once

#include <cstdint>
#include <istream>
#include <string>
#include <vector>

namespace whosaid {

struct ConlluWord {
  std::string form;
  std::string upos;
  std::string xpos;
  uint32_t head = 0;         // 1-based index of the head word, 0 for the root
  std::string deprel;        // DEPREL ("nsubj:pass"), "" when "_"
  bool space_after = true;   // false when MISC has SpaceAfter=No
};

struct ConlluSentence {
  std::string id;    // "# sent_id = ..."
  std::string text;  // "# text = ..."
  std::vector<ConlluWord> words;
};

// `name` is used in error messages.
std::vector<ConlluSentence> parse_conllu(std::istream& in, const std::string& name);
std::vector<ConlluSentence> read_conllu_file(const std::string& path);

// Joins hyphenated compounds split by UD ("US" "-" "led", written without
// spaces) into one word ("US-led"), as whosaid's tokenizer keeps them. The
// joined word takes the tags of the part that heads the others (the one whose
// head lies outside the compound; else the last part). Returns the number of
// compounds joined.
size_t join_hyphenated(ConlluSentence& sentence);

}  // namespace whosaid

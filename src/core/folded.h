// The folded form (utf8::fold: ASCII lower case, ’ as ') of every token of a
// document, for the stages that look words up, with two numbers per form:
//   id(t)    its lexicon id (Lexicon::vocabulary()), kNoWord if the lexicon
//            does not list it: look-ups go by id, an array index;
//   type(t)  a dense number per distinct form in this document (0, 1, … in
//            order of first occurrence): the index of per-document word sets.
// Each token is folded and hashed once, here; no later stage hashes it again.
//
//   FoldedWords fw(doc, lexicon);   // after segmentation
//   if (fw[t] == "said") ...        // a std::string_view, valid while fw lives
//   if (lexicon.is(WordClass::kRole, fw[t])) ...   // by id: fw[t].id == fw.id(t)
//   std::vector<bool> lower(fw.type_count());  lower[fw.type(t)] = true;
//
// Four bytes a token (its type) and the distinct forms once: a vector of
// strings cost 32 bytes a token before any text, the largest share of memory
// on dense input (a megabyte of commas is a million tokens). The lexicon must
// outlive the object only while it is built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/word_table.h"
#include "whosaid/document.h"

namespace whosaid {

class Lexicon;

// A word's id in the lexicon's vocabulary (Lexicon::id(), FoldedWords::id());
// kNoWord for a word the lexicon does not list.
enum class WordId : uint32_t {};
inline constexpr WordId kNoWord{UINT32_MAX};
inline constexpr uint32_t index(WordId w) noexcept { return static_cast<uint32_t>(w); }

// A token's folded form with its lexicon id (FoldedWords::operator[]): a
// std::string_view everywhere, and the Lexicon looks it up by id. Kept const
// (a trimmed view would keep the id of the whole word).
struct FoldedWord : std::string_view {
  WordId id = kNoWord;
};

class FoldedWords {
 public:
  static constexpr uint32_t kNoType = WordTable::kNone;

  FoldedWords() = default;
  FoldedWords(const Document& doc, const Lexicon& lexicon) { assign(doc, lexicon); }
  // Folds another document, keeping the memory: a pipeline keeps one per
  // thread, so documents after the first allocate nothing here.
  void assign(const Document& doc, const Lexicon& lexicon);

  FoldedWord operator[](size_t t) const noexcept {
    const uint32_t type = types_[t];
    return {forms_.word(type), ids_[type]};
  }
  // Token t's lexicon id.
  WordId id(size_t t) const noexcept { return ids_[types_[t]]; }
  // Token t's form, numbered within the document.
  uint32_t type(size_t t) const noexcept { return types_[t]; }
  // The type of a folded form, kNoType if no token has it.
  uint32_t find_type(std::string_view folded) const noexcept { return forms_.find(folded); }
  // The number of distinct forms (one more than the largest type).
  size_t type_count() const noexcept { return forms_.size(); }
  size_t size() const noexcept { return types_.size(); }
  // Whether some token's folded form holds a space (lexicon phrases are
  // matched word by word only when none does).
  bool any_space() const noexcept { return any_space_; }

 private:
  WordTable forms_;              // the distinct forms; id = type
  std::vector<uint32_t> types_;  // per token
  std::vector<WordId> ids_;      // per type
  bool any_space_ = false;
  std::string scratch_;          // a token folded, before it is looked up
  std::vector<uint64_t> hashes_;  // per type, its hash (while assign() runs)
};

}  // namespace whosaid

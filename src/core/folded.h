// The folded form (utf8::fold: ASCII lower case, ’ as ') of every token of a
// document, and its word id, for the stages that look words up. Each token is
// folded and hashed once, here; later stages ask the lexicon by id
// (Lexicon::is(c, fw.id(t)), Lexicon::info()) or index their own per-word
// arrays by it, and never hash the token again. One buffer for all tokens and
// eight bytes (offset, id) per token: a vector of strings cost 32 bytes a token
// before any text, the largest share of memory on dense input (a megabyte of
// commas is a million tokens).
//
//   FoldedWords fw(doc, lexicon);   // after segmentation
//   if (fw[t] == "said") ...        // std::string_view, valid while fw lives
//   if (lexicon.is(WordClass::kRole, fw.id(t))) ...
//   std::vector<bool> seen(fw.id_count());   // a set of this document's words
//
// Ids below lexicon.vocabulary().size() are the lexicon's words (the same for
// every document); the rest are this document's other words, numbered in order
// of first occurrence. The object reads the lexicon only while it is built.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/word_table.h"
#include "whosaid/document.h"

namespace whosaid {

class Lexicon;

// A word's id: an index into the lexicon's vocabulary, or past it into one
// document's words (FoldedWords). kNoWord is a word neither holds.
enum class WordId : uint32_t {};
inline constexpr WordId kNoWord{UINT32_MAX};
inline constexpr uint32_t index(WordId w) noexcept { return static_cast<uint32_t>(w); }

class FoldedWords {
 public:
  FoldedWords() = default;
  FoldedWords(const Document& doc, const Lexicon& lexicon);

  std::string_view operator[](size_t t) const noexcept {
    return std::string_view(chars_).substr(begin_[t], begin_[t + 1] - begin_[t]);
  }
  // The id of token t's folded form.
  WordId id(size_t t) const noexcept { return ids_[t]; }
  // The id of a folded word: the lexicon's, else this document's if one of
  // its tokens folds to it, else kNoWord.
  WordId find(std::string_view folded) const noexcept;
  // One more than the largest id of any token: the size of an array indexed
  // by WordId over this document's words.
  size_t id_count() const noexcept { return vocabulary_size_ + local_.size(); }
  size_t size() const noexcept { return begin_.empty() ? 0 : begin_.size() - 1; }
  // Whether some token's folded form holds a space (lexicon phrases are
  // matched word by word only when none does).
  bool any_space() const noexcept { return any_space_; }

 private:
  std::string chars_;
  std::vector<uint32_t> begin_;  // size() + 1 offsets into chars_
  std::vector<WordId> ids_;      // per token
  const WordTable* vocabulary_ = nullptr;
  uint32_t vocabulary_size_ = 0;
  WordTable local_;              // the document's words not in the vocabulary
  bool any_space_ = false;
};

}  // namespace whosaid

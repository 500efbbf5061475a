// A table of distinct words, each given a dense id (0, 1, 2, … in the order
// first interned): the vocabulary the lexicon builds when it loads, and the
// words of one document that the vocabulary lacks. A word is hashed once; its
// id then indexes flat arrays (Lexicon::info(), per-document flags) where a
// string set would hash it again at every look-up.
//
//   WordTable t;
//   uint32_t said = t.intern("said");          // 0
//   t.find("said") == said;  t.find("told") == WordTable::kNone;
//   const uint64_t h = WordTable::hash(w);      // hash once, ask two tables
//   uint32_t id = vocab.find(w, h);
//   if (id == WordTable::kNone) id = local.intern(w, h);
//
// Open addressing with linear probing over a power-of-two slot array, the
// words' bytes in one buffer. Not thread-safe to intern into; find() on a
// table no one modifies is safe from any thread. clear() keeps the capacity
// for the next document.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

class WordTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The hash find() and intern() use (not stable across versions; never
  // stored, never used for model features).
  static uint64_t hash(std::string_view word) noexcept;

  // The id of `word`, or kNone. `h` must be hash(word).
  uint32_t find(std::string_view word) const noexcept { return find(word, hash(word)); }
  uint32_t find(std::string_view word, uint64_t h) const noexcept;
  // Starts loading the slot where find(word, h) begins (h = hash(word)).
  void prefetch(uint64_t h) const noexcept {
    if (!slots_.empty()) __builtin_prefetch(&slots_[static_cast<size_t>(h >> 32) & (slots_.size() - 1)]);
  }
  // The id of `word`, adding it (with the next id) if it is new.
  uint32_t intern(std::string_view word) { return intern(word, hash(word)); }
  uint32_t intern(std::string_view word, uint64_t h);

  // The word with id `id` (< size()); valid until the next intern() or clear().
  std::string_view word(uint32_t id) const noexcept {
    // (No substr(): its range check kept this out of line, and every
    // FoldedWords look-up of a token's form comes here.)
    return std::string_view(chars_.data() + begin_[id], begin_[id + 1] - begin_[id]);
  }
  size_t size() const noexcept { return hashes_.size(); }
  bool empty() const noexcept { return hashes_.empty(); }
  // Forgets every word; keeps the memory.
  void clear() noexcept;

 private:
  void grow();
  void place(uint32_t id) noexcept;  // into the first free slot from its hash

  std::string chars_;                  // the words, back to back
  std::vector<uint32_t> begin_{0};     // size() + 1 offsets into chars_
  std::vector<uint64_t> hashes_;       // per id, its hash
  // Per slot, the low half of the word's hash above id + 1; 0 for an empty
  // slot. A probe reads the word's bytes only when the halves agree.
  std::vector<uint64_t> slots_;
};

}  // namespace whosaid

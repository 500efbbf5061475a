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

#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

class WordTable {
 public:
  static constexpr uint32_t kNone = UINT32_MAX;

  // The hash find() and intern() use (not stable across versions; never
  // stored, never used for model features).
  static uint64_t hash(std::string_view word) noexcept { return hash_of<false>(word); }
  // The same hash, read faster: `word` must be followed by at least 8
  // readable bytes (of any value), so that its tail is one load. The fold
  // stage hashes every token of a document this way, folded into a buffer
  // with that room.
  static uint64_t hash_padded(std::string_view word) noexcept { return hash_of<true>(word); }

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
  template <bool kPadded>
  static uint64_t hash_of(std::string_view word) noexcept {
    // Eight bytes at a time, each step mixed by a multiply (splitmix64's
    // constants); words are short, so the tail is the usual case.
    uint64_t h = 0x9E3779B97F4A7C15ull ^ (word.size() * 0xFF51AFD7ED558CCDull);
    const char* p = word.data();
    size_t n = word.size();
    for (; n >= 8; p += 8, n -= 8) {
      uint64_t v;
      std::memcpy(&v, p, 8);
      h = (h ^ v) * 0xBF58476D1CE4E5B9ull;
      h ^= h >> 31;
    }
    uint64_t v = 0;
    if constexpr (kPadded) {
      // (Little-endian, as the byte loop below assembles it.)
      static_assert(std::endian::native == std::endian::little);
      std::memcpy(&v, p, 8);
      v &= n == 0 ? 0 : ~uint64_t{0} >> (64 - 8 * n);
    } else {
      for (size_t i = 0; i < n; ++i) v |= static_cast<uint64_t>(static_cast<unsigned char>(p[i])) << (8 * i);
    }
    h = (h ^ v) * 0x94D049BB133111EBull;
    h ^= h >> 29;
    h *= 0xBF58476D1CE4E5B9ull;
    return h ^ (h >> 32);
  }

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

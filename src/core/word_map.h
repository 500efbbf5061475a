// A map from words to values over a WordTable (word_table.h): one hash per
// look-up, the values in a flat array by the word's id, and clear() keeps the
// memory of both (the values' own too: a vector value is cleared, not freed),
// so a map kept per thread for one document after another stops allocating.
//
//   WordMap<std::vector<uint32_t>> by_surname;   // per thread, reused
//   by_surname.clear();                           // for each document
//   by_surname["jones"].push_back(7);             // default value when new
//   if (const auto* list = by_surname.find("jones")) ...
//   by_surname.emplace("smith", {});              // keeps a value already there
//
// Not thread-safe; a string-keyed std::unordered_map allocated a node (and
// often a string) per entry, then freed them all with each document.
#pragma once

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

#include "core/word_table.h"

namespace whosaid {

template <typename V>
class WordMap {
 public:
  // The value of `word`, or null.
  V* find(std::string_view word) noexcept {
    const uint32_t id = words_.find(word);
    return id == WordTable::kNone ? nullptr : &values_[id];
  }
  const V* find(std::string_view word) const noexcept { return const_cast<WordMap*>(this)->find(word); }
  bool contains(std::string_view word) const noexcept { return words_.find(word) != WordTable::kNone; }
  // The value of `word`, an empty one added first if there is none.
  V& operator[](std::string_view word) { return values_[id(word)]; }
  // Adds `word` with `value` unless it has one; returns its value.
  V& emplace(std::string_view word, V value) {
    const size_t known = words_.size();
    V& v = values_[id(word)];
    if (words_.size() != known) v = std::move(value);
    return v;
  }

  // The entries in the order added: word(i), value(i) for i < size().
  size_t size() const noexcept { return words_.size(); }
  std::string_view word(uint32_t i) const noexcept { return words_.word(i); }
  const V& value(uint32_t i) const noexcept { return values_[i]; }
  V& value(uint32_t i) noexcept { return values_[i]; }

  // Forgets every entry; keeps the memory.
  void clear() noexcept { words_.clear(); }

 private:
  // The id of `word`, interned with an empty value if new.
  uint32_t id(std::string_view word) {
    const size_t known = words_.size();
    const uint32_t i = words_.intern(word);
    if (words_.size() != known) {
      if (i < values_.size()) reset(values_[i]);
      else values_.emplace_back();
    }
    return i;
  }
  static void reset(V& v) {
    if constexpr (requires { v.clear(); }) v.clear();
    else v = V{};
  }

  WordTable words_;
  std::vector<V> values_;  // by id; entries from size() on are memory kept for later
};

}  // namespace whosaid

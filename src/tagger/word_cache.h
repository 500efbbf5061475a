// tagger/word_cache.h — what the tagger computes for a word form alone,
// remembered between sentences.
//
// Internal to the tagger (model.h). Most of a token's static features read one
// word (features.h, kStaticSource), and news text repeats its words: analysing
// a form (analyse_word, the lexicon) and finding the rows of its one-word
// features once, then copying them at each occurrence, saves eight hashes of
// the form and 24 table lookups per token.
//
//   WordCache cache;                       // per thread, reused
//   cache.use(model.serial);               // forgets entries of another model
//   cache.prefetch(WordCache::key(form));  // for each form of a sentence, then
//   const WordCache::Entry& e = cache.get(form, WordCache::key(form), [&](WordCache::Entry& e) {
//     /* fill e.info and e.rows from form */ });
//
// Direct-mapped by a hash of the form: a new word takes its slot from the one
// there. Forms longer than kMaxForm bytes are filled again at each use.
// 65536 entries (15 MB a thread, on huge pages): of news-bench's 571k words
// (32k distinct forms) 36k miss, against 76k with 16384 entries of which the
// low-bit index used half, which cost ~5% more CPU for the whole pipeline (a
// miss is an analysis and 24 look-ups in a table larger than the cache).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/huge_pages.h"
#include "tagger/features.h"

namespace whosaid::tagger_detail {

class WordCache {
 public:
  static constexpr size_t kMaxForm = 23;
  static constexpr size_t kEntries = 65536;  // a power of two

  struct Entry {
    uint64_t hash = 0;  // of the form; 0 when empty
    uint8_t length = 0;
    char form[kMaxForm];
    WordInfo info;  // as analyse_sentence sets it (without kInfoSentenceStart)
    uint32_t rows[kNumStaticFeatures];  // the word's rows in the one-word slots, 0 elsewhere
  };

  // Empties the cache unless it holds entries of the model numbered `owner`
  // (a number, not an address: a new model may reuse a freed one's address).
  void use(uint64_t owner) {
    if (owner == owner_ && !entries_.empty()) return;
    entries_.assign(kEntries, Entry{});
    owner_ = owner;
  }

  // The key of `form` for get(); prefetch(key) starts loading its entry.
  // The entries span megabytes: a sentence's words are hashed and their
  // entries prefetched before the first is read, or each waits for memory.
  static uint64_t key(std::string_view form) noexcept { return hash_bytes(form.data(), form.size(), 0x77) | 1; }
  [[gnu::always_inline]] void prefetch(uint64_t key) const noexcept { __builtin_prefetch(&entries_[slot(key)]); }

  // The entry of `form`, calling fill(entry) first when it is not cached
  // (the entry's info and rows are then the caller's to set). `key` must be
  // key(form).
  template <typename Fill>
  const Entry& get(std::string_view form, uint64_t key, Fill&& fill) {
    if (form.size() > kMaxForm) {
      fill(spill_);
      return spill_;
    }
    const uint64_t h = key;
    Entry& e = entries_[slot(h)];
    if (e.hash == h && e.length == form.size() && std::memcmp(e.form, form.data(), form.size()) == 0)
      return e;
    e.hash = h;
    e.length = static_cast<uint8_t>(form.size());
    std::memcpy(e.form, form.data(), form.size());
    fill(e);
    return e;
  }

 private:
  // The entry of a key: by bits above the lowest, which key() sets in every
  // key (indexing by the low bits used the odd entries alone).
  static size_t slot(uint64_t key) noexcept { return static_cast<size_t>(key >> 1) & (kEntries - 1); }

  std::vector<Entry, core_detail::HugePageAllocator<Entry>> entries_;
  Entry spill_;
  uint64_t owner_ = 0;
};

}  // namespace whosaid::tagger_detail

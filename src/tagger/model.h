// tagger/model.h — the runtime form of a tagger model and its scoring loop.
//
// Internal to tagger.cc, which builds a Model from the bytes of a model file
// (from_bytes) and calls Model::tag on analysed sentences.
//
// Where the time goes, and what is done about it: a token's 36 features are
// looked up in a table larger than the cache, then their rows are summed over
// 112 tags. Of the 30 static features (those not reading predicted tags), 24
// read a single word: their rows are found once per word form and kept in a
// per-thread WordCache (word_cache.h) with the word's analysis, and copied to
// each occurrence; the 5 pair features and the first word of a sentence (its
// flags differ) are looked up, for the whole sentence before the left-to-right
// pass, with prefetches. Of the six dynamic features, three read the previous
// tags alone: their rows are found for every tag (pair) at load. The rows are
// summed and the best tag picked in vectors, 8 or 16 tags at a time (SSE2 or
// AVX2, whichever the processor runs: scoring.h, generic_scorer.h).
//
// The scores are exactly those of summing the 36 rows in feature order: dense
// rows in saturating int16 (in that order), sparse rows in int32. Summing in
// another order (or pre-summing a word's rows) could change a saturated sum,
// hence a tag; the caches change only where a row reference comes from.
//
// Tried and measured (news-bench, outputs byte-identical), not kept:
// - Pre-summing a word's one-word rows by the offset they are read at, in its
//   WordCache entry, used where no partial sum can leave int16 (the dense rows'
//   largest absolute weights add up to at most 32767 for every news-bench
//   token; all rows' for 98.5%). The scoring loop got ~20% faster, but filling
//   the larger entries (1.4 KB; 224 B with the centre word's sum alone) cost
//   more: the tagger's share of `whosaid extract` CPU rose 5-10%.
// - Branch-free sparse rows (fixed-width masked adds, a token's sparse weights
//   gathered into one list, or its rows split by kind before scoring), two to
//   four score arrays to break chains of adds to one tag, the static rows
//   gathered with the slot sources resolved at compile time, prefetching 1, 4
//   or 6 tokens ahead or every cache line of a row (not just its first),
//   finding the word-tag rows early: equal or slower on the tagger bench and
//   on `whosaid extract`.
// - Prefetching a token's 30 static rows two scored tokens ahead. The code
//   for it was here until 2026-12 but never ran: GCC took the helper that only
//   prefetched for a function without side effects and deleted its calls
//   before inlining them (so the prefetch distances above were never
//   measured). Made to run (always_inline), it cost 10% on the tagger bench
//   (3.33-3.49M -> 3.05-3.08M tokens/s) and nothing gained on `whosaid
//   extract` (1.09-1.13 s either way): the rows a token reads are mostly in
//   cache already, and 30 address selections and prefetches a token are not
//   free; 1 or 4 tokens ahead, the addresses selected without a branch, were
//   as slow. The prefetch helpers of the tables are always_inline for that
//   reason (core/feature_table.h, word_cache.h). (What did pay: finding the
//   three word-tag rows after the static rows, then prefetching them while
//   the tag rows are added: generic_scorer.h.)
// - Sparse weights in 3 bytes (tag, int16) instead of 4 (2.0 -> 1.5 MB):
//   the tagger bench 0-4% slower, `whosaid extract` unchanged within noise.
// - Prefetching the slot two on with a key's (its probe runs into the next
//   cache line when it starts in the last two slots, find_or's slow path):
//   no change on the tagger bench.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/feature_table.h"
#include "core/huge_pages.h"
#include "tagger/features.h"
#include "tagger/scoring.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "tagger/word_cache.h"

namespace whosaid {

namespace tagger_detail {

// Per-thread buffers of Tagger::Model's analyse() and tag(), reused between
// sentences.
struct TagBuffers {
  std::vector<WordInfo> infos;      // padding, one per word, padding
  std::vector<uint32_t> word_rows;  // per info: its one-word rows (word_rows())
  std::vector<uint64_t> keys;       // static feature keys, per token
  std::vector<uint32_t> rows;       // static feature rows, per token
  std::vector<uint32_t> scored;     // the tokens tag() scores
  std::vector<uint64_t> word_keys;  // per word, its WordCache key
  WordCache cache;
};

}  // namespace tagger_detail

// A hash table (core/feature_table.h) from feature key to a row of (tag,
// weight) pairs, as begin << 8 | size.
struct Tagger::Model {
  core_detail::FeatureTable<uint32_t> table;
  // Sparse rows hold weight << 8 | tag. Rows with many weights are dense:
  // kDenseWidth int16 weights by tag id (0 included) in `dense`, which the
  // scorer adds eight at a time in registers. Weights are scaled down by
  // kWeightShift so that a token's dense rows sum within int16 (saturating
  // beyond); the lost bits are below what matters for the argmax.
  std::vector<int32_t, core_detail::HugePageAllocator<int32_t>> weights;
  std::vector<int16_t, core_detail::HugePageAllocator<int16_t>> dense;
  static constexpr uint32_t kDense = 0xFF;
  static constexpr int kDenseWidth = (pos::kNumTags + 7) / 8 * 8;
  static constexpr uint32_t kDenseAbove = 12;  // sparse rows up to this size
  static constexpr int kWeightShift = 3;
  size_t num_features = 0;
  size_t num_weights = 0;
  tagger_detail::Lexicon lexicon;
  // Distinct for every model built in the process (WordCache::use).
  const uint64_t serial = next_serial();
  static uint64_t next_serial() {
    static std::atomic<uint64_t> counter{0};
    return ++counter;
  }
  // The rows of tag_features() (features.h), by the previous tags:
  // prev_rows[prev], prev2_rows[prev2], pair_rows[prev * kNumTags + prev2].
  std::vector<uint32_t> prev_rows, prev2_rows, pair_rows;
  // The padding infos of analyse_sentence(), their one-word rows (see
  // word_rows), and the row of the bias.
  tagger_detail::WordInfo boundaries[2 * tagger_detail::kPadding];
  uint32_t boundary_rows[2 * tagger_detail::kPadding][tagger_detail::kNumStaticFeatures] = {};
  uint32_t bias_row = 0;

  // The row of `key` as begin << 8 | size, or 0 when the model lacks it.
  uint32_t find(uint64_t key) const { return table.find_or(key, 0); }
  void prefetch_slot(uint64_t key) const { table.prefetch(key); }
  // Always inlined: GCC takes a function that only prefetches for one without
  // side effects and may delete its calls before inlining them (see above).
  [[gnu::always_inline]] void prefetch_row(uint32_t row) const {
    const auto sparse = reinterpret_cast<uintptr_t>(weights.data() + (row >> 8));
    const auto dense_row = reinterpret_cast<uintptr_t>(dense.data() + size_t{row >> 8} * kDenseWidth);
    const uintptr_t is_dense = uintptr_t{0} - uintptr_t{(row & 0xFF) == kDense};
    __builtin_prefetch(reinterpret_cast<const void*>(sparse ^ ((sparse ^ dense_row) & is_dense)));
  }

  // The rows of the one-word slots of static_features() for `info` at any
  // position (kStaticSource), 0 in the other slots.
  void word_rows(const tagger_detail::WordInfo& info, uint32_t* rows) const {
    using namespace tagger_detail;
    const WordInfo window[2 * kPadding + 1] = {info, info, info, info, info};
    uint64_t keys[kNumStaticFeatures];
    static_features(window + kPadding, keys);
    const auto one_word = [](size_t j) { return kStaticSource[j] >= -2 && kStaticSource[j] <= 2; };
    // The 24 slots first, then their rows: found one after the other, each
    // waited for its own cache miss.
    for (size_t j = 0; j < kNumStaticFeatures; ++j)
      if (one_word(j)) prefetch_slot(keys[j]);
    for (size_t j = 0; j < kNumStaticFeatures; ++j) rows[j] = one_word(j) ? find(keys[j]) : 0;
  }

  // Fills the rows that do not depend on the words once the table is
  // complete: the bias, the boundaries' and the tag features'.
  void find_fixed_rows() {
    using namespace tagger_detail;
    WordInfo window[2 * kPadding + 1];
    analyse_sentence(nullptr, 0, lexicon, window);  // the padding infos
    for (size_t k = 0; k < 2 * kPadding; ++k) {
      boundaries[k] = window[k];
      word_rows(window[k], boundary_rows[k]);
    }
    uint64_t keys[kNumStaticFeatures];
    static_features(window + kPadding, keys);
    for (size_t j = 0; j < kNumStaticFeatures; ++j)
      if (kStaticSource[j] == kBiasSlot) bias_row = find(keys[j]);

    constexpr int T = pos::kNumTags;
    prev_rows.assign(T, 0);
    prev2_rows.assign(T, 0);
    pair_rows.assign(size_t{T} * T, 0);
    for (int prev = 0; prev < T; ++prev)
      for (int prev2 = 0; prev2 < T; ++prev2) {
        tag_features(static_cast<uint8_t>(prev), static_cast<uint8_t>(prev2), keys);
        if (prev2 == 0) prev_rows[prev] = find(keys[0]);
        if (prev == 0) prev2_rows[prev2] = find(keys[1]);
        pair_rows[static_cast<size_t>(prev) * T + prev2] = find(keys[2]);
      }
  }

  using Buffers = tagger_detail::TagBuffers;
  // The scoring pass, for the processor's instruction set (scoring.h).
  tagger_detail::ScoreTokens score_tokens = tagger_detail::score_tokens_for(tagger_detail::scoring_isa());

  // Fills b.infos as analyse_sentence() does, and b.word_rows, for n words.
  void analyse(const std::string_view* words, size_t n, Buffers& b) const {
    using namespace tagger_detail;
    constexpr size_t S = kNumStaticFeatures;
    b.infos.resize(n + 2 * kPadding);
    b.word_rows.resize((n + 2 * kPadding) * S);
    b.cache.use(serial);
    for (size_t k = 0; k < kPadding; ++k) {
      b.infos[k] = boundaries[k];
      b.infos[n + kPadding + k] = boundaries[kPadding + k];
      std::memcpy(&b.word_rows[k * S], boundary_rows[k], sizeof boundary_rows[k]);
      std::memcpy(&b.word_rows[(n + kPadding + k) * S], boundary_rows[kPadding + k],
                  sizeof boundary_rows[k]);
    }
    b.word_keys.resize(n);
    for (size_t i = 0; i < n; ++i) {
      b.word_keys[i] = WordCache::key(words[i]);
      b.cache.prefetch(b.word_keys[i]);
    }
    for (size_t i = 0; i < n; ++i) {
      const WordCache::Entry& e = b.cache.get(words[i], b.word_keys[i], [&](WordCache::Entry& entry) {
        analyse_word(words[i], entry.info);
        entry.info.lexical = lexicon.lookup(entry.info.lower);
        word_rows(entry.info, entry.rows);
      });
      b.infos[kPadding + i] = e.info;
      std::memcpy(&b.word_rows[(kPadding + i) * S], e.rows, sizeof e.rows);
    }
    if (n > 0) b.infos[kPadding].flags |= kInfoSentenceStart;
  }

  // Tags the n words analysed in b (whose quote fields the caller may have
  // constrained since).
  void tag(size_t n, uint8_t* out, Buffers& b) const {
    using namespace tagger_detail;
    constexpr size_t S = kNumStaticFeatures;
    const WordInfo* w = b.infos.data() + kPadding;
    b.keys.resize(n * S);
    b.rows.resize(n * S);
    // The tokens to score (those without a sure tag), listed without a
    // branch: the passes below then skip the others without one either
    // (which words have a sure tag is the text's, and was mispredicted).
    b.scored.resize(n);
    size_t m = 0;
    for (size_t i = 0; i < n; ++i) {
      b.scored[m] = static_cast<uint32_t>(i);
      m += sure_tag(w[i]) == 0;
    }
    const uint32_t* scored = b.scored.data();
    // The keys of the pair slots, then the static rows: each pass starts the
    // cache misses of the next. The first word's flags (kInfoSentenceStart)
    // are not those cached: it has all its rows looked up.
    const size_t first_pair = m > 0 && scored[0] == 0 ? 1 : 0;
    if (first_pair) {
      static_features(w, b.keys.data());
      for (size_t j = 0; j < S; ++j) prefetch_slot(b.keys[j]);
    }
    for (size_t t = first_pair; t < m; ++t) {
      const size_t i = scored[t];
      uint64_t* k = b.keys.data() + i * S;
      pair_features(w + i, k);
      for (size_t j = 0; j < S; ++j)
        if (kStaticSource[j] == kPairSlot) prefetch_slot(k[j]);
    }
    if (first_pair)
      for (size_t j = 0; j < S; ++j) b.rows[j] = find(b.keys[j]);
    for (size_t t = first_pair; t < m; ++t) {
      const size_t i = scored[t];
      const uint64_t* k = b.keys.data() + i * S;
      uint32_t* r = b.rows.data() + i * S;
      for (size_t j = 0; j < S; ++j) {
        const int source = kStaticSource[j];
        if (source == kPairSlot) r[j] = find(k[j]);
        else if (source == kBiasSlot) r[j] = bias_row;
        else r[j] = b.word_rows[(kPadding + i + source) * S + j];
      }
    }
    score_tokens(*this, n, out, b);
  }
};

}  // namespace whosaid

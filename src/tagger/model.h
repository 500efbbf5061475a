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
// tags alone: their rows are found for every tag (pair) at load. The best tag
// is picked four tags at a time (SSE2).
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
//   on `whosaid extract`. With no row prefetch at all the warm bench is as
//   fast: its time goes in the core (the sparse rows' loads and loops cost
//   about a quarter of it), not in waiting for memory.
#pragma once

#include <algorithm>
#include <atomic>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/feature_table.h"
#include "core/huge_pages.h"
#include "tagger/features.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "tagger/word_cache.h"

namespace whosaid {

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
  void prefetch_row(uint32_t row) const {
    if ((row & 0xFF) == kDense) __builtin_prefetch(dense.data() + size_t{row >> 8} * kDenseWidth);
    else __builtin_prefetch(weights.data() + (row >> 8));
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

  // Sums rows: sparse ones directly, dense ones in int16
  // registers first.
  struct Scorer {
    const Model& m;
    alignas(16) int32_t scores[kDenseWidth];
#if defined(__SSE2__)
    __m128i acc[kDenseWidth / 8];
#else
    alignas(16) int16_t acc[kDenseWidth];
#endif
    explicit Scorer(const Model& model) : m(model) {
      std::memset(scores, 0, sizeof scores);
#if defined(__SSE2__)
#pragma GCC unroll 16
      for (int k = 0; k < kDenseWidth / 8; ++k) acc[k] = _mm_setzero_si128();
#else
      std::memset(acc, 0, sizeof acc);
#endif
    }
    void add(uint32_t row) {
      const uint32_t size = row & 0xFF;
      if (size == kDense) {
        const int16_t* w = m.dense.data() + size_t{row >> 8} * kDenseWidth;
#if defined(__SSE2__)
#pragma GCC unroll 16
        for (int k = 0; k < kDenseWidth / 8; ++k)
          acc[k] = _mm_adds_epi16(acc[k], _mm_loadu_si128(reinterpret_cast<const __m128i*>(w + 8 * k)));
#else
        for (int t = 0; t < kDenseWidth; ++t)
          acc[t] = static_cast<int16_t>(std::clamp(int32_t{acc[t]} + w[t], -32768, 32767));
#endif
      } else {
        const int32_t* w = m.weights.data() + (row >> 8);
        for (uint32_t j = 0; j < size; ++j) scores[w[j] & 0xFF] += w[j] >> 8;
      }
    }
    // Writes the scores of the rows added so far, by tag, to out and returns
    // the tag with the highest among 1 .. kNumTags - 1, ties to the lower id
    // (best_tag's choice for a word that is not a quotation mark). The scorer
    // is left as it was. In vectors: a scalar pass over 112 tags cost as much
    // as the rest of the token.
    uint8_t total(int32_t* out) const {
      static_assert(kDenseWidth == pos::kNumTags, "no padding tags to keep out of the maximum");
#if defined(__SSE2__)
      const auto max = [](__m128i a, __m128i b) {
        const __m128i gt = _mm_cmpgt_epi32(a, b);
        return _mm_or_si128(_mm_and_si128(gt, a), _mm_andnot_si128(gt, b));
      };
      __m128i top = _mm_set1_epi32(INT32_MIN);
#pragma GCC unroll 16
      for (int k = 0; k < kDenseWidth / 8; ++k) {
        const __m128i lo = _mm_srai_epi32(_mm_unpacklo_epi16(acc[k], acc[k]), 16);
        const __m128i hi = _mm_srai_epi32(_mm_unpackhi_epi16(acc[k], acc[k]), 16);
        __m128i a = _mm_add_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(scores + 8 * k)), lo);
        const __m128i b = _mm_add_epi32(_mm_load_si128(reinterpret_cast<const __m128i*>(scores + 8 * k + 4)), hi);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 8 * k), a);
        _mm_storeu_si128(reinterpret_cast<__m128i*>(out + 8 * k + 4), b);
        if (k == 0)  // tag 0 is no tag
          a = _mm_or_si128(_mm_and_si128(a, _mm_set_epi32(-1, -1, -1, 0)), _mm_set_epi32(0, 0, 0, INT32_MIN));
        top = max(top, max(a, b));
      }
      top = max(top, _mm_shuffle_epi32(top, _MM_SHUFFLE(1, 0, 3, 2)));
      top = max(top, _mm_shuffle_epi32(top, _MM_SHUFFLE(2, 3, 0, 1)));
      for (int k = 0; k < kDenseWidth / 4; ++k) {
        const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(out + 4 * k));
        unsigned hit = static_cast<unsigned>(_mm_movemask_epi8(_mm_cmpeq_epi32(v, top)));
        if (k == 0) hit &= ~0xFu;
        if (hit) return static_cast<uint8_t>(4 * k + __builtin_ctz(hit) / 4);
      }
      return 1;
#else
      for (int t = 0; t < kDenseWidth; ++t) out[t] = scores[t] + acc[t];
      uint8_t best = 1;
      for (int t = 2; t < pos::kNumTags; ++t)
        if (out[t] > out[best]) best = static_cast<uint8_t>(t);
      return best;
#endif
    }
  };

  // Per-thread buffers of analyse() and tag(), reused between sentences.
  struct Buffers {
    std::vector<tagger_detail::WordInfo> infos;  // padding, one per word, padding
    std::vector<uint32_t> word_rows;  // per info: its one-word rows (word_rows())
    std::vector<uint64_t> keys;       // static feature keys, per token
    std::vector<uint32_t> rows;       // static feature rows, per token
    std::vector<uint32_t> scored;     // the tokens tag() scores
    std::vector<uint64_t> word_keys;  // per word, its WordCache key
    tagger_detail::WordCache cache;
  };

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
    constexpr int T = pos::kNumTags;
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
    // The rows of a token are prefetched kAhead scored tokens before it is
    // scored: prefetching a whole sentence's rows at once filled the L1 cache
    // and stalled on the line fill buffers.
    constexpr size_t kAhead = 2;
    const auto prefetch_rows = [&](size_t t) {
      if (t < m)
        for (size_t j = 0; j < S; ++j) prefetch_row(b.rows[scored[t] * S + j]);
    };
    for (size_t t = 0; t < kAhead; ++t) prefetch_rows(t);
    size_t next = 0;  // the scored tokens before i
    const uint8_t open_tag = pos::open_quote_tag(), close_tag = pos::close_quote_tag();
    alignas(16) int32_t scores[kDenseWidth];
    uint64_t keys[kNumWordTagFeatures];
    uint8_t prev = 0, prev2 = 0;
    for (size_t i = 0; i < n; ++i) {
      if (const uint8_t sure = sure_tag(w[i])) {
        out[i] = sure;
        prev2 = prev;
        prev = sure;
        continue;
      }
      prefetch_rows(++next + kAhead - 1);
      word_tag_features(w + i, prev, keys);
      for (uint64_t k : keys) prefetch_slot(k);
      Scorer scorer(*this);
      const uint32_t* r = b.rows.data() + i * S;
      for (size_t j = 0; j < S; ++j) scorer.add(r[j]);
      scorer.add(prev_rows[prev]);
      scorer.add(prev2_rows[prev2]);
      scorer.add(pair_rows[size_t{prev} * T + prev2]);
      for (uint64_t k : keys) scorer.add(find(k));
      uint8_t best = scorer.total(scores);
      if (w[i].quote != kNotQuote) best = best_tag(scores, T, w[i].quote, open_tag, close_tag);
      out[i] = best;
      prev2 = prev;
      prev = best;
    }
  }
};

}  // namespace whosaid

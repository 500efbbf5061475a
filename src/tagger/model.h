// tagger/model.h — the runtime form of a tagger model and its scoring loop.
//
// Internal to tagger.cc, which builds a Model from the bytes of a model file
// (from_bytes) and calls Model::tag on analysed sentences.
//
// Where the time goes, and what is done about it: a token's 36 features are
// looked up in a table larger than the cache, so the cost is cache misses,
// and misses that wait in turn. The 30 static features do not depend on the
// predicted tags: their rows are found for the whole sentence first, with
// prefetches, and summed before the left-to-right pass. Of the six dynamic
// features, three depend on the previous tags alone; their rows are found once
// per tag (pair) at load. The other three pair the word with the previous tag,
// which is known only in the left-to-right pass; their rows are fetched ahead
// for the tag the static scores alone predict for the previous word (right for
// most tokens), and looked up in the pass only when that guess was wrong.
//
// The scores are exactly those of summing the 36 rows in feature order: dense
// rows in saturating int16 (in that order), sparse rows in int32 — a token's
// static sums are kept as that pair of partial sums and the dynamic rows are
// added to it after.
#pragma once

#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <vector>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "core/feature_table.h"
#include "tagger/features.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"

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
  std::vector<int32_t> weights;
  std::vector<int16_t> dense;
  static constexpr uint32_t kDense = 0xFF;
  static constexpr int kDenseWidth = (pos::kNumTags + 7) / 8 * 8;
  static constexpr uint32_t kDenseAbove = 12;  // sparse rows up to this size
  static constexpr int kWeightShift = 3;
  size_t num_features = 0;
  size_t num_weights = 0;
  tagger_detail::Lexicon lexicon;
  // The rows of tag_features() (features.h), by the previous tags:
  // prev_rows[prev], prev2_rows[prev2], pair_rows[prev * kNumTags + prev2].
  std::vector<uint32_t> prev_rows, prev2_rows, pair_rows;

  // The row of `key` as begin << 8 | size, or 0 when the model lacks it.
  uint32_t find(uint64_t key) const {
    const uint32_t* row = table.find(key);
    return row ? *row : 0;
  }
  void prefetch_slot(uint64_t key) const { table.prefetch(key); }
  void prefetch_row(uint32_t row) const {
    if ((row & 0xFF) == kDense) __builtin_prefetch(dense.data() + size_t{row >> 8} * kDenseWidth);
    else __builtin_prefetch(weights.data() + (row >> 8));
  }

  // Fills prev_rows, prev2_rows and pair_rows once the table is complete.
  void find_tag_rows() {
    constexpr int T = pos::kNumTags;
    prev_rows.assign(T, 0);
    prev2_rows.assign(T, 0);
    pair_rows.assign(size_t{T} * T, 0);
    uint64_t keys[tagger_detail::kNumTagFeatures];
    for (int prev = 0; prev < T; ++prev)
      for (int prev2 = 0; prev2 < T; ++prev2) {
        tagger_detail::tag_features(static_cast<uint8_t>(prev), static_cast<uint8_t>(prev2), keys);
        if (prev2 == 0) prev_rows[prev] = find(keys[0]);
        if (prev == 0) prev2_rows[prev2] = find(keys[1]);
        pair_rows[static_cast<size_t>(prev) * T + prev2] = find(keys[2]);
      }
  }

  // A token's sums so far: int32 sums of the sparse rows, saturating int16
  // sums of the dense ones.
  struct Partial {
    alignas(16) int16_t dense[kDenseWidth];
    alignas(16) int32_t sparse[kDenseWidth];
  };

  // Sums rows into a Partial: sparse ones directly, dense ones in int16
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
    Scorer(const Model& model, const Partial& from) : m(model) {
      std::memcpy(scores, from.sparse, sizeof scores);
#if defined(__SSE2__)
#pragma GCC unroll 16
      for (int k = 0; k < kDenseWidth / 8; ++k)
        acc[k] = _mm_load_si128(reinterpret_cast<const __m128i*>(from.dense + 8 * k));
#else
      std::memcpy(acc, from.dense, sizeof acc);
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
    void save(Partial& to) const {
      std::memcpy(to.sparse, scores, sizeof scores);
#if defined(__SSE2__)
#pragma GCC unroll 16
      for (int k = 0; k < kDenseWidth / 8; ++k)
        _mm_store_si128(reinterpret_cast<__m128i*>(to.dense + 8 * k), acc[k]);
#else
      std::memcpy(to.dense, acc, sizeof acc);
#endif
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

  // Per-thread buffers of tag(), reused between sentences.
  struct Buffers {
    std::vector<uint64_t> keys;  // static feature keys, per token
    std::vector<uint32_t> rows;  // their rows
  };

  // Tags n words whose infos start at infos[kPadding].
  void tag(const tagger_detail::WordInfo* infos, size_t n, uint8_t* out, Buffers& b) const {
    using namespace tagger_detail;
    constexpr size_t S = kNumStaticFeatures;
    constexpr int T = pos::kNumTags;
    const WordInfo* w = infos + kPadding;
    b.keys.resize(n * S);
    b.rows.resize(n * S);
    // Static keys, then their rows: each pass starts the cache misses of the
    // next.
    for (size_t i = 0; i < n; ++i) {
      uint64_t* k = b.keys.data() + i * S;
      if (sure_tag(w[i])) {
        std::memset(k, 0, S * sizeof *k);
        continue;
      }
      static_features(w + i, k);
      for (size_t j = 0; j < S; ++j) prefetch_slot(k[j]);
    }
    for (size_t j = 0; j < n * S; ++j) {
      b.rows[j] = b.keys[j] ? find(b.keys[j]) : 0;
      prefetch_row(b.rows[j]);
    }
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

// tagger/generic_scorer.h — the tagger's scoring pass, written once against
// a set of vector lanes and compiled once per instruction set.
//
// Internal, and unlike other headers included several times: scoring.cc
// includes it inside a namespace per instruction set (sse2, avx2, portable),
// each within its own `#pragma GCC target` region, after defining there:
//
//   Vec16, kLanes            kLanes int16 lanes
//   Vec32                    kLanes / 2 int32 lanes
//   zero16(), load16(p), adds16(a, b)           saturating int16 add
//   widen_lo(a), widen_hi(a)                    lanes [0, kLanes/2), [kLanes/2, kLanes) as int32
//   load32(p), store32(p, v), add32(a, b), max32(a, b), set32(x)
//   without_lane0(a)         a with INT32_MIN in lane 0
//   hmax32(v)                the maximum of v's lanes, in every lane
//   equal_mask32(a, b)       bit j set when lane j of a equals lane j of b
//
// (the simdjson way: functions defined inside a target region are compiled
// for it, and whatever they call from ordinary headers is inlined into them
// or stays compiled for the baseline, so no wider instruction leaks into code
// that runs on every processor). Every variant computes the same scores, so
// the same tags: the dense rows in saturating int16, in feature order (a
// saturated sum depends on the order), the sparse rows in int32.
//
// No include guard, on purpose.

// Sums rows: sparse ones directly, dense ones in int16 registers first.
struct Scorer {
  static constexpr int kWidth = Tagger::Model::kDenseWidth;
  static_assert(kWidth % kLanes == 0, "dense rows are whole vectors");
  const Tagger::Model& m;
  // The sparse rows' sums, in an array of the caller's: inside the scorer,
  // their adds at computed indices kept the dense sums out of registers.
  int32_t* scores;
  Vec16 acc[kWidth / kLanes];

  // sparse: kWidth sums, zeroed here.
  Scorer(const Tagger::Model& model, int32_t* sparse) : m(model), scores(sparse) {
#pragma GCC unroll 16
    for (int k = 0; k < kWidth / kLanes; ++k) {
      acc[k] = zero16();
      // Vector stores: std::memset of 448 bytes became `rep stos`, which
      // takes tens of cycles to start, every token.
      store32(scores + kLanes * k, set32(0));
      store32(scores + kLanes * k + kLanes / 2, set32(0));
    }
  }

  void add(uint32_t row) {
    const uint32_t size = row & 0xFF;
    if (size == Tagger::Model::kDense) {
      const int16_t* w = m.dense.data() + size_t{row >> 8} * kWidth;
#pragma GCC unroll 16
      for (int k = 0; k < kWidth / kLanes; ++k) acc[k] = adds16(acc[k], load16(w + kLanes * k));
    } else {
      const int32_t* w = m.weights.data() + (row >> 8);
      for (uint32_t j = 0; j < size; ++j) scores[w[j] & 0xFF] += w[j] >> 8;
    }
  }

  // Writes the scores of the rows added so far, by tag, to out and returns
  // the tag with the highest among 1 .. kNumTags - 1, ties to the lower id
  // (best_tag's choice for a word that is not a quotation mark). In vectors:
  // a scalar pass over 112 tags cost as much as the rest of the token.
  uint8_t total(int32_t* out) const {
    static_assert(kWidth == pos::kNumTags, "no padding tags to keep out of the maximum");
    constexpr int kHalf = kLanes / 2;
    Vec32 top = set32(INT32_MIN);
#pragma GCC unroll 16
    for (int k = 0; k < kWidth / kLanes; ++k) {
      Vec32 a = add32(load32(scores + kLanes * k), widen_lo(acc[k]));
      const Vec32 b = add32(load32(scores + kLanes * k + kHalf), widen_hi(acc[k]));
      store32(out + kLanes * k, a);
      store32(out + kLanes * k + kHalf, b);
      if (k == 0) a = without_lane0(a);  // tag 0 is no tag
      top = max32(top, max32(a, b));
    }
    top = hmax32(top);
    for (int k = 0; k < kWidth / kHalf; ++k) {
      unsigned hit = equal_mask32(load32(out + kHalf * k), top);
      if (k == 0) hit &= ~1u;
      if (hit) return static_cast<uint8_t>(kHalf * k + __builtin_ctz(hit));
    }
    return 1;
  }
};

// Tags the n words analysed in b, whose rows Model::tag has found: scored
// tokens from their rows, the others with their sure tag.
inline void score_tokens(const Tagger::Model& model, size_t n, uint8_t* out, Tagger::Model::Buffers& b) {
  using namespace tagger_detail;
  constexpr size_t S = kNumStaticFeatures;
  constexpr int T = pos::kNumTags;
  const WordInfo* w = b.infos.data() + kPadding;
  const uint8_t open_tag = pos::open_quote_tag(), close_tag = pos::close_quote_tag();
  alignas(64) int32_t scores[Tagger::Model::kDenseWidth];
  alignas(64) int32_t sparse[Tagger::Model::kDenseWidth];
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
    for (uint64_t k : keys) model.prefetch_slot(k);
    Scorer scorer(model, sparse);
    const uint32_t* r = b.rows.data() + i * S;
    for (size_t j = 0; j < S; ++j) scorer.add(r[j]);
    uint32_t word_tag_rows[kNumWordTagFeatures];
    for (size_t k = 0; k < kNumWordTagFeatures; ++k) {
      word_tag_rows[k] = model.find(keys[k]);
      model.prefetch_row(word_tag_rows[k]);
    }
    scorer.add(model.prev_rows[prev]);
    scorer.add(model.prev2_rows[prev2]);
    scorer.add(model.pair_rows[size_t{prev} * T + prev2]);
    for (uint32_t row : word_tag_rows) scorer.add(row);
    uint8_t best = scorer.total(scores);
    if (w[i].quote != kNotQuote) best = best_tag(scores, T, w[i].quote, open_tag, close_tag);
    out[i] = best;
    prev2 = prev;
    prev = best;
  }
}

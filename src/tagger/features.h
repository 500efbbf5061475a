// tagger/features.h — the feature extraction shared by Tagger and TaggerTrainer.
//
// Internal. Features are 64-bit hashes of (template, value); a model maps each
// hash it knows to a sparse row of per-tag weights. Changing anything here that
// alters a hash changes every model: bump kFeatureSetVersion so old models are
// rejected instead of silently tagging badly.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

namespace whosaid::tagger_detail {

inline constexpr uint32_t kFeatureSetVersion = 2;

inline constexpr uint64_t mix64(uint64_t x) noexcept {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

inline uint64_t hash_bytes(const char* p, size_t n, uint64_t seed = 0) noexcept {
  uint64_t h = 0xcbf29ce484222325ULL ^ (seed * 0x9E3779B97F4A7C15ULL);
  for (size_t i = 0; i < n; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ULL;
  return mix64(h ^ n);
}

// A feature id: template number and value, never 0 (0 marks an empty slot).
inline uint64_t feature_key(uint32_t tmpl, uint64_t value) noexcept {
  uint64_t k = mix64(value + 0x9E3779B97F4A7C15ULL * (tmpl + 1));
  return k ? k : 1;
}
inline uint64_t feature_key(uint32_t tmpl, uint64_t a, uint64_t b) noexcept {
  return feature_key(tmpl, a ^ mix64(b + 0x632BE59BD9B4E019ULL));
}

// Quotation-mark constraint of a token, from its form or the tokenizer's kind.
enum QuoteMark : uint8_t {
  kNotQuote = 0,
  kOpenQuote = 1,   // “ „ « `` : PUNCT/``
  kCloseQuote = 2,  // ” » '' : PUNCT/''
  kAnyQuote = 3,    // " (or a kQuote token): PUNCT/`` or PUNCT/'', by context
};

// What the features need to know of one word.
struct WordInfo {
  uint64_t lower = 0;   // normalised lower-case form
  uint64_t suffix[4] = {0, 0, 0, 0};  // last 1, 2, 3, 4 characters of `lower`
  uint64_t prefix[3] = {0, 0, 0};  // first 1, 2, 3 characters
  uint64_t shape = 0;   // Xxx, dd.dd, X.X.
  uint32_t flags = 0;   // kInfo* bits
  uint8_t quote = kNotQuote;
  uint64_t lexical = 0;  // ambiguity class from the model's Lexicon (see there)
};

enum : uint32_t {
  kInfoCapitalized = 1u << 0,
  kInfoAllCaps = 1u << 1,
  kInfoHasDigit = 1u << 2,
  kInfoHasHyphen = 1u << 3,
  kInfoHasPeriod = 1u << 4,
  kInfoInnerCap = 1u << 5,
  kInfoNoLetters = 1u << 6,
  kInfoAllDigits = 1u << 7,
  kInfoLength1 = 1u << 8,
  kInfoLength2_3 = 1u << 9,
  kInfoLength4_6 = 1u << 10,
  kInfoSentenceStart = 1u << 11,
};

// Fills `info` from one token's UTF-8 form. Curly apostrophes become ', every
// double quotation mark (“ ” „ « » `` '' ") becomes ".
void analyse_word(std::string_view word, WordInfo& info) noexcept;

// The ambiguity classes of words seen often in training: a hash of the set of
// tags each took (ignoring rare ones), so features can see which tags the next
// words may take. Words absent from it get kUnknownWord. The low 8 bits of a
// class are the word's sure tag (or 0): frequent words that (nearly) always
// took one tag get it without scoring.
class Lexicon {
 public:
  static constexpr uint64_t kUnknownWord = 0x5eed0f0bad0da700ULL;

  // entries: (WordInfo::lower, class), keys unique and non-zero.
  explicit Lexicon(std::vector<std::pair<uint64_t, uint64_t>> entries = {});
  uint64_t lookup(uint64_t word) const noexcept {
    for (uint64_t i = word & mask_;; i = (i + 1) & mask_) {
      const auto& slot = slots_[i];
      if (slot.first == word) return slot.second;
      if (slot.first == 0) return kUnknownWord;
    }
  }
  // Sorted by key.
  const std::vector<std::pair<uint64_t, uint64_t>>& entries() const noexcept { return entries_; }

 private:
  std::vector<std::pair<uint64_t, uint64_t>> entries_;
  std::vector<std::pair<uint64_t, uint64_t>> slots_;
  uint64_t mask_ = 0;
};

// Fills out[0 .. n+4): two padding infos, one info per word (the first flagged
// kInfoSentenceStart), two padding infos. Token i's info is out[i + 2].
void analyse_sentence(const std::string_view* words, size_t n, const Lexicon& lexicon,
                      WordInfo* out) noexcept;
inline constexpr size_t kPadding = 2;

// Number of features computed per token.
inline constexpr size_t kNumStaticFeatures = 30;
inline constexpr size_t kNumDynamicFeatures = 6;  // kNumTagFeatures + kNumWordTagFeatures
inline constexpr size_t kNumFeatures = kNumStaticFeatures + kNumDynamicFeatures;

// The slots of static_features() that read two words (written by
// pair_features()); the others read one word, or none (the bias).
inline constexpr size_t kNumPairFeatures = 5;
inline void pair_features(const WordInfo* w, uint64_t* out) noexcept {
  const WordInfo& c = w[0];
  const WordInfo& p1 = w[-1];
  const WordInfo& n1 = w[1];
  out[14] = feature_key(14, p1.lower, c.lower);
  out[15] = feature_key(15, c.lower, n1.lower);
  out[18] = feature_key(18, c.suffix[2], n1.lower);
  out[23] = feature_key(28, p1.lower, n1.lower);
  out[28] = feature_key(33, c.lexical, n1.lexical);
}

// What each slot of static_features() reads: the word at an offset -2 … 2
// from the token, kPairSlot (pair_features) or kBiasSlot (nothing). A slot
// with an offset reads nothing else, so its key for a word is the same at
// every position (the tagger caches the rows of a word's slots).
inline constexpr int8_t kPairSlot = 8, kBiasSlot = 9;
inline constexpr int8_t kStaticSource[kNumStaticFeatures] = {
    kBiasSlot, 0,  0,  0,         0,  0, 0, 0, -1, -1,         //  0 …  9
    -2,        1,  1,  2,         kPairSlot, kPairSlot, 1, -1, kPairSlot, 1,  // 10 … 19
    0,         0,  0,  kPairSlot, -1, 0, 1, 2, kPairSlot, -1,  // 20 … 29
};

// The features of token i that do not depend on predicted tags. `w` points at
// token i's info; w[-2], w[-1], w[1], w[2] must be valid (padding at the edges).
inline void static_features(const WordInfo* w, uint64_t* out) noexcept {
  const WordInfo& c = w[0];
  const WordInfo& p1 = w[-1];
  const WordInfo& p2 = w[-2];
  const WordInfo& n1 = w[1];
  const WordInfo& n2 = w[2];
  out[0] = feature_key(0, 0);  // bias
  out[1] = feature_key(1, c.lower);
  out[2] = feature_key(2, c.suffix[0]);
  out[3] = feature_key(3, c.suffix[1]);
  out[4] = feature_key(4, c.suffix[2]);
  out[5] = feature_key(5, c.prefix[0]);
  out[6] = feature_key(6, c.shape);
  out[7] = feature_key(7, c.flags);
  out[8] = feature_key(8, p1.lower);
  out[9] = feature_key(9, p1.suffix[2]);
  out[10] = feature_key(10, p2.lower);
  out[11] = feature_key(11, n1.lower);
  out[12] = feature_key(12, n1.suffix[2]);
  out[13] = feature_key(13, n2.lower);
  out[16] = feature_key(16, n1.shape);
  out[17] = feature_key(17, p1.shape);
  out[19] = feature_key(19, n1.suffix[0]);
  out[20] = feature_key(25, c.suffix[3]);
  out[21] = feature_key(26, c.prefix[1]);
  out[22] = feature_key(27, c.prefix[2]);
  out[24] = feature_key(29, p1.suffix[1]);
  out[25] = feature_key(30, c.lexical);
  out[26] = feature_key(31, n1.lexical);
  out[27] = feature_key(32, n2.lexical);
  out[29] = feature_key(34, p1.lexical);
  pair_features(w, out);
}

// The features that depend on the two previous predicted tags: first those of
// the tags alone (the tagger finds their rows once per tag pair, at load),
// then those of the word with the previous tag.
inline constexpr size_t kNumTagFeatures = 3;
inline void tag_features(uint8_t prev, uint8_t prev2, uint64_t* out) noexcept {
  out[0] = feature_key(20, prev);
  out[1] = feature_key(21, prev2);
  out[2] = feature_key(22, prev | (uint64_t{prev2} << 8));
}
inline constexpr size_t kNumWordTagFeatures = 3;
inline void word_tag_features(const WordInfo* w, uint8_t prev, uint64_t* out) noexcept {
  const WordInfo& c = w[0];
  out[0] = feature_key(23, c.lower, prev);
  out[1] = feature_key(24, c.suffix[2], prev);
  out[2] = feature_key(35, c.lexical, prev);
}
inline void dynamic_features(const WordInfo* w, uint8_t prev, uint8_t prev2,
                             uint64_t* out) noexcept {
  tag_features(prev, prev2, out);
  word_tag_features(w, prev, out + kNumTagFeatures);
}
static_assert(kNumTagFeatures + kNumWordTagFeatures == kNumDynamicFeatures);

// The tag a word gets without scoring, or 0.
inline uint8_t sure_tag(const WordInfo& w) noexcept {
  return w.quote == kNotQuote ? static_cast<uint8_t>(w.lexical & 0xFF) : 0;
}

// The best tag given scores[1 .. num_tags) and a token's quotation-mark
// constraint; ties go to the lower id.
template <typename Score>
inline uint8_t best_tag(const Score* scores, int num_tags, uint8_t quote, uint8_t open_tag,
                        uint8_t close_tag) noexcept {
  switch (quote) {
    case kOpenQuote: return open_tag;
    case kCloseQuote: return close_tag;
    case kAnyQuote: return scores[close_tag] > scores[open_tag] ? close_tag : open_tag;
    default: break;
  }
  uint8_t best = 1;
  Score top = scores[1];
  for (int t = 2; t < num_tags; ++t)
    if (scores[t] > top) top = scores[t], best = static_cast<uint8_t>(t);
  return best;
}

}  // namespace whosaid::tagger_detail

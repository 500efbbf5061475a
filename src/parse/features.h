// parse/features.h — the parser's feature templates (Zhang & Nivre 2011 style).
//
// Internal, shared by Parser and ParserTrainer. A feature is a 64-bit hash of
// (template, values); the move model scores SHIFT/LEFT/RIGHT from features of
// the configuration, the relation model scores the label of an arc from
// features of its head and dependent. Changing anything that alters a hash
// changes every model: bump kParserFeatureSet so old models are rejected.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "parse/transition.h"
#include "tagger/features.h"
#include "tagger/tag_set.h"

namespace whosaid::parse_detail {

inline constexpr uint32_t kParserFeatureSet = 3;
inline constexpr uint8_t kRootTag = 0xFE;  // tag of ROOT; "none" has tag 0
inline constexpr uint64_t kRootWord = 0x5eed0f0007007001ULL;
inline constexpr uint64_t kNoneWord = 0x5eed0f0007007002ULL;

// The word feature of a form: ASCII lower case, digits folded to 0, hashed.
inline uint64_t word_value(std::string_view form) noexcept {
  char buf[48];
  const size_t n = form.size() < sizeof buf ? form.size() : sizeof buf;
  for (size_t i = 0; i < n; ++i) {
    char c = form[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    else if (c >= '0' && c <= '9') c = '0';
    buf[i] = c;
  }
  const uint64_t h = tagger_detail::hash_bytes(buf, n, form.size() > n ? form.size() : 0);
  return h;
}

// The sentence as the features see it: index 0 … n-1 words, n ROOT, n+1 none.
struct SentenceView {
  const uint64_t* words;  // word_value of each, then kRootWord, kNoneWord
  const uint8_t* tags;    // tag ids, then kRootTag, 0
  const uint8_t* upos;    // their universal tags (pos::Upos), then kRootTag, 0
  const uint64_t* word_tags;  // pair(words[i], tags[i]), computed once per sentence
  const uint16_t* verbs;  // verbs[i]: verbs and auxiliaries among words [0, i)
  const uint16_t* puncts; // puncts[i]: punctuation among words [0, i)
};

inline uint64_t distance_bucket(int32_t a, int32_t b) noexcept {
  int32_t d = a > b ? a - b : b - a;
  return d <= 4 ? uint64_t(d) : d <= 6 ? 5 : d <= 9 ? 6 : d <= 14 ? 7 : 8;
}
// Combining values is cheap (one multiply); feature_key mixes the result fully
// once. The rotation keeps pair(a, b) and pair(b, a) apart, and nested pairs.
inline uint64_t pair(uint64_t a, uint64_t b) noexcept {
  return ((a << 21) | (a >> 43)) ^ (b * 0x9E3779B97F4A7C15ULL + 0x632BE59BD9B4E019ULL);
}
inline uint64_t triple(uint64_t a, uint64_t b, uint64_t c) noexcept { return pair(pair(a, b), c); }
inline uint64_t feature_key(uint32_t tmpl, uint64_t value) noexcept {
  return tagger_detail::feature_key(tmpl, value);
}
inline uint64_t feature_key(uint32_t tmpl, uint64_t a, uint64_t b) noexcept {
  return tagger_detail::feature_key(tmpl, pair(a, b));
}

// The arrays behind a SentenceView, computed once per sentence; reused
// between sentences (no allocation once grown).
struct SentenceFeatures {
  std::vector<uint64_t> words, word_tags;
  std::vector<uint8_t> tags, upos;
  std::vector<uint16_t> verbs, puncts;

  // Sizes the arrays for n words; the caller then sets words[i] (word_value)
  // and tags[i] for i < n and calls finish(n).
  void resize(size_t n) {
    words.resize(n + 2), word_tags.resize(n + 2), tags.resize(n + 2), upos.resize(n + 2);
    verbs.resize(n + 2), puncts.resize(n + 2);
  }
  void finish(size_t n) noexcept {
    using pos::Upos;
    uint16_t v = 0, p = 0;
    for (size_t i = 0; i < n; ++i) {
      const Upos u = pos::upos(tags[i]);
      upos[i] = static_cast<uint8_t>(u);
      verbs[i] = v, puncts[i] = p;
      v = static_cast<uint16_t>(v + (u == Upos::kVERB || u == Upos::kAUX));
      p = static_cast<uint16_t>(p + (u == Upos::kPUNCT));
    }
    verbs[n] = verbs[n + 1] = v;
    puncts[n] = puncts[n + 1] = p;
    words[n] = kRootWord, words[n + 1] = kNoneWord;
    tags[n] = kRootTag, tags[n + 1] = 0;
    upos[n] = kRootTag, upos[n + 1] = 0;
    for (size_t i = 0; i < n + 2; ++i) word_tags[i] = pair(words[i], tags[i]);
  }
  SentenceView view() const noexcept {
    return {words.data(), tags.data(), upos.data(), word_tags.data(), verbs.data(), puncts.data()};
  }
};

// What lies strictly between words a and b (either order): no, one or more
// verbs, and no, one or more punctuation marks; 9 when either is absent.
inline uint64_t between(const SentenceView& v, int32_t a, int32_t b, int32_t none) noexcept {
  if (a == none || b == none) return 9;
  const int32_t lo = a < b ? a : b, hi = a < b ? b : a;
  const int vs = v.verbs[hi] - v.verbs[lo + 1], ps = v.puncts[hi] - v.puncts[lo + 1];
  return uint64_t((vs > 1 ? 2 : vs) * 3 + (ps > 1 ? 2 : ps));
}

// The move features that depend only on the buffer front b0 (b0, b1, b2 and
// their words and tags): the parser scores them once per b0.
inline constexpr size_t kNumBufferFeatures = 13;
// Each key is also passed to sink(key) as soon as it is computed (the parser
// prefetches its bucket then, so the misses overlap with the hashing).
struct NoSink {
  void operator()(uint64_t) const noexcept {}
};

template <typename Sink = NoSink>
inline void buffer_features(int32_t b0, int32_t n, const SentenceView& v, uint64_t* out,
                            Sink sink = {}) noexcept {
  const int32_t none = n + 1;
  const int32_t b1 = b0 + 1 <= n ? b0 + 1 : none;
  const int32_t b2 = b0 + 2 <= n ? b0 + 2 : none;
  const uint64_t* w = v.words;
  const uint8_t* t = v.tags;
  const uint8_t* u = v.upos;
  const uint64_t b0w = w[b0], b1w = w[b1], b0t = t[b0], b1t = t[b1], b2t = t[b2];
  const uint64_t b0wt = v.word_tags[b0];
  size_t k = 0;
  sink(out[k++] = feature_key(6, b0w));
  sink(out[k++] = feature_key(7, b0t));
  sink(out[k++] = feature_key(8, b0wt));
  sink(out[k++] = feature_key(9, b1w));
  sink(out[k++] = feature_key(10, b1t));
  sink(out[k++] = feature_key(11, v.word_tags[b1]));
  sink(out[k++] = feature_key(12, w[b2]));
  sink(out[k++] = feature_key(13, b2t));
  sink(out[k++] = feature_key(21, b0t, b1t));
  sink(out[k++] = feature_key(22, triple(b0t, b1t, b2t)));
  sink(out[k++] = feature_key(61, b0w, b1w));
  sink(out[k++] = feature_key(62, b0wt, b1t));
  sink(out[k++] = feature_key(71, triple(u[b0], u[b1], u[b2])));
}

inline constexpr size_t kNumMoveFeatures = 87;
inline constexpr size_t kNumStackFeatures = kNumMoveFeatures - kNumBufferFeatures;

// The others, which depend on the stack and the children found so far.
template <typename Sink = NoSink>
inline void stack_features(const ParseState& st, const SentenceView& v, uint64_t* out,
                           Sink sink = {}) noexcept {
  const int32_t none = st.none();
  const int32_t s0 = st.s(0), s1 = st.s(1), s2 = st.s(2);
  const int32_t b0 = st.b0;
  const int32_t b1 = b0 + 1 <= st.n ? b0 + 1 : none;
  const uint64_t* w = v.words;
  const uint8_t* t = v.tags;
  const uint64_t s0w = w[s0], s1w = w[s1], b0w = w[b0];
  const uint64_t s0t = t[s0], s1t = t[s1], s2t = t[s2], b0t = t[b0], b1t = t[b1];
  const uint64_t s0wt = v.word_tags[s0], s1wt = v.word_tags[s1], b0wt = v.word_tags[b0];
  const int32_t s0l1 = st.lc1[s0], s0l2 = st.lc2[s0], s0r1 = st.rc1[s0], s0r2 = st.rc2[s0];
  const int32_t b0l1 = st.lc1[b0], b0l2 = st.lc2[b0], s1r1 = st.rc1[s1], s1l1 = st.lc1[s1];
  const uint64_t dist = s0 == none ? 15 : distance_bucket(s0, b0);
  const uint64_t dist01 = s1 == none ? 15 : distance_bucket(s0, s1);
  const uint64_t s0vl = st.nleft[s0], s0vr = st.nright[s0], b0vl = st.nleft[b0];
  size_t k = 0;
  sink(out[k++] = feature_key(0, s0w));
  sink(out[k++] = feature_key(1, s0t));
  sink(out[k++] = feature_key(2, s0wt));
  sink(out[k++] = feature_key(3, s1w));
  sink(out[k++] = feature_key(4, s1t));
  sink(out[k++] = feature_key(5, s1wt));
  sink(out[k++] = feature_key(14, s2t));
  sink(out[k++] = feature_key(15, s0w, b0w));
  sink(out[k++] = feature_key(16, s0wt, b0w));
  sink(out[k++] = feature_key(17, s0w, b0wt));
  sink(out[k++] = feature_key(18, s0wt, b0t));
  sink(out[k++] = feature_key(19, s0t, b0wt));
  sink(out[k++] = feature_key(20, s0t, b0t));
  sink(out[k++] = feature_key(23, triple(s0t, b0t, b1t)));
  sink(out[k++] = feature_key(24, triple(s1t, s0t, b0t)));
  sink(out[k++] = feature_key(25, triple(s0t, t[s0l1], b0t)));
  sink(out[k++] = feature_key(26, triple(s0t, t[s0r1], b0t)));
  sink(out[k++] = feature_key(27, triple(s0t, b0t, t[b0l1])));
  sink(out[k++] = feature_key(28, triple(s1t, s0t, t[s0l1])));
  sink(out[k++] = feature_key(29, triple(s1t, t[s1r1], s0t)));
  sink(out[k++] = feature_key(30, s0w, dist));
  sink(out[k++] = feature_key(31, s0t, dist));
  sink(out[k++] = feature_key(32, b0w, dist));
  sink(out[k++] = feature_key(33, b0t, dist));
  sink(out[k++] = feature_key(34, triple(s0t, b0t, dist)));
  sink(out[k++] = feature_key(35, triple(s0w, b0w, dist)));
  sink(out[k++] = feature_key(36, s0w, s0vr));
  sink(out[k++] = feature_key(37, s0t, s0vr));
  sink(out[k++] = feature_key(38, s0w, s0vl));
  sink(out[k++] = feature_key(39, s0t, s0vl));
  sink(out[k++] = feature_key(40, b0w, b0vl));
  sink(out[k++] = feature_key(41, b0t, b0vl));
  sink(out[k++] = feature_key(42, w[s0l1]));
  sink(out[k++] = feature_key(43, t[s0l1], st.label[s0l1]));
  sink(out[k++] = feature_key(44, w[s0r1]));
  sink(out[k++] = feature_key(45, t[s0r1], st.label[s0r1]));
  sink(out[k++] = feature_key(46, w[b0l1]));
  sink(out[k++] = feature_key(47, t[b0l1], st.label[b0l1]));
  sink(out[k++] = feature_key(48, triple(s0t, st.label[s0l1], st.label[s0l2])));
  sink(out[k++] = feature_key(49, triple(s0t, st.label[s0r1], st.label[s0r2])));
  sink(out[k++] = feature_key(50, triple(b0t, st.label[b0l1], st.label[b0l2])));
  sink(out[k++] = feature_key(51, s0w, st.left_labels[s0]));
  sink(out[k++] = feature_key(52, s0t, st.right_labels[s0]));
  sink(out[k++] = feature_key(53, b0t, st.left_labels[b0]));
  sink(out[k++] = feature_key(54, triple(s1t, st.label[s1l1], st.label[s1r1])));
  sink(out[k++] = feature_key(55, triple(s0t, s1t, dist01)));
  sink(out[k++] = feature_key(56, pair(s0w, s1w)));
  sink(out[k++] = feature_key(57, triple(s0t, s1t, s2t)));
  sink(out[k++] = feature_key(58, s1wt, s0wt));
  sink(out[k++] = feature_key(59, s1wt, s0t));
  sink(out[k++] = feature_key(60, s1t, s0wt));
  sink(out[k++] = feature_key(63, triple(s0t, b0t, st.label[s0l1])));
  sink(out[k++] = feature_key(64, triple(s0t, t[s0l1], t[s0l2])));
  sink(out[k++] = feature_key(65, triple(s0t, t[s0r1], t[s0r2])));
  sink(out[k++] = feature_key(66, triple(b0t, t[b0l1], t[b0l2])));
  const uint8_t* u = v.upos;
  sink(out[k++] = feature_key(67, triple(u[s0], u[b0], u[b1])));
  sink(out[k++] = feature_key(68, triple(u[s1], u[s0], u[b0])));
  sink(out[k++] = feature_key(69, triple(u[s0], u[b0], dist)));
  sink(out[k++] = feature_key(70, triple(u[s0], u[s0l1], u[s0r1])));
  // s1 against b0 (RIGHT attaches s0 to s1, LEFT to b0), third-order words,
  // s1's valency, and s0/b0 words with their neighbours' tags.
  sink(out[k++] = feature_key(72, s0wt, b0wt));
  sink(out[k++] = feature_key(73, s1t, b0t));
  sink(out[k++] = feature_key(74, s1wt, b0t));
  sink(out[k++] = feature_key(75, s1t, b0wt));
  sink(out[k++] = feature_key(76, triple(s1w, s0t, dist01)));
  sink(out[k++] = feature_key(77, triple(s1t, s0w, dist01)));
  sink(out[k++] = feature_key(78, w[s0l2], st.label[s0l2]));
  sink(out[k++] = feature_key(79, w[s0r2], st.label[s0r2]));
  sink(out[k++] = feature_key(80, w[b0l2], st.label[b0l2]));
  sink(out[k++] = feature_key(81, triple(s1t, st.nleft[s1], st.nright[s1])));
  sink(out[k++] = feature_key(82, triple(s0w, b0t, b1t)));
  sink(out[k++] = feature_key(83, triple(s0t, b0w, b1t)));
  // Verbs and punctuation between the words an arc would join (s0–b0 for
  // LEFT, s1–s0 for RIGHT), and s1 against b0 by word.
  sink(out[k++] = feature_key(84, triple(s0t, b0t, between(v, s0, b0, none))));
  sink(out[k++] = feature_key(85, triple(s1t, s0t, between(v, s1, s0, none))));
  sink(out[k++] = feature_key(86, s1w, b0w));
}

inline void move_features(const ParseState& st, const SentenceView& v, uint64_t* out) noexcept {
  buffer_features(st.b0, st.n, v, out);
  stack_features(st, v, out + kNumBufferFeatures);
}

inline constexpr size_t kNumLabelFeatures = 25;

// Features of the arc h → d (d is s0; h is b0 for LEFT, s1 for RIGHT).
template <typename Sink = NoSink>
inline void label_features(const ParseState& st, const SentenceView& v, int32_t h, int32_t d,
                           uint64_t* out, Sink sink = {}) noexcept {
  const int32_t none = st.none();
  const uint64_t* w = v.words;
  const uint8_t* t = v.tags;
  const uint64_t dir = d < h ? 1 : 2;
  const uint64_t dw = w[d], dt = t[d], hw = w[h], ht = t[h];
  const int32_t dp = d > 0 ? d - 1 : none, dn = d + 1 <= st.n ? d + 1 : none;
  const int32_t hp = h > 0 ? h - 1 : none, hn = h + 1 <= st.n ? h + 1 : none;
  const uint64_t dist = distance_bucket(h, d);
  const int32_t dl1 = st.lc1[d], dr1 = st.rc1[d];
  const uint64_t h_side = d < h ? st.left_labels[h] : st.right_labels[h];
  size_t k = 0;
  sink(out[k++] = feature_key(100, dir));
  sink(out[k++] = feature_key(101, dw, dir));
  sink(out[k++] = feature_key(102, dt, dir));
  sink(out[k++] = feature_key(103, v.word_tags[d], dir));
  sink(out[k++] = feature_key(104, hw, dir));
  sink(out[k++] = feature_key(105, ht, dir));
  sink(out[k++] = feature_key(106, triple(dt, ht, dir)));
  sink(out[k++] = feature_key(107, triple(dw, ht, dir)));
  sink(out[k++] = feature_key(108, triple(dt, hw, dir)));
  sink(out[k++] = feature_key(109, triple(dw, hw, dir)));
  sink(out[k++] = feature_key(110, triple(dt, dist, dir)));
  sink(out[k++] = feature_key(111, triple(ht, dist, dir)));
  sink(out[k++] = feature_key(112, dt, st.left_labels[d]));
  sink(out[k++] = feature_key(113, dt, st.right_labels[d]));
  sink(out[k++] = feature_key(114, triple(ht, h_side, dir)));
  sink(out[k++] = feature_key(115, triple(dt, t[dp], dir)));
  sink(out[k++] = feature_key(116, triple(dt, t[dn], dir)));
  sink(out[k++] = feature_key(117, triple(ht, t[hp], t[hn])));
  sink(out[k++] = feature_key(118, triple(dt, w[dl1], st.label[dl1])));
  sink(out[k++] = feature_key(119, triple(w[dl1], ht, dir)));
  sink(out[k++] = feature_key(120, triple(dt, w[dr1], st.label[dr1])));
  sink(out[k++] = feature_key(121, triple(dt, ht, t[dl1])));
  sink(out[k++] = feature_key(122, triple(dw, hw, t[dl1])));
  sink(out[k++] = feature_key(123, triple(pair(dt, ht), h_side, dist)));
  sink(out[k++] = feature_key(124, triple(pair(dt, ht), between(v, h, d, none), dir)));
}

}  // namespace whosaid::parse_detail

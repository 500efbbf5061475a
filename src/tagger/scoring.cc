// The tagger's scoring pass (generic_scorer.h) for each instruction set, and
// the choice among them.
#include "tagger/scoring.h"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string_view>

#include "tagger/model.h"
#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#define WHOSAID_TAGGER_X86 1
#endif

namespace whosaid::tagger_detail {

// Plain C++: the reference, and what processors without SSE2 run.
namespace portable {
constexpr int kLanes = 8;
struct Vec16 {
  int16_t v[kLanes];
};
struct Vec32 {
  int32_t v[kLanes / 2];
};
inline Vec16 zero16() { return Vec16{}; }
inline Vec16 load16(const int16_t* p) {
  Vec16 r;
  std::memcpy(r.v, p, sizeof r.v);
  return r;
}
inline Vec16 adds16(Vec16 a, Vec16 b) {
  for (int j = 0; j < kLanes; ++j) {
    const int32_t s = int32_t{a.v[j]} + b.v[j];
    a.v[j] = static_cast<int16_t>(s < -32768 ? -32768 : s > 32767 ? 32767 : s);
  }
  return a;
}
inline Vec32 widen(const int16_t* p) {
  Vec32 r;
  for (int j = 0; j < kLanes / 2; ++j) r.v[j] = p[j];
  return r;
}
inline Vec32 widen_lo(const Vec16& a) { return widen(a.v); }
inline Vec32 widen_hi(const Vec16& a) { return widen(a.v + kLanes / 2); }
inline Vec32 load32(const int32_t* p) {
  Vec32 r;
  std::memcpy(r.v, p, sizeof r.v);
  return r;
}
inline void store32(int32_t* p, const Vec32& a) { std::memcpy(p, a.v, sizeof a.v); }
inline Vec32 add32(Vec32 a, const Vec32& b) {
  for (int j = 0; j < kLanes / 2; ++j) a.v[j] += b.v[j];
  return a;
}
inline Vec32 max32(Vec32 a, const Vec32& b) {
  for (int j = 0; j < kLanes / 2; ++j) a.v[j] = a.v[j] > b.v[j] ? a.v[j] : b.v[j];
  return a;
}
inline Vec32 set32(int32_t x) {
  Vec32 r;
  for (int32_t& v : r.v) v = x;
  return r;
}
inline Vec32 without_lane0(Vec32 a) {
  a.v[0] = INT32_MIN;
  return a;
}
inline Vec32 hmax32(const Vec32& a) {
  int32_t top = a.v[0];
  for (int32_t v : a.v) top = v > top ? v : top;
  return set32(top);
}
inline unsigned equal_mask32(const Vec32& a, const Vec32& b) {
  unsigned m = 0;
  for (int j = 0; j < kLanes / 2; ++j) m |= unsigned{a.v[j] == b.v[j]} << j;
  return m;
}
#include "tagger/generic_scorer.h"
}  // namespace portable

#if defined(WHOSAID_TAGGER_X86) && defined(__SSE2__)
// Eight tags a vector, 14 adds a dense row.
namespace sse2 {
constexpr int kLanes = 8;
using Vec16 = __m128i;
using Vec32 = __m128i;
inline Vec16 zero16() { return _mm_setzero_si128(); }
inline Vec16 load16(const int16_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline Vec16 adds16(Vec16 a, Vec16 b) { return _mm_adds_epi16(a, b); }
inline Vec32 widen_lo(Vec16 a) { return _mm_srai_epi32(_mm_unpacklo_epi16(a, a), 16); }
inline Vec32 widen_hi(Vec16 a) { return _mm_srai_epi32(_mm_unpackhi_epi16(a, a), 16); }
inline Vec32 load32(const int32_t* p) { return _mm_loadu_si128(reinterpret_cast<const __m128i*>(p)); }
inline void store32(int32_t* p, Vec32 a) { _mm_storeu_si128(reinterpret_cast<__m128i*>(p), a); }
inline Vec32 add32(Vec32 a, Vec32 b) { return _mm_add_epi32(a, b); }
inline Vec32 max32(Vec32 a, Vec32 b) {  // SSE2 has no pmaxsd
  const __m128i gt = _mm_cmpgt_epi32(a, b);
  return _mm_or_si128(_mm_and_si128(gt, a), _mm_andnot_si128(gt, b));
}
inline Vec32 set32(int32_t x) { return _mm_set1_epi32(x); }
inline Vec32 without_lane0(Vec32 a) {
  return _mm_or_si128(_mm_and_si128(a, _mm_set_epi32(-1, -1, -1, 0)), _mm_set_epi32(0, 0, 0, INT32_MIN));
}
inline Vec32 hmax32(Vec32 a) {
  a = max32(a, _mm_shuffle_epi32(a, _MM_SHUFFLE(1, 0, 3, 2)));
  return max32(a, _mm_shuffle_epi32(a, _MM_SHUFFLE(2, 3, 0, 1)));
}
inline unsigned equal_mask32(Vec32 a, Vec32 b) {
  return static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(a, b))));
}
#include "tagger/generic_scorer.h"
}  // namespace sse2

// Sixteen tags a vector, 7 adds a dense row.
#if defined(__clang__)
#pragma clang attribute push(__attribute__((target("avx2"))), apply_to = function)
#else
#pragma GCC push_options
#pragma GCC target("avx2")
#endif
namespace avx2 {
constexpr int kLanes = 16;
using Vec16 = __m256i;
using Vec32 = __m256i;
inline Vec16 zero16() { return _mm256_setzero_si256(); }
inline Vec16 load16(const int16_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
inline Vec16 adds16(Vec16 a, Vec16 b) { return _mm256_adds_epi16(a, b); }
inline Vec32 widen_lo(Vec16 a) { return _mm256_cvtepi16_epi32(_mm256_castsi256_si128(a)); }
inline Vec32 widen_hi(Vec16 a) { return _mm256_cvtepi16_epi32(_mm256_extracti128_si256(a, 1)); }
inline Vec32 load32(const int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
inline void store32(int32_t* p, Vec32 a) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), a); }
inline Vec32 add32(Vec32 a, Vec32 b) { return _mm256_add_epi32(a, b); }
inline Vec32 max32(Vec32 a, Vec32 b) { return _mm256_max_epi32(a, b); }
inline Vec32 set32(int32_t x) { return _mm256_set1_epi32(x); }
inline Vec32 without_lane0(Vec32 a) { return _mm256_blend_epi32(a, _mm256_set1_epi32(INT32_MIN), 1); }
inline Vec32 hmax32(Vec32 a) {
  a = _mm256_max_epi32(a, _mm256_permute2x128_si256(a, a, 1));
  a = _mm256_max_epi32(a, _mm256_shuffle_epi32(a, _MM_SHUFFLE(1, 0, 3, 2)));
  return _mm256_max_epi32(a, _mm256_shuffle_epi32(a, _MM_SHUFFLE(2, 3, 0, 1)));
}
inline unsigned equal_mask32(Vec32 a, Vec32 b) {
  return static_cast<unsigned>(_mm256_movemask_ps(_mm256_castsi256_ps(_mm256_cmpeq_epi32(a, b))));
}
#include "tagger/generic_scorer.h"
}  // namespace avx2
#if defined(__clang__)
#pragma clang attribute pop
#else
#pragma GCC pop_options
#endif
#endif

namespace {

bool runs(ScoringIsa isa) {
  switch (isa) {
    case ScoringIsa::kPortable: return true;
#if defined(WHOSAID_TAGGER_X86) && defined(__SSE2__)
    case ScoringIsa::kSse2: return true;
    case ScoringIsa::kAvx2:
      __builtin_cpu_init();  // in case a model is built before main()
      return __builtin_cpu_supports("avx2");
#else
    default: return false;
#endif
  }
  return false;
}

}  // namespace

ScoringIsa scoring_isa() {
  if (const char* env = std::getenv("WHOSAID_TAGGER_ISA"); env && *env) {
    const std::string_view want(env);
    for (ScoringIsa isa : {ScoringIsa::kAvx2, ScoringIsa::kSse2, ScoringIsa::kPortable})
      if (want == isa_name(isa) && runs(isa)) return isa;
  }
  for (ScoringIsa isa : {ScoringIsa::kAvx2, ScoringIsa::kSse2})
    if (runs(isa)) return isa;
  return ScoringIsa::kPortable;
}

const char* isa_name(ScoringIsa isa) {
  switch (isa) {
    case ScoringIsa::kPortable: return "portable";
    case ScoringIsa::kSse2: return "sse2";
    case ScoringIsa::kAvx2: return "avx2";
  }
  return "?";
}

ScoreTokens score_tokens_for(ScoringIsa isa) {
  switch (isa) {
#if defined(WHOSAID_TAGGER_X86) && defined(__SSE2__)
    case ScoringIsa::kAvx2: return &avx2::score_tokens;
    case ScoringIsa::kSse2: return &sse2::score_tokens;
#endif
    default: return &portable::score_tokens;
  }
}

}  // namespace whosaid::tagger_detail

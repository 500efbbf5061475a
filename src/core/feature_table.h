// core/feature_table.h — the weight lookup of the linear models (tagger,
// parser): an open-addressing hash table from a 64-bit feature key to a small
// fixed-size value (a row reference, or the weights themselves).
//
//   FeatureTable<Row> table(2 * num_rows);           // capacity, rounded up to 2^k
//   if (!table.insert(key, row)) /* duplicate key */;
//   for (k : keys) table.prefetch(k);                // start the cache misses early,
//   for (k : keys) if (const Row* r = table.find(k)) …  // then look them up in turn
//   Row r = table.find_or(k, Row{});                 // or by value, without a branch
//
// Keys are hashes already (never 0): the low bits choose the slot and the high
// 32 bits are kept as a fingerprint (an absent key matches a stored one with
// probability 2^-32 per probe). Linear probing. Tables of 2 MB or more sit on
// transparent huge pages where the system allows it (fewer TLB misses; on the
// parser's tables it made no measurable difference, the probing did).
//
// BucketTable is the variant for small values (the parser's three move
// weights, or a row reference): each 64-byte cache line is a bucket of eight
// 16-bit fingerprints and eight values, and a lookup compares all eight
// fingerprints at once and returns the matching value (or a zero one) without
// a branch, which matters more than the cache misses: with linear probing, most
// of a lookup's time went in mispredicting whether the next slot matches.
// Rows that do not fit their bucket go to the next one, flagged so lookups
// follow (rare at the load used). With 16-bit fingerprints an absent key
// matches a stored one with probability (occupied slots) / 65535 per lookup,
// at most 2^-13; in a sum over 87 features that noise rarely changes a decision.
//
//   BucketTable<MoveWeights> moves(num_rows);   // 2–4 rows a bucket
//   moves.insert(key, weights);                 // distinct keys (the caller checks)
//   const MoveWeights& w = moves.get(key);      // zeros when absent
//   auto [row, mask] = moves.lookup(key);       // or: mask -1 when present, 0 when
//   sum += row->weight[0] & mask;               // absent (row is then any slot's)
//
// lookup() is the hot path's: get() picks the zero value with a select that
// compilers turn into a branch on whether the key is present, which is as
// unpredictable as the features; masking the row instead has no such branch.
// The overflow flags are a bit vector (16 KB for the parser's 131,072
// buckets), which stays in L1 where a byte per bucket did not.
//
// Header-only and internal. A table is filled once (insert is not thread-safe),
// then read from any number of threads.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <type_traits>
#include <vector>
#if defined(__linux__)
#include <sys/mman.h>
#endif
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace whosaid::core_detail {

struct FreeBytes {
  void operator()(void* p) const noexcept { std::free(p); }
};

// Zeroed bytes aligned to 64; blocks of 2 MB or more are aligned to huge pages
// and advised to use them.
inline void* allocate_zeroed(size_t bytes) {
  constexpr size_t kHugePage = size_t{2} << 20;
  const size_t align = bytes >= kHugePage ? kHugePage : 64;
  const size_t rounded = (bytes + align - 1) / align * align;
  void* p = std::aligned_alloc(align, rounded);
  if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
  if (align == kHugePage) ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
  std::memset(p, 0, rounded);
  return p;
}

template <typename Value>
class FeatureTable {
 public:
  static_assert(std::is_trivially_copyable_v<Value>, "values are copied as bytes");
  struct Slot {
    uint32_t fingerprint;  // 0: empty
    Value value;
  };

  FeatureTable() = default;
  // A table of at least `capacity` slots (a power of two, 16 or more).
  explicit FeatureTable(size_t capacity) {
    size_t n = 16;
    while (n < capacity) n *= 2;
    mask_ = n - 1;
    slots_.reset(allocate(n));
  }

  static uint32_t fingerprint(uint64_t key) noexcept {
    const auto f = static_cast<uint32_t>(key >> 32);
    return f ? f : 1;
  }

  // Stores key → value; false (and nothing stored) if the key's fingerprint is
  // already in its probe sequence, i.e. the key is a duplicate. The table must
  // keep a free slot.
  bool insert(uint64_t key, const Value& value) noexcept {
    const uint32_t f = fingerprint(key);
    uint64_t i = key & mask_;
    for (; slots_[i].fingerprint != 0; i = (i + 1) & mask_)
      if (slots_[i].fingerprint == f) return false;
    slots_[i].fingerprint = f;
    slots_[i].value = value;
    ++size_;
    return true;
  }

  const Value* find(uint64_t key) const noexcept {
    const uint32_t f = fingerprint(key);
    for (uint64_t i = key & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.fingerprint == f) return &s.value;
      if (s.fingerprint == 0) return nullptr;
    }
  }
  // find()'s value, or `absent`, the same answer without the branch on
  // which: whether a feature is in a model is as unpredictable as the text,
  // and mispredicting it cost more than the probe. The slots from the key's to
  // the end of its cache line (the line prefetch() loads; slots are 8 bytes
  // and the table 64-byte aligned) are compared at once; a probe sequence
  // running past them, rare at the load used, goes on as find() does.
  Value find_or(uint64_t key, Value absent) const noexcept {
#if defined(__SSE2__)
    if constexpr (sizeof(Slot) == 8 && sizeof(Value) == 4 && std::is_integral_v<Value>) {
      constexpr uint64_t kLine = 8;  // slots per cache line
      const uint32_t f = fingerprint(key);
      const uint64_t i = key & mask_;
      const uint64_t first = i & ~(kLine - 1);  // capacity: 2^k >= 16 slots, whole lines
      const auto* line = reinterpret_cast<const __m128i*>(slots_.get() + first);
      // Fingerprints are the even 32-bit lanes: slots 0-3, then 4-7.
      const auto fingerprints = [](__m128i a, __m128i b) {
        return _mm_castps_si128(
            _mm_shuffle_ps(_mm_castsi128_ps(a), _mm_castsi128_ps(b), _MM_SHUFFLE(2, 0, 2, 0)));
      };
      const __m128i lo = fingerprints(_mm_load_si128(line), _mm_load_si128(line + 1));
      const __m128i hi = fingerprints(_mm_load_si128(line + 2), _mm_load_si128(line + 3));
      const __m128i want = _mm_set1_epi32(static_cast<int>(f)), zero = _mm_setzero_si128();
      const unsigned match = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(lo, want))) |
                                                   _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(hi, want))) << 4);
      const unsigned empty = static_cast<unsigned>(_mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(lo, zero))) |
                                                   _mm_movemask_ps(_mm_castsi128_ps(_mm_cmpeq_epi32(hi, zero))) << 4);
      const unsigned stop = (match | empty) >> (i - first);  // from the key's slot on
      if (stop) {
        const uint64_t j = i + static_cast<uint64_t>(__builtin_ctz(stop));
        const Value found = slots_[j].value;
        const Value keep = static_cast<Value>(0) - static_cast<Value>(slots_[j].fingerprint == f);
        return static_cast<Value>((found & keep) | (absent & ~keep));
      }
    }
#endif
    const Value* v = find(key);
    return v ? *v : absent;
  }
  // Always inlined: GCC may delete calls to a function that only prefetches
  // (no side effects) before inlining them (tagger/model.h).
  [[gnu::always_inline]] void prefetch(uint64_t key) const noexcept { __builtin_prefetch(&slots_[key & mask_]); }

  size_t size() const noexcept { return size_; }          // keys stored
  size_t capacity() const noexcept { return slots_ ? mask_ + 1 : 0; }
  size_t bytes() const noexcept { return capacity() * sizeof(Slot); }

 private:
  static Slot* allocate(size_t n) { return static_cast<Slot*>(allocate_zeroed(n * sizeof(Slot))); }

  std::unique_ptr<Slot[], FreeBytes> slots_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

template <typename Value>
class BucketTable {
 public:
  static constexpr int kSlots = 8;
  static_assert(std::is_trivially_copyable_v<Value>, "values are copied as bytes");
  struct alignas(64) Bucket {
    uint16_t fingerprint[kSlots];  // 0: empty
    Value value[kSlots];
  };
  static_assert(sizeof(Bucket) == 64, "a bucket is one cache line");

  BucketTable() = default;
  // Room for `rows` values, two to four per bucket on average.
  explicit BucketTable(size_t rows) {
    size_t n = 16;
    while (n * 4 < rows) n *= 2;
    mask_ = n - 1;
    buckets_.reset(static_cast<Bucket*>(allocate_zeroed(n * sizeof(Bucket))));
    overflow_.assign((n + 63) / 64, 0);
  }

  static uint16_t fingerprint(uint64_t key) noexcept {
    const auto f = static_cast<uint16_t>(key >> 48);
    return f ? f : 1;
  }

  // Stores key → value (keys must be distinct: the caller checks).
  void insert(uint64_t key, const Value& value) noexcept {
    for (uint64_t b = key & mask_;; b = (b + 1) & mask_) {
      Bucket& bucket = buckets_[b];
      for (int j = 0; j < kSlots; ++j)
        if (bucket.fingerprint[j] == 0) {
          bucket.fingerprint[j] = fingerprint(key);
          bucket.value[j] = value;
          ++size_;
          return;
        }
      overflow_[b / 64] |= uint64_t{1} << (b % 64);
    }
  }

  [[gnu::always_inline]] void prefetch(uint64_t key) const noexcept { __builtin_prefetch(&buckets_[key & mask_]); }

  // The value of `key`, or a zero value when absent (the choice may compile
  // to a branch on which: hot paths use lookup()).
  const Value& get(uint64_t key) const noexcept {
    const Lookup l = lookup(key);
    return l.mask ? *l.value : kZero;
  }

  // The value of `key` with mask -1 when present; when absent, mask 0 and the
  // value of some slot (the caller masks it). No branch on which.
  struct Lookup {
    const Value* value;
    int32_t mask;
  };
  Lookup lookup(uint64_t key) const noexcept {
    const uint16_t f = fingerprint(key);
    for (uint64_t b = key & mask_;; b = (b + 1) & mask_) {
      const Bucket& bucket = buckets_[b];
      const unsigned hit = match(bucket, f);
      const unsigned j = static_cast<unsigned>(__builtin_ctz(hit | (1u << kSlots))) & (kSlots - 1);
      const bool spilled = (overflow_[b / 64] >> (b % 64)) & 1;
      if (__builtin_expect((hit != 0) | !spilled, 1)) return {&bucket.value[j], -int32_t{hit != 0}};
    }
  }

  size_t size() const noexcept { return size_; }
  size_t bytes() const noexcept { return buckets_ ? (mask_ + 1) * sizeof(Bucket) : 0; }

 private:
  static constexpr Value kZero{};

  // Bit j set when slot j holds fingerprint f.
  static unsigned match(const Bucket& bucket, uint16_t f) noexcept {
#if defined(__SSE2__)
    const __m128i fps = _mm_load_si128(reinterpret_cast<const __m128i*>(bucket.fingerprint));
    const __m128i eq = _mm_cmpeq_epi16(fps, _mm_set1_epi16(static_cast<short>(f)));
    return static_cast<unsigned>(_mm_movemask_epi8(_mm_packs_epi16(eq, _mm_setzero_si128())));
#else
    unsigned m = 0;
    for (int j = 0; j < kSlots; ++j) m |= unsigned{bucket.fingerprint[j] == f} << j;
    return m;
#endif
  }

  std::unique_ptr<Bucket[], FreeBytes> buckets_;
  std::vector<uint64_t> overflow_;  // bit b: bucket b spilled values into b + 1
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace whosaid::core_detail

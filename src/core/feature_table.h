// core/feature_table.h — the weight lookup of the linear models (tagger,
// parser): an open-addressing hash table from a 64-bit feature key to a small
// fixed-size value (a row reference, or the weights themselves).
//
//   FeatureTable<Row> table(2 * num_rows);           // capacity, rounded up to 2^k
//   if (!table.insert(key, row)) /* duplicate key */;
//   for (k : keys) table.prefetch(k);                // start the cache misses early,
//   for (k : keys) if (const Row* r = table.find(k)) …  // then look them up in turn
//
// Keys are hashes already (never 0): the low bits choose the slot and the high
// 32 bits are kept as a fingerprint (an absent key matches a stored one with
// probability 2^-32 per probe). Linear probing. The slots of a large table sit
// on transparent huge pages where the system allows it, as lookups into tables
// of several MB otherwise spend much of their time in TLB misses.
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
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace whosaid::core_detail {

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
  void prefetch(uint64_t key) const noexcept { __builtin_prefetch(&slots_[key & mask_]); }

  size_t size() const noexcept { return size_; }          // keys stored
  size_t capacity() const noexcept { return slots_ ? mask_ + 1 : 0; }
  size_t bytes() const noexcept { return capacity() * sizeof(Slot); }

 private:
  struct Free {
    void operator()(Slot* p) const noexcept { std::free(p); }
  };
  static constexpr size_t kHugePage = size_t{2} << 20;

  // Zeroed slots; tables of 2 MB or more are aligned to huge pages and
  // advised to use them.
  static Slot* allocate(size_t n) {
    const size_t bytes = n * sizeof(Slot);
    void* p = nullptr;
    if (bytes >= kHugePage) {
      const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
      p = std::aligned_alloc(kHugePage, rounded);
#if defined(__linux__) && defined(MADV_HUGEPAGE)
      if (p) ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
    } else {
      p = std::malloc(bytes);
    }
    if (!p) throw std::bad_alloc();
    std::memset(p, 0, bytes);
    return static_cast<Slot*>(p);
  }

  std::unique_ptr<Slot[], Free> slots_;
  uint64_t mask_ = 0;
  size_t size_ = 0;
};

}  // namespace whosaid::core_detail

// core/huge_pages.h — an allocator for the large tables the models read at
// random (weights, vocabularies, caches), on transparent huge pages where the
// system allows it.
//
//   std::vector<int32_t, core_detail::HugePageAllocator<int32_t>> weights;
//
// A model's lookups land anywhere in megabytes of weights: with 4 KB pages
// nearly each one also misses the TLB, and the page walk adds to the cache
// miss. Blocks of kMinBytes (512 KB) or more are aligned to 2 MB and advised
// to use huge pages (madvise, as core/feature_table.h does for its tables);
// smaller ones are ordinary. Header-only and internal.
#pragma once

#include <cstddef>
#include <cstdlib>
#include <new>
#if defined(__linux__)
#include <sys/mman.h>
#endif

namespace whosaid::core_detail {

template <typename T>
struct HugePageAllocator {
  using value_type = T;
  static constexpr size_t kHugePage = size_t{2} << 20;
  // Below this, a huge page would be mostly padding (memory a process pays
  // for once touched); the tagger's dense rows (0.95 MB) are above.
  static constexpr size_t kMinBytes = size_t{1} << 19;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) noexcept {}

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes < kMinBytes) {
      void* p = std::malloc(bytes ? bytes : 1);
      if (!p) throw std::bad_alloc();
      return static_cast<T*>(p);
    }
    const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
    void* p = std::aligned_alloc(kHugePage, rounded);
    if (!p) throw std::bad_alloc();
#if defined(__linux__) && defined(MADV_HUGEPAGE)
    ::madvise(p, rounded, MADV_HUGEPAGE);
#endif
    return static_cast<T*>(p);
  }
  void deallocate(T* p, size_t) noexcept { std::free(p); }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const noexcept { return true; }
  template <typename U>
  bool operator!=(const HugePageAllocator<U>&) const noexcept { return false; }
};

}  // namespace whosaid::core_detail

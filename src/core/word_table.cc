#include "core/word_table.h"

#include <algorithm>
#include <cstring>

namespace whosaid {

namespace {

template <typename T>
T load(const char* p) noexcept {
  T v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

// a[0, n) == b[0, n), by two overlapping loads for the short words a table
// mostly holds (a call to memcmp cost more than the comparison).
bool same_bytes(const char* a, const char* b, size_t n) noexcept {
  if (n >= 8) {
    if (n > 16) return std::memcmp(a, b, n) == 0;
    return load<uint64_t>(a) == load<uint64_t>(b) && load<uint64_t>(a + n - 8) == load<uint64_t>(b + n - 8);
  }
  if (n >= 4) return load<uint32_t>(a) == load<uint32_t>(b) && load<uint32_t>(a + n - 4) == load<uint32_t>(b + n - 4);
  for (size_t i = 0; i < n; ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace

uint32_t WordTable::find(std::string_view w, uint64_t h) const noexcept {
  if (slots_.empty()) return kNone;
  const size_t mask = slots_.size() - 1;
  const uint64_t tag = h << 32;
  for (size_t i = static_cast<size_t>(h >> 32) & mask;; i = (i + 1) & mask) {
    const uint64_t s = slots_[i];
    if (s == 0) return kNone;
    if ((s & ~uint64_t{0xFFFFFFFF}) != tag) continue;
    const uint32_t id = static_cast<uint32_t>(s) - 1;
    const uint32_t b = begin_[id], n = begin_[id + 1] - b;
    if (n == w.size() && same_bytes(chars_.data() + b, w.data(), n)) return id;
  }
}

uint32_t WordTable::intern(std::string_view w, uint64_t h) {
  if (const uint32_t id = find(w, h); id != kNone) return id;
  if ((hashes_.size() + 1) * 2 > slots_.size()) grow();
  const uint32_t id = static_cast<uint32_t>(hashes_.size());
  chars_.append(w);
  begin_.push_back(static_cast<uint32_t>(chars_.size()));
  hashes_.push_back(h);
  place(id);
  return id;
}

void WordTable::place(uint32_t id) noexcept {
  const uint64_t h = hashes_[id];
  const size_t mask = slots_.size() - 1;
  size_t i = static_cast<size_t>(h >> 32) & mask;
  while (slots_[i] != 0) i = (i + 1) & mask;
  slots_[i] = (h << 32) | (uint64_t{id} + 1);
}

void WordTable::grow() {
  slots_.assign(slots_.empty() ? 64 : slots_.size() * 2, 0);
  for (uint32_t id = 0; id < hashes_.size(); ++id) place(id);
}

void WordTable::clear() noexcept {
  if (hashes_.size() * 8 < slots_.size()) {
    // Few words in a large table (one kept from a longer document): empty
    // their slots alone. Each word is in the run of slots from its home.
    const size_t mask = slots_.size() - 1;
    for (uint32_t id = 0; id < hashes_.size(); ++id) {
      const uint64_t full = (hashes_[id] << 32) | (uint64_t{id} + 1);
      size_t i = static_cast<size_t>(hashes_[id] >> 32) & mask;
      while (slots_[i] != full) i = (i + 1) & mask;
      slots_[i] = 0;
    }
  } else {
    std::fill(slots_.begin(), slots_.end(), 0);
  }
  chars_.clear();
  begin_.assign(1, 0);
  hashes_.clear();
}

}  // namespace whosaid

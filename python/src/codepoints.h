// UTF-8 byte offsets → Python string indices (code points), one pass per document.
//
//   CodepointMap map;
//   map.add(q.span.begin); map.add(q.span.end); ...       // every offset to convert
//   map.build(doc.text());                                // sort + one linear walk
//   int64_t start = map.at(q.span.begin);
//
// The index of byte offset b is the number of code points that start before b,
// counted as bytes that are not UTF-8 continuation bytes (10xxxxxx). For valid
// UTF-8 — and for the "surrogatepass" encoding of a Python str holding lone
// surrogates — that is exactly Python's str index, so text[start:end] is the
// quote. The walk stops at the largest requested offset.
#pragma once

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace whosaid::python {

class CodepointMap {
 public:
  void clear() {
    bytes_.clear();
    cps_.clear();
  }
  void add(uint32_t byte_offset) { bytes_.push_back(byte_offset); }

  void build(std::string_view text) {
    std::sort(bytes_.begin(), bytes_.end());
    bytes_.erase(std::unique(bytes_.begin(), bytes_.end()), bytes_.end());
    cps_.resize(bytes_.size());
    const size_t n = text.size();
    const auto* s = reinterpret_cast<const unsigned char*>(text.data());
    uint64_t cp = 0;
    size_t i = 0;
    for (size_t k = 0; k < bytes_.size(); ++k) {
      const size_t target = std::min<size_t>(bytes_[k], n);
      for (; i < target; ++i) cp += (s[i] & 0xC0) != 0x80;
      // Offsets past the end (never produced by the engine) keep counting bytes.
      cps_[k] = static_cast<int64_t>(cp + (bytes_[k] - target));
    }
  }

  // The index of a byte offset given to add() before build().
  int64_t at(uint32_t byte_offset) const {
    auto it = std::lower_bound(bytes_.begin(), bytes_.end(), byte_offset);
    return cps_[static_cast<size_t>(it - bytes_.begin())];
  }

 private:
  std::vector<uint32_t> bytes_;
  std::vector<int64_t> cps_;
};

}  // namespace whosaid::python

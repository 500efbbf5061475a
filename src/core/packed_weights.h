// core/packed_weights.h — the weights of a sparse linear model over hashed
// feature slots (coreference, mention types), kept for scoring: the slots
// that hold a weight, and nothing for the others.
//
//   PackedWeights<float> packed(dense);   // from the table a trainer fills
//   float z = 0;
//   for (uint32_t f : features) z += packed[f];   // == dense[f], 0 where dense has 0
//
// Why: those models keep a dense table, a weight (or a row of four) for each
// of 2^18 slots, 1 MB for coreference and 4 MB for the types, nearly all
// zeros (4k weights, 10k rows). Scoring reads a few dozen random slots per
// candidate, and with the tagger's and parser's tables in the caches each
// read waited for memory. Here a bit per slot says whether it holds a weight
// and a count per 64 slots ranks it among the weights, which sit back to back:
// 64 KB of bits and counts (one cache line a look-up) and the weights alone,
// which stay in cache. (Attribution's tables hold a weight in a quarter of
// their slots: packed, they still missed the cache, with one more load to
// wait for, and scored slower than dense.)
//
// A read gives exactly the dense table's value (a zero one for an empty
// slot), so a sum in the same order is bit-identical to the dense one. An
// entry equal to Value{} is left out; a -0.0 weight so reads as +0.0, which
// changes no sum that starts from +0.0 (x + -0.0 == x + +0.0 for every x
// but -0.0, and such a sum is never -0.0).
//
// Header-only and internal. Immutable after construction; safe to read from
// any thread.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace whosaid::core_detail {

template <typename Value>
class PackedWeights {
 public:
  PackedWeights() = default;
  explicit PackedWeights(const std::vector<Value>& dense) {
    blocks_.assign((dense.size() + 63) / 64, Block{});
    values_.assign(1, Value{});  // index 0: what an empty slot reads
    for (size_t i = 0; i < dense.size(); ++i) {
      Block& b = blocks_[i / 64];
      if (i % 64 == 0) b.rank = static_cast<uint32_t>(values_.size());
      if (dense[i] == Value{}) continue;
      b.bits |= uint64_t{1} << (i % 64);
      values_.push_back(dense[i]);
    }
  }

  // Nothing packed (a default-constructed object): the model scores with its dense table.
  bool empty() const noexcept { return blocks_.empty(); }

  // The weight of `slot` (< the dense table's size). No branch on whether
  // the slot holds one: which slots do is as unpredictable as the features.
  const Value& operator[](uint32_t slot) const noexcept {
    const Block& b = blocks_[slot >> 6];
    const unsigned bit = slot & 63;
    const uint32_t present = static_cast<uint32_t>(b.bits >> bit) & 1u;
    const uint32_t rank = b.rank + ones(b.bits & ((uint64_t{1} << bit) - 1));
    return values_[rank & (0u - present)];
  }

 private:
  // std::popcount, inline: without -mpopcnt (the build sets no -march) it is
  // a call into libgcc, which made scoring slower than the dense table.
  static uint32_t ones(uint64_t x) noexcept {
    x -= (x >> 1) & 0x5555555555555555ull;
    x = (x & 0x3333333333333333ull) + ((x >> 2) & 0x3333333333333333ull);
    x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0Full;
    return static_cast<uint32_t>((x * 0x0101010101010101ull) >> 56);
  }

  struct Block {
    uint64_t bits = 0;  // bit j: slot 64 * block + j holds a weight
    uint32_t rank = 0;  // index in values_ of the block's first weight
  };
  std::vector<Block> blocks_;
  std::vector<Value> values_;
};

}  // namespace whosaid::core_detail

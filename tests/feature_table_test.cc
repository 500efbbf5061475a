// Tests for core/feature_table.h: the weight tables of the tagger and parser,
// against a std::unordered_map holding the same keys (differential).
#include <gtest/gtest.h>

#include <cstdint>
#include <unordered_map>

#include "core/feature_table.h"
#include "tagger/features.h"

namespace whosaid::core_detail {
namespace {

uint64_t key_of(uint64_t i) { return tagger_detail::feature_key(7, i); }

TEST(FeatureTable, FindsWhatWasInsertedAndNothingElse) {
  FeatureTable<uint32_t> table(2 * 5000);
  for (uint32_t i = 0; i < 5000; ++i) ASSERT_TRUE(table.insert(key_of(i), i + 1));
  EXPECT_FALSE(table.insert(key_of(17), 99));  // duplicate
  EXPECT_EQ(table.size(), 5000u);
  for (uint32_t i = 0; i < 5000; ++i) {
    const uint32_t* v = table.find(key_of(i));
    ASSERT_NE(v, nullptr);
    EXPECT_EQ(*v, i + 1);
  }
  for (uint32_t i = 5000; i < 10000; ++i) EXPECT_EQ(table.find(key_of(i)), nullptr);
}

// find_or() compares a cache line of slots at once: it must give find()'s
// answer, also where probe sequences run past a line or wrap around the end
// (a table nearly full), and for absent keys.
TEST(FeatureTable, FindOrAgreesWithFind) {
  for (const size_t keys : {5000u, 15u, 60u}) {
    FeatureTable<uint32_t> table(keys < 100 ? keys + 1 : 2 * keys);  // 16 or 64 slots when small
    for (uint32_t i = 0; i < keys; ++i) ASSERT_TRUE(table.insert(key_of(i), i + 1));
    for (uint32_t i = 0; i < 3 * keys; ++i) {
      const uint32_t* v = table.find(key_of(i));
      EXPECT_EQ(table.find_or(key_of(i), 12345u), v ? *v : 12345u) << keys << " keys, key " << i;
    }
  }
}

struct Row {
  int16_t w[3];
};

TEST(BucketTable, AgreesWithAMapIncludingOverflowingBuckets) {
  // Sized for fewer rows than it gets (about 6 a bucket of 8 instead of 2–4),
  // so that many buckets overflow into their neighbours.
  for (size_t rows : {size_t{90}, size_t{20000}}) {
    BucketTable<Row> table(rows * 2 / 3);
    std::unordered_map<uint64_t, Row> reference;
    for (uint32_t i = 0; i < rows; ++i) {
      const Row r{{int16_t(i), int16_t(-int(i % 1000)), int16_t(7)}};
      table.insert(key_of(i), r);
      reference[key_of(i)] = r;
    }
    EXPECT_EQ(table.size(), rows);
    for (const auto& [key, row] : reference) {
      const Row& got = table.get(key);
      EXPECT_EQ(got.w[0], row.w[0]);
      EXPECT_EQ(got.w[1], row.w[1]);
      EXPECT_EQ(got.w[2], row.w[2]);
      const auto [found, mask] = table.lookup(key);
      EXPECT_EQ(mask, -1);
      EXPECT_EQ(found, &got);
    }
    // Absent keys read zeros, but for the rare 16-bit fingerprint clash;
    // lookup() agrees once masked.
    size_t clashes = 0;
    for (uint32_t i = 1000000; i < 1100000; ++i) {
      const Row& got = table.get(key_of(i));
      clashes += got.w[0] != 0 || got.w[1] != 0 || got.w[2] != 0;
      const auto [found, mask] = table.lookup(key_of(i));
      for (int c = 0; c < 3; ++c) ASSERT_EQ(found->w[c] & mask, got.w[c]);
    }
    EXPECT_LT(clashes, 100000u / 1000u) << rows;
  }
}

}  // namespace
}  // namespace whosaid::core_detail

// The learned attribution model: training is deterministic, the model file
// round-trips and a damaged one is refused with a clear error.
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "attribution/model.h"
#include "attribution/trainer.h"
#include "test_data.h"
#include "test_util.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"

namespace whosaid {
namespace {

const std::string kTrain = std::string(WHOSAID_FIXTURES) + "/attribution/train.jsonl";

AttributionTrainer trainer_over(const std::string& path) {
  std::ifstream in(path);
  eval::GoldReader reader(in, path);
  AttributionTrainer trainer;
  eval::GoldDocument gold;
  while (reader.next(gold)) trainer.add(gold);
  return trainer;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(AttributionTrainer, SameDataGivesByteIdenticalModels) {
  AttributionTrainReport r1, r2;
  const std::string a = trainer_over(kTrain).train(&r1).serialize();
  const std::string b = trainer_over(kTrain).train(&r2).serialize();
  EXPECT_EQ(a, b);
  EXPECT_EQ(r1.documents, 5u);
  EXPECT_EQ(r1.gold, 13u);
  // "Drivers said they were stuck" is a candidate the annotation leaves out.
  EXPECT_GT(r1.candidates, r1.positives);
  EXPECT_GT(r1.positives, 0u);
  EXPECT_GT(r1.threshold, 0.0f);
  EXPECT_LT(r1.threshold, 1.0f);
}

TEST(AttributionTrainer, CliTrainingTwiceWritesIdenticalFiles) {
  const auto dir = std::filesystem::temp_directory_path() / ("whosaid-train-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  for (const char* name : {"one.bin", "two.bin"}) {
    const std::string cmd = std::string(WHOSAID_BINARY) + " train attribution --train " + kTrain + " --out " +
                            (dir / name).string() + " >/dev/null";
    ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  }
  const std::string one = slurp((dir / "one.bin").string()), two = slurp((dir / "two.bin").string());
  EXPECT_FALSE(one.empty());
  EXPECT_EQ(one, two);
  EXPECT_NO_THROW(AttributionModel::parse(one));
  std::filesystem::remove_all(dir);
}

TEST(AttributionModel, RoundTripsThroughItsFile) {
  AttributionModel m;
  m.weights()[7] = 0.5f;
  m.weights()[(1u << kFeatureBits) - 1] = -2.25f;
  m.set_calibration(0.75f, -0.1f);
  m.set_threshold(0.3f);
  FeatureVector f;
  f.add("x");
  m.end_weights()[f.ids()[0]] = 1.5f;
  const std::string bytes = m.serialize();
  const AttributionModel back = AttributionModel::parse(bytes);
  EXPECT_EQ(back.serialize(), bytes);
  EXPECT_FLOAT_EQ(back.threshold(), 0.3f);
  EXPECT_FLOAT_EQ(back.probability(f.ids()), m.probability(f.ids()));
  EXPECT_TRUE(back.has_end_model());
  EXPECT_FLOAT_EQ(back.end_score(f.ids()), 1.5f);
  EXPECT_FALSE(back.has_start_model());
  EXPECT_FLOAT_EQ(back.start_score(f.ids()), 0.0f);
}

TEST(AttributionModel, StartTableRoundTripsApartFromTheEndTable) {
  AttributionModel m;
  FeatureVector f;
  f.add("s-shift", 1);
  m.start_weights()[f.ids()[0]] = -0.75f;
  const std::string bytes = m.serialize();
  const AttributionModel back = AttributionModel::parse(bytes);
  EXPECT_EQ(back.serialize(), bytes);
  EXPECT_TRUE(back.has_start_model());
  EXPECT_FALSE(back.has_end_model());
  EXPECT_FLOAT_EQ(back.start_score(f.ids()), -0.75f);
  EXPECT_FLOAT_EQ(back.end_score(f.ids()), 0.0f);
}

TEST(AttributionModel, VersionTwoFilesAreRefused) {
  // Version 2 had no content-start table: an old file must not load as a new one.
  std::string old = AttributionModel().serialize();
  const size_t digit = old.find('\n') - 1;
  ASSERT_EQ(old[digit], '3');
  old[digit] = '2';
  old.resize(old.size() - 4);  // two tables
  try {
    AttributionModel::parse(old);
    ADD_FAILURE() << "a version 2 model loaded";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("version 3"), std::string::npos);
  }
}

TEST(AttributionModel, FuzzSeedsParseOrFailCleanly) {
  // fuzz/corpus/attribution_model: the seeds that are whole files load and round-trip.
  const std::string dir = std::string(WHOSAID_SOURCE_DIR) + "/fuzz/corpus/attribution_model/";
  for (const char* name : {"empty_tables", "small"}) {
    const std::string bytes = slurp(dir + name);
    ASSERT_FALSE(bytes.empty()) << name;
    EXPECT_EQ(AttributionModel::parse(bytes).serialize(), bytes) << name;
  }
  EXPECT_THROW(AttributionModel::parse(slurp(dir + "truncated")), Error);
}

TEST(AttributionModel, DamagedFilesAreRefusedWithTheReason) {
  AttributionModel m;
  m.weights()[3] = 1.0f;
  const std::string good = m.serialize();
  auto message = [](const std::string& bytes) {
    try {
      AttributionModel::parse(bytes);
    } catch (const Error& e) {
      EXPECT_EQ(e.code(), ErrorCode::kModel);
      return std::string(e.what());
    }
    return std::string("(accepted)");
  };
  EXPECT_NE(message("not a model").find("bad magic"), std::string::npos);
  EXPECT_NE(message(good.substr(0, good.size() - 2)).find("truncated"), std::string::npos);
  EXPECT_NE(message(good + "x").find("unexpected bytes"), std::string::npos);
  // An explicit zero weight (never written) would not round-trip: found by the fuzzer.
  std::string zero = good;
  const float nothing = 0.0f;
  std::memcpy(zero.data() + 28 + 4 + 12 + 4 + 4, &nothing, 4);  // magic, bits, 3 floats, count, slot
  EXPECT_NE(message(zero).find("bad acceptance weight entry 0"), std::string::npos);
  AttributionModel s;
  s.start_weights()[5] = 1.0f;
  std::string zero_start = s.serialize();
  std::memcpy(zero_start.data() + zero_start.size() - 4, &nothing, 4);  // the last table's only weight
  EXPECT_NE(message(zero_start).find("bad content-start weight entry 0"), std::string::npos);
  std::string bad_threshold = good;
  const float two = 2.0f;
  std::memcpy(bad_threshold.data() + 28 + 4 + 8, &two, 4);  // magic, bits, scale, shift, threshold
  EXPECT_NE(message(bad_threshold).find("threshold"), std::string::npos);
}

TEST(AttributionModel, FeatureIdsAreStableAndInRange) {
  FeatureVector a, b;
  a.add("lemma", "say");
  b.add("lemma", "say");
  a.add("lemma", "tell");
  EXPECT_EQ(a.ids()[0], b.ids()[0]);
  EXPECT_NE(a.ids()[0], a.ids()[1]);
  for (uint32_t id : a.ids()) EXPECT_LT(id, 1u << kFeatureBits);
}

// The shipped data/attribution.bin is what `whosaid train attribution` makes
// from PolNeAR train with this code: a model left over from an earlier rule
// change, or one that depends on memory contents, fails here.
TEST(AttributionTrainer, ShippedModelIsWhatTrainingOnPolnearTrainGives) {
  WHOSAID_REQUIRE_DATA(train, "polnear/train/docs.jsonl");
  const AttributionModel model = trainer_over(train).train();
  EXPECT_TRUE(model.serialize() == AttributionModel::builtin().serialize())
      << "data/attribution.bin is stale: rerun whosaid train attribution --train " << train
      << " --out data/attribution.bin (docs/model.md)";
}

TEST(AttributionModel, BuiltinModelLoads) {
  const AttributionModel& m = AttributionModel::builtin();
  EXPECT_GT(m.threshold(), 0.0f);
  EXPECT_LT(m.threshold(), 1.0f);
}

}  // namespace
}  // namespace whosaid

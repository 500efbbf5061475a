// `whosaid extract` output shapes (#15 point 11): one JSON document for
// --format json whatever the number of inputs, and a missing input among
// several reported while the others are processed.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_util.h"

namespace whosaid {
namespace {

using nlohmann::json;
using testing::CommandResult;
using testing::run_whosaid;

class ExtractCli : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() / ("extract_cli_" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
    write("a.txt", "Prime Minister John Key said the decision was the Government's alone.\n");
    write("b.txt", "\"We will not back it,\" Labour leader Andrew Little said on Tuesday.\n");
    write("c.jsonl",
          "{\"id\":\"one\",\"text\":\"Mr Key said the plan would work.\"}\n"
          "{\"id\":\"two\",\"text\":\"Ms Ross said it would fail.\"}\n");
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
  std::string path(const std::string& name) const { return (dir_ / name).string(); }

  std::filesystem::path dir_;
};

TEST_F(ExtractCli, JsonOfOneFileIsItsObject) {
  const CommandResult r = run_whosaid("extract --format json " + path("a.txt"), "xa");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j.is_object()) << r.out;
  EXPECT_FALSE(j["quotes"].empty());
}

TEST_F(ExtractCli, JsonOfSeveralFilesIsOneArray) {
  const CommandResult r = run_whosaid("extract --format json " + path("a.txt") + " " + path("b.txt"), "xb");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);  // throws (fails) on two concatenated objects
  ASSERT_TRUE(j.is_array()) << r.out;
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["id"], path("a.txt"));
  EXPECT_EQ(j[1]["id"], path("b.txt"));
}

TEST_F(ExtractCli, JsonOfAJsonlInputIsOneArray) {
  const CommandResult r = run_whosaid("extract --jsonl --format json " + path("c.jsonl"), "xc");
  ASSERT_EQ(r.status, 0) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j.is_array()) << r.out;
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["id"], "one");
  EXPECT_EQ(j[1]["id"], "two");
}

TEST_F(ExtractCli, MissingInputAmongSeveralIsReportedAndTheOthersProcessed) {
  const CommandResult r =
      run_whosaid("extract --format json " + path("a.txt") + " " + path("nope.txt") + " " + path("b.txt"), "xd");
  EXPECT_EQ(r.status, 3) << r.err;
  EXPECT_NE(r.err.find("nope.txt"), std::string::npos) << r.err;
  const json j = json::parse(r.out);
  ASSERT_TRUE(j.is_array()) << r.out;
  EXPECT_EQ(j.size(), 2u);
}

}  // namespace
}  // namespace whosaid

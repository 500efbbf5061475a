// Golden tests: short articles written for whosaid (tests/golden/*.txt) and the
// quotes expected from them (*.quotes.jsonl, one quote per line, as printed by
// `whosaid extract`). After a deliberate change in behaviour, regenerate with
//   scripts/update-golden.sh
// and review the diff before committing it.
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>

#include "io/quote_json.h"
#include "test_util.h"

namespace whosaid {
namespace {

namespace fs = std::filesystem;

std::string read_file(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quotes_jsonl(const Document& doc) {
  std::string out;
  for (const Quote& q : doc.quotes) {
    append_quote_json(doc, q, out);
    out += '\n';
  }
  return out;
}

class Golden : public ::testing::TestWithParam<std::string> {};

TEST_P(Golden, QuotesMatchTheReviewedOutput) {
  const fs::path txt = fs::path(WHOSAID_SOURCE_DIR) / "tests/golden" / (GetParam() + ".txt");
  const fs::path expected_path = fs::path(WHOSAID_SOURCE_DIR) / "tests/golden" / (GetParam() + ".quotes.jsonl");
  Document doc = testing::extractor().extract(read_file(txt), GetParam());
  const std::string actual = quotes_jsonl(doc);
  if (const char* update = std::getenv("WHOSAID_UPDATE_GOLDEN"); update && *update == '1') {
    std::ofstream(expected_path, std::ios::binary) << actual;
    GTEST_SKIP() << "rewrote " << expected_path;
  }
  ASSERT_TRUE(fs::exists(expected_path)) << expected_path << " missing: run scripts/update-golden.sh";
  EXPECT_EQ(actual, read_file(expected_path)) << "golden output changed for " << txt
                                              << "; if intended, run scripts/update-golden.sh and review the diff";
}

std::vector<std::string> golden_names() {
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(fs::path(WHOSAID_SOURCE_DIR) / "tests/golden"))
    if (e.path().extension() == ".txt") names.push_back(e.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

INSTANTIATE_TEST_SUITE_P(Articles, Golden, ::testing::ValuesIn(golden_names()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace whosaid

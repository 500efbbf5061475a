// The optional per-stage hook of run_pipeline (pipeline/pipeline.h), which the
// pipeline benchmark times stages with: called in stage order, on the installing
// thread only, and without changing what the pipeline finds. Nothing is timed.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "pipeline/pipeline.h"
#include "whosaid/extractor.h"

namespace whosaid {
namespace {

class Recorder final : public StageObserver {
 public:
  void begin(const Document& doc) override {
    events.push_back("begin");
    text_at_begin = std::string(doc.text());
  }
  void stage_done(const char* stage, const Document& doc) override {
    events.push_back(stage);
    tokens.push_back(doc.tokens.size());
  }
  std::vector<std::string> events;
  std::vector<size_t> tokens;
  std::string text_at_begin;
};

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string quote_summary(const Document& doc) {
  std::string out;
  for (const Quote& q : doc.quotes) {
    out += std::to_string(q.span.begin) + "-" + std::to_string(q.span.end) + " " +
           std::to_string(static_cast<int>(q.kind)) + " " + std::to_string(q.confidence);
    if (q.speaker) out += " " + q.speaker->name;
    out += "\n";
  }
  return out;
}

TEST(StageObserver, CalledAfterEachStageInOrder) {
  const std::string text = read_file(std::string(WHOSAID_SOURCE_DIR) + "/examples/parliament.txt");
  ASSERT_FALSE(text.empty());
  Extractor extractor;
  Recorder rec;
  EXPECT_EQ(set_stage_observer(&rec), nullptr);
  Document doc = extractor.extract(text);
  EXPECT_EQ(set_stage_observer(nullptr), &rec);
  const std::vector<std::string> want = {"begin",     "segment",     "fold",     "layout",
                                         "quotes",    "sentences",   "cues",     "mentions",
                                         "attribution", "speakers", "source spans", "layout drop"};
  EXPECT_EQ(rec.events, want);
  EXPECT_EQ(rec.text_at_begin, text);
  // Tokens exist from the segment stage on.
  ASSERT_FALSE(rec.tokens.empty());
  EXPECT_GT(rec.tokens.front(), 0u);
  EXPECT_FALSE(doc.quotes.empty());

  // Uninstalled: not called again.
  rec.events.clear();
  (void)extractor.extract(text);
  EXPECT_TRUE(rec.events.empty());
}

TEST(StageObserver, DoesNotChangeTheOutput) {
  const std::string text = read_file(std::string(WHOSAID_SOURCE_DIR) + "/examples/parliament.txt");
  Extractor extractor;
  const std::string plain = quote_summary(extractor.extract(text));
  Recorder rec;
  set_stage_observer(&rec);
  const std::string observed = quote_summary(extractor.extract(text));
  set_stage_observer(nullptr);
  EXPECT_EQ(plain, observed);
  EXPECT_FALSE(plain.empty());
}

TEST(StageObserver, OnlyTheInstallingThread) {
  Extractor extractor;
  Recorder rec;
  set_stage_observer(&rec);
  std::thread other([&] { (void)extractor.extract("\"It is late,\" she said."); });
  other.join();
  set_stage_observer(nullptr);
  EXPECT_TRUE(rec.events.empty());
}

}  // namespace
}  // namespace whosaid

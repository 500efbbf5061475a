// Search results as CSV and JSON Lines (src/server/export.h).
#include "server/export.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace whosaid::server {
namespace {

using nlohmann::json;

StoredQuote hit(const std::string& text, const std::string& speaker) {
  StoredQuote q;
  q.id = 7;
  q.text = text;
  q.spans = {{10, 20}};
  q.speaker = speaker;
  q.cue = "said";
  q.confidence = 0.5f;
  q.statement_id = 3;
  q.article_id = 2;
  q.source_id = "a-2";
  q.outlet = "Herald";
  q.date = "2014-05-02";
  q.title = "T";
  q.url = "https://x.example/a";
  return q;
}

TEST(ExportCsv, HeaderThenOneRowPerResultWithRfc4180Quoting) {
  EXPECT_EQ(hits_csv({hit("We said \"no\", twice\nthen left", "Anna Berg")}),
            "id,text,kind,speaker,speaker_id,role,org,mention,speaker_type,cue,confidence,start,end,"
            "statement_id,other_articles,article_id,source_id,outlet,date,title,url\r\n"
            "7,\"We said \"\"no\"\", twice\nthen left\",direct,Anna Berg,,,,,,said,0.5,10,20,3,0,2,a-2,"
            "Herald,2014-05-02,T,https://x.example/a\r\n");
}

TEST(ExportCsv, CellsASpreadsheetWouldRunGetAnApostrophe) {
  for (const char* formula : {"=1+2", "+1", "-cmd", "@SUM(A1)"}) {
    std::string csv = hits_csv({hit(formula, "")});
    EXPECT_NE(csv.find(",'" + std::string(formula) + ","), std::string::npos) << csv;
  }
  EXPECT_NE(hits_csv({hit("no formula", "")}).find(",no formula,"), std::string::npos);
}

TEST(ExportJsonl, OneObjectPerLineAsSearchWritesIt) {
  std::vector<StoredQuote> hits = {hit("a\nb", "X"), hit("c", "")};
  std::string out = hits_jsonl(hits);
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
  const json first = json::parse(out.substr(0, out.find('\n')));
  EXPECT_EQ(first["text"], "a\nb");
  EXPECT_EQ(first["speaker"]["name"], "X");
  EXPECT_TRUE(first["speaker"]["mention"].is_null());
  EXPECT_EQ(first["article"]["outlet"], "Herald");
  EXPECT_TRUE(json::parse(out.substr(out.find('\n') + 1))["speaker"].is_null());
  EXPECT_EQ(hits_jsonl({}), "");
}

TEST(ExportFormat, Names) {
  ExportFormat f;
  EXPECT_TRUE(parse_export_format("", f) && f == ExportFormat::kJson);
  EXPECT_TRUE(parse_export_format("csv", f) && f == ExportFormat::kCsv);
  EXPECT_TRUE(parse_export_format("jsonl", f) && f == ExportFormat::kJsonl);
  EXPECT_FALSE(parse_export_format("CSV", f));
  EXPECT_FALSE(parse_export_format("xml", f));
}

}  // namespace
}  // namespace whosaid::server

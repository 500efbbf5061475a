// Search results as CSV and JSON Lines (src/server/export.h).
#include "server/export.h"

#include <gtest/gtest.h>

#include <algorithm>

#include <nlohmann/json.hpp>

namespace whosaid::server {
namespace {

using nlohmann::json;

json hit(const std::string& text, const json& speaker) {
  return {{"id", 7}, {"text", text}, {"kind", "direct"}, {"speaker", speaker}, {"speaker_id", nullptr},
          {"role", ""}, {"org", ""}, {"mention", ""}, {"cue", "said"}, {"confidence", 0.5},
          {"statement_id", 3}, {"other_articles", 0},
          {"article", {{"id", 2}, {"source_id", "a-2"}, {"outlet", "Herald"}, {"date", "2014-05-02"},
                       {"title", "T"}, {"url", "https://x.example/a"}}}};
}

TEST(ExportCsv, HeaderThenOneRowPerResultWithRfc4180Quoting) {
  json hits = json::array({hit("We said \"no\", twice\nthen left", "Anna Berg")});
  EXPECT_EQ(hits_csv(hits),
            "id,text,kind,speaker,speaker_id,role,org,mention,cue,confidence,statement_id,"
            "other_articles,article_id,source_id,outlet,date,title,url\r\n"
            "7,\"We said \"\"no\"\", twice\nthen left\",direct,Anna Berg,,,,,said,0.5,3,0,2,a-2,Herald,"
            "2014-05-02,T,https://x.example/a\r\n");
}

TEST(ExportCsv, CellsASpreadsheetWouldRunGetAnApostrophe) {
  for (const char* formula : {"=1+2", "+1", "-cmd", "@SUM(A1)"}) {
    std::string csv = hits_csv(json::array({hit(formula, nullptr)}));
    EXPECT_NE(csv.find(",'" + std::string(formula) + ","), std::string::npos) << csv;
  }
  EXPECT_NE(hits_csv(json::array({hit("no formula", nullptr)})).find(",no formula,"),
            std::string::npos);
}

TEST(ExportJsonl, OneObjectPerLine) {
  json hits = json::array({hit("a\nb", "X"), hit("c", nullptr)});
  std::string out = hits_jsonl(hits);
  ASSERT_EQ(std::count(out.begin(), out.end(), '\n'), 2);
  EXPECT_EQ(json::parse(out.substr(0, out.find('\n'))), hits[0]);
  EXPECT_EQ(hits_jsonl(json::array()), "");
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

// The one quote writer (src/io/quote_json.h, src/store/hit_json.h) and the text
// rule (src/io/quote_text.h): a split quote's fragments joined by " … ", a mixed
// quote's quotation marks balanced, unknown values null. python/tests/test_schema.py
// checks that every output path writes the same objects.
#include "io/quote_json.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdio>
#include <string>

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "io/quote_text.h"
#include "store/hit_json.h"
#include "test_util.h"

namespace whosaid {
namespace {

using nlohmann::json;
using testing::extractor;

const Quote* find(const Document& doc, QuoteKind kind, size_t fragments) {
  for (const Quote& q : doc.quotes)
    if (q.kind == kind && q.spans.size() == fragments) return &q;
  return nullptr;
}

TEST(QuoteText, SplitQuoteIsItsFragmentsJoined) {
  Document doc = extractor().extract(
      "\"We were second best,\" Sam Allen told reporters. \"But these lads will be better for it.\"\n");
  const Quote* q = find(doc, QuoteKind::kDirect, 2);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(quote_text(doc, *q), "We were second best \xE2\x80\xA6 But these lads will be better for it.");
}

TEST(QuoteText, MixedQuoteKeepsItsQuotationMarksBalanced) {
  Document doc = extractor().extract(
      "Dr Norman said the rhetoric was \"part of a pattern we've seen in Britain\".\n");
  const Quote* q = find(doc, QuoteKind::kMixed, 1);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "the rhetoric was \"part of a pattern we've seen in Britain");
  EXPECT_EQ(quote_text(doc, *q), "the rhetoric was \"part of a pattern we've seen in Britain\"");
}

TEST(QuoteText, OneFragmentWithoutMarksIsTheSlice) {
  Document doc = extractor().extract("\"The harbour will open in May,\" Mayor Jane Holt said.\n");
  const Quote* q = find(doc, QuoteKind::kDirect, 1);
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(quote_text(doc, *q), doc.slice(q->span));
}

TEST(QuoteJson, EveryFieldPresentAndUnknownValuesNull) {
  Document doc = extractor().extract("\"The harbour will open in May,\" Mayor Jane Holt said.\n");
  ASSERT_FALSE(doc.quotes.empty());
  std::string out;
  append_quote_json(doc, doc.quotes[0], out);
  const json j = json::parse(out);
  EXPECT_EQ(j.size(), 8u) << out;
  EXPECT_EQ(j["speaker"]["name"], "Jane Holt");
  EXPECT_EQ(j["speaker"]["role"], "Mayor");
  EXPECT_TRUE(j["speaker"]["org"].is_null()) << out;  // not ""
  EXPECT_NE(out.find("\"confidence\":0."), std::string::npos);
  EXPECT_EQ(out.substr(out.find("\"confidence\":") + 13).size(), 6u) << out;  // 0.xyz}
}

// Each byte escaped alone: the reference append_json_string() must match with
// its eight-byte runs.
std::string escaped_byte_by_byte(std::string_view s) {
  std::string out = "\"";
  for (size_t i = 0; i < s.size(); ++i) {
    std::string one;
    append_json_string(s.substr(i, 1), one);
    if (static_cast<unsigned char>(s[i]) >= 0x80) {  // UTF-8 checked whole
      size_t len;
      const bool ok = utf8::decode(s, i, len) != utf8::kInvalid;
      out += ok ? std::string(s.substr(i, len)) : "\xEF\xBF\xBD";
      i += len - 1;
      continue;
    }
    out += one.substr(1, one.size() - 2);
  }
  return out + "\"";
}

TEST(QuoteJson, StringsEscapedAtEveryPlaceOfAnEightByteRun) {
  // A character to escape (or a multibyte one, or an ill-formed byte) at each
  // offset of a plain ASCII run, in strings of several lengths.
  const std::string specials[] = {"\"", "\\", "\n", "\t", std::string(1, '\x01'), std::string(1, '\x1f'),
                                  "\x7f", "\xE2\x80\x9D", "\xC3\xA9", "\xFF", "\xE2\x80"};
  for (const std::string& special : specials) {
    for (size_t before = 0; before < 20; ++before) {
      for (size_t after : {0, 1, 7, 8, 9, 17}) {
        const std::string s = std::string(before, 'a') + special + std::string(after, 'Z');
        std::string out;
        append_json_string(s, out);
        EXPECT_EQ(out, escaped_byte_by_byte(s)) << before << " " << after;
      }
    }
  }
}

TEST(QuoteJson, ConfidenceWrittenAsPrintfWritesIt) {
  // to_chars(fixed, 3) and "%.3f" on every thousandth, the halves between them
  // (ties) and values just beside them.
  for (int k = 0; k <= 2000; ++k) {
    for (float f : {k / 2000.0f, std::nextafter(k / 2000.0f, 2.0f), std::nextafter(k / 2000.0f, -1.0f)}) {
      QuoteRecord r;
      r.confidence = f;
      std::string out;
      append_quote_fields(r, out);
      char expected[32];
      std::snprintf(expected, sizeof expected, "%.3f", static_cast<double>(f));
      EXPECT_EQ(out.substr(out.find("\"confidence\":") + 13), expected) << f;
    }
  }
}

TEST(HitJson, StoredQuoteIsTheQuoteObjectPlusWhereItIsStored) {
  StoredQuote q;
  q.id = 5;
  q.text = "We will";
  q.spans = {{3, 10}};
  q.speaker = "John Key";
  q.mention = "Mr Key";
  q.cue = "said";
  q.confidence = 0.91f;
  q.article_id = 1;
  const json j = json::parse(hit_json(q));
  for (const char* k : {"id", "text", "start", "end", "spans", "kind", "speaker", "cue", "confidence",
                        "speaker_id", "statement_id", "other_articles", "score", "article"})
    EXPECT_TRUE(j.contains(k)) << k;
  EXPECT_EQ(j.size(), 14u);
  EXPECT_EQ(j["start"], 3);
  EXPECT_EQ(j["speaker"], json::parse(R"({"name":"John Key","mention":"Mr Key","start":null,"end":null,
                                          "role":null,"org":null,"type":null})"));
  EXPECT_EQ(j["cue"], json::parse(R"({"text":"said","start":null,"end":null})"));
  EXPECT_TRUE(j["speaker_id"].is_null() && j["score"].is_null() && j["article"]["url"].is_null());
}

}  // namespace
}  // namespace whosaid

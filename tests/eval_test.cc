// Tests of the evaluator (src/eval, include/whosaid/eval.h): gold parsing and
// offset conversion, content matching, speaker rules, subsets, exact spans,
// the error file, and the `whosaid eval` command.
#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <sys/wait.h>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "test_data.h"
#include "test_util.h"
#include "whosaid/error.h"
#include "whosaid/eval.h"

namespace whosaid::eval {
namespace {

using nlohmann::json;

const std::string kFixtures = std::string(WHOSAID_FIXTURES) + "/eval/";

// The byte span of the n-th occurrence (0-based) of `needle` in `text`.
Span find(std::string_view text, std::string_view needle, int nth = 0) {
  size_t at = text.find(needle);
  for (int i = 0; i < nth && at != std::string_view::npos; ++i) at = text.find(needle, at + 1);
  if (at == std::string_view::npos) ADD_FAILURE() << "'" << needle << "' not in text";
  return Span{static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
}

std::string_view slice(std::string_view text, Span s) { return text.substr(s.begin, s.size()); }

Quote make_quote(std::vector<Span> spans, QuoteKind kind = QuoteKind::kDirect) {
  Quote q;
  q.spans = std::move(spans);
  q.span = {q.spans.front().begin, q.spans.back().end};
  q.kind = kind;
  return q;
}

Quote with_speaker(Quote q, std::string name, std::optional<Span> mention = std::nullopt) {
  Speaker s;
  s.name = std::move(name);
  s.mention = mention;
  q.speaker = std::move(s);
  return q;
}

GoldAttribution make_gold(std::vector<Span> content, QuoteKind type = QuoteKind::kDirect,
                          std::vector<Span> source = {}) {
  GoldAttribution g;
  g.content = std::move(content);
  g.quote_type = type;
  g.source = std::move(source);
  return g;
}

std::vector<GoldDocument> read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << path;
  GoldReader reader(in, path);
  std::vector<GoldDocument> docs;
  GoldDocument d;
  while (reader.next(d)) docs.push_back(d);
  return docs;
}

// ------------------------------------------------- code points → bytes

TEST(CodepointToByte, AsciiIsIdentity) {
  EXPECT_EQ(codepoint_to_byte_offsets("abc"), (std::vector<uint32_t>{0, 1, 2, 3}));
  EXPECT_EQ(codepoint_to_byte_offsets(""), (std::vector<uint32_t>{0}));
}

TEST(CodepointToByte, AccentsEmojiAndCjk) {
  // é is 2 bytes, 🚀 is 4 (one code point, as in Python), 中 and 文 are 3 each.
  const std::string text = "caf\u00e9 \U0001F680\u4e2d\u6587!";
  EXPECT_EQ(codepoint_to_byte_offsets(text),
            (std::vector<uint32_t>{0, 1, 2, 3, 5, 6, 10, 13, 16, 17}));
}

TEST(ParseGoldLine, ConvertsCodepointOffsetsToBytes) {
  // Python: "Zoë 🚀 said 中文"[9:11] == "中文", [0:3] == "Zoë".
  const std::string line =
      R"({"id":"d","text":"Zo\u00eb \ud83d\ude80 said \u4e2d\u6587","attributions":[)"
      R"({"id":"E1","source":[[0,3]],"cue":[[6,10]],"content":[[11,13]],"quote_type":"direct"}],)"
      R"("discard":[[4,5]]})";
  const GoldDocument doc = parse_gold_line(line);
  ASSERT_EQ(doc.attributions.size(), 1u);
  const GoldAttribution& a = doc.attributions[0];
  EXPECT_EQ(slice(doc.text, a.content[0]), "\u4e2d\u6587");
  EXPECT_EQ(slice(doc.text, a.source[0]), "Zo\u00eb");
  EXPECT_EQ(slice(doc.text, a.cue[0]), "said");
  EXPECT_EQ(slice(doc.text, doc.discard[0]), "\U0001F680");
  EXPECT_EQ(a.quote_type, QuoteKind::kDirect);
  EXPECT_FALSE(a.speaker.has_value());
}

TEST(ParseGoldLine, FixtureSpansSliceToTheirText) {
  const auto docs = read_all(kFixtures + "small.jsonl");
  ASSERT_EQ(docs.size(), 2u);
  const GoldDocument& d = docs[0];
  EXPECT_EQ(d.id, "unicode");
  ASSERT_EQ(d.attributions.size(), 3u);
  EXPECT_EQ(slice(d.text, d.attributions[0].content[0]), "Caf\u00e9 prices are up \U0001F680 again.");
  EXPECT_EQ(slice(d.text, d.attributions[0].source[0]), "Zo\u00eb \u0160imi\u0107");
  EXPECT_EQ(slice(d.text, d.attributions[1].content[0]), "\u6211\u4eec\u4f1a\u8d62,");
  EXPECT_EQ(slice(d.text, d.attributions[1].source[0]), "she");
  EXPECT_EQ(slice(d.text, d.attributions[2].content[0]), "the deal is done");
  EXPECT_EQ(d.attributions[2].quote_type, QuoteKind::kIndirect);
  EXPECT_EQ(slice(d.text, d.discard[0]), "Read more at Example News.");
  const GoldAttribution& split = docs[1].attributions[1];
  ASSERT_EQ(split.content.size(), 2u);
  EXPECT_EQ(slice(docs[1].text, split.content[1]), "because there is no other way.");
  EXPECT_EQ(split.speaker, "Sean O\u2019Neill");
  EXPECT_TRUE(docs[1].attributions[0].source.empty());
}

TEST(ParseGoldLine, QuoteTypeFallsBackToDirectFlag) {
  const auto doc = parse_gold_line(
      R"({"text":"ab","attributions":[{"content":[[0,1]],"direct":true},{"content":[[1,2]],"direct":false}]})");
  EXPECT_EQ(doc.attributions[0].quote_type, QuoteKind::kDirect);
  EXPECT_EQ(doc.attributions[1].quote_type, QuoteKind::kIndirect);
}

TEST(ParseGoldLine, AttributionWithoutContentIsSkippedAndCounted) {
  const auto doc = parse_gold_line(
      R"({"text":"ab","attributions":[{"id":"E1","content":[],"cue":[[0,1]],"quote_type":"indirect"},)"
      R"({"id":"E2","content":[[0,2]],"quote_type":"indirect"}]})");
  ASSERT_EQ(doc.attributions.size(), 1u);
  EXPECT_EQ(doc.attributions[0].id, "E2");
  EXPECT_EQ(doc.skipped_attributions, 1u);
}

void expect_bad(std::string_view line, std::string_view reason) {
  try {
    parse_gold_line(line);
    ADD_FAILURE() << "accepted: " << line;
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadInput);
    EXPECT_NE(std::string(e.what()).find(reason), std::string::npos) << e.what();
  }
}

TEST(ParseGoldLine, RejectsBadLinesWithAReason) {
  expect_bad(R"({"text": "x")", "bad JSON");
  expect_bad(R"([1, 2])", "expected a JSON object");
  expect_bad(R"({"attributions": []})", "missing \"text\"");
  expect_bad(R"({"text": "x"})", "missing \"attributions\"");
  expect_bad(R"({"text":"ab","attributions":[{"id":"E7","content":[[0,3]],"quote_type":"direct"}]})",
             "attribution E7: content: [0,3] is outside the text (2 code points)");
  expect_bad(R"({"text":"ab","attributions":[{"content":[[1,0]],"quote_type":"direct"}]})",
             "attribution #1: content");
  expect_bad(R"({"text":"ab","attributions":[{"content":[[0,"1"]],"quote_type":"direct"}]})",
             "expected [start, end] integer pairs");
  expect_bad(R"({"text":"ab","attributions":[{"content":[[0,1]],"quote_type":"quoted"}]})",
             "quote_type: expected");
  expect_bad(R"({"text":"ab","attributions":[{"content":[[0,1]]}]})", "missing quote_type");
  expect_bad(R"({"text":"ab","attributions":[{"content":[[0,1]],"quote_type":"direct","speaker":3}]})",
             "speaker: expected a string");
  expect_bad(R"({"text":"ab","attributions":[],"discard":[[0,9]]})", "discard: [0,9] is outside");
}

TEST(GoldReader, BadLineReportsFileAndLineAndContinues) {
  const std::string path = kFixtures + "bad_lines.jsonl";
  std::ifstream in(path, std::ios::binary);
  ASSERT_TRUE(in);
  GoldReader reader(in, path);
  GoldDocument doc;
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.id, "ok1");
  try {
    reader.next(doc);
    FAIL() << "line 2 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":2: bad JSON", 0), 0u) << e.what();
  }
  try {  // line 3 is blank and skipped; line 4 is out of range
    reader.next(doc);
    FAIL() << "line 4 accepted";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()).rfind(path + ":4: attribution E1: content", 0), 0u) << e.what();
  }
  ASSERT_TRUE(reader.next(doc));
  EXPECT_EQ(doc.id, "ok2");
  EXPECT_EQ(reader.line(), 5u);
  EXPECT_FALSE(reader.next(doc));
}

// Every span of the shared gold slices to the *_text stored beside it: the
// code-point conversion holds on real text (curly quotes, dashes, no-break spaces).
void check_span_texts(const std::string& path) {
  std::ifstream raw(path, std::ios::binary);
  std::ifstream in(path, std::ios::binary);
  GoldReader reader(in, path);
  GoldDocument doc;
  std::string line;
  size_t checked = 0;
  while (reader.next(doc)) {
    do std::getline(raw, line);
    while (line.empty());
    const json j = json::parse(line);
    size_t i = 0;
    for (const json& a : j["attributions"]) {
      if (a["content"].empty()) continue;
      const GoldAttribution& g = doc.attributions[i++];
      for (const auto& [spans, key] : {std::pair{&g.content, "content_text"}, std::pair{&g.source, "source_text"}}) {
        std::string joined;
        for (Span s : *spans) {
          if (!joined.empty()) joined += ' ';
          joined += slice(doc.text, s);
        }
        ASSERT_EQ(joined, a.value(key, std::string())) << doc.id << " " << g.id;
        ++checked;
      }
    }
    ASSERT_EQ(i, doc.attributions.size());
  }
  EXPECT_GT(checked, 0u);
}

TEST(SharedGold, SeedSpansMatchTheirText) {
  WHOSAID_REQUIRE_DATA(path, "seed/gold.jsonl");
  check_span_texts(path);
}

TEST(SharedGold, PolnearDevSpansMatchTheirText) {
  WHOSAID_REQUIRE_DATA(path, "polnear/dev/docs.jsonl");
  check_span_texts(path);
}

// ------------------------------------------------------ content overlap

TEST(CharCounter, IgnoresWhitespaceAndQuotationMarks) {
  const std::string text = "\u201cAb c\u201d \"d\u00e9\"";
  const CharCounter counter(text);
  EXPECT_EQ(counter.count(Span{0, static_cast<uint32_t>(text.size())}), 5u);  // A b c d é
  EXPECT_EQ(counter.count(std::vector<Span>{{0, 6}, {3, 8}}), 3u);             // union: “Ab c
}

TEST(ContentJaccard, CountsCharactersNotMarksOrSpaces) {
  const std::string text = "He said \u201cwe will win this\u201d today.";
  const CharCounter counter(text);
  const Span bare = find(text, "we will win this");
  const Span marked = find(text, "\u201cwe will win this\u201d ");
  EXPECT_DOUBLE_EQ(content_jaccard(counter, {bare}, {marked}), 1.0);
  // "we will" (6 counted) of "we will win this" (13 counted).
  EXPECT_DOUBLE_EQ(content_jaccard(counter, {bare}, {find(text, "we will")}), 6.0 / 13.0);
  EXPECT_DOUBLE_EQ(content_jaccard(counter, {bare}, {find(text, "today")}), 0.0);
}

TEST(ContentJaccard, UnionOfFragments) {
  const std::string text = "\"Aaaa,\" he said, \"bbbb.\"";
  const CharCounter counter(text);
  const Span a = find(text, "Aaaa,"), b = find(text, "bbbb.");
  // One prediction covering both fragments and "he said," between: 10 of 17.
  EXPECT_DOUBLE_EQ(content_jaccard(counter, {a, b}, {Span{a.begin, b.end}}), 10.0 / 17.0);
  EXPECT_DOUBLE_EQ(content_jaccard(counter, {a, b}, {b, a}), 1.0);
  EXPECT_DOUBLE_EQ(content_jaccard(counter, {a, b}, {a}), 5.0 / 10.0);
}

// ----------------------------------------------------------- matching

struct Fixture {
  GoldDocument gold;
  Document predicted;
  explicit Fixture(std::string text) : predicted(text, "doc") {
    gold.id = "doc";
    gold.text = std::move(text);
  }
  std::string_view text() const { return gold.text; }
  Report score() const {
    Scorer scorer;
    scorer.add(gold, predicted);
    return scorer.report();
  }
  std::vector<json> errors() const {
    Scorer scorer;
    scorer.add(gold, predicted);
    std::ostringstream out;
    scorer.write_errors(out);
    std::vector<json> cases;
    std::istringstream in(out.str());
    for (std::string line; std::getline(in, line);) cases.push_back(json::parse(line));
    return cases;
  }
};

const std::string kTwoQuotes =
    "\"The economy is growing faster than anyone expected this year,\" Mr Key said. "
    "Mr Goff said the numbers were wrong.";

TEST(Matching, TwoPredictionsOnOneGoldAreOneHitAndOneFalsePositive) {
  Fixture f(kTwoQuotes);
  const Span content = find(f.text(), "The economy is growing faster than anyone expected this year,");
  f.gold.attributions.push_back(make_gold({content}));
  f.predicted.quotes.push_back(make_quote({content}));
  f.predicted.quotes.push_back(make_quote({Span{content.begin, content.end - 1}}));
  const Report r = f.score();
  EXPECT_EQ(r.all.content.tp_precision, 1u);
  EXPECT_EQ(r.all.content.predicted, 2u);
  EXPECT_EQ(r.all.content.tp_recall, 1u);
  EXPECT_EQ(r.all.content.gold, 1u);
  EXPECT_DOUBLE_EQ(r.all.content.precision(), 0.5);
  EXPECT_DOUBLE_EQ(r.all.content.recall(), 1.0);
  EXPECT_DOUBLE_EQ(r.all.content.f1(), 2.0 / 3.0);
}

TEST(Matching, OnePredictionCannotMatchTwoGold) {
  // Overlapping gold attributions (PolNeAR has a few): the prediction goes to
  // the better one (J = 1) and the other (J = 0.8) is missed.
  Fixture f("aaaa bbbb cc");
  f.gold.attributions.push_back(make_gold({Span{0, 12}}));
  f.gold.attributions.push_back(make_gold({Span{0, 9}}));
  f.predicted.quotes.push_back(make_quote({Span{0, 9}}));
  const Report r = f.score();
  EXPECT_EQ(r.all.content.tp_recall, 1u);
  EXPECT_EQ(r.all.content.tp_precision, 1u);
  const auto cases = f.errors();
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["case"], "missed");
  EXPECT_EQ(cases[0]["gold"]["content_text"], "aaaa bbbb cc");
}

TEST(Matching, GreedyTakesTheHighestJaccardFirst) {
  Fixture f(kTwoQuotes);
  const Span content = find(f.text(), "The economy is growing faster than anyone expected this year");
  f.gold.attributions.push_back(make_gold({content}));
  const Span partial = find(f.text(), "The economy is growing faster than anyone");  // J ≈ 0.7
  f.predicted.quotes.push_back(make_quote({partial}));
  f.predicted.quotes.push_back(make_quote({content}));                             // J = 1
  const auto cases = f.errors();
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["case"], "spurious");
  EXPECT_EQ(cases[0]["predicted"]["text"], "The economy is growing faster than anyone");
  EXPECT_EQ(cases[0]["closest"]["gold"]["content_text"],
            "The economy is growing faster than anyone expected this year");
}

TEST(Matching, BelowHalfDoesNotMatch) {
  Fixture f(kTwoQuotes);
  f.gold.attributions.push_back(
      make_gold({find(f.text(), "The economy is growing faster than anyone expected this year")}));
  f.predicted.quotes.push_back(make_quote({find(f.text(), "The economy is growing")}));  // 19/51
  const Report r = f.score();
  EXPECT_EQ(r.all.content.tp_recall, 0u);
  EXPECT_EQ(r.all.content.tp_precision, 0u);
  const auto cases = f.errors();
  ASSERT_EQ(cases.size(), 2u);
  EXPECT_EQ(cases[0]["case"], "missed");
  EXPECT_NEAR(cases[0]["closest"]["jaccard"].get<double>(), 19.0 / 51.0, 1e-4);
  EXPECT_EQ(cases[1]["case"], "spurious");
}

TEST(Matching, ExactlyHalfMatches) {
  Fixture f("aaaa bbbb");
  f.gold.attributions.push_back(make_gold({Span{0, 9}}));
  f.predicted.quotes.push_back(make_quote({Span{0, 4}}));  // 4 of 8 counted characters
  EXPECT_EQ(f.score().all.content.tp_recall, 1u);
}

TEST(Matching, QuoteWithoutFragmentsUsesItsSpan) {
  Fixture f(kTwoQuotes);
  const Span content = find(f.text(), "the numbers were wrong");
  f.gold.attributions.push_back(make_gold({content}, QuoteKind::kIndirect));
  Quote q;
  q.span = content;
  q.kind = QuoteKind::kIndirect;
  f.predicted.quotes.push_back(q);
  EXPECT_EQ(f.score().all.content.tp_recall, 1u);
}

TEST(Matching, PredictedTextMustBeTheGoldText) {
  Fixture f(kTwoQuotes);
  f.predicted = Document("something else", "doc");
  Scorer scorer;
  EXPECT_THROW(scorer.add(f.gold, f.predicted), Error);
}

// ------------------------------------------------------------- discard

TEST(Discard, PredictionsInsideDiscardSpansAreIgnored) {
  Fixture f("\"We won,\" she said. \"Follow us on Twitter\" for more news.");
  f.gold.discard.push_back(find(f.text(), "\"Follow us on Twitter\" for more news."));
  f.gold.attributions.push_back(make_gold({find(f.text(), "We won,")}));
  f.predicted.quotes.push_back(make_quote({find(f.text(), "We won,")}));
  f.predicted.quotes.push_back(make_quote({find(f.text(), "Follow us on Twitter")}));
  const Report r = f.score();
  EXPECT_EQ(r.ignored_predictions, 1u);
  EXPECT_EQ(r.all.content.predicted, 1u);
  EXPECT_DOUBLE_EQ(r.all.content.precision(), 1.0);
  EXPECT_DOUBLE_EQ(r.all.content_fragment_exact.precision(), 1.0);
  EXPECT_TRUE(f.errors().empty());
}

TEST(Discard, PredictionMostlyOutsideIsKept) {
  const std::string text = "She said the plan would cut costs for every family. Read more.";
  const CharCounter counter(text);
  const std::vector<Span> discard = {find(text, "Read more.")};
  EXPECT_FALSE(in_discard(counter, {find(text, "the plan would cut costs for every family. Read")}, discard));
  EXPECT_TRUE(in_discard(counter, {find(text, "family. Read more")}, discard));
  EXPECT_TRUE(in_discard(counter, {find(text, "Read more.")}, discard));
  EXPECT_FALSE(in_discard(counter, {find(text, "Read more.")}, {}));
}

// ------------------------------------------------------------ speakers

const std::string kSpeakerText =
    "Prime Minister John Key said the decision was his. He said it would take weeks. "
    "Labour MP Phil Goff, who spoke later, said the plan was rushed. Key: SAS could join. "
    "It is believed the talks failed. President Obama said nothing.";

struct SpeakerCase : ::testing::Test {
  const std::string& text = kSpeakerText;
  GoldAttribution gold_with_source(std::string_view source) {
    return make_gold({find(text, "the decision was his")}, QuoteKind::kIndirect, {find(text, source)});
  }
  Quote quote(std::string name, std::optional<Span> mention) {
    return with_speaker(make_quote({find(text, "the decision was his")}, QuoteKind::kIndirect), std::move(name),
                        mention);
  }
};

TEST_F(SpeakerCase, SeedNameMustBeEqualAfterNormalisation) {
  GoldAttribution g = gold_with_source("Prime Minister John Key");
  g.speaker = "John Key";
  EXPECT_TRUE(speaker_correct(text, g, quote("john  KEY", std::nullopt)));
  EXPECT_TRUE(speaker_correct(text, g, quote(" John\u00a0Key ", std::nullopt)));
  // Sharing the surname or the mention is not enough when the gold names the person.
  EXPECT_FALSE(speaker_correct(text, g, quote("Key", find(text, "Prime Minister John Key"))));
  EXPECT_FALSE(speaker_correct(text, g, quote("Phil Goff", find(text, "Prime Minister John Key"))));
  Quote none = quote("", std::nullopt);
  none.speaker.reset();
  EXPECT_FALSE(speaker_correct(text, g, none));
}

TEST(NormalizeName, FoldsCaseSpacesAndApostrophes) {
  EXPECT_EQ(normalize_name("  Sean\u00a0 O\u2019NEILL "), "sean o'neill");
  EXPECT_EQ(normalize_name("Zo\u00eb \u0160imi\u0107"), "zo\u00eb \u0160imi\u0107");
}

// ------------------------------------------------------ strict names

std::vector<std::string> words(std::initializer_list<const char*> w) { return {w.begin(), w.end()}; }

TEST(NameWords, FoldsCaseDropsTitlesPossessivesAndPunctuation) {
  EXPECT_EQ(name_words("Prime Minister John Key"), words({"john", "key"}));
  EXPECT_EQ(name_words("Mr Key's"), words({"key"}));
  EXPECT_EQ(name_words("Galois\u2019"), words({"galois"}));
  EXPECT_EQ(name_words("Sen. Elizabeth Warren"), words({"elizabeth", "warren"}));
  EXPECT_EQ(name_words("ELIZABETH B. PRELOGAR"), words({"elizabeth", "b", "prelogar"}));
  EXPECT_EQ(name_words("Sean O\u2019Neill"), words({"sean", "oneill"}));
  EXPECT_EQ(name_words("J.K. Rowling"), words({"j", "k", "rowling"}));
  EXPECT_EQ(name_words("Martin Luther King Jr."), words({"martin", "luther", "king"}));
  EXPECT_EQ(name_words("The Independent"), words({"independent"}));
  EXPECT_EQ(name_words("SIMON LI\u010cEN"), words({"simon", "li\u010den"}));
  EXPECT_EQ(name_words("  "), words({}));
  EXPECT_EQ(name_words("the President"), words({}));  // titles only: no name
  // Titles are dropped from the front only.
  EXPECT_EQ(name_words("Harrogate Mr Kennedy"), words({"harrogate", "mr", "kennedy"}));
}

TEST(SamePerson, FullNamesMustBeEqual) {
  EXPECT_TRUE(same_person("John Key", "john  KEY"));
  EXPECT_TRUE(same_person("John Key", "Prime Minister John Key"));
  EXPECT_TRUE(same_person("Lord Byron", "Byron"));
  EXPECT_FALSE(same_person("John Key", "Phil Goff"));
  EXPECT_FALSE(same_person("John Key", "John Keys"));
  EXPECT_FALSE(same_person("Jeanne Moreau", "Jeanne"));          // first name only
  EXPECT_FALSE(same_person("Thomas Babington Macaulay", "Macaulay, Thomas Babington"));
}

TEST(SamePerson, OneWordMatchesTheLastWordEitherWay) {
  EXPECT_TRUE(same_person("Kennedy", "Charles Kennedy"));       // one-word gold, surname
  EXPECT_TRUE(same_person("Charles Kennedy", "Mr Kennedy"));    // surname-only prediction
  EXPECT_TRUE(same_person("Charles Kennedy", "Kennedy's"));
  EXPECT_FALSE(same_person("Charles Kennedy", "Harrogate Mr Kennedy"));
  EXPECT_FALSE(same_person("Kennedy", "Kennedy Smith"));
  EXPECT_FALSE(same_person("Charles Kennedy", "Charles"));
}

TEST(SamePerson, MiddleInitialsAreOptional) {
  EXPECT_TRUE(same_person("Jonathan M. Stan", "Jonathan Stan"));
  EXPECT_TRUE(same_person("Charles Fillmore", "Charles J. Fillmore"));
  EXPECT_TRUE(same_person("ELIZABETH B. PRELOGAR", "Elizabeth Prelogar"));
  EXPECT_FALSE(same_person("Jonathan M. Stan", "Jonathan Mark Stan"));
  EXPECT_FALSE(same_person("J. Stan", "Jonathan Stan"));         // a first initial is no middle one
}

TEST(SamePerson, NoWordsIsNeverTheSamePerson) {
  EXPECT_FALSE(same_person("", ""));
  EXPECT_FALSE(same_person("Mr", "Mr"));
  EXPECT_FALSE(same_person("John Key", ""));
}

TEST(IsPronounName, PersonalRelativeAndDemonstrative) {
  for (const char* p : {"he", "He", "SHE", "they", "it", "I", "we", "you", "who", "which", "that", "this", "these",
                        "those", "him", "his", "himself"}) {
    EXPECT_TRUE(is_pronoun_name(p)) << p;
  }
  for (const char* n : {"John Key", "Heath", "Key", "", "he said"}) EXPECT_FALSE(is_pronoun_name(n)) << n;
}

TEST(JudgeName, PronounEmptyAndNoSpeakerAreOneClass) {
  Quote q;
  EXPECT_EQ(judge_name("John Key", q), NameVerdict::kPronounOrEmpty);  // no speaker
  q.speaker = Speaker{};
  EXPECT_EQ(judge_name("John Key", q), NameVerdict::kPronounOrEmpty);  // empty name
  q.speaker->name = "He";
  EXPECT_EQ(judge_name("John Key", q), NameVerdict::kPronounOrEmpty);
  q.speaker->name = "the Prime Minister";
  EXPECT_EQ(judge_name("John Key", q), NameVerdict::kPronounOrEmpty);  // titles only
  q.speaker->name = "Mr Key";
  EXPECT_EQ(judge_name("John Key", q), NameVerdict::kExact);
  q.speaker->name = "Phil Goff";
  EXPECT_EQ(judge_name("John Key", q), NameVerdict::kWrong);
}

TEST(NamedGold, NeedsASpeakerThatIsAName) {
  GoldAttribution g;
  EXPECT_FALSE(named_gold(g));
  g.speaker = "Google Analytics";
  EXPECT_TRUE(named_gold(g));
  g.speaker_is_name = false;
  EXPECT_FALSE(named_gold(g));
  g.speaker_is_name = true;
  g.speaker = "Mr";
  EXPECT_FALSE(named_gold(g));
}

TEST(ParseGoldLine, ReadsSpeakerIsName) {
  const GoldDocument d = parse_gold_line(
      R"({"text":"abcdef","attributions":[{"content":[[0,2]],"quote_type":"direct","speaker":"X Y",)"
      R"("speaker_is_name":false},{"content":[[3,5]],"quote_type":"direct","speaker":"Z"}]})");
  ASSERT_EQ(d.attributions.size(), 2u);
  EXPECT_FALSE(d.attributions[0].speaker_is_name);
  EXPECT_TRUE(d.attributions[1].speaker_is_name);
  EXPECT_THROW(parse_gold_line(R"({"text":"ab","attributions":[{"content":[[0,1]],"quote_type":"direct",)"
                               R"("speaker_is_name":"yes"}]})"),
               Error);
}

TEST_F(SpeakerCase, MentionOverlappingTheGoldSourceIsCorrect) {
  const GoldAttribution g = gold_with_source("Prime Minister John Key");
  EXPECT_TRUE(speaker_correct(text, g, quote("Somebody Else", find(text, "John Key"))));
  EXPECT_FALSE(speaker_correct(text, g, quote("Somebody Else", find(text, "Phil Goff"))));
}

TEST_F(SpeakerCase, NameSharingACapitalisedWordWithTheSourceIsCorrect) {
  // Headline "Key: ..." with the source "Key"; the predicted mention is elsewhere.
  const GoldAttribution g = gold_with_source("Key:");
  EXPECT_TRUE(speaker_correct(text, g, quote("John Key", find(text, "Prime Minister John Key"))));
  EXPECT_TRUE(speaker_correct(text, g, quote("John Key", std::nullopt)));
  EXPECT_FALSE(speaker_correct(text, g, quote("Phil Goff", std::nullopt)));
}

TEST_F(SpeakerCase, TitlesAloneDoNotCount) {
  const GoldAttribution g = gold_with_source("President Obama");
  EXPECT_FALSE(speaker_correct(text, g, quote("President Trump", std::nullopt)));
  EXPECT_TRUE(speaker_correct(text, g, quote("Barack Obama", std::nullopt)));
  // "Prime Minister" is in the source but only as a title.
  const GoldAttribution pm = gold_with_source("Prime Minister John Key");
  EXPECT_FALSE(speaker_correct(text, pm, quote("Prime Minister Helen Clark", std::nullopt)));
}

TEST_F(SpeakerCase, LowerCaseSourceWordsAreNotNames) {
  // Source "the decision" (lower case): a speaker named "Decision" does not match it.
  const GoldAttribution g = gold_with_source("the decision");
  EXPECT_FALSE(speaker_correct(text, g, quote("Decision Unit", std::nullopt)));
}

TEST_F(SpeakerCase, PronounSourceNeedsTheMentionOnIt) {
  const GoldAttribution g = gold_with_source("He said it");
  GoldAttribution he = g;
  he.source = {find(text, "He")};
  EXPECT_TRUE(speaker_correct(text, he, quote("John Key", find(text, "He"))));
  // The resolved name cannot be checked against "He": the mention elsewhere is wrong.
  EXPECT_FALSE(speaker_correct(text, he, quote("John Key", find(text, "Prime Minister John Key"))));
  EXPECT_FALSE(speaker_correct(text, he, quote("John Key", std::nullopt)));
}

TEST_F(SpeakerCase, RelativePronounAcceptsTheAdjacentAntecedent) {
  GoldAttribution who = gold_with_source("who");
  EXPECT_TRUE(speaker_correct(text, who, quote("Phil Goff", find(text, "Labour MP Phil Goff"))));
  EXPECT_TRUE(speaker_correct(text, who, quote("Phil Goff", find(text, "who"))));
  // A mention further back, with words between, is not the antecedent.
  EXPECT_FALSE(speaker_correct(text, who, quote("Phil Goff", find(text, "Labour"))));
  EXPECT_FALSE(speaker_correct(text, who, quote("John Key", find(text, "John Key"))));
}

TEST_F(SpeakerCase, NoGoldSourceIsCorrectOnlyWithoutASpeaker) {
  GoldAttribution g = make_gold({find(text, "the talks failed")}, QuoteKind::kIndirect);
  Quote q = quote("", std::nullopt);
  q.speaker.reset();
  EXPECT_TRUE(speaker_correct(text, g, q));
  q.speaker = Speaker{};  // present but empty: no speaker
  EXPECT_TRUE(speaker_correct(text, g, q));
  EXPECT_FALSE(speaker_correct(text, g, quote("John Key", std::nullopt)));
  EXPECT_FALSE(speaker_correct(text, g, quote("", find(text, "It"))));
}

TEST_F(SpeakerCase, GoldSourceWithoutPredictedSpeakerIsWrong) {
  const GoldAttribution g = gold_with_source("Prime Minister John Key");
  Quote q = quote("", std::nullopt);
  q.speaker.reset();
  EXPECT_FALSE(speaker_correct(text, g, q));
}

TEST(SpeakerAccuracy, CountsOnMatchedPairsAndEndToEnd) {
  Fixture f(kTwoQuotes);
  const Span q1 = find(f.text(), "The economy is growing faster than anyone expected this year,");
  const Span q2 = find(f.text(), "the numbers were wrong");
  f.gold.attributions.push_back(make_gold({q1}, QuoteKind::kDirect, {find(f.text(), "Mr Key")}));
  f.gold.attributions.push_back(make_gold({q2}, QuoteKind::kIndirect, {find(f.text(), "Mr Goff")}));
  f.predicted.quotes.push_back(with_speaker(make_quote({q1}), "John Key", find(f.text(), "Mr Key")));
  f.predicted.quotes.push_back(
      with_speaker(make_quote({q2}, QuoteKind::kIndirect), "John Key", find(f.text(), "Mr Key")));
  const Report r = f.score();
  EXPECT_EQ(r.all.speaker.total, 2u);
  EXPECT_EQ(r.all.speaker.correct, 1u);
  EXPECT_EQ(r.all.end_to_end.tp_recall, 1u);
  EXPECT_EQ(r.all.end_to_end.tp_precision, 1u);
  EXPECT_DOUBLE_EQ(r.all.end_to_end.f1(), 0.5);
  EXPECT_DOUBLE_EQ(r.all.content.f1(), 1.0);
  EXPECT_EQ(r.quoted.speaker.total, 1u);
  EXPECT_EQ(r.quoted.speaker.correct, 1u);

  const auto cases = f.errors();
  ASSERT_EQ(cases.size(), 1u);
  EXPECT_EQ(cases[0]["case"], "wrong_speaker");
  EXPECT_EQ(cases[0]["doc"], "doc");
  EXPECT_EQ(cases[0]["gold"]["source_text"], "Mr Goff");
  EXPECT_EQ(cases[0]["predicted"]["speaker"], "John Key");
  EXPECT_EQ(cases[0]["predicted"]["mention_text"], "Mr Key");
  EXPECT_EQ(cases[0]["jaccard"], 1.0);
}

// Five named gold attributions and one unnamed: right name (surname only),
// pronoun, wrong person, no speaker, missed; the unnamed one is not counted.
TEST(NameScores, SharesOverMatchedAndRecallOverNamed) {
  const std::string text =
      "\"Alpha alpha alpha,\" Mr Key said. \"Beta beta beta,\" he said. Gamma gamma gamma, said Mr Goff. "
      "\"Delta delta delta.\" Epsilon epsilon epsilon, sources said. \"Zeta zeta zeta,\" said Norman.";
  Fixture f(text);
  const char* contents[] = {"Alpha alpha alpha,", "Beta beta beta,", "Gamma gamma gamma",
                            "Delta delta delta.", "Epsilon epsilon epsilon", "Zeta zeta zeta,"};
  const char* golds[] = {"John Key", "John Key", "Phil Goff", "John Key", nullptr, "Russel Norman"};
  for (int i = 0; i < 6; ++i) {
    GoldAttribution g = make_gold({find(text, contents[i])}, i == 2 || i == 4 ? QuoteKind::kIndirect
                                                                               : QuoteKind::kDirect);
    if (golds[i]) g.speaker = golds[i];
    f.gold.attributions.push_back(std::move(g));
  }
  f.predicted.quotes.push_back(with_speaker(make_quote({find(text, contents[0])}), "Key"));
  f.predicted.quotes.push_back(with_speaker(make_quote({find(text, contents[1])}), "he"));
  f.predicted.quotes.push_back(
      with_speaker(make_quote({find(text, contents[2])}, QuoteKind::kIndirect), "John Key"));
  f.predicted.quotes.push_back(make_quote({find(text, contents[3])}));  // no speaker
  f.predicted.quotes.push_back(
      with_speaker(make_quote({find(text, contents[4])}, QuoteKind::kIndirect), "Sources"));
  // "Zeta" is missed.
  const Report r = f.score();
  EXPECT_EQ(r.all.names.named_gold, 5u);
  EXPECT_EQ(r.all.names.matched, 4u);
  EXPECT_EQ(r.all.names.exact, 1u);
  EXPECT_EQ(r.all.names.pronoun_or_empty, 2u);
  EXPECT_DOUBLE_EQ(r.all.names.accuracy(), 0.25);
  EXPECT_DOUBLE_EQ(r.all.names.pronoun_or_empty_share(), 0.5);
  EXPECT_DOUBLE_EQ(r.all.names.recall(), 0.2);
  EXPECT_EQ(r.quoted.names.named_gold, 4u);  // Goff's is indirect
  EXPECT_EQ(r.quoted.names.matched, 3u);
  EXPECT_EQ(r.quoted.names.exact, 1u);
  // The lenient speaker rule for named gold is exact equality: "Key" is wrong there.
  EXPECT_EQ(r.all.speaker.correct, 0u);

  const json j = json::parse(r.to_json());
  EXPECT_EQ(j["all"]["names"]["named_gold"], 5);
  EXPECT_EQ(j["all"]["names"]["recall"], 0.2);
  EXPECT_EQ(j["all"]["names"]["pronoun_or_empty_share"], 0.5);
  const std::string table = r.to_table();
  EXPECT_NE(table.find("name-exact (matched)"), std::string::npos) << table;
  EXPECT_NE(table.find("(1/5)"), std::string::npos) << table;  // named recall

  int cases_with_name = 0;
  for (const json& c : f.errors()) {
    if (!c.contains("name")) continue;
    ++cases_with_name;
    if (c["gold"]["content_text"] == "Alpha alpha alpha,") EXPECT_EQ(c["name"], "exact");
    if (c["gold"]["content_text"] == "Beta beta beta,") EXPECT_EQ(c["name"], "pronoun_or_empty");
    if (c["gold"]["content_text"] == "Gamma gamma gamma") EXPECT_EQ(c["name"], "wrong");
  }
  EXPECT_EQ(cases_with_name, 4);
}

TEST(NameScores, TableLeavesNameRowsOutWithoutNamedGold) {
  Report r;
  EXPECT_EQ(r.to_table().find("name-"), std::string::npos);
}

// -------------------------------------------------------- quoted subset

TEST(QuotedSubset, RecallOverQuotedGoldPrecisionOverQuotedPredictions) {
  const std::string text =
      "\"Alpha alpha alpha,\" she said. He said beta beta beta. She said gamma \"gamma\" gamma. "
      "\"Delta delta delta.\" They said zeta zeta zeta.";
  Fixture f(text);
  const Span alpha = find(text, "Alpha alpha alpha,"), beta = find(text, "beta beta beta"),
             gamma = find(text, "gamma \"gamma\" gamma"), delta = find(text, "Delta delta delta."),
             zeta = find(text, "zeta zeta zeta");
  f.gold.attributions.push_back(make_gold({alpha}, QuoteKind::kDirect));    // missed
  f.gold.attributions.push_back(make_gold({beta}, QuoteKind::kIndirect));   // found by a "direct"
  f.gold.attributions.push_back(make_gold({gamma}, QuoteKind::kMixed));     // found by an "indirect"
  f.gold.attributions.push_back(make_gold({zeta}, QuoteKind::kIndirect));   // found by a "mixed"
  f.predicted.quotes.push_back(make_quote({beta}, QuoteKind::kDirect));
  f.predicted.quotes.push_back(make_quote({gamma}, QuoteKind::kIndirect));
  f.predicted.quotes.push_back(make_quote({delta}, QuoteKind::kDirect));   // spurious
  f.predicted.quotes.push_back(make_quote({zeta}, QuoteKind::kMixed));
  const Report r = f.score();
  EXPECT_EQ(r.all.content.tp_precision, 3u);
  EXPECT_EQ(r.all.content.predicted, 4u);
  EXPECT_EQ(r.all.content.tp_recall, 3u);
  EXPECT_EQ(r.all.content.gold, 4u);
  // Recall: quoted gold (alpha, gamma), of which gamma is matched.
  EXPECT_EQ(r.quoted.content.gold, 2u);
  EXPECT_EQ(r.quoted.content.tp_recall, 1u);
  // Precision: quoted predictions (beta, delta, zeta), of which beta and zeta
  // are matched (to indirect gold: the gold type does not matter here).
  EXPECT_EQ(r.quoted.content.predicted, 3u);
  EXPECT_EQ(r.quoted.content.tp_precision, 2u);
  // Speaker accuracy of the subset is over matched quoted gold: gamma only.
  EXPECT_EQ(r.quoted.speaker.total, 1u);
  EXPECT_EQ(r.recall_by_type[static_cast<size_t>(QuoteKind::kDirect)].correct, 0u);
  EXPECT_EQ(r.recall_by_type[static_cast<size_t>(QuoteKind::kMixed)].correct, 1u);
  EXPECT_EQ(r.recall_by_type[static_cast<size_t>(QuoteKind::kIndirect)].correct, 2u);
  EXPECT_EQ(r.recall_by_type[static_cast<size_t>(QuoteKind::kIndirect)].total, 2u);
}

// ---------------------------------------------------------- exact spans

TEST(TrimForExactMatch, StripsSpacesQuotationMarksAndEdgePunctuation) {
  const std::string text = " \u201cWe will win.\u201d\u2014 he said";
  const Span t = trim_for_exact_match(text, Span{0, static_cast<uint32_t>(find(text, " he").begin)});
  EXPECT_EQ(slice(text, t), "We will win");
  EXPECT_TRUE(trim_for_exact_match(text, find(text, "\u201c")).empty());
  const std::string inner = "U.S. officials' \"plan\"";
  EXPECT_EQ(slice(inner, trim_for_exact_match(inner, Span{0, static_cast<uint32_t>(inner.size())})),
            "U.S. officials' \"plan");
}

TEST(ExactSpans, ContentFragmentsAndSources) {
  const std::string text = "\u201cWe will win,\u201d Mr Key said, \u201cand soon.\u201d Mr Goff disagreed.";
  Fixture f(text);
  const Span a = find(text, "We will win,"), b = find(text, "and soon.");
  f.gold.attributions.push_back(make_gold({a, b}, QuoteKind::kDirect, {find(text, "Mr Key")}));
  // Fragments with marks and without the comma are still exact; one fragment is short.
  f.predicted.quotes.push_back(with_speaker(make_quote({find(text, "\u201cWe will win"), find(text, "and")}),
                                            "John Key", find(text, " Mr Key")));
  Report r = f.score();
  EXPECT_EQ(r.all.content_fragment_exact.gold, 2u);
  EXPECT_EQ(r.all.content_fragment_exact.predicted, 2u);
  EXPECT_EQ(r.all.content_fragment_exact.tp_precision, 1u);
  EXPECT_EQ(r.all.content_fragment_exact.tp_recall, 1u);
  EXPECT_EQ(r.all.source_exact.tp_recall, 1u);
  EXPECT_EQ(r.all.source_exact.tp_precision, 1u);
  EXPECT_EQ(r.quoted.source_exact.gold, 1u);

  f.predicted.quotes[0].speaker->mention = find(text, "Mr Goff");
  r = f.score();
  EXPECT_EQ(r.all.source_exact.tp_recall, 0u);
  EXPECT_EQ(r.all.source_exact.predicted, 1u);
  EXPECT_EQ(r.all.end_to_end.tp_recall, 1u);  // the name "John Key" shares "Key" with "Mr Key"
}

TEST(ExactSpans, SharedSourceCountsOnce) {
  const std::string text = "He said taxes would fall and added that jobs would grow.";
  Fixture f(text);
  const Span he = find(text, "He");
  f.gold.attributions.push_back(make_gold({find(text, "taxes would fall")}, QuoteKind::kIndirect, {he}));
  f.gold.attributions.push_back(make_gold({find(text, "that jobs would grow")}, QuoteKind::kIndirect, {he}));
  f.predicted.quotes.push_back(with_speaker(make_quote({find(text, "taxes would fall")}, QuoteKind::kIndirect),
                                            "Sam", he));
  const Report r = f.score();
  EXPECT_EQ(r.all.source_exact.gold, 1u);
  EXPECT_EQ(r.all.source_exact.tp_recall, 1u);
  EXPECT_EQ(r.quoted.source_exact.gold, 0u);
}

// --------------------------------------------------------------- report

TEST(Report, PerfectPredictionsOnTheFixtureScoreOne) {
  const auto docs = read_all(kFixtures + "small.jsonl");
  Scorer scorer;
  for (const GoldDocument& g : docs) {
    Document d(g.text, g.id);
    for (const GoldAttribution& a : g.attributions) {
      Quote q = make_quote(a.content, a.quote_type);
      if (!a.source.empty() || a.speaker) {
        q = with_speaker(q, a.speaker.value_or("Somebody"), a.source.empty() ? std::nullopt : std::optional(a.source[0]));
      }
      d.quotes.push_back(q);
    }
    // Boilerplate inside the discard span is out of scope.
    for (Span s : g.discard) d.quotes.push_back(make_quote({s}));
    scorer.add(g, d);
  }
  const Report& r = scorer.report();
  EXPECT_EQ(r.documents, 2u);
  EXPECT_EQ(r.ignored_predictions, 1u);
  for (const SubsetScores* s : {&r.all, &r.quoted}) {
    EXPECT_DOUBLE_EQ(s->content.f1(), 1.0);
    EXPECT_DOUBLE_EQ(s->speaker.value(), 1.0);
    EXPECT_DOUBLE_EQ(s->end_to_end.f1(), 1.0);
    EXPECT_DOUBLE_EQ(s->content_fragment_exact.f1(), 1.0);
    EXPECT_DOUBLE_EQ(s->source_exact.f1(), 1.0);
  }
  EXPECT_EQ(r.all.content.gold, 5u);
  EXPECT_EQ(r.quoted.content.gold, 3u);
  EXPECT_EQ(scorer.error_count(), 0u);
}

TEST(Report, JsonHasEveryMetric) {
  Report r;
  r.documents = 3;
  r.rejected_lines = 1;
  r.all.content = Counts{3, 4, 3, 6};
  r.all.speaker = Accuracy{2, 3};
  r.quoted.end_to_end = Counts{1, 2, 1, 4};
  const json j = json::parse(r.to_json());
  EXPECT_EQ(j["documents"], 3);
  EXPECT_EQ(j["rejected_lines"], 1);
  EXPECT_DOUBLE_EQ(j["all"]["content"]["precision"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(j["all"]["content"]["recall"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(j["all"]["content"]["f1"].get<double>(), 0.6);
  EXPECT_EQ(j["all"]["content"]["gold"], 6);
  EXPECT_DOUBLE_EQ(j["all"]["speaker"]["accuracy"].get<double>(), 0.6667);
  EXPECT_DOUBLE_EQ(j["quoted"]["end_to_end"]["recall"].get<double>(), 0.25);
  for (const char* subset : {"all", "quoted"}) {
    for (const char* m : {"content", "end_to_end", "content_fragment_exact", "source_exact"}) {
      EXPECT_TRUE(j[subset][m].contains("f1")) << subset << "." << m;
    }
  }
  EXPECT_TRUE(j["recall_by_type"].contains("mixed"));
}

TEST(Report, TableHasEveryRow) {
  Report r;
  r.all.content = Counts{3, 4, 3, 6};
  const std::string table = r.to_table();
  for (const char* row : {"content ", "speaker-acc", "end-to-end", "content-fragment-exact", "source-exact"}) {
    EXPECT_NE(table.find(row), std::string::npos) << row;
  }
  EXPECT_NE(table.find("75.0"), std::string::npos) << table;  // P of content
  EXPECT_NE(table.find("P 3/4  R 3/6"), std::string::npos) << table;
}

TEST(Counts, ZeroDenominatorsAreZero) {
  const Counts c;
  EXPECT_EQ(c.precision(), 0.0);
  EXPECT_EQ(c.recall(), 0.0);
  EXPECT_EQ(c.f1(), 0.0);
  EXPECT_EQ(Accuracy{}.value(), 0.0);
}

// ------------------------------------------------------------------ CLI

using testing::CommandResult;
using testing::run_whosaid;

#define REQUIRE_BINARY()                                                      \
  if (!std::filesystem::exists(WHOSAID_BINARY)) {                             \
    GTEST_SKIP() << WHOSAID_BINARY << " not built (cmake --build ... --target whosaid)"; \
  }

TEST(EvalCommand, BadGoldLinesAreReportedAndSetTheExitStatus) {
  REQUIRE_BINARY();
  const std::string path = kFixtures + "bad_lines.jsonl";
  const CommandResult r = run_whosaid("eval " + path + " --format json");
  EXPECT_EQ(r.status, 3) << r.err;  // kExitSomeRejected
  EXPECT_NE(r.err.find(path + ":2: bad JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find(path + ":4: attribution E1"), std::string::npos) << r.err;
  const json j = json::parse(r.out);
  EXPECT_EQ(j["documents"], 2);
  EXPECT_EQ(j["rejected_lines"], 2);
  EXPECT_EQ(j["all"]["content"]["gold"], 2);
}

TEST(EvalCommand, WritesTheErrorFileAndTable) {
  REQUIRE_BINARY();
  const auto errors = std::filesystem::temp_directory_path() / ("eval_errors_" + std::to_string(::getpid()));
  const CommandResult r = run_whosaid("eval " + kFixtures + "small.jsonl --threads 2 --errors " + errors.string());
  EXPECT_EQ(r.status, 0) << r.err;
  EXPECT_NE(r.out.find("end-to-end"), std::string::npos) << r.out;
  std::ifstream in(errors);
  ASSERT_TRUE(in);
  for (std::string line; std::getline(in, line);) {
    const json j = json::parse(line);
    EXPECT_TRUE(j["case"] == "missed" || j["case"] == "spurious" || j["case"] == "wrong_speaker" ||
                j["case"] == "wrong_name")
        << line;
    EXPECT_TRUE(j["doc"] == "unicode" || j["doc"] == "split") << line;
  }
  std::filesystem::remove(errors);
}

TEST(EvalCommand, SeveralGoldFilesAreScoredAsOne) {
  REQUIRE_BINARY();
  const std::string small = kFixtures + "small.jsonl";
  const json one = json::parse(run_whosaid("eval " + small + " --format json").out);
  const CommandResult r = run_whosaid("eval " + small + " " + small + " --format json");
  EXPECT_EQ(r.status, 0) << r.err;
  const json two = json::parse(r.out);
  EXPECT_EQ(two["documents"], 2 * one["documents"].get<int>());
  EXPECT_EQ(two["all"]["content"]["gold"], 2 * one["all"]["content"]["gold"].get<int>());
  EXPECT_EQ(two["all"]["names"]["named_gold"], 2 * one["all"]["names"]["named_gold"].get<int>());
}

TEST(EvalCommand, MissingGoldFileIsNoInput) {
  REQUIRE_BINARY();
  const CommandResult r = run_whosaid("eval /nonexistent/gold.jsonl");
  EXPECT_EQ(r.status, 66) << r.err;
  EXPECT_NE(r.err.find("cannot open /nonexistent/gold.jsonl"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace whosaid::eval

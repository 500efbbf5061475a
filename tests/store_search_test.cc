// Unit tests of searching the store: filters, FTS5 syntax, what people type into
// the search box (src/store/query.h), ranking and listing.
#include <filesystem>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/query.h"
#include "store_test_util.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid {
namespace {

using namespace whosaid::testing;
namespace fs = std::filesystem;

class StoreSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<Store>(dir_.file("w.db"));
    Store& s = *store_;
    s.add(info("u1", "Herald", "2014-02-10"),
          make_doc({{"The SIS legislation is necessary to keep New Zealanders safe", "Phil Goff",
                     "Labour MP", "Labour"},
                    {"Spy agencies need oversight", "Phil Goff", "Labour MP", "Labour",
                     QuoteKind::kIndirect}}));
    s.add(info("u2", "Stuff", "2015-06-01"),
          make_doc({{"This SIS legislation goes too far and the legislation must change",
                     "Russel Norman", "co-leader", "Green Party"}}));
    s.add(info("u3", "Herald", "2016-09-30"),
          make_doc({{"We have reviewed the SIS legislation carefully", "Phil Goff", "Mayor",
                     "", QuoteKind::kMixed}}));
    s.add(info("u4", "Radio NZ", "2013-01-01"),
          make_doc({{"The harbour will be dredged next winter", "Phil Goff", "Labour MP"}}));
  }
  std::vector<std::string> texts(SearchQuery q) {
    std::vector<std::string> out;
    for (auto& h : store_->search(q)) out.push_back(h.text.substr(0, 20));
    return out;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreSearch, TextIsRankedByBm25) {
  SearchQuery q;
  q.text = "legislation";
  auto hits = store_->search(q);
  ASSERT_EQ(hits.size(), 3u);
  // Two occurrences rank first.
  EXPECT_EQ(hits[0].speaker, "Russel Norman");
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i - 1].score, hits[i].score);
  EXPECT_EQ(hits[0].url, "u2");
  EXPECT_EQ(hits[0].outlet, "Stuff");
}

TEST_F(StoreSearch, Fts5SyntaxWorks) {
  SearchQuery q;
  q.text = "\"SIS legislation\" NOT safe";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.text = "harb*";
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.text = "spy OR harbour";
  EXPECT_EQ(store_->search(q).size(), 2u);
}

TEST_F(StoreSearch, BadRawSyntaxIsABadInputError) {
  SearchQuery q;
  q.raw = true;
  q.text = "\"unbalanced";
  expect_error(ErrorCode::kBadInput, "raw", [&] { store_->search(q); });
  q.text = "NEAR(spy oversight)";
  EXPECT_EQ(store_->search(q).size(), 1u);
}

// Found by fuzz/server_api_fuzzer: the query "Ydamaged::" (an unknown column
// filter) was taken for database damage because the error echoed the query.
TEST_F(StoreSearch, QueryWordDamagedIsStillABadQueryNotDamage) {
  SearchQuery q;
  q.raw = true;
  q.text = "Ydamaged::";
  expect_error(ErrorCode::kBadInput, "", [&] { store_->search(q); });
  q.raw = false;  // typed into the box: an ordinary word
  EXPECT_TRUE(store_->search(q).empty());
}

TEST_F(StoreSearch, EachFilter) {
  SearchQuery q;
  q.text = "legislation";
  q.speaker = "Goff";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.speaker = "Phil Goff";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.speaker = "Nobody Atall";
  EXPECT_EQ(store_->search(q).size(), 0u);

  q = {};
  q.text = "legislation";
  q.role = "labour";  // matches the party too
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.role = "Mayor";
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.role = "Green";
  EXPECT_EQ(store_->search(q).size(), 1u);

  q = {};
  q.text = "legislation";
  q.outlet = "herald";
  EXPECT_EQ(store_->search(q).size(), 2u);

  q = {};
  q.from = "2015";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.to = "2015";
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.from = "2014-02";
  q.to = "2014-02-10";
  EXPECT_EQ(store_->search(q).size(), 2u);

  q = {};
  q.kind = QuoteKind::kIndirect;
  ASSERT_EQ(store_->search(q).size(), 1u);
  EXPECT_EQ(store_->search(q)[0].text, "Spy agencies need oversight");
  q.kind = QuoteKind::kMixed;
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.kind = QuoteKind::kDirect;
  EXPECT_EQ(store_->search(q).size(), 3u);

  q = {};
  q.limit = 2;
  auto newest = store_->search(q);
  ASSERT_EQ(newest.size(), 2u);  // without text: newest first
  EXPECT_EQ(newest[0].date, "2016-09-30");
  EXPECT_EQ(newest[1].date, "2015-06-01");
}

TEST_F(StoreSearch, SpeakersListIsMostQuotedFirst) {
  auto all = store_->speakers();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Phil Goff");
  EXPECT_EQ(all[0].quotes, 4);
  EXPECT_EQ(all[0].role, "Mayor");  // most recent
  EXPECT_EQ(store_->speakers(1).size(), 1u);
}

TEST_F(StoreSearch, ReadOnlyConnectionSeesCommittedData) {
  Store ro(dir_.file("w.db"), StoreOptions{.read_only = true});
  EXPECT_EQ(ro.stats().articles, 4);
  EXPECT_THROW(ro.add(info("u9", "", ""), make_doc({})), Error);
}


// ---------------------------------------------------------------- what people type

TEST(SearchQueryParser, WordsWithPunctuationArePhrasesOfTheirParts) {
  using store::parse_query;
  EXPECT_EQ(parse_query("co-leader").fts5, "\"co leader\"");
  EXPECT_EQ(parse_query("U.S.").fts5, "\"U S\"");
  EXPECT_EQ(parse_query("don't").fts5, "\"don t\"");
  EXPECT_EQ(parse_query("Blair\u2019s").fts5, "\"Blair s\"");
  EXPECT_EQ(parse_query("9/11 50%").fts5, "\"9 11\" \"50\"");
  EXPECT_EQ(parse_query("Mr. Blair").fts5, "\"Mr\" \"Blair\"");
  EXPECT_EQ(parse_query("what?").fts5, "\"what\"");
  EXPECT_EQ(parse_query("\"SIS bill\" passes").fts5, "\"SIS bill\" \"passes\"");
  EXPECT_EQ(parse_query("\"unbalanced phrase").fts5, "\"unbalanced phrase\"");
  EXPECT_EQ(parse_query("? -- ...").fts5, "");
}

TEST(SearchQueryParser, OperatorsOnlyBetweenTwoTerms) {
  using store::parse_query;
  EXPECT_EQ(parse_query("spy OR harbour").fts5, "\"spy\" OR \"harbour\"");
  EXPECT_EQ(parse_query("spy NOT harbour").fts5, "\"spy\" NOT \"harbour\"");
  EXPECT_EQ(parse_query("NOT tax").fts5, "\"NOT\" \"tax\"");
  EXPECT_EQ(parse_query("tax OR").fts5, "\"tax\" \"OR\"");
  EXPECT_EQ(parse_query("AND").fts5, "\"AND\"");
  EXPECT_EQ(parse_query("a AND OR b").fts5, "\"a\" \"AND\" OR \"b\"");
  EXPECT_EQ(parse_query("tax or spend").fts5, "\"tax\" \"or\" \"spend\"");
}

// "t* t* t* …" ×333 once ran 32 s: prefixes are bounded in number and length.
TEST(SearchQueryParser, PrefixesAreBounded) {
  using store::parse_query;
  EXPECT_EQ(parse_query("harb*").fts5, "\"harb\"*");
  EXPECT_EQ(parse_query("co-lead*").fts5, "\"co lead\"*");
  EXPECT_EQ(parse_query("t*").fts5, "\"t\"");  // too short: the whole word
  std::string many;
  for (int i = 0; i < 333; ++i) many += "t* ";
  store::ParsedQuery p = parse_query(many);
  EXPECT_EQ(p.prefixes, 0u);
  EXPECT_EQ(p.terms, store::kMaxTerms);
  EXPECT_TRUE(p.truncated);
  many.clear();
  for (int i = 0; i < 333; ++i) many += "tax" + std::to_string(i) + "* ";
  p = parse_query(many);
  EXPECT_EQ(p.prefixes, store::kMaxPrefixTerms);
  EXPECT_EQ(std::count(p.fts5.begin(), p.fts5.end(), '*'), 4);
}

TEST(StoreQueries, WhatPeopleTypeFindsTheQuote) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2004-11-02"),
        make_doc({{"Don't e-mail the U.S. about 9/11: 50% of Mr. Blair's co-leader Kilroy-Silk "
                   "votes say what? Not tax or spending",
                   "Robert Kilroy-Silk"}}));
  for (const char* text : {"don't", "Blair's", "U.S.", "co-leader", "Kilroy-Silk", "e-mail",
                           "50%", "9/11", "Mr. Blair", "what?", "NOT tax", "tax OR",
                           "\"co-leader Kilroy\"", "kilroy-sil*", "blair AND tax",
                           "\"U.S. about"}) {
    SearchQuery q;
    q.text = text;
    std::vector<StoredQuote> hits;
    EXPECT_NO_THROW(hits = s.search(q)) << text;
    EXPECT_EQ(hits.size(), 1u) << text;
  }
  SearchQuery q;
  q.text = "blair NOT tax";
  EXPECT_TRUE(s.search(q).empty());
  q.text = "?";
  EXPECT_TRUE(s.search(q).empty());
}

// Property: any string typed into the search box gives results, never an
// error (the FTS5 expression is always valid) and never a crash.
TEST(StoreQueries, RandomQueriesNeverFail) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"The SIS legislation is necessary, co-leader Kilroy-Silk said", "Phil Goff"}}));
  const std::vector<std::string> pieces = {
      "\"", "\"", "*", "-", "'", ".", "(", ")", ":", "^", "+", "/", "%", "?", " ", " ", "  ",
      "AND", "OR", "NOT", "NEAR", "NEAR(", "{", "}", ",", "\\", "\t", std::string(1, '\0'),
      "\xFF", "\xE2\x80", "\xE2\x80\x9C", "\u2019", "\u00E9", "\u6F22", "\U0001F600", "sis",
      "legis", "co", "t", "x", "9", "col:", "text:", "rowid", "a_b", ";", "--", "'; DROP"};
  std::mt19937 rng(20240611);
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    size_t n = rng() % 12;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    store::ParsedQuery p = store::parse_query(text);
    EXPECT_LE(p.prefixes, store::kMaxPrefixTerms) << text;
    EXPECT_LE(p.terms, store::kMaxTerms) << text;
    SearchQuery q;
    q.text = text;
    EXPECT_NO_THROW(s.search_page(q)) << "query: " << text << "\nfts5: " << p.fts5;
  }
}

// ---------------------------------------------------------------- relevance, listing

class StoreListing : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<Store>(dir_.file("w.db"));
    // One statement copied by three outlets, a fragment and a full statement.
    const char* statement = "The budget will return to surplus by the end of the year";
    int n = 0;
    for (const char* outlet : {"Herald", "Stuff", "Radio NZ"}) {
      Document d = make_doc({{statement, "Bill English", "Finance Minister"}});
      d.quotes[0].confidence = 0.9f;
      store_->add(info("copy" + std::to_string(++n), outlet, "2014-05-0" + std::to_string(n)), d);
    }
    Document frag = make_doc({{"any budget", "Grant Robertson"}});
    frag.quotes[0].confidence = 0.3f;
    store_->add(info("frag", "Herald", "2014-06-01"), frag);
    Document full = make_doc({{"This budget does nothing for families who are struggling with rent",
                               "Grant Robertson", "Labour finance spokesman"}});
    full.quotes[0].confidence = 0.6f;
    store_->add(info("full", "Herald", "2014-05-20"), full);
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreListing, CopiesOfOneStatementAppearOnceWithTheirCount) {
  SearchQuery q;
  q.text = "surplus";
  SearchResults r = store_->search_page(q);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].other_articles, 2);
  q.text = "";  // listing folds copies too
  r = store_->search_page(q);
  EXPECT_EQ(r.hits.size(), 3u);
  EXPECT_EQ(r.total, 3);
}

// Counting stops after Store::kMaxCounted matching quotes, however few
// statements they are: copies of ten statements in a thousand articles.
// Below that the total is exact; beyond it, a lower bound (total_capped).
TEST(StoreSearchTotal, CountingStopsAfterTheNewestMatchesAndIsThenALowerBound) {
  TempDir dir;
  Store s(dir.file("many.db"));
  const int kStatements = 10;
  const int articles = static_cast<int>(Store::kMaxCounted / kStatements) + 2;
  s.begin();
  for (int i = 0; i < articles; ++i) {
    std::vector<Q> qs;
    for (int k = 0; k < kStatements; ++k)
      qs.push_back({"The budget will pay for harbour number " + std::to_string(k) + " this year",
                    "Phil Goff"});
    s.add(info("https://a.test/" + std::to_string(i), i == 0 ? "Oldest" : "Herald",
               "2014-01-01"),
          make_doc(qs));
  }
  s.add(info("https://a.test/rare", "Herald", "2014-01-01"),
        make_doc({{"The dredging of the harbour starts next winter", "Phil Goff"}}));
  s.commit();
  SearchQuery q;
  q.text = "dredging";
  SearchResults r = s.search_page(q);
  EXPECT_EQ(r.total, 1);
  EXPECT_FALSE(r.total_capped);
  q.text = "budget";  // > kMaxCounted matches: the newest ones are counted
  r = s.search_page(q);
  EXPECT_EQ(r.hits.size(), 10u);
  EXPECT_EQ(r.total, 10);
  EXPECT_TRUE(r.total_capped);
  // The oldest article's quotes lie beyond the counted matches, but the page
  // found them: the total is at least the end of the page.
  q.outlet = "Oldest";
  q.limit = 4;
  r = s.search_page(q);
  EXPECT_EQ(r.hits.size(), 4u);
  EXPECT_TRUE(r.has_more);
  EXPECT_TRUE(r.total_capped);
  EXPECT_GE(r.total, 5);
  q.offset = 20;  // past the end: no page to learn from
  r = s.search_page(q);
  EXPECT_TRUE(r.hits.empty());
  EXPECT_LE(r.total, 10);
  // A listing without text stops the same way.
  q = SearchQuery{};
  r = s.search_page(q);
  EXPECT_EQ(r.total, 11);
  EXPECT_TRUE(r.total_capped);
}

TEST_F(StoreListing, TotalCountsEveryResultNotThePage) {
  SearchQuery q;
  q.text = "budget";
  q.limit = 1;
  SearchResults r = store_->search_page(q);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 3);
  EXPECT_TRUE(r.has_more);
  q.offset = 2;
  r = store_->search_page(q);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_FALSE(r.has_more);
}

// bm25 favours short texts: "any budget" outscored every full statement.
TEST_F(StoreListing, FragmentsRankBelowFullStatements) {
  SearchQuery q;
  q.text = "budget";
  auto hits = store_->search(q);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits.back().text, "any budget");
}

// The fragment test counts spaces, as it always did: five words rank below
// six, whatever their dates; a hyphenated run is one word; two spaces in a row
// count twice.
TEST(StoreSearchFragments, FewerThanSixSpaceSeparatedWordsIsAFragment) {
  TempDir dir;
  Store s(dir.file("f.db"));
  const std::vector<std::string> texts = {
      "levy one two three four",                       // 5 words: fragment
      "levy one two three four five",                  // 6 words: full
      "levy-one-two-three-four-five-six-seven-eight",  // 1 word
      "levy  one  two",                                // 3 words, double spaces: 4 spaces
      "rate  levy is a rise",                          // 5 spaces: full
  };
  int n = 0;
  for (const std::string& t : texts)
    s.add(info("f" + std::to_string(n), "Herald", "2014-05-0" + std::to_string(++n)),
          make_doc({{t, "Bill English"}}));
  SearchQuery q;
  q.text = "levy";
  auto hits = s.search(q);
  ASSERT_EQ(hits.size(), texts.size());
  std::set<std::string> full;  // the first two results
  for (size_t i = 0; i < 2; ++i) full.insert(hits[i].text);
  EXPECT_EQ(full, (std::set<std::string>{texts[1], texts[4]}));
}

TEST_F(StoreListing, MinimumConfidenceAndSortOrders) {
  SearchQuery q;
  q.text = "budget";
  q.min_confidence = 0.5f;
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.min_confidence = 0;
  q.order = SearchOrder::kDate;
  auto by_date = store_->search(q);
  ASSERT_EQ(by_date.size(), 3u);
  EXPECT_EQ(by_date[0].date, "2014-06-01");
  EXPECT_EQ(by_date[1].date, "2014-05-20");
  q.order = SearchOrder::kConfidence;
  auto by_confidence = store_->search(q);
  ASSERT_EQ(by_confidence.size(), 3u);
  EXPECT_FLOAT_EQ(by_confidence[0].confidence, 0.9f);
  EXPECT_FLOAT_EQ(by_confidence[2].confidence, 0.3f);
  q = {};
  q.role = "finance";
  EXPECT_EQ(store_->search(q).size(), 2u);
}

TEST_F(StoreListing, BadDatesAndConfidenceNameTheParameter) {
  SearchQuery q;
  q.from = "2014-13";
  expect_error(ErrorCode::kBadInput, "from", [&] { store_->search(q); });
  q = {};
  q.to = "May 2014";
  expect_error(ErrorCode::kBadInput, "to", [&] { store_->search(q); });
  q = {};
  q.min_confidence = 1.5f;
  expect_error(ErrorCode::kBadInput, "min_confidence", [&] { store_->search(q); });
  EXPECT_TRUE(is_search_date("2014-05-02"));
  EXPECT_FALSE(is_search_date("2014-5-2"));
}

// ---------------------------------------------------------------- robustness

// --role "%" matched every quote with a role: LIKE wildcards were not escaped.
TEST_F(StoreListing, RoleWildcardsAreLiteral) {
  SearchQuery q;
  q.role = "%";
  EXPECT_TRUE(store_->search(q).empty());
  q.role = "_";
  EXPECT_TRUE(store_->search(q).empty());
  q.role = "Finance_Minister";
  EXPECT_TRUE(store_->search(q).empty());
  q.role = "Finance Minister";
  EXPECT_EQ(store_->search(q).size(), 1u);  // one statement, three articles
}

}  // namespace
}  // namespace whosaid

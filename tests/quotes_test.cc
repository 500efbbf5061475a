// Quotation marks: every style, apostrophes, continuation, nesting, unbalanced marks.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using ::testing::ElementsAre;
using testing::extractor;
using testing::quoted_texts;

TEST(QuoteMarks, CurlyDouble) {
  Document doc = extractor().extract("He said \xE2\x80\x9CWe will win.\xE2\x80\x9D");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("We will win."));
  EXPECT_TRUE(doc.quoted[0].closed);
}

TEST(QuoteMarks, StraightDoubleDecidedByFlanking) {
  Document doc = extractor().extract("\"First,\" he said, \"second.\" Then \"third\" came.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("First,", "second.", "third"));
}

TEST(QuoteMarks, Guillemets) {
  Document doc = extractor().extract("Il a dit \xC2\xAB non \xC2\xBB hier.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("non"));
}

TEST(QuoteMarks, LowNineOpener) {
  Document doc = extractor().extract("Er sagte \xE2\x80\x9EJa\xE2\x80\x9D dazu.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("Ja"));
}

TEST(QuoteMarks, BacktickPairs) {
  Document doc = extractor().extract("He said ``we will see'' and left.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("we will see"));
}

TEST(QuoteMarks, DoubleApostropheOpensAndCloses) {
  // NYT style: '' both opens and closes.
  Document doc = extractor().extract("''It is over,'' she said, ''for now.''");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("It is over,", "for now."));
}

TEST(QuoteMarks, MixedStylesStraightOpenDoubleApostropheClose) {
  Document doc = extractor().extract("It was \"a clear admission of his failings''.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("a clear admission of his failings"));
}

TEST(QuoteMarks, ApostrophesAreNotQuotes) {
  Document doc = extractor().extract("Labour's view: don't cancel the fighters' passports in the '90s style.");
  EXPECT_TRUE(doc.quoted.empty());
}

TEST(QuoteMarks, NestedSingleInsideDouble) {
  Document doc = extractor().extract(
      "\"They told me \xE2\x80\x98no way\xE2\x80\x99 and left,\" he said.");
  ASSERT_EQ(doc.quoted.size(), 1u);
  EXPECT_EQ(doc.slice(doc.quoted[0].content), "They told me \xE2\x80\x98no way\xE2\x80\x99 and left,");
}

TEST(QuoteMarks, TopLevelSingleCurlyQuotesInHeadline) {
  Document doc = extractor().extract("Trump: \xE2\x80\x98I\xE2\x80\x99m the worst thing\xE2\x80\x99 for them");
  ASSERT_EQ(doc.quoted.size(), 1u);
  EXPECT_TRUE(doc.quoted[0].single);
  EXPECT_EQ(doc.slice(doc.quoted[0].content), "I\xE2\x80\x99m the worst thing");
}

TEST(QuoteMarks, UnclosedRecoversAtParagraphEnd) {
  Document doc = extractor().extract("He said \"this never closes\n\nNext paragraph \"is fine\" here.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("this never closes", "is fine"));
  EXPECT_FALSE(doc.quoted[0].closed);
  EXPECT_TRUE(doc.quoted[1].closed);
}

TEST(QuoteMarks, ContinuationIntoNextParagraphByReopening) {
  Document doc = extractor().extract("\"First part of it.\n\n\"Second part,\" he said.");
  ASSERT_EQ(doc.quoted.size(), 2u);
  EXPECT_FALSE(doc.quoted[0].closed);
  EXPECT_TRUE(doc.quoted[1].continues_previous);
}

TEST(QuoteMarks, NeverPairAcrossParagraphs) {
  Document doc = extractor().extract("a \"b\n\nc\" d");
  for (const QuotedRegion& r : doc.quoted)
    EXPECT_EQ(doc.paragraphs[r.paragraph].span.contains(r.content), true);
}

TEST(QuoteMarks, StrayCloserIsIgnored) {
  Document doc = extractor().extract("Nothing here\xE2\x80\x9D at all.");
  EXPECT_TRUE(doc.quoted.empty());
}

TEST(QuoteMarks, LeftDoubleTypedAsCloser) {
  Document doc = extractor().extract("\xE2\x80\x9C" "Do you want that?\xE2\x80\x9C he asked.");
  EXPECT_THAT(quoted_texts(doc), ElementsAre("Do you want that?"));
}

TEST(QuoteMarks, ManyUnmatchedMarksStayLinear) {
  std::string text;
  for (int i = 0; i < 100000; ++i) text += "\xE2\x80\x9C ";
  Document doc = extractor().extract(text);
  EXPECT_LE(doc.quoted.size(), 100000u);
  for (const QuotedRegion& r : doc.quoted) EXPECT_LE(r.content.end, text.size());
}

// Quote::spans keeps its first span in place and grows onto the heap from the
// second; copies and moves keep every span, a moved-from list is empty.
// GCC 12 inlines push_back here and mistakes the copy into the new heap block
// for one into the 8-byte inline span (-Wstringop-overflow, a false positive).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wstringop-overflow"
TEST(SpanList, ActsAsAVectorOfSpans) {
  SpanList a;
  EXPECT_TRUE(a.empty());
  a.push_back({1, 2});
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(a.front(), (Span{1, 2}));
  for (uint32_t i = 1; i < 5; ++i) a.push_back({10 * i, 10 * i + 1});
  ASSERT_EQ(a.size(), 5u);
  EXPECT_EQ(a[0], (Span{1, 2}));
  EXPECT_EQ(a.back(), (Span{40, 41}));
  const SpanList copy = a;
  EXPECT_EQ(copy, a);
  SpanList moved = std::move(a);
  EXPECT_EQ(moved, copy);
  EXPECT_TRUE(a.empty());  // NOLINT: moved from, then reused
  a = {{7, 8}};
  EXPECT_EQ(a.size(), 1u);
  moved = a;
  EXPECT_EQ(moved, a);
  moved = copy;
  EXPECT_EQ(moved.size(), 5u);
  SpanList from_vector = std::vector<Span>{{3, 4}, {5, 6}};
  EXPECT_EQ(from_vector, (SpanList{{3, 4}, {5, 6}}));
  EXPECT_NE(from_vector, copy);
  from_vector.clear();
  EXPECT_TRUE(from_vector.empty());
  from_vector.push_back({9, 9});
  EXPECT_EQ(from_vector.size(), 1u);
  uint32_t total = 0;
  for (Span s : copy) total += s.begin;
  EXPECT_EQ(total, 101u);
}
#pragma GCC diagnostic pop

}  // namespace
}  // namespace whosaid

// Attribution checked against the dependency tree (src/attribution/tree.cc):
// the source is the cue's subject, and a phrase before the cue that modifies
// it is not what was said. The articles are written for these tests.
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using testing::extractor;

// The quote whose text contains `words`, or null.
const Quote* quote_with(const Document& doc, std::string_view words) {
  for (const Quote& q : doc.quotes)
    if (doc.slice(q.span).find(words) != std::string_view::npos) return &q;
  return nullptr;
}

std::string mention_of(const Document& doc, const Quote& q) {
  return q.speaker && q.speaker->mention ? std::string(doc.slice(*q.speaker->mention)) : std::string("(none)");
}

TEST(AttributionTree, PhraseBeforeTheCueModifiesItAndTheComplementIsTheContent) {
  const Document doc = extractor().extract(
      "Candidate confirms bid\n\n"
      "In an interview with the Guardian, Ms Smith said she would stand.\n");
  ASSERT_EQ(doc.quotes.size(), 1u);
  const Quote& q = doc.quotes[0];
  EXPECT_EQ(doc.slice(q.span), "she would stand");
  ASSERT_TRUE(q.speaker);
  EXPECT_EQ(q.speaker->name, "Smith");
}

TEST(AttributionTree, SourceIsTheSubjectNotANameInsideItsRelativeClause) {
  const Document doc = extractor().extract(
      "Ticket prices anger supporters\n\n"
      "Fans of the club, who travelled to Madrid, said the tickets were too expensive.\n");
  const Quote* q = quote_with(doc, "the tickets were too expensive");
  ASSERT_NE(q, nullptr);
  const std::string mention = mention_of(doc, *q);
  EXPECT_EQ(mention.rfind("Fans", 0), 0u) << mention;
  ASSERT_TRUE(q->speaker);
  EXPECT_NE(q->speaker->name, "Madrid");
}

TEST(AttributionTree, NameInAppositionToTheSubjectStaysTheSource) {
  const Document doc = extractor().extract(
      "Business warns on tax\n\n"
      "The head of the CBI, Digby Jones, warned that business would suffer.\n");
  const Quote* q = quote_with(doc, "business would suffer");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->name, "Digby Jones");
}

TEST(AttributionTree, HeIsNeverAGroupNamedBefore) {
  const Document doc = extractor().extract(
      "Plan under fire\n\n"
      "Critics, including the Liberal Democrats, say the plan is unworkable.\n\n"
      "It was, he said, a very difficult decision to defend.\n");
  const Quote* q = quote_with(doc, "a very difficult decision");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_NE(q->speaker->name, "Critics");
}

TEST(AttributionTree, FrontedCueSaysOnlyWhatItsOwnClauseHolds) {
  const Document doc = extractor().extract(
      "Vote row\n\n"
      "Asked about the vote, Smith told the BBC he was confident.\n");
  for (const Quote& q : doc.quotes) EXPECT_EQ(doc.slice(q.span).find("Smith"), std::string_view::npos) << doc.slice(q.span);
  const Quote* q = quote_with(doc, "he was confident");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->name, "Smith");
}

TEST(AttributionTree, NameInAppositionAfterAccordingToIsTheSourceAndNotTheContent) {
  const Document doc = extractor().extract(
      "Strike\n\n"
      "According to the head of the union, Bob Crow, the strike will go ahead.\n\n"
      "According to Ann Lee, the chair of the board, the merger is off.\n");
  const Quote* strike = quote_with(doc, "the strike will go ahead");
  ASSERT_NE(strike, nullptr);
  EXPECT_EQ(doc.slice(strike->span), "the strike will go ahead");
  ASSERT_TRUE(strike->speaker);
  EXPECT_EQ(strike->speaker->name, "Bob Crow");
  const Quote* merger = quote_with(doc, "the merger is off");
  ASSERT_NE(merger, nullptr);
  EXPECT_EQ(doc.slice(merger->span), "the merger is off");
  ASSERT_TRUE(merger->speaker);
  EXPECT_EQ(merger->speaker->name, "Ann Lee");
}

// So does a relative clause about the source: the statement starts after it,
// whether the tree hangs the clause from the source or misreads it.
TEST(AttributionTree, RelativeClauseAfterAccordingToIsNotTheContent) {
  const Document doc = extractor().extract(
      "Nomination\n\n"
      "According to a senior official, who spoke on condition of anonymity, the president will not withdraw "
      "the nomination.\n\n"
      "According to Ann Lee, who chairs the board, the merger will not go ahead.\n");
  const Quote* nomination = quote_with(doc, "the president will not withdraw");
  ASSERT_NE(nomination, nullptr);
  EXPECT_EQ(doc.slice(nomination->span), "the president will not withdraw the nomination");
  const Quote* merger = quote_with(doc, "the merger will not go ahead");
  ASSERT_NE(merger, nullptr);
  EXPECT_EQ(doc.slice(merger->span), "the merger will not go ahead");
  ASSERT_TRUE(merger->speaker);
  EXPECT_EQ(merger->speaker->name, "Ann Lee");
}

TEST(AttributionTree, RelativePronounSourceIsTheNounItsClauseHangsFrom) {
  const Document doc = extractor().extract(
      "Deficit\n\n"
      "The latest to pitch in has been President George W Bush himself, who told the summit that he would cut "
      "the deficit.\n");
  const Quote* q = quote_with(doc, "he would cut the deficit");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  EXPECT_EQ(q->speaker->name, "George W Bush");
}

// Not a tree check, but the same family of source errors: "by" before the
// source marks an agent ("Asked by Stephanopoulos to respond"), except after
// a document noun, where it names the body the document is credited to.
TEST(AttributionTree, BodyADocumentIsCreditedToIsItsSource) {
  const Document doc = extractor().extract(
      "Waste\n\n"
      "The report by the public accounts committee says the scheme wasted money.\n");
  const Quote* q = quote_with(doc, "the scheme wasted money");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker);
  const std::string mention = mention_of(doc, *q);
  EXPECT_NE(mention.find("committee"), std::string::npos) << mention;
  // The body's name does not take the "by" ("A report by | MPs on the committee").
  const Document mps = extractor().extract("Waste\n\nA report by MPs on the committee says the scheme wasted money.\n");
  const Quote* r = quote_with(mps, "the scheme wasted money");
  ASSERT_NE(r, nullptr);
  ASSERT_TRUE(r->speaker);
  EXPECT_EQ(r->speaker->name.rfind("by ", 0), std::string::npos) << r->speaker->name;
}

}  // namespace
}  // namespace whosaid

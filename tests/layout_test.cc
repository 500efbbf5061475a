// Article furniture (src/layout/): header fields, bylines, stamps, captions,
// credits and datelines are never statements or speakers, in each layout news
// sites use. The articles are written for these tests.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;
using ::testing::UnorderedElementsAre;
using testing::extractor;

std::vector<std::string> speakers(const Document& doc) {
  std::vector<std::string> out;
  for (const Quote& q : doc.quotes) out.push_back(q.speaker ? q.speaker->name : "(none)");
  return out;
}

std::vector<std::string> authors(const Document& doc) {
  std::vector<std::string> out;
  for (Span s : doc.authors) out.emplace_back(doc.slice(s));
  return out;
}

// The kind of the paragraph whose text starts with `start`.
ParagraphKind kind_of(const Document& doc, std::string_view start) {
  for (const Paragraph& p : doc.paragraphs)
    if (doc.slice(p.span).starts_with(start)) return p.kind;
  ADD_FAILURE() << "no paragraph starts with " << start;
  return ParagraphKind::kBody;
}

// Whether any token of `word` (its first occurrence) is flagged as furniture.
bool furniture(const Document& doc, std::string_view word) {
  for (const Token& t : doc.tokens)
    if (doc.slice(t.span) == word) return t.has(kLayout);
  ADD_FAILURE() << "no token " << word;
  return false;
}

bool no_mention_in(const Document& doc, std::string_view paragraph_start) {
  for (const Paragraph& p : doc.paragraphs) {
    if (!doc.slice(p.span).starts_with(paragraph_start)) continue;
    for (const Mention& m : doc.mentions)
      if (m.span.begin >= p.span.begin && m.span.end <= p.span.end) return false;
    return true;
  }
  ADD_FAILURE() << "no paragraph starts with " << paragraph_start;
  return false;
}

TEST(Layout, HeaderFieldsAreNeitherStatementsNorSpeakers) {
  Document doc = extractor().extract(
      "Headline: Minister defends budget cuts\n"
      "Subtitle: Spending falls for the first time in a decade\n"
      "Date: 12 March 2024\n"
      "Publisher: The Daily Courier\n"
      "By Sarah Jones\n"
      "Updated 14:05 GMT\n\n"
      "The finance minister, Grant Robertson, said on Tuesday that the cuts were necessary.\n\n"
      "\"We had no choice,\" Robertson told reporters.\n");
  EXPECT_EQ(kind_of(doc, "Headline:"), ParagraphKind::kTitle);
  EXPECT_EQ(kind_of(doc, "Subtitle:"), ParagraphKind::kTitle);
  EXPECT_EQ(kind_of(doc, "Date:"), ParagraphKind::kMeta);
  EXPECT_EQ(kind_of(doc, "Publisher:"), ParagraphKind::kMeta);
  EXPECT_EQ(kind_of(doc, "By Sarah"), ParagraphKind::kMeta);
  EXPECT_EQ(kind_of(doc, "Updated"), ParagraphKind::kMeta);
  EXPECT_EQ(kind_of(doc, "The finance"), ParagraphKind::kBody);
  EXPECT_THAT(authors(doc), ElementsAre("Sarah Jones"));
  // The label is furniture, the headline's words are not.
  EXPECT_TRUE(furniture(doc, "Headline"));
  EXPECT_FALSE(furniture(doc, "Minister"));
  EXPECT_TRUE(no_mention_in(doc, "By Sarah"));
  EXPECT_TRUE(no_mention_in(doc, "Publisher:"));
  EXPECT_THAT(speakers(doc), ElementsAre("Grant Robertson", "Grant Robertson"));
}

// A byline field holds the byline as printed: "Byline: By …" names the
// writer, not "By", and the writer's description after the comma is no name.
TEST(Layout, ABylineFieldKeepsItsByOutOfTheName) {
  const Document doc = extractor().extract(
      "Headline: Depot plan approved\n"
      "Byline: By Irene Castell, Local Democracy Reporter\n\n"
      "The planning committee approved the bus depot on Monday after a long debate.\n");
  EXPECT_EQ(kind_of(doc, "Byline:"), ParagraphKind::kMeta);
  EXPECT_THAT(authors(doc), ElementsAre("Irene Castell"));
}

// A document reused for the next article (the Python module's and the
// bench's scratch document) keeps no author of the one before, and running
// the extractor again on one document finds its byline once.
TEST(Layout, AReusedDocumentKeepsNoAuthorOfTheOneBefore) {
  Document doc;
  doc.reset("By Sarah Jones and Tom Lee\n\nThe council met on Monday. \"We will decide soon,\" the mayor said.\n");
  extractor().run(doc);
  extractor().run(doc);
  EXPECT_THAT(authors(doc), ElementsAre("Sarah Jones", "Tom Lee"));
  doc.reset("The vote is next week. \"It will be close,\" said Ann Pole.\n");
  extractor().run(doc);
  EXPECT_THAT(authors(doc), IsEmpty());
}

// A short lede is running text too: its dateline is furniture even when the
// paragraph is short enough to sit in the header block, and the place is no
// speaker ("WASHINGTON (AP) — Senator X, D-Ohio, said …").
TEST(Layout, AShortLedeKeepsItsDatelineOutOfTheSource) {
  Document doc = extractor().extract(
      "WASHINGTON (AP) \xE2\x80\x94 Senator Rachel Dunmore, D-Ohio, said Tuesday she would oppose it.\n\n"
      "\"The Senate deserves better,\" Dunmore told reporters.\n");
  EXPECT_TRUE(furniture(doc, "WASHINGTON"));
  EXPECT_FALSE(furniture(doc, "Senator"));
  EXPECT_THAT(speakers(doc), ElementsAre("Rachel Dunmore", "Rachel Dunmore"));
}

TEST(Layout, AgencyStoryWithBylineStampDatelineAndCaption) {
  Document doc = extractor().extract(
      "Senate passes spending bill after all-night session\n\n"
      "By LISA MASCARO and MARY CLARE JALONICK, Associated Press\n\n"
      "Updated 6:42 AM EST, March 9, 2024\n\n"
      "WASHINGTON (AP) \xE2\x80\x94 The Senate passed a spending bill early Saturday, and Majority Leader Chuck "
      "Schumer said the vote would keep the government open.\n\n"
      "Senator Chuck Schumer speaks to reporters at the Capitol on Friday. \"Enough,\" a sign read. "
      "(AP Photo/J. Scott Applewhite)\n\n"
      "\"This is a good day,\" Schumer told the Washington Post.\n\n"
      "Republican leader Mitch McConnell said he supported the bill.\n");
  EXPECT_THAT(authors(doc), ElementsAre("LISA MASCARO", "MARY CLARE JALONICK"));
  EXPECT_EQ(kind_of(doc, "Updated"), ParagraphKind::kMeta);
  EXPECT_EQ(kind_of(doc, "WASHINGTON"), ParagraphKind::kBody);
  EXPECT_TRUE(furniture(doc, "WASHINGTON"));
  EXPECT_TRUE(furniture(doc, "AP"));
  EXPECT_FALSE(furniture(doc, "Senate"));
  EXPECT_EQ(kind_of(doc, "Senator Chuck"), ParagraphKind::kCaption);
  // The dateline is a sentence of its own: the statement starts after it.
  EXPECT_EQ(doc.slice(doc.sentences[3].span), "WASHINGTON (AP) \xE2\x80\x94");
  // The caption's quotation is nobody's statement; the addressee is no speaker.
  EXPECT_EQ(testing::quote_containing(doc, "Enough"), nullptr);
  EXPECT_THAT(speakers(doc), ElementsAre("Chuck Schumer", "Chuck Schumer", "Mitch McConnell"));
}

TEST(Layout, DateLineAgencyDatelineAndPhotographCredit) {
  Document doc = extractor().extract(
      "Tuesday 12 March 2024 09.30 GMT\n\n"
      "LONDON, March 12 (Reuters) - Britain's finance minister said on Tuesday that inflation would fall "
      "this year, and that wages would rise.\n\n"
      "Chancellor Jeremy Hunt arrives at Downing Street. Photograph: Dan Kitwood/Getty Images\n\n"
      "Photo: Mark Tantrum / Getty\n\n"
      "Mark Tantrum / Getty\n\n"
      "\"We are on the right track,\" Hunt said.\n");
  EXPECT_EQ(kind_of(doc, "Tuesday"), ParagraphKind::kMeta);
  EXPECT_TRUE(furniture(doc, "LONDON"));
  EXPECT_TRUE(furniture(doc, "Reuters"));
  EXPECT_FALSE(furniture(doc, "Britain"));
  EXPECT_EQ(kind_of(doc, "Chancellor Jeremy"), ParagraphKind::kCaption);
  EXPECT_EQ(kind_of(doc, "Photo:"), ParagraphKind::kCaption);
  EXPECT_EQ(kind_of(doc, "Mark Tantrum"), ParagraphKind::kCaption);
  // The caption names no speaker but tells who "Hunt" is.
  EXPECT_THAT(speakers(doc), ElementsAre("Britain's finance minister", "Jeremy Hunt"));
}

TEST(Layout, PictureFieldsAnywhereAreCaptions) {
  Document doc = extractor().extract(
      "The Green Party co-leader, Russel Norman, said the law went too far and should be repealed.\n\n"
      "Image: Nick Moreau.\n\n"
      "Caption: \"No more,\" said a banner held by protesters outside Parliament.\n\n"
      "\"It's a tragedy,\" Dr Norman said.\n");
  EXPECT_EQ(kind_of(doc, "Image:"), ParagraphKind::kCaption);
  EXPECT_EQ(kind_of(doc, "Caption:"), ParagraphKind::kCaption);
  EXPECT_EQ(testing::quote_containing(doc, "Nick Moreau"), nullptr);
  EXPECT_EQ(testing::quote_containing(doc, "No more"), nullptr);
  EXPECT_THAT(speakers(doc), ElementsAre("Russel Norman", "Russel Norman"));
}

TEST(Layout, AuthorFieldNamesTheAuthors) {
  Document doc = extractor().extract(
      "Title: Why I changed my mind on the budget\n"
      "Author: Helen Clark & Phil Goff\n\n"
      "I used to think the budget was fair. The Treasury said in May that it would balance the books.\n");
  EXPECT_THAT(authors(doc), ElementsAre("Helen Clark", "Phil Goff"));
  EXPECT_TRUE(no_mention_in(doc, "Author:"));
  EXPECT_THAT(speakers(doc), ElementsAre("Treasury"));
}

// What looks like furniture and is not.
TEST(Layout, RunningTextIsNotFurniture) {
  Document doc = extractor().extract(
      "DJ Norman Cook - aka Fatboy Slim - has said that dance music is not dead, but is going through a "
      "fallow patch.\n\n"
      "By Christmas, the minister said, the plan will be dead.\n\n"
      "Key: SAS could join Isis fight on ground\n\n"
      "Prime Minister John Key said the decision would be made by Cabinet in the next fortnight.\n");
  for (const Token& t : doc.tokens) EXPECT_FALSE(t.has(kLayout)) << doc.slice(t.span);
  for (const Paragraph& p : doc.paragraphs) EXPECT_EQ(p.kind, ParagraphKind::kBody) << doc.slice(p.span);
  EXPECT_THAT(authors(doc), IsEmpty());
  EXPECT_FALSE(no_mention_in(doc, "DJ Norman Cook"));
  const Quote* colon = testing::quote_containing(doc, "SAS could join");
  ASSERT_NE(colon, nullptr);
  ASSERT_TRUE(colon->speaker);
  EXPECT_EQ(colon->speaker->name, "John Key");
}

// A field label after the header block is no speaker, but its line is text.
TEST(Layout, FieldLabelInRunningTextIsFurnitureOnly) {
  Document doc = extractor().extract(
      "The ministry said on Monday that hospital waiting lists had grown by a fifth over the year to June.\n\n"
      "Source: the health minister said the figures were wrong.\n");
  EXPECT_TRUE(furniture(doc, "Source"));
  EXPECT_FALSE(furniture(doc, "figures"));
  for (const std::string& s : speakers(doc)) EXPECT_NE(s, "Source");
  EXPECT_NE(testing::quote_containing(doc, "the figures were wrong"), nullptr);
}

TEST(Layout, EmptyAndTinyDocuments) {
  for (const char* text : {"", "By", "Headline:", ":", "WASHINGTON \xE2\x80\x94", "(AP Photo/X)", "By Jo\n"}) {
    Document doc = extractor().extract(text);
    EXPECT_THAT(speakers(doc), IsEmpty()) << text;
  }
}

}  // namespace
}  // namespace whosaid

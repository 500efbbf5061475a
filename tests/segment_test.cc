// Segmentation: paragraphs, tokens (clitics, apostrophes, abbreviations) and sentences.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using ::testing::ElementsAre;
using testing::extractor;
using testing::sentence_texts;
using testing::token_texts;

TEST(Paragraphs, BlankLinesAndSingleNewlinesBothSeparate) {
  Document doc = extractor().extract("First line.\nSecond line.\n\n\n  Third, indented.  \n");
  ASSERT_EQ(doc.paragraphs.size(), 3u);
  EXPECT_EQ(doc.slice(doc.paragraphs[0].span), "First line.");
  EXPECT_EQ(doc.slice(doc.paragraphs[2].span), "Third, indented.");
}

TEST(Tokens, CliticsSplitLikePennTreebank) {
  Document doc = extractor().extract("Labour's leader don't know. They're here.");
  EXPECT_THAT(token_texts(doc), ElementsAre("Labour", "'s", "leader", "do", "n't", "know", ".", "They", "'re",
                                            "here", "."));
}

TEST(Tokens, CurlyApostrophesAreNotQuotationMarks) {
  Document doc = extractor().extract("Labour\xE2\x80\x99s support didn\xE2\x80\x99t come.");
  for (const Token& t : doc.tokens) EXPECT_NE(t.kind, TokenKind::kQuote) << doc.slice(t.span);
}

TEST(Tokens, ElidedYearIsANumberNotAQuote) {
  Document doc = extractor().extract("Back in the '90s it was different.");
  ASSERT_GE(doc.tokens.size(), 4u);
  EXPECT_EQ(doc.slice(doc.tokens[3].span), "'90s");
  EXPECT_EQ(doc.tokens[3].kind, TokenKind::kNumber);
}

TEST(Tokens, HyphenatedAndDottedWordsStayWhole) {
  Document doc = extractor().extract("The US-led co-leader met U.S. officials.");
  EXPECT_THAT(token_texts(doc), ElementsAre("The", "US-led", "co-leader", "met", "U.S.", "officials", "."));
}

TEST(Tokens, AsciiQuotePairsAreSingleTokens) {
  Document doc = extractor().extract("He said ``yes'' loudly.");
  EXPECT_THAT(token_texts(doc), ElementsAre("He", "said", "``", "yes", "''", "loudly", "."));
  EXPECT_EQ(doc.tokens[2].kind, TokenKind::kQuote);
  EXPECT_EQ(doc.tokens[4].kind, TokenKind::kQuote);
}

TEST(Tokens, SpansPointIntoTheOriginalText) {
  const std::string text = "Caf\xC3\xA9 owner \xE2\x80\x9CJos\xC3\xA9\xE2\x80\x9D said \xF0\x9F\x98\x80 hi.";
  Document doc = extractor().extract(text);
  for (const Token& t : doc.tokens) {
    ASSERT_LE(t.span.end, text.size());
    EXPECT_EQ(doc.slice(t.span), std::string_view(text).substr(t.span.begin, t.span.size()));
  }
  EXPECT_EQ(doc.text(), text);  // never rewritten
}

TEST(Sentences, HonorificsAndInitialsDoNotEndSentences) {
  Document doc = extractor().extract("Mr. Key met Dr. Smith and Leonard E. Burman on Monday. They talked.");
  EXPECT_THAT(sentence_texts(doc),
              ElementsAre("Mr. Key met Dr. Smith and Leonard E. Burman on Monday.", "They talked."));
}

TEST(Sentences, AbbreviatedCountryBeforeANameDoesNotSplit) {
  Document doc = extractor().extract("The U.S. Senate voted. The House did not.");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("The U.S. Senate voted.", "The House did not."));
}

TEST(Sentences, QuestionInsideQuoteFollowedByCueDoesNotSplit) {
  Document doc = extractor().extract("\xE2\x80\x9CWhy not?\xE2\x80\x9D Trump said. Then he left.");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("\xE2\x80\x9CWhy not?\xE2\x80\x9D Trump said.", "Then he left."));
}

TEST(Sentences, SentenceEndingInsideQuoteThenNewSentenceSplits) {
  Document doc = extractor().extract("He called it \"a disgrace.\" She says it was fine.");
  EXPECT_THAT(sentence_texts(doc), ElementsAre("He called it \"a disgrace.\"", "She says it was fine."));
}

TEST(Sentences, MultiSentenceQuotationStaysWithItsCue) {
  Document doc = extractor().extract("\"We will win. The people are with us,\" he said. Later he left.");
  EXPECT_THAT(sentence_texts(doc),
              ElementsAre("\"We will win. The people are with us,\" he said.", "Later he left."));
}

TEST(InvalidUtf8, ProcessedAndReportedOnce) {
  std::string text = "He said \"fine\xFF\xFE\" today. Bad \xC3 byte.";
  Document doc = extractor().extract(text);
  ASSERT_EQ(doc.diagnostics.size(), 1u);
  EXPECT_NE(doc.diagnostics[0].message.find("invalid UTF-8 at byte 13"), std::string::npos);
  for (const Token& t : doc.tokens) {
    // Token boundaries never cut a valid multi-byte sequence.
    EXPECT_FALSE((static_cast<unsigned char>(text[t.span.begin]) & 0xC0) == 0x80 && !t.has(kInvalidUtf8));
  }
}

TEST(EmptyInput, GivesNoAnnotations) {
  Document doc = extractor().extract("");
  EXPECT_TRUE(doc.tokens.empty());
  EXPECT_TRUE(doc.quotes.empty());
  doc = extractor().extract("\n\n   \n");
  EXPECT_TRUE(doc.paragraphs.empty());
}

}  // namespace
}  // namespace whosaid

// The document's own voices (src/entities/voice.h): who says "I" and "you"
// outside quotation marks in an interview and under a byline.
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::speaker_of;

constexpr const char* kInterview =
    "Wikinews interviewed the site's founder, Jack Herrick, about the project.\n\n"
    "For our readers, could you briefly explain what the site is?\n\n"
    "Sure. I think the site is a manual that anyone can edit.\n\n"
    "Why do you think the site grew so fast?\n\n"
    "I believe people like to teach each other.\n";

// The answers' "I" and the questions' "you" are the interviewee.
TEST(Voice, InterviewAnswersAndQuestionsAreTheInterviewee) {
  Document doc = extractor().extract(kInterview);
  EXPECT_EQ(speaker_of(doc, "a manual that anyone can edit"), "Jack Herrick");
  EXPECT_EQ(speaker_of(doc, "people like to teach"), "Jack Herrick");
  EXPECT_EQ(speaker_of(doc, "what the site is"), "Jack Herrick");
}

// "… interviewed by" names the interviewee before it; a pronoun object
// ("interviewed him") is resolved first.
TEST(Voice, InterviewedByAndInterviewedHim) {
  Document doc = extractor().extract(
      "Aner Shalev, a mathematician from Jerusalem, was interviewed by Wikinews in Trento.\n\n"
      "What are you going to talk about here?\n\n"
      "I think I will talk about characters of groups.\n\n"
      "Why do you like groups?\n\n"
      "I believe they are beautiful.\n");
  EXPECT_EQ(speaker_of(doc, "talk about characters"), "Aner Shalev");

  Document doc2 = extractor().extract(
      "Andrew Westphal is the director of the project. Wikinews interviewed him on Monday.\n\n"
      "Can you explain the project?\n\n"
      "I think it is two missions in one.\n\n"
      "What did the mission find?\n\n"
      "I believe it found comet dust.\n");
  EXPECT_EQ(speaker_of(doc2, "two missions in one"), "Andrew Westphal");
}

// "In an interview with the BBC, Key said": the one named after "with" is the
// interviewer, and a news story with no questions has no interviewee.
TEST(Voice, AnInterviewWithTheBroadcasterIsNotTheInterviewee) {
  Document doc = extractor().extract(
      "In an interview with Terry Gross, Stephen Colbert said the show began as a joke.\n\n"
      "What was it like?\n\n"
      "Is it still a joke?\n\n"
      "I think the show is a serious thing now.\n");
  EXPECT_NE(speaker_of(doc, "a serious thing now"), "Terry Gross");
}

// Under a byline, the unquoted "I" of an opinion piece is the author.
TEST(Voice, BylineAuthorIsTheFirstPersonOfAnOpinionPiece) {
  Document doc = extractor().extract(
      "Headline: Why the council must act\n"
      "By Sarah Jones\n\n"
      "The council met on Tuesday to discuss the budget.\n\n"
      "I believe the council has waited too long to fix the roads.\n");
  EXPECT_EQ(speaker_of(doc, "waited too long"), "Sarah Jones");
}

// A weekday after a name is a date, not part of the name.
TEST(Voice, WeekdayAfterANameIsNotPartOfIt) {
  Document doc = extractor().extract(
      "Hugh McGuire Sunday told reporters that the project would grow.\n");
  EXPECT_EQ(speaker_of(doc, "the project would grow"), "Hugh McGuire");
}

}  // namespace
}  // namespace whosaid

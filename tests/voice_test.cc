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

// A long answer that ends in a rhetorical question is still an answer: its
// "I" is the interviewee's, not an unnamed interviewer's.
TEST(Voice, ALongAnswerEndingInAQuestionIsTheInterviewees) {
  Document doc = extractor().extract(
      "Wikinews interviewed the site's founder, Jack Herrick, about the project.\n\n"
      "For our readers, could you briefly explain what the site is?\n\n"
      "Sure. It is a manual. Anyone can edit it. I think the site is a manual that anyone can edit. "
      "So why should anyone pay for one?\n\n"
      "Why do you think the site grew so fast?\n\n"
      "I believe people like to teach each other.\n");
  EXPECT_EQ(speaker_of(doc, "a manual that anyone can edit"), "Jack Herrick");
}

// An answer's "we" is the interviewee, speaking for a group.
TEST(Voice, AnAnswersWeIsTheInterviewee) {
  Document doc = extractor().extract(
      "Interview with Audioshelf founder Maren Kowalczyk\n\n"
      "The project records books that are in the public domain.\n\n"
      "Why was the project started?\n\n"
      "We think that free recordings matter, so we decided to record public domain books.\n\n"
      "How many volunteers are there?\n\n"
      "About two hundred. We hope that more will join this year.\n");
  EXPECT_EQ(speaker_of(doc, "free recordings matter"), "Maren Kowalczyk");
  EXPECT_EQ(speaker_of(doc, "more will join"), "Maren Kowalczyk");
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

// A column that names its author at its foot ("… is a regular columnist
// for …"): the unquoted "I" is the author; a "she" the column writes about
// is never the author, reached through a chain with "I" or "my".
TEST(Voice, AuthorNoteAtTheFootIsTheFirstPersonOfAColumn) {
  Document doc = extractor().extract(
      "Why I gave up on smart meters\n\n"
      "Last winter my neighbour Greta Lindqvist had a smart meter fitted. She said the device was "
      "confusing. I think the devices promise more than they deliver.\n\n"
      "The supplier says most customers are happy.\n\n"
      "Susan Kowalski is a regular columnist for the Evening Post.\n");
  EXPECT_EQ(speaker_of(doc, "promise more than they deliver"), "Susan Kowalski");
  EXPECT_NE(speaker_of(doc, "the device was confusing"), "Susan Kowalski");
}

// A last paragraph about someone who is no writer names no author.
TEST(Voice, LastParagraphAboutANonWriterIsNoAuthorNote) {
  Document doc = extractor().extract(
      "Why I gave up on smart meters\n\n"
      "I think the devices promise more than they deliver.\n\n"
      "Susan Kowalski is a former director of the supplier.\n");
  EXPECT_EQ(speaker_of(doc, "promise more than they deliver"), "I");
}

// A weekday after a name is a date, not part of the name.
TEST(Voice, WeekdayAfterANameIsNotPartOfIt) {
  Document doc = extractor().extract(
      "Hugh McGuire Sunday told reporters that the project would grow.\n");
  EXPECT_EQ(speaker_of(doc, "the project would grow"), "Hugh McGuire");
}

// A hearing printed as turns: the presiding judge gives the floor by name,
// the advocate (named in full before) speaks next, and the bench's questions
// alternate with the advocate's answers.
constexpr const char* kHearing =
    "Jane Holloway, arguing for the appellants, and Peter Marsh, arguing for the respondents.\n\n"
    "Good morning. Mr. Marsh, you will have twenty minutes.\n\n"
    "Alright, Ms. Holloway, please proceed.\n\n"
    "May it please the Court. I believe the lower court erred in its reading of the statute. "
    "I think the record shows that the notice came too late.\n\n"
    "Counsel, do you say that the notice was never served at all?\n\n"
    "Yes. I argue that the county never served it on my clients.\n\n"
    "I think the county says otherwise. You have not shown us the record on that.\n\n"
    "I believe the record on that point is clear, Your Honor.\n";

TEST(Voice, HearingFloorGivenByNameIsTheNextTurnsI) {
  Document doc = extractor().extract(kHearing);
  // The vocative "Ms. Holloway" is the full name given before.
  EXPECT_EQ(speaker_of(doc, "the lower court erred"), "Jane Holloway");
  EXPECT_EQ(speaker_of(doc, "the record shows that the notice"), "Jane Holloway");
  // The answer after the bench's question is hers again.
  EXPECT_EQ(speaker_of(doc, "never served it on my clients"), "Jane Holloway");
  // The bench's "I" is not hers, whatever the chain of "I"s says.
  EXPECT_NE(speaker_of(doc, "the county says otherwise"), "Jane Holloway");
  // Her turn that addresses the bench after the bench's.
  EXPECT_EQ(speaker_of(doc, "the record on that point is clear"), "Jane Holloway");
}

// A new floor-giving hands the turns to someone else.
TEST(Voice, HearingNextFloorGivingChangesTheVoice) {
  Document doc = extractor().extract(
      std::string(kHearing) +
      "\nThank you, counsel. Mr. Marsh?\n\n"
      "Thank you. I believe the county acted within its powers.\n\n"
      "Do you say that the county gave any notice?\n\n"
      "I argue that the notice was posted on the site.\n");
  EXPECT_EQ(speaker_of(doc, "the lower court erred"), "Jane Holloway");
  EXPECT_EQ(speaker_of(doc, "acted within its powers"), "Peter Marsh");
  EXPECT_EQ(speaker_of(doc, "posted on the site"), "Peter Marsh");
}

// "My name is …" at the start of a turn names its speaker.
TEST(Voice, SelfIntroductionNamesTheTurn) {
  Document doc = extractor().extract(
      "Good morning, your honors. My name is Amy Carver. I am here for the appellants. "
      "I believe the trial court misread the fire code.\n\n"
      "Counsel, are you saying the alarm was never installed?\n\n"
      "Yes. I think the record shows it was taken down.\n\n"
      "Please go on. I want to hear about the door.\n\n"
      "I argue that the door was locked from inside.\n");
  EXPECT_EQ(speaker_of(doc, "misread the fire code"), "Amy Carver");
  EXPECT_EQ(speaker_of(doc, "it was taken down"), "Amy Carver");
  EXPECT_EQ(speaker_of(doc, "the door was locked"), "Amy Carver");
}

// A news story whose "I" is inside quotation marks is no transcript: a
// vocative-looking name at a paragraph's end changes nothing.
TEST(Voice, NewsStoryWithQuotedIIsNoTranscript) {
  Document doc = extractor().extract(
      "The council met on Tuesday. Its leader, Tom Reid, spoke first.\n\n"
      "\"I believe the roads are a disgrace,\" Mr Reid said. Next came Anna Bell.\n\n"
      "\"I think we must wait,\" she said.\n\n"
      "\"I know the budget is tight,\" said Reid.\n");
  EXPECT_EQ(speaker_of(doc, "roads are a disgrace"), "Tom Reid");
  EXPECT_EQ(speaker_of(doc, "we must wait"), "Anna Bell");
}

// An interview that says nowhere whom it interviewed (a caption, "Mr. Mayor,
// do you …?") still signs an answer with the interviewee's name: the answers'
// "I" and the questions' "you" are that person, not the title "Mayor".
TEST(Voice, InterviewWithoutAnInterviewSentenceIsItsNamedSources) {
  Document doc = extractor().extract(
      "The future of the harbour\n"
      "\"The harbour will outlive us all.\" Teodor Halvik image: Mira Sandell.\n"
      "Mr. Mayor, as the man who rebuilt the harbour, do you still think that the town needs a second pier?\n"
      "The harbour will outlive us all. The question is who will pay for it.\n"
      "What about the fishermen who oppose it?\n"
      "I think the fishermen are afraid of change, and I understand them. \"We will build it with them, not "
      "against them.\" \u2014 Halvik, on the pier.\n"
      "Do you think the vote will pass?\n"
      "I believe the council will approve it in spring.\n");
  EXPECT_EQ(speaker_of(doc, "the town needs a second pier"), "Teodor Halvik");
  EXPECT_EQ(speaker_of(doc, "afraid of change"), "Teodor Halvik");
  EXPECT_EQ(speaker_of(doc, "the vote will pass"), "Teodor Halvik");
}

// A column that asks a few questions along the way is no interview: its "I"
// is not the person it quotes by name.
TEST(Voice, AColumnWithAFewQuestionsIsNoInterview) {
  Document doc = extractor().extract(
      "Mr. Vell, I have a deal for you.\n"
      "I think your tax returns are complicated, and you want to keep them private.\n"
      "I accept your lawyer's view that they run to thousands of pages.\n"
      "\"The returns are under audit,\" Oren Vell said in May.\n"
      "So just give us a few figures, certified by your accountants.\n"
      "Those are numbers any taxpayer can understand.\n"
      "They would not reveal your sources of income.\n"
      "They would not show your charitable gifts.\n"
      "They would show whether you paid any tax at all.\n"
      "Why would a builder pay less than a nurse?\n"
      "The answer lies in the rules on losses.\n"
      "Builders can deduct paper losses against ordinary income.\n"
      "That rule was written for them decades ago.\n"
      "Has the candidate ever asked to change it?\n"
      "He has not, as far as anyone knows.\n"
      "The voters deserve to know the figures.\n");
  EXPECT_NE(speaker_of(doc, "your tax returns are complicated"), "Oren Vell");
}

// "She told us why." introduces the answers: the publication's "us" asks, the
// one before "told us" answers; a title label ("Interview:") is no speaker.
TEST(Voice, TheOneWhoToldUsIsInterviewed) {
  Document doc = extractor().extract(
      "Interview: the scientist who wants to bring back the woolly mammoth\n\n"
      "Dr Helen Marsk has spent ten years trying to resurrect an animal that died out 4,000 years ago. She told "
      "us why.\n\n"
      "Why the mammoth?\n\n"
      "Because it could help save the Arctic. Mammoths kept the grasslands open.\n\n"
      "When will we see a mammoth?\n\n"
      "Not before 2030, I think. We want to get it right.\n");
  EXPECT_EQ(speaker_of(doc, "Not before 2030"), "Helen Marsk");
  for (const Quote& q : doc.quotes)
    if (q.speaker) EXPECT_NE(q.speaker->name, "Interview");
}

}  // namespace
}  // namespace whosaid

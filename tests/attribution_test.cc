// Attribution of direct, mixed and indirect quotes, and speaker resolution.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::quote_containing;
using testing::speaker_of;

TEST(Direct, QuoteThenSpeakerThenCue) {
  Document doc = extractor().extract("\"We will win this,\" Jacinda Ardern said.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  const Quote& q = doc.quotes[0];
  EXPECT_EQ(doc.slice(q.span), "We will win this");
  EXPECT_EQ(q.kind, QuoteKind::kDirect);
  ASSERT_TRUE(q.speaker && q.speaker->mention);
  EXPECT_EQ(q.speaker->name, "Jacinda Ardern");
  EXPECT_EQ(doc.slice(*q.speaker->mention), "Jacinda Ardern");
  ASSERT_TRUE(q.cue);
  EXPECT_EQ(doc.slice(*q.cue), "said");
}

TEST(Direct, InvertedCue) {
  Document doc = extractor().extract("\"It is a disgrace,\" said Senator Elizabeth Warren.");
  EXPECT_EQ(speaker_of(doc, "disgrace"), "Elizabeth Warren");
  EXPECT_EQ(doc.speaker_role(*quote_containing(doc, "disgrace")->speaker), "Senator");
}

TEST(Direct, SpeakerCueColonQuote) {
  Document doc = extractor().extract("Phil Goff said: \"The law must distinguish the two.\"");
  const Quote* q = quote_containing(doc, "law must");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  EXPECT_EQ(q->speaker->name, "Phil Goff");
}

TEST(Direct, NameColonQuote) {
  Document doc = extractor().extract("Obama: \"Yes we can.\"");
  EXPECT_EQ(speaker_of(doc, "Yes we can"), "Obama");
}

// Reactions listed after a match report: a name with its role labels the
// quotation after it, with a colon or without, after a bullet or not; a
// list item's first word is no label.
// A quotation opening its sentence after one that introduces a person (a
// role, or a phrase set off after the name) is that person's; not after one
// that only talks about someone.
TEST(Direct, AQuotationAfterTheSentenceIntroducingAPersonIsTheirs) {
  Document doc = extractor().extract(
      "Gadgets\n\n"
      "Is the tablet a revolution? Graham Tully, editor of Tablet World, has a rather partisan view. \"It is "
      "just a computer, but we should be very excited.\"\n\n"
      "Reggae did not sell in the 70s. But Bob in the 1990s became one of the great icons. \"He sold more "
      "records than at any time in his life.\"\n");
  EXPECT_EQ(speaker_of(doc, "we should be very excited"), "Graham Tully");
  EXPECT_NE(speaker_of(doc, "He sold more records"), "Bob");
}

// A transcript: a speaker's label opens each turn, and speaks every sentence
// of it. A label met once ("Germany: …") is a heading, not a speaker's turn.
TEST(Direct, ATranscriptLabelSpeaksTheWholeTurn) {
  Document doc = extractor().extract(
      "Interview\n\n"
      "Tribune: Why did you veto the budget?\n\n"
      "Reyes: Because it spends money we do not have. I was elected to balance the books.\n\n"
      "Tribune: Some members say you are playing politics.\n\n"
      "Reyes: They are entitled to their opinion.\n\n"
      "Germany: Applying is simple. It can be done by post.\n");
  const Quote* turn = quote_containing(doc, "Because it spends money");
  ASSERT_NE(turn, nullptr);
  ASSERT_EQ(turn->spans.size(), 2u);
  EXPECT_EQ(doc.slice(turn->spans[1]), "I was elected to balance the books");
  ASSERT_TRUE(turn->speaker);
  EXPECT_EQ(turn->speaker->name, "Reyes");
  for (const Quote& q : doc.quotes) {
    const std::string_view text = doc.slice(q.span);
    EXPECT_FALSE(text.find("Applying") != std::string_view::npos && text.find("by post") != std::string_view::npos)
        << text;
  }
}

TEST(Direct, NameLabelsTheQuotationThatOpensItsParagraph) {
  Document doc = extractor().extract(
      "Rovers hold City\n\n"
      "Rovers and City drew 1-1 on Saturday.\n\n"
      "- Rovers boss Sam Allen: \"We deserved more. We had the chances.\"\n\n"
      "- City boss Tom Hale \"We were poor in the first half. We will get better.\"\n\n"
      "Rovers captain Joe Marsh: \"It was a fair result in the end.\"\n\n"
      "- Tickets \"sold out within the hour\" for the replay.\n");
  EXPECT_EQ(speaker_of(doc, "We deserved more"), "Sam Allen");
  EXPECT_EQ(speaker_of(doc, "We were poor"), "Tom Hale");
  EXPECT_EQ(speaker_of(doc, "fair result"), "Joe Marsh");
  EXPECT_NE(speaker_of(doc, "sold out within the hour"), "Tickets");
}

TEST(Direct, SplitQuoteIsOneQuoteWithTwoSpans) {
  Document doc = extractor().extract("\"First we win,\" she said, \"then we govern.\"");
  ASSERT_EQ(doc.quotes.size(), 1u);
  const Quote& q = doc.quotes[0];
  ASSERT_EQ(q.spans.size(), 2u);
  EXPECT_EQ(doc.slice(q.spans[0]), "First we win");
  EXPECT_EQ(doc.slice(q.spans[1]), "then we govern.");
  for (size_t i = 1; i < q.spans.size(); ++i) EXPECT_LE(q.spans[i - 1].end, q.spans[i].begin);
}

// A cue that is a verb outside a clause about the source is another statement.
TEST(Continuation, AnotherSpeakersStatementBetweenQuotesEndsTheFirst) {
  Document doc = extractor().extract(
      "\"It is a good day,\" Peter King said. Jane Smith responded angrily. \"We expect more.\"");
  const Quote* q = quote_containing(doc, "good day");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->spans.size(), 1u);
}

// PolNeAR annotates a statement that goes on in the next quotation as one
// attribution with two fragments. The words between describe the source:
// "state" and "think" (nouns here) and "wrote" (in a relative clause about the
// source) start no statement of their own.
TEST(Continuation, WordsAboutTheSourceDoNotEndTheStatement) {
  for (const char* text :
       {"\"We expect more,\" said Brad Komar, Clinton's Colorado state director. \"You can't arrive late.\"",
        "\"We expect more,\" said Dean Baker, co-director of a liberal think tank. \"You can't arrive late.\"",
        "\"We expect more,\" said Peter King, who wrote the report. \"You can't arrive late.\""}) {
    Document doc = extractor().extract(text);
    ASSERT_EQ(doc.quotes.size(), 1u) << text;
    ASSERT_EQ(doc.quotes[0].spans.size(), 2u) << text;
    EXPECT_EQ(doc.slice(doc.quotes[0].spans[1]), "You can't arrive late.") << text;
  }
}

// ""…," said X, whose organization does not endorse candidates. "…"": the
// quotation goes on with the quote, not with the reported speech of the clause.
TEST(Continuation, QuotationAfterAClauseAboutTheSourceContinuesTheQuote) {
  Document doc = extractor().extract(
      "''The Trump we have seen is not the Trump we will see,'' said Mr. Franklin, whose organization "
      "does not endorse presidential candidates. ''A general election candidate has always been different.''");
  const Quote* q = quote_containing(doc, "The Trump we have seen");
  ASSERT_NE(q, nullptr);
  ASSERT_EQ(q->spans.size(), 2u);
  EXPECT_EQ(doc.slice(q->spans[1]), "A general election candidate has always been different.");
}

// A whole-paragraph quotation after a paragraph that opens with the quote
// before it continues that statement.
TEST(Continuation, WholeParagraphQuotationContinuesTheQuoteBefore) {
  Document doc = extractor().extract(
      "\"We are going to start chipping away at her lead,\" said his campaign manager Jeff Weaver.\n\n"
      "\"We have a path to victory. It is not an easy path.\"\n");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].spans.size(), 2u);
}

// A TV show's title closing the phrase before the subject is not what the
// subject says; the content follows the cue.
TEST(Direct, TitleBeforeTheSubjectIsNotAStatement) {
  Document doc = extractor().extract(
      "Wednesday on Fox News Channel's \"Hannity,\" Newt Gingrich said if Donald Trump picked him it would "
      "be a \"two-pirate ticket.\"");
  EXPECT_EQ(quote_containing(doc, "Hannity"), nullptr);
  const Quote* q = quote_containing(doc, "two-pirate");
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(doc.slice(q->span).starts_with("if Donald Trump"));
}

// "—"Headline," by Author: …" credits a headline to its writer.
TEST(Direct, HeadlineCreditedToItsAuthorIsNotAQuote) {
  Document doc = extractor().extract(
      "\xE2\x80\x94\"Pop-up art show strives to confront South Bronx gentrification,\" by DNAinfo's Eddie "
      "Small.");
  EXPECT_EQ(quote_containing(doc, "Pop-up art show"), nullptr);
}

TEST(Direct, DashSignOff) {
  Document doc = extractor().extract("\"Nothing is decided yet.\" \xE2\x80\x94 Commissioner Jane Doe");
  EXPECT_EQ(speaker_of(doc, "Nothing is decided"), "Jane Doe");
}

TEST(Direct, NoCueTakesSpeakerOfPreviousParagraph) {
  Document doc = extractor().extract(
      "Labour MP Phil Goff said the law needed work.\n\n"
      "\"I think you can distinguish between the two circumstances.\"");
  EXPECT_EQ(speaker_of(doc, "distinguish"), "Phil Goff");
  const Quote* q = quote_containing(doc, "distinguish");
  EXPECT_FALSE(q->speaker->mention.has_value());  // carried over, no mention in its sentence
}

TEST(Mixed, QuotedWordsInsideReportedSpeech) {
  Document doc = extractor().extract(
      "Mr Goff also said Mr Key was offered support last year, \"but only made a token gesture toward it\".");
  const Quote* q = quote_containing(doc, "token gesture");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kMixed);
  EXPECT_EQ(q->speaker->name, "Goff");  // the speaker, not Mr Key who is talked about
  EXPECT_TRUE(doc.slice(q->span).starts_with("Mr Key was offered"));
}

TEST(Mixed, ScareQuoteBelongsToTheReportedSentence) {
  Document doc = extractor().extract(
      "Prime Minister John Key has signalled he will unveil law changes to tackle \"glaring deficiencies\" soon.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kMixed);
  EXPECT_EQ(doc.quotes[0].speaker->name, "John Key");
}

TEST(ScareQuotes, ShortTitleAloneIsNotAQuote) {
  Document doc = extractor().extract("Supporters waved \"Hillary Clinton\" signs at the rally.");
  for (const Quote& q : doc.quotes) EXPECT_NE(q.kind, QuoteKind::kDirect) << doc.slice(q.span);
}

TEST(Indirect, SaidThatClause) {
  Document doc = extractor().extract("Mr Key said that the decision was ultimately for his Government to make.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.quotes[0].kind, QuoteKind::kIndirect);
  // The complementizer is part of what was said, as PolNeAR annotates it.
  EXPECT_EQ(doc.slice(doc.quotes[0].span), "that the decision was ultimately for his Government to make");
}

TEST(Indirect, AccordingTo) {
  Document doc = extractor().extract("According to officials, the talks collapsed on Monday.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.slice(doc.quotes[0].span), "the talks collapsed on Monday");
  EXPECT_EQ(doc.slice(*doc.quotes[0].speaker->mention), "officials");
}

TEST(Indirect, TrailingSourceAndCue) {
  Document doc = extractor().extract("The economy will recover by spring, a spokesman for the ministry said.");
  ASSERT_EQ(doc.quotes.size(), 1u);
  EXPECT_EQ(doc.slice(doc.quotes[0].span), "The economy will recover by spring");
  EXPECT_EQ(doc.slice(*doc.quotes[0].speaker->mention), "a spokesman for the ministry");
}

// A cue set off by commas with its adjuncts ("…, it said on Wednesday, …")
// interrupts the statement: the words before it are content, and so is a
// clause after it; a cue of its own after it ("adding that …") reports its own.
TEST(Indirect, ACueSetOffWithItsAdjunctsInterruptsTheStatement) {
  Document doc = extractor().extract(
      "Brakwell will cut 2,000 jobs in Europe, it said on Wednesday, as demand slows.\n\n"
      "Ostler will close two plants, it said on Monday, adding that sales had fallen.\n");
  const Quote* cut = quote_containing(doc, "will cut 2,000 jobs");
  ASSERT_NE(cut, nullptr);
  ASSERT_EQ(cut->spans.size(), 2u);
  EXPECT_EQ(doc.slice(cut->spans[0]), "Brakwell will cut 2,000 jobs in Europe");
  EXPECT_EQ(doc.slice(cut->spans[1]), "as demand slows");
  const Quote* close = quote_containing(doc, "will close two plants");
  ASSERT_NE(close, nullptr);
  EXPECT_EQ(doc.slice(close->span), "Ostler will close two plants");
  const Quote* sales = quote_containing(doc, "sales had fallen");
  ASSERT_NE(sales, nullptr);
  EXPECT_EQ(doc.slice(sales->span), "that sales had fallen");
}

// "wrote in a note to clients that …": the note, a message by WordNet's first
// sense, is where it was said, not what.
TEST(Indirect, InAMessageBeforeThatIsNoContent) {
  Document doc = extractor().extract("Analysts at Corvane wrote in a note to clients that the cuts were overdue.");
  const Quote* q = quote_containing(doc, "the cuts were overdue");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "that the cuts were overdue");
}

TEST(Indirect, ReferringToTakesThePrepositionIntoTheCue) {
  Document doc = extractor().extract(
      "\"It is the worst deal in 30 years,\" Ramos said, referring to the new trade agreement with Mexico.");
  const Quote* q = quote_containing(doc, "new trade agreement");
  ASSERT_NE(q, nullptr);
  ASSERT_FALSE(q->spans.empty());
  // PolNeAR: "referring to" is the cue; its object is the content.
  EXPECT_EQ(doc.slice(q->spans.back()).substr(0, 3), "the");
}

TEST(Indirect, ParenthesisOpenedBeforeTheContentIsNotPartOfIt) {
  Document doc = extractor().extract(
      "The senator left early. (A campaign spokeswoman said that the senator was feeling unwell.) The vote went on.");
  const Quote* q = quote_containing(doc, "feeling unwell");
  ASSERT_NE(q, nullptr);
  const std::string_view s = doc.slice(q->spans.back());
  EXPECT_EQ(s.find(')'), std::string_view::npos) << s;
}

TEST(Resolution, PronounIsTheSalientSpeakerNotTheNearestName) {
  Document doc = extractor().extract(
      "Green Party co-leader Russel Norman said the reshuffle was \"a clear admission of failure\".\n\n"
      "\"It's a tragedy that he didn't do it earlier.\"\n\n"
      "He said Mr Key's suggestions seemed an extraordinary step.");
  EXPECT_EQ(speaker_of(doc, "suggestions seemed"), "Russel Norman");
  EXPECT_EQ(speaker_of(doc, "tragedy"), "Russel Norman");
}

TEST(Resolution, SurnameAndTitleResolveToTheFullName) {
  Document doc = extractor().extract(
      "Key: SAS could join fight\n\n"
      "Prime Minister John Key says the decision is the Government's alone.\n\n"
      "Mr Key said New Zealand would decide for itself.");
  EXPECT_EQ(speaker_of(doc, "SAS could join"), "John Key");
  EXPECT_EQ(speaker_of(doc, "decide for itself"), "John Key");
  EXPECT_EQ(doc.speaker_role(*quote_containing(doc, "SAS could join")->speaker), "Prime Minister");
}

TEST(Resolution, RoleAndPartyFromPremodifierAndApposition) {
  Document doc = extractor().extract(
      "Labour MP Phil Goff said the bill was rushed.\n\n"
      "Russel Norman, the Green Party co-leader, said it went too far.");
  const Quote* goff = quote_containing(doc, "rushed");
  ASSERT_NE(goff, nullptr);
  EXPECT_EQ(doc.speaker_role(*goff->speaker), "Labour MP");
  EXPECT_EQ(doc.speaker_org(*goff->speaker), "Labour");
  const Quote* norman = quote_containing(doc, "too far");
  ASSERT_NE(norman, nullptr);
  EXPECT_EQ(norman->speaker->name, "Russel Norman");
  EXPECT_EQ(doc.speaker_role(*norman->speaker), "Green Party co-leader");
  EXPECT_EQ(doc.speaker_org(*norman->speaker), "Green Party");
}

TEST(Resolution, GenderAgreementSkipsTheWrongAntecedent) {
  Document doc = extractor().extract(
      "Senator Mary Jones met Mr Brown on Monday.\n\n"
      "She said the meeting \"went very well indeed\".");
  EXPECT_EQ(speaker_of(doc, "went very well"), "Mary Jones");
}

// speaker.mention is the whole source phrase, as attribution corpora (PolNeAR)
// annotate it; speaker.name stays the resolved person.
std::string mention_of(const Document& doc, std::string_view needle) {
  const Quote* q = quote_containing(doc, needle);
  if (!q || !q->speaker || !q->speaker->mention) return "<none>";
  return std::string(doc.slice(*q->speaker->mention));
}

TEST(SourceSpan, AppositionBetweenSourceAndCue) {
  Document doc = extractor().extract("Phil Goff, a Labour MP, said the law was far too broad.");
  EXPECT_EQ(mention_of(doc, "far too broad"), "Phil Goff, a Labour MP");
  EXPECT_EQ(speaker_of(doc, "far too broad"), "Phil Goff");
}

TEST(SourceSpan, RelativeClauseAfterInvertedCue) {
  Document doc = extractor().extract("\"We lost the vote,\" said Anna Smith, who runs the campaign.");
  EXPECT_EQ(mention_of(doc, "lost the vote"), "Anna Smith, who runs the campaign");
  EXPECT_EQ(speaker_of(doc, "lost the vote"), "Anna Smith");
}

TEST(SourceSpan, ParticipleAfterInvertedCueIsNotPartOfTheSource) {
  Document doc = extractor().extract("\"We lost the vote,\" said Anna Smith, adding that the count was fair.");
  EXPECT_EQ(mention_of(doc, "lost the vote"), "Anna Smith");
}

TEST(SourceSpan, ParticipialAppositionBeforeCueIsNotPartOfTheSource) {
  Document doc = extractor().extract("Ben Carson, speaking in Iowa, said the tax plan was fair to everyone.");
  EXPECT_EQ(mention_of(doc, "tax plan"), "Ben Carson");
}

TEST(SourceSpan, TimeThatDatesAPollBeforeTheCue) {
  Document doc = extractor().extract(
      "A Quinnipiac University poll released Sunday found that voters were tired of the race.");
  EXPECT_EQ(mention_of(doc, "tired of the race"), "A Quinnipiac University poll released Sunday");
}

TEST(SourceSpan, TimeAfterAPersonIsNotPartOfTheSource) {
  Document doc = extractor().extract("Senator Mary Jones on Sunday said that voters were tired of the race.");
  EXPECT_EQ(mention_of(doc, "tired of the race"), "Senator Mary Jones");
}

TEST(SourceSpan, IntensifyingReflexive) {
  Document doc = extractor().extract("Bernie Sanders himself said that the delegate count was unfair.");
  EXPECT_EQ(mention_of(doc, "delegate count"), "Bernie Sanders himself");
  EXPECT_EQ(speaker_of(doc, "delegate count"), "Bernie Sanders");
}

TEST(SourceSpan, PartyParenthesis) {
  Document doc = extractor().extract("Rep. John Mica (R-Fla.) said the bill was dead in the Senate.");
  EXPECT_EQ(mention_of(doc, "bill was dead"), "Rep. John Mica (R-Fla.)");
  EXPECT_EQ(speaker_of(doc, "bill was dead"), "John Mica");
}

TEST(SourceSpan, TitleAdjectivesAndDeterminerBeforeTheName) {
  Document doc = extractor().extract("Former Florida Gov. Jeb Bush said the plan would fail badly.");
  EXPECT_EQ(mention_of(doc, "plan would fail"), "Former Florida Gov. Jeb Bush");
  EXPECT_EQ(speaker_of(doc, "plan would fail"), "Jeb Bush");
}

TEST(SourceSpan, TitleAppositionOpeningTheSentence) {
  Document doc = extractor().extract("The campaign manager, Josh Earnest, said the team was ready for it.");
  EXPECT_EQ(mention_of(doc, "team was ready"), "The campaign manager, Josh Earnest");
  EXPECT_EQ(speaker_of(doc, "team was ready"), "Josh Earnest");
}

TEST(SourceSpan, RelativeClauseOfANominalSource) {
  Document doc =
      extractor().extract("\"It will pass,\" said a spokesman for the ministry, who asked not to be named.");
  EXPECT_EQ(mention_of(doc, "It will pass"), "a spokesman for the ministry, who asked not to be named");
}

TEST(SourceSpan, NounHeadAndItsModifiersAfterAccordingTo) {
  Document doc =
      extractor().extract("According to a Quinnipiac poll conducted in February, most voters want a change.");
  EXPECT_EQ(mention_of(doc, "voters want"), "a Quinnipiac poll conducted in February");
}

TEST(SourceSpan, PartitiveAndCoordination) {
  Document doc = extractor().extract(
      "Sixty percent of voters said the economy was the top issue.\n\n"
      "Cruz and Rubio said the deal was a disaster for the country.");
  EXPECT_EQ(mention_of(doc, "economy was"), "Sixty percent of voters");
  EXPECT_EQ(mention_of(doc, "deal was a disaster"), "Cruz and Rubio");
}

TEST(SourceSpan, MiddleInitialKeepsTheSurname) {
  Document doc = extractor().extract("\"No, not this year,\" said Paul H. Chipok.");
  EXPECT_EQ(mention_of(doc, "not this year"), "Paul H. Chipok");
  EXPECT_EQ(speaker_of(doc, "not this year"), "Paul H. Chipok");
}

TEST(SourceSpan, AbbreviatedTitleAndInitialsDoNotEndTheSource) {
  Document doc = extractor().extract(
      "\"We will fix the roads,\" said former Rep. Anna Pell.\n\n"
      "\"The count was fair,\" said Tom Reed, an adviser to George W. Bush.");
  EXPECT_EQ(mention_of(doc, "fix the roads"), "former Rep. Anna Pell");
  EXPECT_EQ(speaker_of(doc, "fix the roads"), "Anna Pell");
  EXPECT_EQ(mention_of(doc, "count was fair"), "Tom Reed, an adviser to George W. Bush");
}

TEST(SourceSpan, SubjectWithAPrepositionalPhraseBeforeTheCue) {
  Document doc = extractor().extract(
      "Aides to Governor Lee say the budget will be late.\n\n"
      "A survey conducted by the Pell Institute found that rents had doubled.\n\n"
      "Nine in 10 city voters said the buses were too slow.");
  EXPECT_EQ(mention_of(doc, "budget will be late"), "Aides to Governor Lee");
  EXPECT_EQ(mention_of(doc, "rents had doubled"), "A survey conducted by the Pell Institute");
  EXPECT_EQ(mention_of(doc, "buses were too slow"), "Nine in 10 city voters");
}

TEST(SourceSpan, CoordinatedSubjectBeforeTheCue) {
  Document doc = extractor().extract(
      "In May, he and Maria Costa said the fund was empty.\n\n"
      "After the vote, Sen. Tom Hall (D-Ore.) and Rep. Ann Moss said the bill was dead.");
  EXPECT_EQ(mention_of(doc, "fund was empty"), "he and Maria Costa");
  EXPECT_EQ(mention_of(doc, "bill was dead"), "Sen. Tom Hall (D-Ore.) and Rep. Ann Moss");
}

TEST(SourceSpan, ObjectOfAVerbIsNotPartOfTheSubject) {
  Document doc = extractor().extract("Voters who met Tom Hall and Ann Moss said the bill was dead.");
  EXPECT_NE(mention_of(doc, "bill was dead"), "Tom Hall and Ann Moss");
}

TEST(Cues, CapitalisedCueWordInsideANameIsNoCue) {
  Document doc = extractor().extract("A poll by the Daily Post found that most readers want lower taxes.");
  const Quote* q = quote_containing(doc, "lower taxes");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "found");
  EXPECT_EQ(mention_of(doc, "lower taxes"), "A poll by the Daily Post");
}

TEST(SourceSpan, AppositionWithAParticipleTitleOrAFormerRole) {
  Document doc = extractor().extract(
      "\"Rates will rise,\" said Ann Moss, managing director of Pell Capital.\n\n"
      "\"We had no choice,\" said Tom Hall, then ambassador to Chile.");
  EXPECT_EQ(mention_of(doc, "Rates will rise"), "Ann Moss, managing director of Pell Capital");
  EXPECT_EQ(mention_of(doc, "no choice"), "Tom Hall, then ambassador to Chile");
}

TEST(SourceSpan, AppositionAndListsBeforeTheCue) {
  Document doc = extractor().extract(
      "At the meeting, state Rep. Ann Moss, a member of the budget committee, recalled that the vote was close.\n\n"
      "But his wife, Jane, offered a different view of the plan.\n\n"
      "Tom Hall, Ann Moss and many other teachers said they would strike.\n\n"
      "Ann Moss and Tom Hall also argued that the school should stay open.");
  EXPECT_EQ(mention_of(doc, "vote was close"), "state Rep. Ann Moss, a member of the budget committee");
  EXPECT_EQ(mention_of(doc, "different view"), "his wife, Jane");
  EXPECT_EQ(mention_of(doc, "would strike"), "Tom Hall, Ann Moss and many other teachers");
  EXPECT_EQ(mention_of(doc, "school should stay open"), "Ann Moss and Tom Hall");
}

TEST(SourceSpan, AdverbialBeforeTheCommaIsNotAnApposition) {
  Document doc = extractor().extract(
      "The mayor spoke on Monday. Voters, Ann Moss argued, do not have to worry about the tax.");
  EXPECT_EQ(mention_of(doc, "do not have to worry"), "Ann Moss");
}

TEST(SourceSpan, StateAbbreviationInsideTheApposition) {
  Document doc = extractor().extract("\"Sales are down,\" said Tom Hall, a broker in Tampa, Fla., who sells golf courses.");
  EXPECT_EQ(mention_of(doc, "Sales are down"), "Tom Hall, a broker in Tampa, Fla., who sells golf courses");
}

TEST(Cues, NewsroomLabelBeforeAColonIsNoSource) {
  Document doc = extractor().extract("The Latest: Storm closes schools in the north\n\nSchools were closed on Monday.");
  for (const Quote& q : doc.quotes)
    if (q.speaker && q.speaker->mention) EXPECT_NE(doc.slice(*q.speaker->mention), "The Latest");
}

// "Name: statement" is taken whatever the model says only when the words
// after the colon read as a statement; an interview question or a byline
// after a label is the model's choice.
TEST(Cues, LabelBeforeAQuestionOrANameIsTheModelsChoice) {
  Document doc = extractor().extract(
      "Q: Have you talked to her about the court?\n\n"
      "Key: SAS could join fight\n\n"
      "Contributing: Todd Spangler");
  for (const Quote& q : doc.quotes)
    if (q.speaker && q.speaker->mention) EXPECT_NE(doc.slice(*q.speaker->mention), "Q");
  EXPECT_EQ(quote_containing(doc, "Todd Spangler"), nullptr);
  EXPECT_NE(quote_containing(doc, "SAS could join"), nullptr);
}

// The content's shape is a model feature (content_shape_features): a plan
// to act ("plans to | meet with Reid", which PolNeAR annotates now and then)
// is less likely a statement than a clause with a finite verb after "said";
// a byline name is none.
TEST(Cues, ContentShapeSeparatesStatementsFromActionsAndNames) {
  Document doc = extractor().extract(
      "The senator plans to meet with Reid on Tuesday.\n\n"
      "The senator said the plan would fail.\n\n"
      "Contributing: Todd Spangler");
  const Quote* plan = quote_containing(doc, "meet with Reid");
  const Quote* statement = quote_containing(doc, "the plan would fail");
  ASSERT_NE(statement, nullptr);
  if (plan) EXPECT_LT(plan->confidence, statement->confidence);
  EXPECT_EQ(quote_containing(doc, "Todd Spangler"), nullptr);
  EXPECT_EQ(speaker_of(doc, "the plan would fail"), "The senator");
}

TEST(SourceSpan, PossessiveApostropheAndParticipleBeforeTheSource) {
  Document doc = extractor().extract(
      "Jones’ spokesman Tom Hall said the event was cancelled.\n\n"
      "On Monday, leading Democrats said the school had changed.\n\n"
      "Nearly 40 city workers said the shifts were too long.\n\n"
      "More than 30 drivers said the routes were unsafe.\n\n"
      "On Monday, Ann Moss, Tom Hall, and Joe Park said the depot should close.");
  EXPECT_EQ(mention_of(doc, "event was cancelled"), "Jones’ spokesman Tom Hall");
  EXPECT_EQ(mention_of(doc, "school had changed"), "leading Democrats");
  EXPECT_EQ(mention_of(doc, "shifts were too long"), "Nearly 40 city workers");
  EXPECT_EQ(mention_of(doc, "routes were unsafe"), "More than 30 drivers");
  EXPECT_EQ(mention_of(doc, "depot should close"), "Ann Moss, Tom Hall, and Joe Park");
}

TEST(SourceSpan, AppositionWithAnEmbeddedVerbAndAnAgentPhrase) {
  Document doc = extractor().extract(
      "\"It worked,\" said Ann Moss, the city's finance chief at the time the tax was introduced.\n\n"
      "Rents rose by a third, according to an analysis by the Pell Institute.");
  EXPECT_EQ(mention_of(doc, "It worked"),
            "Ann Moss, the city's finance chief at the time the tax was introduced");
  EXPECT_EQ(mention_of(doc, "Rents rose"), "an analysis by the Pell Institute");
}

TEST(SourceSpan, ClauseAfterAnAppositionIsNotPartOfTheSource) {
  Document doc = extractor().extract("\"It worked,\" said Ann Moss, Teck wants the gap narrowed.");
  EXPECT_EQ(mention_of(doc, "It worked"), "Ann Moss");
}

TEST(SourceSpan, RelativePronounBeforeTheCueIsNotPartOfTheSource) {
  Document doc = extractor().extract("There were prominent businesses that warn the tax will cost jobs.");
  EXPECT_EQ(mention_of(doc, "tax will cost"), "prominent businesses");
}

TEST(SourceSpan, WebAddressIsOneWord) {
  Document doc = extractor().extract(
      "\"It is over,\" said Ann Moss, the policy director for BusFans.org, on Monday.\n\n"
      "The line will close, according to Transit.com.");
  EXPECT_EQ(mention_of(doc, "It is over"), "Ann Moss, the policy director for BusFans.org");
  EXPECT_EQ(mention_of(doc, "line will close"), "Transit.com");
}

TEST(SourceSpan, DescriptionWithAPrepositionalPhraseBeforeTheName) {
  Document doc = extractor().extract(
      "The author of the report, Ann Moss, said the buses were late.\n\n"
      "His former partner at the depot, Tom Hall called the plan a mistake.\n\n"
      "Trump's claim that the vote was rigged was false.");
  EXPECT_EQ(mention_of(doc, "buses were late"), "The author of the report, Ann Moss");
  EXPECT_EQ(mention_of(doc, "the plan a mistake"), "His former partner at the depot, Tom Hall");
}

TEST(SourceSpan, ClauseBeforeACommaAndIsNoListItem) {
  Document doc = extractor().extract("The budget is a problem, and three-fourths of voters say taxes are too high.");
  EXPECT_EQ(mention_of(doc, "taxes are too high"), "three-fourths of voters");
}

TEST(SourceSpan, PrepositionOpeningACapitalisedRunIsNotPartOfTheSource) {
  Document doc = extractor().extract("After campaign aides insisted the rally would go ahead, it was cancelled.");
  EXPECT_EQ(mention_of(doc, "rally would go ahead"), "campaign aides");
  Document rel = extractor().extract("The city passed rules that state judges said were unfair to renters.");
  EXPECT_EQ(mention_of(rel, "unfair to renters"), "state judges");
}

TEST(SourceSpan, CoordinatedSourceAfterTheCue) {
  Document doc = extractor().extract("\"We will appeal,\" said Ann Moss and Tom Hall.");
  EXPECT_EQ(mention_of(doc, "will appeal"), "Ann Moss and Tom Hall");
}

TEST(SourceSpan, OrganisationAfterTheNameAndQuantityWithItsOfPhrase) {
  Document doc = extractor().extract(
      "\"Prices will fall,\" said Ann Moss of the Transit Riders Union.\n\n"
      "Hundreds of angry drivers say the new routes are too long.");
  EXPECT_EQ(mention_of(doc, "Prices will fall"), "Ann Moss of the Transit Riders Union");
  EXPECT_EQ(mention_of(doc, "routes are too long"), "Hundreds of angry drivers");
  Document pac = extractor().extract("A pro-Moss super PAC said the ads would run in May.");
  EXPECT_EQ(mention_of(pac, "ads would run"), "A pro-Moss super PAC");
}

TEST(SourceSpan, PronounSourcesStayAsWritten) {
  Document doc = extractor().extract("\"Yes, we will,\" he said.");
  EXPECT_EQ(mention_of(doc, "we will"), "he");
}

TEST(Invariants, SpansAreInsideTheTextOrderedAndDisjoint) {
  Document doc = extractor().extract(
      "\"One,\" he said, \"two.\" \"Three,\" said Ms Smith. Mr Key said \"four\" and \"five\" were fine.");
  for (const Quote& q : doc.quotes) {
    ASSERT_FALSE(q.spans.empty());
    EXPECT_EQ(q.span.begin, q.spans.front().begin);
    EXPECT_EQ(q.span.end, q.spans.back().end);
    for (size_t i = 0; i < q.spans.size(); ++i) {
      EXPECT_LT(q.spans[i].begin, q.spans[i].end);
      EXPECT_LE(q.spans[i].end, doc.text().size());
      if (i) EXPECT_LE(q.spans[i - 1].end, q.spans[i].begin);
    }
    EXPECT_GE(q.confidence, 0.f);
    EXPECT_LE(q.confidence, 1.f);
  }
}

// A second cue after a comma that American style puts inside the closing mark
// ("…breach of trust," adding: "…") ends the first content and starts a quote.
TEST(MixedBoundary, CueAfterCommaInsideClosingMarkStartsItsOwnQuote) {
  Document doc = extractor().extract(
      "In the email, Ash described the move as a \"major breach of trust,\" adding: \"I am now informing "
      "all of our members.\"");
  const Quote* first = quote_containing(doc, "breach of trust");
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(doc.slice(first->span), "the move as a \"major breach of trust");
  const Quote* second = quote_containing(doc, "informing");
  ASSERT_NE(second, nullptr);
  EXPECT_NE(first, second);
  EXPECT_EQ(second->kind, QuoteKind::kDirect);
  EXPECT_EQ(second->speaker->name, "Ash");
}

// ", linking to …" after the last quotation is the reporter's clause.
TEST(MixedBoundary, ParticipleAfterTheLastQuotationEndsTheContent) {
  Document doc = extractor().extract(
      "In another tweet, Trump called Cruz the \"ultimate hypocrite,\" linking to a story about a dinner.");
  const Quote* q = quote_containing(doc, "hypocrite");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "Cruz the \"ultimate hypocrite");
  EXPECT_EQ(q->speaker->name, "Trump");
}

// Any short subject between the closing mark and the cue is the source, also
// when the mention stage finds no name there or only part of it.
TEST(TrailingSource, ShortSubjectAfterTheClosingMark) {
  Document doc = extractor().extract(
      "\"We are getting nowhere with this bill,\" former FBI agent Timothy Gill explained.\n\n"
      "\"He is a great gentleman and a good golfer,\" the real estate developer said of the senator.");
  EXPECT_EQ(speaker_of(doc, "getting nowhere"), "Timothy Gill");
  const Quote* q = quote_containing(doc, "gentleman");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "the real estate developer");
}

// "read" is rarely a cue, but ""…," it read." closes a statement.
TEST(TrailingSource, RareCueAfterQuotationAndShortSubject) {
  Document doc = extractor().extract(
      "The letter went to Congress.\n\n\"Congress has failed to act on the funding,\" it read.");
  const Quote* q = quote_containing(doc, "failed to act");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->cue && q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->cue), "read");
  EXPECT_EQ(doc.slice(*q->speaker->mention), "it");
}

TEST(TrailingSource, InvertedCueWithUnnamedSource) {
  Document doc = extractor().extract("\"Better watch out for illegal conduct by Grimes,\" tweeted another.");
  const Quote* q = quote_containing(doc, "illegal conduct");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "another");
}

// A verb between the quotation and the cue is no subject ("came shouts").
TEST(TrailingSource, VerbIsNotTakenForTheSubject) {
  Document doc = extractor().extract("\"Call the roll now,\" came shouts from the crowd.");
  const Quote* q = quote_containing(doc, "Call the roll");
  ASSERT_NE(q, nullptr);
  if (q->speaker && q->speaker->mention) EXPECT_NE(doc.slice(*q->speaker->mention), "came");
}

// ", calling …" takes the subject of the main clause, not the name before the comma.
TEST(ParticipleCue, TakesTheMainClauseSubject) {
  Document doc = extractor().extract(
      "Speaking at a town hall in Salem, New Hampshire, Trump went after Bush, calling him \"a total stiff.\"\n\n"
      "Former governor Ed Rendell (D), a Clinton supporter, praised Sanders for his campaign, calling it "
      "\"an incredible feat.\"");
  EXPECT_EQ(speaker_of(doc, "total stiff"), "Trump");
  EXPECT_EQ(speaker_of(doc, "incredible feat"), "Ed Rendell");
}

// "…, praised Sanders for …": after a comma but no quotation, a name followed
// by more of the clause is the verb's object, not an inverted source.
TEST(InvertedCue, NameFollowedByMoreOfTheClauseIsTheObject) {
  Document doc = extractor().extract(
      "Former governor Ed Rendell (D), a Clinton supporter, praised Sanders for his long campaign.");
  for (const Quote& q : doc.quotes)
    if (q.speaker && q.speaker->mention) EXPECT_NE(doc.slice(*q.speaker->mention), "Sanders");
  Document inverted = extractor().extract("The economy will recover by spring, said Finance Minister Bill English.");
  EXPECT_EQ(speaker_of(inverted, "economy will recover"), "Bill English");
}

// "said on <programme> that …": the adverbial after the cue runs to "that".
TEST(Mixed, AdverbialBeforeThatIsSkipped) {
  Document doc = extractor().extract(
      "Sanders said on ABC's \"This Week\" that he would \"take a look\" at such legislation.");
  const Quote* q = quote_containing(doc, "take a look");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "that he would \"take a look\" at such legislation");  // "that" kept, as annotated
  EXPECT_EQ(q->kind, QuoteKind::kMixed);
  EXPECT_EQ(q->speaker->name, "Sanders");
}

// A short verbless phrase opening the sentence is the source of a cue that
// opens a quotation, even when the mention stage finds no name in it.
TEST(LeadingSource, ShortPhraseBeforeCueOpeningAQuotation) {
  Document doc = extractor().extract(
      "Another source familiar with his thinking said, \"I think he will try to be more friendly.\"");
  const Quote* q = quote_containing(doc, "more friendly");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "Another source familiar with his thinking");
}

// A rare cue right after the closing mark, with its source after it.
TEST(InvertedCue, RareCueRightAfterTheQuotation) {
  Document doc = extractor().extract("\"America is great! Nobody else is,\" read one.");
  const Quote* q = quote_containing(doc, "Nobody else");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "one");
}

// Reported speech (issue 3): candidates and content boundaries.

TEST(ReportedSpeech, PrepositionAfterTheCueBelongsToIt) {
  Document doc = extractor().extract("Senator Mark Udall called for an independent investigation of the agency.");
  const Quote* q = quote_containing(doc, "investigation");
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(doc.slice(q->span).starts_with("an independent investigation"));
  Document about = extractor().extract("The governor talked about how the state budget would be balanced next year.");
  q = quote_containing(about, "budget");
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(about.slice(q->span).starts_with("how the state budget would be balanced"));
}

TEST(ReportedSpeech, ToBeforeANounPhraseIsAPrepositionNotAnInfinitive) {
  Document doc = extractor().extract("The mayor referred to the new stadium as a waste of public money.");
  const Quote* q = quote_containing(doc, "stadium");
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(doc.slice(q->span).starts_with("the new stadium"));
}

TEST(ReportedSpeech, NounPhraseOpeningAClauseInsideReportedSpeechIsItsOwnSource) {
  for (const char* text : {"The minister said the deal was fair, but union leaders say it protects jobs.",
                           "The minister said the deal was fair, and most experts say it protects jobs."}) {
    Document doc = extractor().extract(text);
    const Quote* first = quote_containing(doc, "deal was fair");
    ASSERT_NE(first, nullptr) << text;
    EXPECT_EQ(doc.slice(first->span), "the deal was fair");
    const Quote* second = quote_containing(doc, "protects jobs");
    ASSERT_NE(second, nullptr) << text;
    ASSERT_TRUE(second->speaker && second->speaker->mention);
    const std::string_view source = doc.slice(*second->speaker->mention);
    EXPECT_TRUE(source == "union leaders" || source == "most experts") << source;
  }
}

TEST(ReportedSpeech, CapitalisedWordOpeningTheSentenceIsASource) {
  Document doc = extractor().extract("Jolly said he would be cautious in restructuring federal education spending.");
  const Quote* q = quote_containing(doc, "he would be cautious");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "Jolly");
}

TEST(ReportedSpeech, SubjectOfARaisingCueIsContentWithoutASource) {
  Document doc = extractor().extract("The merger is expected to close by the end of the year.");
  const Quote* q = quote_containing(doc, "merger");
  ASSERT_NE(q, nullptr);
  EXPECT_FALSE(q->speaker && q->speaker->mention);
  ASSERT_EQ(q->spans.size(), 2u);
  EXPECT_EQ(doc.slice(q->spans[0]), "The merger");
  EXPECT_EQ(doc.slice(q->spans[1]), "to close by the end of the year");
}

TEST(ReportedSpeech, ObjectOfAskEndsBeforeAnIndirectQuestion) {
  Document doc = extractor().extract("Reporters asked the senator whether he would run for a third term.");
  const Quote* q = quote_containing(doc, "third term");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "whether he would run for a third term");
}

TEST(ReportedSpeech, TrailingStatementStartsAfterTheDateline) {
  Document doc = extractor().extract("WASHINGTON \xE2\x80\x94 The economy grew by 3 percent last year, officials said.");
  const Quote* q = quote_containing(doc, "economy grew");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "The economy grew by 3 percent last year");
}

// Where reported speech starts (the learned content start): PolNeAR's cue
// often takes a particle or a noun after the verb ("pointed out", "expressed
// concern"); the content keeps its "that".
TEST(ReportedSpeech, ContentStartsAfterAParticleOrNounThatBelongsToTheCue) {
  Document doc = extractor().extract("The senator pointed out that the bill had failed twice in the last decade.");
  const Quote* q = quote_containing(doc, "failed twice");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "that the bill had failed twice in the last decade");
  Document concern =
      extractor().extract("The union's president expressed concern that the plan would cut thousands of jobs.");
  q = quote_containing(concern, "thousands of jobs");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(concern.slice(q->span), "that the plan would cut thousands of jobs");
}

// Past the six-word window, the "that" opening the reported clause is a
// candidate start too, when no verb comes before it: the adjuncts and the
// addressee between it and the cue are left out.
TEST(ReportedSpeech, ContentStartsAtThatAfterLongAdjunctsOfTheCue) {
  Document doc = extractor().extract(
      "Cruz said Thursday during a taping of a town hall meeting in Buffalo, New York, that the state law was wrong.");
  const Quote* q = quote_containing(doc, "state law");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "that the state law was wrong");
  Document told = extractor().extract(
      "The governor told reporters at a news conference in the state capital on Monday that the budget would be "
      "balanced.");
  q = quote_containing(told, "budget");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(told.slice(q->span), "that the budget would be balanced");
}

TEST(ReportedSpeech, ContentStartKeepsAQuantityAfterTheCue) {
  // "about" here is part of the number, not a preposition the cue takes.
  Document doc = extractor().extract("The agency said about half of the new hires were temporary workers.");
  const Quote* q = quote_containing(doc, "new hires");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "about half of the new hires were temporary workers");
}

// Quoted reported speech ends where the model puts it among the boundaries
// after the first quotation: before an adverbial or a relative clause.
TEST(QuotedEnd, AdverbialAfterTheQuotedWordsIsLeftOut) {
  Document doc = extractor().extract(
      "Beck called Palin a \"clown\" on his radio show when he was commenting on her speech at a rally.");
  const Quote* q = quote_containing(doc, "clown");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "Palin a \"clown");
  EXPECT_EQ(q->speaker->name, "Beck");
}

TEST(QuotedEnd, RelativeClauseAfterTheQuotationIsLeftOut) {
  Document doc = extractor().extract(
      "Sanders said the trip was \"absolutely\" a worthwhile diversion, where he trails Clinton in most polls.");
  const Quote* q = quote_containing(doc, "absolutely");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "the trip was \"absolutely\" a worthwhile diversion");
}

// British style: a comma after the closing mark before a preposition is not
// where the statement ends.
TEST(QuotedEnd, BritishCommaBeforeAPrepositionGoesOn) {
  Document doc = extractor().extract(
      "Mr Key has signalled he will unveil law changes to tackle \"glaring deficiencies\", around the "
      "cancellation of passports.");
  const Quote* q = quote_containing(doc, "glaring");
  ASSERT_NE(q, nullptr);
  EXPECT_TRUE(doc.slice(q->span).ends_with("around the cancellation of passports")) << doc.slice(q->span);
}

// ", she said in a video message": an adverbial after a trailing cue does not
// keep the quoting clause before it from being its content.
TEST(TrailingSource, AdverbialAfterTheCueOfAQuotingClause) {
  Document doc = extractor().extract(
      "Democrats had \"put the biggest crack\" yet in the glass ceiling for women, she said in a video "
      "message to the convention.");
  const Quote* q = quote_containing(doc, "biggest crack");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "Democrats had \"put the biggest crack\" yet in the glass ceiling for women");
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "she");
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "said");
}

// A cue with its own source after a clause break ("although he tweeted") in
// the content of an earlier cue quotes for itself; the earlier content ends.
TEST(NestedFrame, QuotingClauseWithItsOwnSourceEndsTheEarlierContent) {
  Document doc = extractor().extract(
      "Netanyahu said on Wednesday that he would go ahead with the meeting, although he tweeted that he "
      "\"rejects the latest comments about Muslims.\"");
  const Quote* q = quote_containing(doc, "rejects");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "that he \"rejects the latest comments about Muslims.");
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "tweeted");
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "he");
  const Quote* first = quote_containing(doc, "go ahead");
  if (first) EXPECT_EQ(doc.slice(first->span).find("tweeted"), std::string_view::npos);
}

// "X, which was filed by a group in Ohio, alleged": the noun phrase before
// the relative clause is the source, not a name inside the clause.
TEST(LeadingSource, NounPhraseBeforeARelativeClause) {
  Document doc = extractor().extract(
      "The lawsuit, which was filed by a group in Ohio, alleged that the company \"failed to protect\" its "
      "customers.");
  const Quote* q = quote_containing(doc, "failed to protect");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_TRUE(doc.slice(*q->speaker->mention).starts_with("The lawsuit")) << doc.slice(*q->speaker->mention);
}

// A source found only by its tags ("Local farmers") frames a quotation when
// the model finds it likely right; it is no longer a speakerless fragment.
TEST(QuotingFrame, TaggedSourceFramesTheQuotationWhenTheModelAgrees) {
  Document doc = extractor().extract(
      "Local farmers say the drought has been \"the worst in living memory\" for their crops.");
  const Quote* q = quote_containing(doc, "living memory");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(q->kind, QuoteKind::kMixed);
  EXPECT_EQ(doc.slice(q->span), "the drought has been \"the worst in living memory\" for their crops");
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "Local farmers");
}

// A quotation after a colon or dash with its own trailing cue is a statement
// of its own; the frame before it ends at the break.
TEST(TrailingSource, QuotationAfterAColonWithItsOwnCue) {
  Document doc = extractor().extract(
      "Soon after the attack, Trump asserted that France had lost its identity: \"France is no longer France,\" "
      "he claimed.");
  const Quote* q = quote_containing(doc, "no longer France");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "France is no longer France");
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "claimed");
  const Quote* first = quote_containing(doc, "lost its identity");
  if (first) EXPECT_EQ(doc.slice(first->span).find("no longer"), std::string_view::npos);
}

TEST(TrailingSource, QuotationAfterASpacedHyphen) {
  Document doc = extractor().extract(
      "Neither man was impressed by the senator - \"Born with a silver spoon in her mouth,\" Mr. Elkins said - "
      "but they stayed.");
  const Quote* q = quote_containing(doc, "silver spoon");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "Born with a silver spoon in her mouth");
  EXPECT_EQ(q->speaker->name, "Elkins");
}

// "In February, …, Mr. Trump said, "…"": the words before a cue set off by
// commas are scene-setting, not content, when a quotation follows the cue.
TEST(LeadingSource, SceneSettingBeforeCueOpeningAQuotationIsNotContent) {
  Document doc = extractor().extract(
      "In February, as a protester was being removed from an event in Las Vegas, Mr. Trump said, \"I'd like "
      "to punch him in the face.\"");
  const Quote* q = quote_containing(doc, "punch him");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "I'd like to punch him in the face.");
  EXPECT_EQ(q->kind, QuoteKind::kDirect);
}

// A participle takes the subject of the main clause, not the subject of an
// opening subordinate clause ("After Clinton suffered …, Axelrod emailed …").
TEST(ParticipleCue, SubjectAfterAnOpeningSubordinateClause) {
  Document doc = extractor().extract(
      "After Clinton suffered a concussion, Axelrod emailed her his best wishes, telling her, \"You are an "
      "all-star player and we need you for the long run!\"");
  const Quote* q = quote_containing(doc, "all-star player");
  ASSERT_NE(q, nullptr);
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "Axelrod");
}

// "called for <object with a quotation>": the object after the cue's
// preposition is the content when it quotes someone.
TEST(LeadingSource, QuotedObjectAfterTheCuesPreposition) {
  Document doc = extractor().extract(
      "In an op-ed in May, she called for getting the federal biofuels program \"back on track.\"");
  const Quote* q = quote_containing(doc, "back on track");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "getting the federal biofuels program \"back on track.");
  EXPECT_EQ(q->kind, QuoteKind::kMixed);
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "called");
}

// "the senator's claim that …": a cue word tagged as a noun frames a
// quotation when the model finds it likely right (never plain reported speech).
TEST(QuotingFrame, NounCueAroundAQuotationIsTheModelsChoice) {
  Document doc = extractor().extract(
      "The group did a fact-check on the senator's claim that there have been \"thousands of shootings\" in "
      "the city this year.");
  const Quote* q = quote_containing(doc, "thousands of shootings");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "that there have been \"thousands of shootings\" in the city this year");
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "claim");
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  // The possessor of a cue noun keeps its 's, as PolNeAR annotates it.
  EXPECT_EQ(doc.slice(*q->speaker->mention), "the senator's");
}

// A participle right after the quotation that ends a frame's content shares
// the frame's source ("…," adding: "…").
TEST(ParticipleCue, AfterTheQuotationEndingTheContentSharesItsSource) {
  Document doc = extractor().extract(
      "The mayor called the vote a \"betrayal of the city,\" adding: \"We will fight this in court.\"");
  const Quote* q = quote_containing(doc, "fight this");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "We will fight this in court.");
  ASSERT_TRUE(q->cue);
  EXPECT_EQ(doc.slice(*q->cue), "adding");
  ASSERT_TRUE(q->speaker && q->speaker->mention);
  EXPECT_EQ(doc.slice(*q->speaker->mention), "The mayor");
}

TEST(NestedFrame, QuotingClauseAfterAColonWithItsOwnSource) {
  Document doc = extractor().extract(
      "Even people who endorsed the plan sounded unsure: Former Rep. Jane Harman called it \"the least bad "
      "option under the circumstances.\"");
  const Quote* q = quote_containing(doc, "least bad option");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(doc.slice(q->span), "it \"the least bad option under the circumstances.");
  EXPECT_EQ(q->speaker->name, "Jane Harman");
}

// A broadcast transcript quoted paragraph by paragraph: the label in capitals
// that opens each quotation speaks what follows its colon. A label is a name
// (no common word, or one the article writes as a name: "Gov. Tom Ranney" …
// "RANNEY:"), not a heading ("NOTE:").
TEST(TranscriptLabel, ACapitalisedNameAndColonOpeningAQuotationSpeaksIt) {
  Document doc = extractor().extract(
      "Gov. Tom Ranney was asked about the vote on Sunday.\n\n"
      "\"HALVORSEN: Governor, will you attend the hearing next week?\"\n\n"
      "\"RANNEY: I will be there, and so will every member of my staff.\"\n\n"
      "\"NOTE: The hearing was later moved to the following Monday.\"\n");
  EXPECT_EQ(speaker_of(doc, "will you attend the hearing"), "HALVORSEN");
  EXPECT_EQ(speaker_of(doc, "I will be there"), "Tom Ranney");
  const Quote* q = quote_containing(doc, "I will be there");
  ASSERT_TRUE(q);
  EXPECT_EQ(doc.slice(q->spans.front()).find("RANNEY"), std::string_view::npos);  // the label is not content
  EXPECT_NE(speaker_of(doc, "hearing was later moved"), "NOTE");
}

// A date never speaks: "who in 2011 said" is the relative pronoun's, so the
// senator's (and "Bob Geldof in July said" Bob Geldof's).
TEST(SpeakingSource, ADateBeforeTheCueIsNoSource) {
  Document doc = extractor().extract("Senator Jill Orton, who in 2011 said the plan was sound, has changed her mind.");
  EXPECT_EQ(speaker_of(doc, "the plan was sound"), "Jill Orton");
}

// "you know" set off as an aside is a filler: its "you" credits no one with
// the sentence around it.
TEST(FillerCue, YouKnowAsAnAsideIsNoAttribution) {
  Document doc = extractor().extract("It was, you know, the worst winter the valley had seen in fifty years.");
  EXPECT_EQ(quote_containing(doc, "the worst winter"), nullptr);
}

// "That said, …" opening a sentence is a connective: "that" is no speaker.
TEST(FillerCue, ThatSaidOpeningASentenceIsNoAttribution) {
  Document doc = extractor().extract(
      "The Harbor Society has a thousand members and a small budget. That said, we are confident enough to "
      "believe that the museum will open next year.");
  const Quote* q = quote_containing(doc, "we are confident");
  EXPECT_TRUE(q == nullptr || !q->speaker || q->speaker->name != "That");
}

// A dash and a name after a paragraph's last stop sign the sentence before,
// as an epigraph is signed.
TEST(Signature, DashAndNameClosingAParagraphCreditTheSentence) {
  Document doc = extractor().extract(
      "The mayor closed the library in March.\n"
      "The library was never a luxury; it is the only warm room this town has. \u2014 Odile Marchetti\n"
      "The council meets again in May.\n");
  EXPECT_EQ(speaker_of(doc, "never a luxury"), "Odile Marchetti");
}

// A cue in a concessive "whether … or not" clause states nothing: the
// sentence after it is no one's reported speech.
TEST(FillerCue, WhetherYouBelieveItOrNotIsNoAttribution) {
  Document doc = extractor().extract("Whether you believe it or not, the canal was finished in 1832 by a crew of forty men.");
  EXPECT_EQ(quote_containing(doc, "the canal was finished"), nullptr);
}

}  // namespace
}  // namespace whosaid

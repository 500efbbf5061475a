// Who speaks in news layouts beyond PolNeAR's: wire copy, British and US
// political reporting, business, sport. Each test is a short invented article
// in one such layout, with the speaker, role and organisation a reader gives.
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::quote_containing;
using testing::speaker_at;
using testing::speaker_of;

// The entity of the quote holding `needle` (fails the test when there is none).
const Entity* entity_at(const Document& doc, std::string_view needle) {
  const Speaker* sp = speaker_at(doc, needle);
  if (!sp || sp->entity < 0) {
    ADD_FAILURE() << "no resolved speaker for \"" << needle << "\"";
    return nullptr;
  }
  return &doc.entities[sp->entity];
}

// "Foreign ministry spokesman Bo Tarsen": a portfolio and a body's head in
// lower case are where the role is held, no name of their own, and "he" after
// it is the spokesman.
TEST(NewsSpeakers, APortfolioAndABodyInLowerCaseArePartOfTheRole) {
  Document doc = extractor().extract(
      "Ruritania warns neighbour over arms sale\n\n"
      "Foreign ministry spokesman Bo Tarsen told reporters on Monday that Ruritania would act. "
      "He did not say what the measures would be.\n");
  EXPECT_EQ(speaker_of(doc, "Ruritania would act"), "Bo Tarsen");
  EXPECT_EQ(speaker_of(doc, "what the measures would be"), "Bo Tarsen");
  if (const Entity* e = entity_at(doc, "Ruritania would act")) {
    EXPECT_EQ(e->role, "Foreign ministry spokesman");
    EXPECT_EQ(e->org, "Foreign ministry");
  }
}

// "In Velmar, President Ina Sorrel thanked …": a role before a name belongs
// to that name, not to the place set off before it; and the person a
// sentence introduces after such an opening phrase is the "she" of the
// quotation that follows.
TEST(NewsSpeakers, ARoleBeforeANameIsThatNamesNotAnApposition) {
  Document doc = extractor().extract(
      "Neighbours trade warnings\n\n"
      "Foreign ministry spokesman Bo Tarsen said Ruritania would act.\n\n"
      "The State Department said the sale was consistent with its policy.\n\n"
      "In Velmar, President Ina Sorrel thanked the donors for their support. "
      "\"We will never bow to pressure,\" she wrote on Facebook.\n");
  EXPECT_EQ(speaker_of(doc, "never bow to pressure"), "Ina Sorrel");
  for (const Entity& e : doc.entities) EXPECT_FALSE(e.name == "Velmar" && !e.role.empty()) << e.role;
}

// "Tom Quill, chief US economist for Harbor Bank,": capitalised words inside
// the role of an apposition are the role's, and "he added" stays with him.
TEST(NewsSpeakers, CapitalisedWordsInsideAnAppositionsRoleAreTheRoles) {
  Document doc = extractor().extract(
      "Rates rise again\n\n"
      "\"The central bank does not want to rock the boat,\" said Tom Quill, chief US economist for Harbor Bank. "
      "\"The economy is doing a bit better right now,\" he added.\n");
  EXPECT_EQ(speaker_of(doc, "doing a bit better"), "Tom Quill");
  if (const Entity* e = entity_at(doc, "rock the boat")) {
    EXPECT_EQ(e->role, "chief US economist");
    EXPECT_EQ(e->org, "Harbor Bank");
  }
}

// The body a role is held at, after the role's field ("a professor of
// international relations at Renmin University") or across a possessive
// inside its name ("King's College London").
TEST(NewsSpeakers, TheBodyARoleIsHeldAtFollowsItsField) {
  Document doc = extractor().extract(
      "Coffee and the heart\n\n"
      "\"Both sides have too much to lose,\" said Zhou Lan, a professor of international relations at "
      "Velmar University in Orsk. Dr Sara Colm, a nutrition scientist at King's College London, said the "
      "study could not prove cause and effect.\n");
  if (const Entity* e = entity_at(doc, "too much to lose")) {
    EXPECT_EQ(e->name, "Zhou Lan");
    EXPECT_EQ(e->org, "Velmar University");
  }
  if (const Entity* e = entity_at(doc, "prove cause and effect")) {
    EXPECT_EQ(e->name, "Sara Colm");
    EXPECT_EQ(e->org, "King's College London");
  }
}

// "Senate Majority Leader": "Majority" is the role's, the body is the Senate.
TEST(NewsSpeakers, AMajorityLeaderLeadsTheChamber) {
  Document doc = extractor().extract(
      "Shutdown looms\n\n"
      "Senate Majority Leader Carla Whitby accused Republicans of holding the government hostage. "
      "Communications Minister Mia Rowe said platforms would face fines.\n");
  if (const Entity* e = entity_at(doc, "holding the government hostage")) {
    EXPECT_EQ(e->name, "Carla Whitby");
    EXPECT_EQ(e->org, "Senate");
  }
  // A portfolio is no body: "Communications Minister".
  if (const Entity* e = entity_at(doc, "face fines")) EXPECT_EQ(e->org, "");
}

// "… said the governor "had a strong night"": a quotation opening right after
// the name after the cue goes on with the clause, so the name is its
// subject, not the speaker; the speaker is the one named before the cue.
TEST(NewsSpeakers, ANameBeforeAQuotationAfterTheCueIsNoInvertedSource) {
  Document doc = extractor().extract(
      "The race tightens\n\n"
      "In a statement, the campaign's communications director, Marcus Dell, said the governor \"had a strong "
      "night and laid out a clear vision.\"\n");
  EXPECT_EQ(speaker_of(doc, "a strong night"), "Marcus Dell");
}

// "raised its Brent forecast to $90, citing …": a name after a possessive
// modifies a noun; the firm is the one that cites.
TEST(NewsSpeakers, ANameAfterAPossessiveIsNoSubject) {
  Document doc = extractor().extract(
      "Oil climbs\n\n"
      "Harwick Capital raised its Brent forecast to $90, citing tighter supply.\n");
  EXPECT_EQ(speaker_of(doc, "tighter supply"), "Harwick Capital");
  for (const Quote& q : doc.quotes)
    if (q.speaker) EXPECT_NE(q.speaker->name, "Brent");
}

// A word opening a clause ("After saying …") is never a source.
TEST(NewsSpeakers, ASubordinatorOpeningTheSentenceIsNoSource) {
  Document doc = extractor().extract(
      "A hidden illness\n\n"
      "In her memoir, Clara Dunn noted the clot's existence.\n\n"
      "After saying her right foot was \"so swollen I could barely get my shoe on,\" she was \"whisked off to "
      "the naval hospital\" for tests.\n");
  for (const Quote& q : doc.quotes)
    if (q.speaker) EXPECT_NE(q.speaker->name, "After");
}

// The person a sentence introduces, after a phrase it opens with or named in
// apposition to a possessive ("Ms. Corran's rival, former Senator Dean
// Pell,"), is the "he" of the quotation that follows, not the last speaker.
TEST(NewsSpeakers, APersonIntroducedAfterAnOpeningPhraseOrAPossessiveSpeaksNext) {
  Document doc = extractor().extract(
      "A bruising debate\n\n"
      "Mr. Dell, the campaign's spokesman, said the governor had a strong night.\n\n"
      "Ms. Corran's rival, former Senator Dean Pell, was quick to pounce. \"If she can't answer a question about "
      "pensions, how can she run a state?\" he said at a rally on Friday.\n\n"
      "After the match, Tomas Ekberg accused the referee of bias. \"It was a disgrace,\" he said.\n");
  EXPECT_EQ(speaker_of(doc, "how can she run a state"), "Dean Pell");
  EXPECT_EQ(speaker_of(doc, "It was a disgrace"), "Tomas Ekberg");
}

// "the Italian said": a description by nationality (or age) after a
// sentence that introduces a person is that person, not the more salient
// speaker quoted before.
TEST(NewsSpeakers, ANationalityAfterAnIntroductionIsTheOneIntroduced) {
  Document doc = extractor().extract(
      "Zubeta hails \"outstanding\" Berg after comeback win\n\n"
      "Mikkel Zubeta praised Jon Berg's \"outstanding\" performance after Rovers came from behind to beat "
      "Villa 3-1.\n\n"
      "Berg scored one and set up another as Rovers moved back to the top of the league.\n\n"
      "\"He's outstanding, he's so mature for his age,\" Zubeta told Radio Nord. \"He wants the ball in the big "
      "moments.\"\n\n"
      "Villa manager Ivo Garnet was left frustrated by two goals conceded from set pieces. \"We were competing "
      "very well, but the details decided the game,\" the Spaniard said.\n");
  EXPECT_EQ(speaker_of(doc, "the details decided the game"), "Ivo Garnet");
}

// A lede that describes its protagonist ("The education secretary has
// defended …") is the person the next sentences name, who takes the role.
TEST(NewsSpeakers, ALedesDescriptionIsThePersonNamedNext) {
  Document doc = extractor().extract(
      "Minister defends school meals cut\n\n"
      "The education secretary has defended plans to end free school meals for some pupils.\n\n"
      "Speaking on Radio Nord, Gillian Mott said: \"Every pound we spend has to work as hard as it can.\"\n");
  EXPECT_EQ(speaker_of(doc, "free school meals"), "Gillian Mott");
  if (const Entity* e = entity_at(doc, "Every pound")) EXPECT_EQ(e->role, "education secretary");
}

// Not when someone else is named first: the description may be anyone.
TEST(NewsSpeakers, ALedesDescriptionIsNotAnotherPersonNamedFirst) {
  Document doc = extractor().extract(
      "Minister defends school meals cut\n\n"
      "The education secretary has defended plans to end free school meals for some pupils.\n\n"
      "Union leader Paul Whitcombe said: \"Children will go hungry.\"\n");
  EXPECT_NE(speaker_of(doc, "free school meals"), "Paul Whitcombe");
}

// A run of capitalised words ending in a role, with no name in it ("Scottish
// Finance Minister,"), describes someone: it is no person's name.
TEST(NewsSpeakers, ARunEndingInARoleIsNoName) {
  Document doc = extractor().extract(
      "Council tax to rise\n\n"
      "Scottish Finance Minister, Tam Orr MSP, said: \"We have given councils more money than ever.\"\n");
  EXPECT_EQ(speaker_of(doc, "more money than ever"), "Tam Orr");
  for (const Mention& m : doc.mentions)
    if (doc.slice(m.span) == "Scottish Finance Minister") EXPECT_NE(m.kind, MentionKind::kName);
}

// "One nurse, who asked not to be named, said …" introduces a person the
// text does not name: the "she" of the quotation that follows is that nurse.
TEST(NewsSpeakers, APersonDescribedAndIntroducedIsTheSheThatFollows) {
  Document doc = extractor().extract(
      "Nurses speak out over staffing\n\n"
      "One nurse, who asked not to be named for fear of losing her job, said managers had told staff that "
      "talking to the press was a disciplinary matter.\n\n"
      "\"We had patients waiting hours for pain relief,\" she said.\n");
  EXPECT_EQ(speaker_of(doc, "waiting hours for pain relief"), "One nurse");
}

// "Its general secretary, Pat Orme, called for an inquiry": the name set off
// after a role speaks; "for an inquiry" is no source after the cue.
TEST(NewsSpeakers, AnAppositionAfterARoleIsTheSubjectNotTheWordsAfterTheCue) {
  Document doc = extractor().extract(
      "Nurses speak out\n\n"
      "The Royal College of Midwives said it was concerned. Its general secretary, Pat Orme, called for an "
      "independent inquiry.\n");
  EXPECT_EQ(speaker_of(doc, "independent inquiry"), "Pat Orme");
}

// A body's whole name before "spokesman", "and" inside it too, is the body
// the spokesman speaks for.
TEST(NewsSpeakers, ASpokesmanOfABodyWithAndInItsNameSpeaksForTheWholeBody) {
  Document doc = extractor().extract(
      "Warehouse fire\n\n"
      "Fire crews spent 12 hours at the scene. A Kent Vale Fire and Rescue Service spokesman said the cause "
      "was being investigated.\n");
  EXPECT_EQ(speaker_of(doc, "being investigated"), "Kent Vale Fire and Rescue Service");
}

// "Creditors of Ruritania's top card firm have said …": a word dropped from a
// name at the sentence start leaves no name opening with "of".
TEST(NewsSpeakers, NoNameOpensWithAConnector) {
  Document doc = extractor().extract(
      "Lender faces liquidation\n\n"
      "Creditors of Ruritania's top credit card firm have said they will put the company into liquidation. "
      "The creditors met on Monday.\n");
  for (const Mention& m : doc.mentions) EXPECT_FALSE(doc.slice(m.name).starts_with("of ")) << doc.slice(m.name);
  EXPECT_EQ(speaker_of(doc, "into liquidation"), "Creditors of Ruritania's top credit card firm");
}

// A first-person column under a long headline with no closing stop: the
// byline below it names the author, who is the "I"; "he" is someone else.
TEST(NewsSpeakers, ALongHeadlineDoesNotHideTheBylineBelowIt) {
  Document doc = extractor().extract(
      "My father's hands: a farmer's son on what we lose when farms close\n\n"
      "By Owen Pryce\n\n"
      "My father farmed the same 200 acres for 41 years. When he sold the last of the flock in March, I asked "
      "him what he would miss. \"The quiet,\" he said.\n\n"
      "I have thought about his answer every day since.\n");
  ASSERT_EQ(doc.authors.size(), 1u);
  EXPECT_EQ(speaker_of(doc, "what he would miss"), "Owen Pryce");
  EXPECT_NE(speaker_of(doc, "The quiet"), "Owen Pryce");
}

// "Ann Vole, chief economist at Harbor Bank": a role word before another is
// its rank, and the body after them is where the role is held.
TEST(NewsSpeakers, ARankBeforeARoleIsPartOfTheRole) {
  Document doc = extractor().extract(
      "Rates on hold\n\n"
      "\"The central bank is fighting the last war,\" said Ann Vole, chief economist at Harbor Bank.\n");
  if (const Entity* e = entity_at(doc, "fighting the last war")) {
    EXPECT_EQ(e->role, "chief economist");
    EXPECT_EQ(e->org, "Harbor Bank");
  }
}

// "Two men have been charged with arson …, police said": the statement is the
// police's, not a statement of its own without a source.
TEST(NewsSpeakers, ATrailingSourceTakesAStatementWithAReportingVerbInside) {
  Document doc = extractor().extract(
      "Two charged after warehouse fire\n\n"
      "Two men have been charged with arson after a fire destroyed a warehouse in east Leeds, police said on "
      "Tuesday.\n");
  EXPECT_EQ(speaker_of(doc, "destroyed a warehouse"), "police");
}

// "Nurses at a London hospital say …": the people before the place speak.
TEST(NewsSpeakers, PeopleBeforeAPlaceAreTheSubject) {
  Document doc = extractor().extract(
      "Nurses speak out over staffing\n\n"
      "Nurses at a London hospital say they were warned not to speak publicly about staff shortages.\n");
  EXPECT_EQ(speaker_of(doc, "not to speak publicly"), "Nurses at a London hospital");
}

// The addressee of "told" is no part of what was said, whatever its words:
// a paper whose name holds a reporting verb ("Evening Post"), an occasion
// whose noun is one ("a regular news briefing").
TEST(NewsSpeakers, TheAddresseeOfToldIsNoPartOfTheStatement) {
  Document doc = extractor().extract(
      "Warehouse fire\n\n"
      "The owner, Karim Hadley, told the Leeds Evening Post he had lost \"everything I worked for in 20 years\".\n\n"
      "Spokesman Bo Tarsen told a regular news briefing on Monday that Ruritania would take \"resolute "
      "measures\" to defend itself.\n");
  const Quote* lost = quote_containing(doc, "he had lost");
  ASSERT_TRUE(lost);
  EXPECT_TRUE(doc.slice(lost->span).starts_with("he had lost")) << doc.slice(lost->span);
  const Quote* measures = quote_containing(doc, "resolute");
  ASSERT_TRUE(measures);
  EXPECT_TRUE(doc.slice(measures->span).starts_with("that Ruritania")) << doc.slice(measures->span);
}

// "One patient, Margaret Hale from Stoke, told the BBC …" then ""…," she
// said": the person, not the place she is from, speaks, and the "she" after
// the quotation is that person (the sentence before quotes nothing).
TEST(NewsSpeakers, ThePersonBeforeWhereTheyAreFromSpeaksAndGoesOn) {
  Document doc = extractor().extract(
      "Waiting lists grow\n\n"
      "Health Secretary Vera Atkin said the numbers were \"disappointing\". \"We are treating more patients "
      "than ever,\" she said.\n\n"
      "One patient, 78-year-old Margaret Hale from Stoke, told the BBC she had waited 18 months for a hip "
      "replacement. \"Some days I can't get out of bed,\" she said.\n");
  EXPECT_EQ(speaker_of(doc, "waited 18 months"), "Margaret Hale");
  EXPECT_EQ(speaker_of(doc, "get out of bed"), "Margaret Hale");
}

// A portfolio opening the sentence is the role's even when the document
// writes the word in lower case elsewhere ("health leaders").
TEST(NewsSpeakers, APortfolioOpeningTheSentenceStaysInTheRole) {
  Document doc = extractor().extract(
      "Waiting lists grow\n\n"
      "Health Secretary Vera Atkin said the numbers were disappointing. Officials agreed with health leaders.\n");
  if (const Entity* e = entity_at(doc, "numbers were disappointing")) EXPECT_EQ(e->role, "Health Secretary");
}

// Initials that close a sentence ("A&E.") end it: the next sentence's
// speaker is its own.
TEST(NewsSpeakers, InitialsWithAnAmpersandCloseASentence) {
  Document doc = extractor().extract(
      "Waiting lists grow\n\n"
      "The Royal College of Emergency Medicine said some patients had waited 24 hours in A&E. Its president, "
      "Dr Adrian Boyd, called the situation \"intolerable\".\n");
  EXPECT_EQ(speaker_of(doc, "intolerable"), "Adrian Boyd");
  const Quote* waited = quote_containing(doc, "waited 24 hours");
  ASSERT_TRUE(waited);
  EXPECT_EQ(doc.slice(waited->span).find("Its president"), std::string_view::npos);
}

// "Head of the division, Andrew Burke, spoke …": a title opening the
// sentence is the name's set off after it, who is the "he" that follows.
TEST(NewsSpeakers, ATitleBeforeANameIntroducesTheName) {
  Document doc = extractor().extract(
      "Broadcasters move online\n\n"
      "Director, David Caldwell, said some students were avoiding fees.\n\n"
      "\"The internet is the future,\" said Colin Curry, the regulator's chief. He said firms must adapt.\n\n"
      "Head of the division, Andrew Burke, spoke about the possibility of creating content for all platforms. "
      "\"How risque can I be in this new age?\" he said.\n");
  EXPECT_EQ(speaker_of(doc, "avoiding fees"), "David Caldwell");
  EXPECT_EQ(speaker_of(doc, "How risque"), "Andrew Burke");
}

// US titles: an abbreviated title keeps its stop ("Sen."), and a party and
// state in parentheses after a name do not hide the apposition after them.
TEST(NewsSpeakers, UsTitlesAndPartyParenthesesKeepRolesWhole) {
  Document doc = extractor().extract(
      "Remarks draw rebuke\n\n"
      "Sen. Tom Hadlow said some veterans were \"gaming the system\".\n\n"
      "Jon Tesler (D-Mont.), the chairman of the Veterans Affairs Committee, called the remarks \"shameful.\"\n");
  if (const Entity* e = entity_at(doc, "gaming the system")) EXPECT_EQ(e->role, "Sen.");
  if (const Entity* e = entity_at(doc, "shameful")) {
    EXPECT_EQ(e->role, "chairman");
    EXPECT_EQ(e->org, "Veterans Affairs Committee");
  }
}

// "A spokesman for Transport Secretary Liam Brice said …": a person's
// spokesman is no body's (no org), keeps the role without its article, and
// is the "he" of the quotation that follows, not "the minister" he spoke of.
TEST(NewsSpeakers, APersonsSpokesmanGoesOnSpeaking) {
  Document doc = extractor().extract(
      "Carmaker recalls cars\n\n"
      "A spokesman for Transport Secretary Liam Brice said the minister had asked for a full report. "
      "\"Safety must always come first,\" he said.\n");
  const std::string spokesman = speaker_of(doc, "a full report");
  EXPECT_EQ(speaker_of(doc, "Safety must always come first"), spokesman);
  if (const Entity* e = entity_at(doc, "a full report")) {
    EXPECT_EQ(e->role, "spokesman");
    EXPECT_EQ(e->org, "");
  }
}

}  // namespace
}  // namespace whosaid

// The resolver's rules around the coreference model (src/entities/resolver.cc,
// docs/coref.md): news patterns that GUM, the model's training data, lacks.
#include <gtest/gtest.h>

#include "test_util.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::speaker_at;
using testing::speaker_of;

// The quote holding `needle` has a speaker named `name`, of type `type`.
void expect_speaker(const Document& doc, std::string_view needle, std::string_view name, EntityType type) {
  SCOPED_TRACE(needle);
  const Speaker* sp = speaker_at(doc, needle);
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->name, name);
  EXPECT_EQ(sp->type, type);
}

// A sentence that introduces a person, then a quotation with "he said": the
// person introduced, not the more salient speaker quoted before.
TEST(SpeakerRules, PersonIntroducedBeforeAQuotationIsItsSpeaker) {
  Document doc = extractor().extract(
      "Rovers manager Sam Allen insisted his side would learn from the defeat.\n\n"
      "\"We were second best,\" Allen told BBC Sport.\n\n"
      "Captain Joe Marsh agreed. \"It hurts, but we stick together,\" he said.\n");
  EXPECT_EQ(speaker_of(doc, "we stick together"), "Joe Marsh");
}

// A possessive opening the sentence before is not its subject.
TEST(SpeakerRules, PossessiveIsNotTheIntroducedSpeaker) {
  Document doc = extractor().extract(
      "Prosecutors dropped the case against Bill Cosby on Thursday.\n\n"
      "Cosby's lawyer, Walter Phillips, said the comedian was pleased. \"He looks forward to moving on,\" he "
      "said.\n");
  EXPECT_NE(speaker_of(doc, "looks forward to moving on"), "Bill Cosby");
}

// A gender that disagrees leaves the pronoun to the model.
TEST(SpeakerRules, IntroducedSpeakerMustAgreeInGender) {
  Document doc = extractor().extract(
      "Senator Maria Lopez spoke first at the hearing. Mr John Hale listened.\n\n"
      "Maria Lopez was angry. \"This is a disgrace,\" he said.\n");
  EXPECT_NE(speaker_of(doc, "This is a disgrace"), "Maria Lopez");
}

// A relative pronoun after a comma is the mention before it; a restrictive
// one ("people … who") is not taken from the nearest mention.
TEST(SpeakerRules, RelativePronounTakesTheMentionBeforeTheComma) {
  Document doc = extractor().extract(
      "Shares in Deutsche Boerse rose on Monday. TCI, which claims to represent owners of 5% of the firm, "
      "said the takeover was a mistake.\n");
  EXPECT_EQ(speaker_of(doc, "the takeover was a mistake"), "TCI");

  Document doc2 = extractor().extract(
      "Voters from outside the European Union who want to stay said the rules were unfair.\n");
  EXPECT_NE(speaker_of(doc2, "the rules were unfair"), "European Union");
}

// A relative pronoun that nothing resolves is named by the noun phrase right
// before it: the group it stands for, not "who".
TEST(SpeakerRules, AnUnresolvedRelativePronounIsNamedByItsNounPhrase) {
  Document doc = extractor().extract(
      "The patent directive returns to the European Parliament next month. It has had vocal critics who say "
      "it could favour large over small firms.\n");
  EXPECT_EQ(speaker_of(doc, "it could favour large over small firms"), "vocal critics");
}

// "It is thought that …": an "it" that only fills the subject of a passive
// reporting verb credits the statement to no one; an "it" that refers (an
// active verb, a passive going on with "to") keeps its antecedent.
TEST(SpeakerRules, ExpletiveItBeforeAPassiveCueIsNoSource) {
  Document doc = extractor().extract(
      "Mill closure\n\n"
      "The Acme mill in Dunford has made losses for years. It is thought that the owners will close it "
      "next month. It was announced last July that the mill would be sold. The plant, it has been reported, "
      "will be demolished.\n\n"
      "Acme said it was considering an offer.\n");
  EXPECT_EQ(speaker_of(doc, "the owners will close it"), "<no speaker>");
  EXPECT_EQ(speaker_of(doc, "the mill would be sold"), "<no speaker>");
  EXPECT_EQ(speaker_of(doc, "will be demolished"), "<no speaker>");
  EXPECT_EQ(speaker_of(doc, "considering an offer"), "Acme");
}

// "They" that coreference leaves to no one is named by the plural subject of
// the sentence before, read from the parse ("dock workers" is no mention the
// model could pick); a singular subject there leaves "They" as written.
TEST(SpeakerRules, UnresolvedTheyIsNamedByThePluralSubjectBefore) {
  Document doc = extractor().extract(
      "Ferry strike\n\n"
      "Angry dock workers in Portlow walked out on Monday over pay. They said the offer from the port owners "
      "was an insult.\n\n"
      "The tribunal will decide whether owners of the port can be held responsible. They said the case was "
      "complex.\n");
  EXPECT_EQ(speaker_of(doc, "was an insult"), "Angry dock workers");
  EXPECT_EQ(speaker_of(doc, "the case was complex"), "They");
}

// An unnamed spokesperson speaks for the body that spoke in the sentence
// before, without taking on its role; after a person, it stays unnamed.
TEST(SpeakerRules, UnnamedSpokespersonSpeaksForTheBodyThatSpokeBefore) {
  Document doc = extractor().extract(
      "Water bills\n\n"
      "The regulator Ofwat has approved the rise. The Dalmere Water Company said it would raise prices by 4%. "
      "But a spokesman said bills would still be below the national average.\n\n"
      "Mr Hale said the rise was unfair. A spokesman said the company would reply.\n");
  expect_speaker(doc, "below the national average", "Dalmere Water Company", EntityType::kOrganisation);
  EXPECT_TRUE(doc.speaker_role(*speaker_at(doc, "raise prices by 4%")).empty());
  EXPECT_EQ(speaker_of(doc, "the company would reply"), "A spokesman");
}

// A long run of relative pronouns is resolved without nesting one call per
// word (a stack overflow before): it finishes, and the quote is found.
TEST(SpeakerRules, RunOfRelativePronounsDoesNotNest) {
  std::string text = "Mr Tan met the board. ";
  for (int i = 0; i < 200000; ++i) text += "who, ";
  text += "who said the plan would work.";
  Document doc = extractor().extract(text);
  EXPECT_NE(speaker_of(doc, "the plan would work"), "<no quote>");
}

// A source "it" with no named antecedent is the body that spoke or led the
// sentences before: not a thing named in between.
TEST(SpeakerRules, ItIsTheNearestSpeakingBody) {
  Document doc = extractor().extract(
      "Acme Corp has sued three men for leaking its new software onto file-sharing sites. "
      "It said two versions of the program had been posted online.\n");
  EXPECT_EQ(speaker_of(doc, "two versions of the program"), "Acme Corp");
}

// "The firm" the coreference model leaves alone is the body the article
// named before: a subject typed organisation, not a place or a date.
TEST(SpeakerRules, TheFirmIsTheNearestNamedBody) {
  Document doc = extractor().extract(
      "Umbro Ltd, the sportswear maker, posted a 222% rise in profits for January. "
      "The firm said sales of replica shirts had been strong.\n");
  EXPECT_EQ(speaker_of(doc, "sales of replica shirts"), "Umbro Ltd");
}

// A nominal whose noun the body's name holds ("the airline", "Halden
// Airways") is that body, even where the name was no subject; a work's name
// only as a subject or source, not a programme someone talked to.
TEST(SpeakerRules, ANominalIsTheBodyWhoseNameHoldsItsNoun) {
  Document doc = extractor().extract(
      "Shares in Halden Airlines fell sharply on Monday.\n\n"
      "In a filing to regulators the airline warned it could run out of cash.\n\n"
      "Anna Brisk, an economist, told the Morning Report that growth was slowing. "
      "The report warned that prices would rise.\n");
  EXPECT_EQ(speaker_of(doc, "it could run out of cash"), "Halden Airlines");
  EXPECT_NE(speaker_of(doc, "prices would rise"), "Morning Report");
}

// A report speaks for its author, named by a "by" or "from" phrase on the
// report or on a participle after it; a later "the report" is that report.
// Not for "experts from" a body (people), nor a report introduced anew.
TEST(SpeakerRules, ADocumentSpeaksForItsAuthor) {
  Document doc = extractor().extract(
      "Tablet sales will double by 2030, according to a report by analysts Calder Analytics.\n\n"
      "The growth will come from schools, the report predicted.\n\n"
      "The finding comes in a study published on Monday by the Harbour Institute. Only 7% of firms "
      "have a policy, according to the study.\n\n"
      "Experts from the Harbour Institute said the rules were unclear.\n\n"
      "A new report says prices will fall.\n\n"
      "Mr Brisk's statement said the plan had failed.\n");
  EXPECT_EQ(speaker_of(doc, "Tablet sales will double"), "Calder Analytics");
  EXPECT_EQ(speaker_of(doc, "come from schools"), "Calder Analytics");
  EXPECT_EQ(speaker_of(doc, "Only 7% of firms"), "Harbour Institute");
  EXPECT_NE(speaker_of(doc, "the rules were unclear"), "Harbour Institute");
  EXPECT_NE(speaker_of(doc, "prices will fall"), "Calder Analytics");
  EXPECT_EQ(speaker_of(doc, "the plan had failed"), "Brisk");
}

// A participle opening the sentence is no inverted cue, and whom it was
// spoken to is no speaker: "Speaking to the Courier, Nandakumar said: …".
TEST(SpeakerRules, AnAddresseeBeforeTheSubjectIsNoSpeaker) {
  Document doc = extractor().extract(
      "Speaking to the Courier, Priya Nandakumar said: \"We have spent more on flood defences than any "
      "government before us.\"\n");
  EXPECT_EQ(speaker_of(doc, "We have spent more"), "Priya Nandakumar");
}

// A description set off before a name is the name's: the name speaks,
// whichever of the two the attributor took for the source.
TEST(SpeakerRules, ADescriptionBeforeANameIsTheNames) {
  Document doc = extractor().extract(
      "Labour's shadow environment secretary, Dan Carrow, warned that the government had failed.\n\n"
      "The festival's executive director, Craig Prater, said ticket sales were up.\n\n"
      "A spokeswoman for Halvard Re, Europe's fifth-largest reinsurer, said claims would rise.\n");
  EXPECT_EQ(speaker_of(doc, "the government had failed"), "Dan Carrow");
  EXPECT_EQ(speaker_of(doc, "ticket sales were up"), "Craig Prater");
  EXPECT_EQ(speaker_of(doc, "claims would rise"), "Halvard Re");
}

// The subject of a verb of publishing wrote what it published ("the Halden
// Institute released a report"); one that only talks about it did not.
TEST(SpeakerRules, WhoPublishedADocumentSpeaksForIt) {
  Document doc = extractor().extract(
      "The Halden Institute released a report on Monday. The report says wages will fall.\n\n"
      "Amnesty International published a study of prisons. \"Conditions are appalling,\" the study says.\n\n"
      "Senator Ruth Okoro criticised a survey of farmers. The survey says most farms are losing money.\n");
  EXPECT_EQ(speaker_of(doc, "wages will fall"), "Halden Institute");
  EXPECT_EQ(speaker_of(doc, "Conditions are appalling"), "Amnesty International");
  EXPECT_NE(speaker_of(doc, "most farms are losing money"), "Ruth Okoro");
}

// A report brought in without its author ("…, a survey suggests") speaks for
// the author the next sentences name: a "by" phrase the parser may miss, a
// name before the noun ("the Corvane report"), or the body that carried it
// out. Not a capitalised word that only opens the sentence ("Latest figures").
TEST(SpeakerRules, AReportSpeaksForTheAuthorNamedAfterIt) {
  Document doc = extractor().extract(
      "Rail delays\n\n"
      "Commuters are losing patience with late trains, a survey suggests.\n\n"
      "The survey of 3,000 travellers was carried out by consultancy group Pellman Research. "
      "Most of those asked said fares were too high.\n\n"
      "Ticket prices will rise again in March, according to the Corvane Institute report. Fares rose by "
      "a fifth last year, the report said.\n\n"
      "Latest figures show that delays have doubled.\n");
  EXPECT_EQ(speaker_of(doc, "Commuters are losing patience"), "Pellman Research");
  EXPECT_EQ(speaker_of(doc, "Ticket prices will rise"), "Corvane Institute");
  EXPECT_EQ(speaker_of(doc, "Fares rose by a fifth"), "Corvane Institute");
  EXPECT_NE(speaker_of(doc, "delays have doubled"), "Latest");
}

// British news calls a body "they": a source "they" that nothing else
// resolves is the body named by the subject just before, not a group's or a
// word that opens a phrase ("In July").
TEST(SpeakerRules, TheyOfABodyIsThatBody) {
  Document doc = extractor().extract(
      "Water charges\n\n"
      "The Tarvel Water Commission is taking a cautious line on the new charges. They said that bills "
      "would not rise before 2030.\n\n"
      "In July, regulators met the firms. They said that prices were too high.\n");
  EXPECT_EQ(speaker_of(doc, "bills would not rise"), "Tarvel Water Commission");
  EXPECT_NE(speaker_of(doc, "prices were too high"), "July");
}

// A firm named by a word WordNet knows as a thing ("kestrel", a bird) is
// still a name when written capitalised inside a sentence: "the firm" after
// it is that firm.
TEST(SpeakerRules, AFirmNamedByACommonNounIsTheFirm) {
  Document doc = extractor().extract(
      "Job cuts\n\n"
      "Kestrel has raised its profits by 40%, helped by sales in Asia. Shares in Kestrel rose 5%.\n\n"
      "The firm said it would cut 200 jobs at its plant in Leeds.\n");
  EXPECT_EQ(speaker_of(doc, "it would cut 200 jobs"), "Kestrel");
}

// "the company" linked by the model to an earlier "the company" that stands
// for no one (inside a statement) is still the firm named before it.
TEST(SpeakerRules, TheCompanyChainedToNoOneIsTheFirmNamedBefore) {
  Document doc = extractor().extract(
      "Spam firm seeks protection\n\n"
      "Sam Porter, the man behind Zentrix.com and billions of junk messages, said lawsuits had forced the "
      "company into bankruptcy. Zentrix was fighting several legal battles, most notably against Acme "
      "Software.\n\n"
      "The company said filing for bankruptcy would help it resolve its legal problems.\n");
  EXPECT_EQ(speaker_of(doc, "filing for bankruptcy would help"), "Zentrix");
}

// A report speaks for the author another of its mentions names, before or
// after it, also through an "it" that stands for it; a body named only in
// passing ("carried out by consultants Brannock Partners") is that author.
TEST(SpeakerRules, AReportIsItsAuthorNamedAtAnotherMention) {
  Document doc = extractor().extract(
      "Firms embracing e-commerce\n\n"
      "Firms are embracing internet trading as never before, e-commerce minister Mike Dorran says.\n\n"
      "A government-commissioned study ranked the country third in its world index of use of technology. "
      "The report suggests 69% of firms are now using broadband. Mr Dorran said firms were sprinting "
      "forward in their use of technology. The report, carried out independently by consultants Brannock "
      "Partners, placed the country third behind Sweden and Ireland.\n\n"
      "It showed that firms brought greater maturity to their use of technology.\n");
  EXPECT_EQ(speaker_of(doc, "69% of firms are now using broadband"), "Brannock Partners");
  EXPECT_EQ(speaker_of(doc, "greater maturity"), "Brannock Partners");
}

// A story that opens with research brought in without its author ("…,
// according to a survey") names the author as the body that speaks next.
// Not further in, and not a body named only by a common noun.
TEST(SpeakerRules, AnOpeningSurveyIsTheBodyThatSpeaksNext) {
  Document doc = extractor().extract(
      "Factories slow down\n\n"
      "Factory output grew at its slowest pace in a year in March, according to a survey.\n\n"
      "The Institute of Widget Makers said its index fell to 51.8 from 53.3 in February.\n");
  EXPECT_EQ(speaker_of(doc, "Factory output grew"), "Institute of Widget Makers");
}

// A lawsuit speaks for whoever filed it, and "the study" is the research
// just before it by another word; not an older one past a nearer document.
TEST(SpeakerRules, ALawsuitIsWhoFiledItAndAStudyTheResearchBefore) {
  Document doc = extractor().extract(
      "Music store sued\n\n"
      "Californian Sam Trent filed the suit in the US District Court in San Jose and is seeking damages.\n\n"
      "\"Acme has turned an open standard into a trap,\" the lawsuit states.\n\n"
      "Research by handset maker Kestrel shows that more people use only a mobile. According to the study, "
      "45 million people no longer have a fixed line.\n\n"
      "A survey by Hostway suggests that men shop online. Much of this shopping is done at work, according "
      "to research carried out by an unnamed firm. The research reveals that two working days are lost.\n");
  EXPECT_EQ(speaker_of(doc, "an open standard into a trap"), "Sam Trent");
  EXPECT_EQ(speaker_of(doc, "45 million people"), "Kestrel");
  EXPECT_NE(speaker_of(doc, "two working days are lost"), "Hostway");
}

// A report met for the first time is that of the body that spoke last just
// before it.
TEST(SpeakerRules, AFirstReportIsTheBodyThatSpokeLast) {
  Document doc = extractor().extract(
      "Tsunami cost\n\n"
      "The disaster will hurt growth in the region. \"The broader impact will clearly be substantial,\" the "
      "Pacific Development Bank said. Tourism will suffer most. \"The fishing industry has been "
      "devastated,\" the report said.\n");
  EXPECT_EQ(speaker_of(doc, "The fishing industry has been devastated"), "Pacific Development Bank");
}

// "said the American" describes the person the report is about (WordNet's
// inhabitant#1), and "a Romanian part-time cleaner" names no one: neither is
// a speaker called "American" or "Romanian".
TEST(SpeakerRules, ANativeOfAPlaceIsDescribedNotNamed) {
  Document doc = extractor().extract(
      "Andre Kessler, the top seed, lost to Jurgen Melzer in the second round on Tuesday.\n\n"
      "\"A lot more guys are capable of it now,\" said the American.\n\n"
      "Carla Munteanu, a Romanian part-time cleaner, said: \"Normally a phone would not be possible on my "
      "wages.\" \"This is the only way I can afford a phone,\" she said.\n");
  EXPECT_EQ(speaker_of(doc, "A lot more guys"), "Andre Kessler");
  EXPECT_EQ(speaker_of(doc, "the only way I can afford"), "Carla Munteanu");
}

// "the paper" that nothing else resolves is the newspaper named before as a
// source, not the firm it reports on.
TEST(SpeakerRules, ThePaperIsTheNewspaperThatReported) {
  Document doc = extractor().extract(
      "Halden Motors could be sold within weeks, the Harbour Times has reported.\n\n"
      "It said Halden Motors was set to restructure its business. The paper said a deal could be "
      "announced within days.\n");
  EXPECT_EQ(speaker_of(doc, "a deal could be announced"), "Harbour Times");
}

// "said BBC labour affairs correspondent Stephen Cape": a body's name, lower-
// case words ending in a person noun, then a person's name, which speaks; not
// after a person's name ("said Paul Dergarabedian of box office tracker
// Exhibitor Relations").
TEST(SpeakerRules, ThePersonAfterABodysPremodifiersSpeaks) {
  Document doc = extractor().extract(
      "Costs will rise sharply next year, said Harbour labour affairs correspondent Stephen Caple.\n\n"
      "The costs rose by 4% in the first quarter, said the Harbour Trust's chief economist Anna Brisk.\n\n"
      "\"Viewers like a stake in what they watch,\" said Paul Derwent of box office tracker Exhibitor Data.\n");
  EXPECT_EQ(speaker_of(doc, "Costs will rise"), "Stephen Caple");
  EXPECT_EQ(speaker_of(doc, "The costs rose"), "Anna Brisk");
  EXPECT_EQ(speaker_of(doc, "Viewers like a stake"), "Paul Derwent");
}

// An adverb after the name the tagger takes for a noun ("said Nadal
// afterwards") is no head of the source's phrase: the name speaks.
TEST(SpeakerRules, AnAdverbAfterTheNameIsNoPartOfTheSource) {
  Document doc = extractor().extract(
      "Rafael Nadal won the final in Seville.\n\n"
      "\"What a great way to finish the year,\" said Nadal afterwards.\n");
  const Quote* q = testing::quote_containing(doc, "great way to finish");
  ASSERT_TRUE(q && q->speaker);
  EXPECT_EQ(q->speaker->name, "Rafael Nadal");
}

// Not "the government" (the state the article is about), nor a plural, nor a
// description of its own.
TEST(SpeakerRules, OnlyABareSingularBodyTakesTheNamedBody) {
  Document doc = extractor().extract(
      "Umbro Ltd posted a 222% rise in profits for January. "
      "The government said the economy was growing. "
      "Umbro Ltd posted a rise in sales. The firms said prices would rise. "
      "Umbro Ltd posted a rise in sales. The sportswear firm said it was pleased.\n");
  EXPECT_NE(speaker_of(doc, "the economy was growing"), "Umbro Ltd");
  EXPECT_NE(speaker_of(doc, "prices would rise"), "Umbro Ltd");
  EXPECT_NE(speaker_of(doc, "it was pleased"), "Umbro Ltd");
}

// A known given name and a surname is a person's name, whatever the type
// model guessed from its context ("Association of Chief Police Officers
// president Chris Fox" reads like a body to it).
TEST(SpeakerRules, GivenNameAndSurnameIsAPerson) {
  Document doc = extractor().extract(
      "Police urge pub closure power\n\n"
      "New powers are needed to close rowdy bars for a week, police chiefs have told MPs.\n\n"
      "Association of Chief Police Officers president Chris Fox said the current closure power did not have "
      "enough impact on landlords. Mr Fox's comments follow plans to let pubs open around the clock.\n");
  const Quote* q = testing::quote_containing(doc, "did not have enough impact");
  ASSERT_TRUE(q && q->speaker);
  EXPECT_EQ(q->speaker->name, "Chris Fox");
  EXPECT_EQ(q->speaker->type, EntityType::kPerson);
}

// "The Tory leader" that the model links to nothing is the person named
// before with that role; a role given to a place is no one's.
TEST(SpeakerRules, RoleNominalIsThePersonNamedWithThatRole) {
  Document doc = extractor().extract(
      "Tory leader Michael Stanton attacked the budget on Monday. Ministers dismissed the attack.\n\n"
      "Home Secretary Ann Fell spoke about crime in Leeds later that day.\n\n"
      "The Tory leader said the new tax would hurt families.\n");
  EXPECT_EQ(speaker_of(doc, "the new tax would hurt families"), "Michael Stanton");

  Document doc2 = extractor().extract(
      "He praised the most successful chancellor Britain has had.\n\n"
      "The chancellor said growth would return next year.\n");
  EXPECT_NE(speaker_of(doc2, "growth would return next year"), "Britain");
}

// A name the type model takes for a person's, with nothing personal about
// it, that the text then calls "the company" is that company; a person's
// name (a gender, a given name) is never made a body so.
TEST(SpeakerRules, ANameCalledTheCompanyIsACompany) {
  Document doc = extractor().extract(
      "Doughnut maker hit by losses\n\n"
      "Krispy Kreme has warned that its profits will fall this year. The company said sales in its stores had "
      "dropped by 10%.\n");
  for (const char* needle : {"its profits will fall", "sales in its stores"}) {
    expect_speaker(doc, needle, "Krispy Kreme", EntityType::kOrganisation);
  }

  Document doc2 = extractor().extract(
      "Mr Jones Kreme has warned that profits will fall this year. The company said sales had dropped.\n");
  const Speaker* sp = speaker_at(doc2, "profits will fall");
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->type, EntityType::kPerson);
}

// A name of two words that "he" refers to is a person's, even when the type
// model read a body into it.
TEST(SpeakerRules, ANameThatHeRefersToIsAPerson) {
  Document doc = extractor().extract(
      "Anti-racism campaigners in Swansea have handed copies of a leaflet to the police.\n\n"
      "Taha Idris, director of the Swansea Bay Race Equality Council, said his organisation contacted police "
      "after receiving complaints. \"I'm quite shocked to see this sort of leaflet in Swansea,\" he said.\n");
  expect_speaker(doc, "quite shocked", "Taha Idris", EntityType::kPerson);
}

// A name of one word that nothing marks as a person's (no given name, title,
// role, "he" or "she", nor an "I" in its quotations) is a body's: in news a
// person is named in full at least once. One whose quotation says "I" is a
// person's.
TEST(SpeakerRules, AOneWordNameWithNothingPersonalIsABody) {
  Document doc = extractor().extract(
      "Oil firm in court\n\n"
      "Zorvex has filed for bankruptcy protection in the US. Zorvex said the tax claims against it were "
      "unlawful.\n");
  expect_speaker(doc, "the tax claims", "Zorvex", EntityType::kOrganisation);

  Document doc2 = extractor().extract(
      "Striker eyes title\n\n"
      "Kalimbo scored twice on Saturday. \"I want to win the league this year,\" Kalimbo said.\n");
  expect_speaker(doc2, "win the league", "Kalimbo", EntityType::kPerson);
}

// "the company said" after a one-word firm that opens its sentence: the
// firm, when it is written capitalised inside a sentence elsewhere
// ("according to Zentrix"), where only a name is.
TEST(SpeakerRules, TheCompanyIsAFirmNamedAtASentenceStart) {
  Document doc = extractor().extract(
      "Zentrix is celebrating record sales of its new tablet, the Z4.\n\n"
      "The tablet has sold more than two million units since March, the company said. According to Zentrix, "
      "most buyers are in Asia.\n");
  expect_speaker(doc, "two million units", "Zentrix", EntityType::kOrganisation);
}

// "he" never stands for a firm, whatever the model's pick: "Gargle Corp" is
// no antecedent for the analyst's "he".
TEST(SpeakerRules, HeIsNeverAFirm) {
  Document doc = extractor().extract(
      "For Orbis analyst Olivier Marchand, Zaphoo's decision to put its search business on hold was an "
      "error. \"Zaphoo was busy building a portal and while it was good to diversify they made a big mistake in "
      "outsourcing search to Gargle Corp,\" he said. \"They thought Gargle Corp would just be a supplier,\" he "
      "added.\n");
  for (const char* needle : {"busy building a portal", "just be a supplier"}) {
    SCOPED_TRACE(needle);
    const Speaker* sp = speaker_at(doc, needle);
    ASSERT_TRUE(sp);
    EXPECT_NE(sp->name, "Gargle Corp");
    EXPECT_NE(sp->type, EntityType::kOrganisation);
  }
}

// "the prime minister" that nothing else names is the person named as the
// subject just before (the text names its protagonist, then describes him),
// not a name earlier in its own sentence; nor is someone's spokesman that
// someone.
TEST(SpeakerRules, ARoleNounIsThePersonNamedJustBefore) {
  Document doc = extractor().extract(
      "Kendrick backs budget\n\n"
      "Paul Kendrick has backed the budget amid claims it was too optimistic.\n\n"
      "In a speech in Brimford, the prime minister said the report reinforced stability.\n");
  expect_speaker(doc, "reinforced stability", "Paul Kendrick", EntityType::kPerson);

  Document doc2 = extractor().extract(
      "Rapper cancels tour\n\n"
      "Rapper Dee Stone has cancelled his European tour.\n\n"
      "The rapper's spokesman said the shows would be rescheduled.\n");
  EXPECT_NE(speaker_of(doc2, "the shows would be rescheduled"), "Dee Stone");
}

// A nominal in apposition to the name opening its sentence is that name
// ("Travolux, the private firm which …"), so "the firm" after it is too; a
// sentence adverb before a comma is no name ("Overall, the report said").
TEST(SpeakerRules, AnAppositionIsTheNameBeforeIt) {
  Document doc = extractor().extract(
      "Tram strike\n\n"
      "Tram drivers walked out last week demanding a pay rise. Travolux, the private firm which runs the city's "
      "tram lines, has offered an 8% increase in wages. The firm promised no jobs would be lost to the new "
      "ticket machines.\n\n"
      "Overall, the report said fares would rise.\n");
  expect_speaker(doc, "no jobs would be lost", "Travolux", EntityType::kOrganisation);
  EXPECT_NE(speaker_of(doc, "fares would rise"), "Overall");
}

// A source "it" after a one-word name that the text makes a source ("Zelnor
// said"), which the type model may take for a person's: that name, a body.
TEST(SpeakerRules, ItAfterAOneWordNameThatSpokeIsThatBody) {
  Document doc = extractor().extract(
      "Oil firm loses appeal\n\n"
      "A court in Houston has rejected an appeal by Zelnor over the sale of its main unit. Zelnor said it would "
      "consider its options in light of the ruling. However, it claimed that the court had backed its argument "
      "on four points.\n");
  expect_speaker(doc, "backed its argument", "Zelnor", EntityType::kOrganisation);
}

// Letters after a name ("QC", "MP", "FRS") are no part of whom it names: the
// name with them and without is one person, and a given name alone joins it.
TEST(SpeakerRules, PostnominalLettersAreNotPartOfTheName) {
  Document doc = extractor().extract(
      "Ruling criticised\n\n"
      "The ruling was criticised on Monday. Ruth Okafor QC said the case against her client was weak.\n\n"
      "Ruth Okafor told reporters the appeal would be lodged this week. Later, Ruth said the judge had erred.\n");
  for (const char* needle : {"the case against her client", "the appeal would be lodged", "the judge had erred"})
    expect_speaker(doc, needle, "Ruth Okafor", EntityType::kPerson);
}

// A body noun opening a sentence ("The company …") is what a later "it said"
// stands for, and it is the firm named before, even when that name ends in a
// thing's noun ("Zentrix Motor", not a place's: "South Korea").
TEST(SpeakerRules, ItSaidAfterTheCompanyIsTheFirmNamedBefore) {
  Document doc = extractor().extract(
      "Carmaker to build new plant\n\n"
      "South Korea's Zentrix Motor has announced that it plans to build a second plant in India.\n\n"
      "The company did not give details of its investment but it said the new plant would produce 150,000 "
      "cars a year.\n");
  expect_speaker(doc, "the new plant would produce", "Zentrix Motor", EntityType::kOrganisation);
}

// A source "they" that the model links to no one is the group that is the
// subject just before: people or bodies in WordNet, never a person's name
// that ends in "s".
TEST(SpeakerRules, TheyIsTheGroupThatIsTheSubjectBefore) {
  Document doc = extractor().extract(
      "Plans for a new runway at the airport are fiercely opposed.\n\n"
      "Opponents say the cost of the runway could not be met without public money. They said this would be "
      "illegal under current rules.\n");
  EXPECT_EQ(speaker_of(doc, "this would be illegal"), "Opponents");

  Document doc2 = extractor().extract(
      "The software deal was signed on Monday.\n\n"
      "Bill Gates praised the agreement. They said the deal would create jobs.\n");
  EXPECT_NE(speaker_of(doc2, "the deal would create jobs"), "Bill Gates");
}

// "Analysts said" describes a group, it names no one: its entity is a
// nominal, which the store links to no speaker. A plural written capitalised
// inside a sentence ("the Tories") is a name.
TEST(SpeakerRules, APluralOpeningTheSentenceNamesNoOne) {
  Document doc = extractor().extract(
      "Shares in the bank fell on Monday.\n\nAnalysts said the fall would not last.\n");
  const Quote* q = testing::quote_containing(doc, "the fall would not last");
  ASSERT_TRUE(q && q->speaker && q->speaker->entity >= 0);
  EXPECT_EQ(doc.entities[q->speaker->entity].kind, MentionKind::kNominal);

  Document doc2 = extractor().extract(
      "The Tories attacked the budget on Monday.\n\nTories said the tax would hurt families.\n");
  const Quote* q2 = testing::quote_containing(doc2, "the tax would hurt families");
  ASSERT_TRUE(q2 && q2->speaker && q2->speaker->entity >= 0);
  EXPECT_NE(doc2.entities[q2->speaker->entity].kind, MentionKind::kNominal);
}

// "she told BBC News" outside quotation marks, when the model finds no
// antecedent: news names a speaker before it calls her "she", so the pronoun
// takes the best candidate that is a person.
TEST(SpeakerRules, SheSaidIsNeverLeftUnresolvedWhenAPersonIsNamed) {
  Document doc = extractor().extract(
      "Mara Quell, writer and relationship expert for Home magazine, thinks apps have been freeing for some "
      "nervous single people.\n\n\"It is a strange technology,\" she told the radio station.\n");
  EXPECT_EQ(speaker_of(doc, "It is a strange technology"), "Mara Quell");
}

// "He said" opening a sentence after one whose statement has a single source
// of that gender is that source, not a speaker quoted earlier.
TEST(SpeakerRules, HeSaidGoesOnWithThePreviousSentencesSource) {
  Document doc = extractor().extract(
      "French minister Paul Arnaud has called the rebate \"unfair\".\n\n"
      "Speaking after a summit meeting he said the union would never agree on its budget. Earlier Trade "
      "Secretary Tom Hale said Britain was ready to veto any bid to cut the rebate. He said it remained fair "
      "because less farm money came to Britain.\n");
  EXPECT_EQ(speaker_of(doc, "it remained fair"), "Tom Hale");
}

// "the Secretary" (a capitalised role, its article outside the name) is the
// person named with that title before: "Secretary Ramos".
TEST(SpeakerRules, TheSecretaryIsThePersonWithThatTitle) {
  Document doc = extractor().extract(
      "So Secretary Ramos again used the emergency act to give relief. On the merits, the states say the act "
      "does not allow the Secretary to cancel loans. That was the order that the Secretary signed where he "
      "said, I hereby grant waivers.\n");
  EXPECT_EQ(speaker_of(doc, "I hereby grant waivers"), "Ramos");
}

// A headline drops its article: its role is the holder named in the story.
TEST(SpeakerRules, AHeadlineRoleIsThePersonNamedBelow) {
  Document doc = extractor().extract(
      "Senator vows to fight tariff plan\n\n"
      "WASHINGTON - Senator Maria Lopez on Tuesday promised to block the administration's tariff proposal.\n");
  EXPECT_EQ(speaker_of(doc, "to fight tariff plan"), "Maria Lopez");
}

// "A Labour Party spokesman", "a spokesman for the BPI": an unnamed
// spokesperson speaks for the body their phrase names, and a later "he" or
// "she" is that spokesperson, so that body too. A named person described as
// one ("Jonas Pell, spokesman for …") speaks as themself, and a person's
// spokesperson ("a Crale spokesman") for no body.
TEST(SpeakerRules, ASpokespersonOfABodySpeaksForIt) {
  Document doc = extractor().extract(
      "The party published its plans on Monday.\n\nA Department for Constitutional Affairs spokeswoman said the "
      "rules were fair.\n\n"
      "A spokesman for the Kestrel Rail Union said the strike would go ahead. \"We have no choice,\" he said.\n\n"
      "Jonas Pell, spokesman for the Kestrel Rail Union, said talks had failed. He said the members were angry.\n\n"
      "Martin Crale spoke to the press on Monday. A Crale spokesman said he was well.\n");
  const Speaker* sp = speaker_at(doc, "the rules were fair");
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->name, "Department for Constitutional Affairs");
  EXPECT_EQ(sp->type, EntityType::kOrganisation);
  ASSERT_TRUE(sp->mention);
  EXPECT_EQ(doc.slice(*sp->mention), "A Department for Constitutional Affairs spokeswoman");
  EXPECT_EQ(doc.speaker_role(*sp), "");  // a spokeswoman is no role of the department
  expect_speaker(doc, "strike would go ahead", "Kestrel Rail Union", EntityType::kOrganisation);
  expect_speaker(doc, "We have no choice", "Kestrel Rail Union", EntityType::kOrganisation);
  expect_speaker(doc, "talks had failed", "Jonas Pell", EntityType::kPerson);
  expect_speaker(doc, "the members were angry", "Jonas Pell", EntityType::kPerson);
  sp = speaker_at(doc, "he was well");
  ASSERT_TRUE(sp);
  EXPECT_NE(sp->type, EntityType::kOrganisation) << sp->name;
}

// The speaker described by a name and a person noun is that person, not the
// body or nationality named: "the Brazilian actor" speaks, and "she" after "a
// Tory spokeswoman" is the spokeswoman.
TEST(SpeakerRules, ANameDescribingAPersonNounIsNotTheSpeaker) {
  Document doc = extractor().extract(
      "A Tory spokeswoman said the party kept to the rules. She said: \"We apply the law.\"\n\n"
      "\"I was glad to come,\" the Brazilian actor said.");
  EXPECT_NE(speaker_of(doc, "We apply the law"), "Tory");
  EXPECT_EQ(speaker_of(doc, "I was glad to come"), "the Brazilian actor");
}

// A possessive opening the sentence qualifies the person named after it:
// "Norway's Eric Halvorsen … citing …" is Halvorsen's statement, not Norway's.
TEST(SpeakerRules, APossessorBeforeAPersonIsNotTheSubject) {
  Document doc = extractor().extract("Norway's Eric Halvorsen introduced the band, citing its first album as a model.");
  EXPECT_EQ(speaker_of(doc, "its first album"), "Eric Halvorsen");
}

// The source phrase's own name speaks, not a name inside it after a
// preposition: "Dana Whitlock of the Harbour Trust" is Dana Whitlock; "A
// legal expert in Norway" is no one named (not Norway).
TEST(SpeakerRules, TheNameHeadingTheSourcePhraseSpeaks) {
  Document doc = extractor().extract(
      "A legal expert in Norway said the case was weak.\n\n"
      "Dana Whitlock of the Harbour Trust said the plan was flawed.\n");
  const Speaker* expert = speaker_at(doc, "the case was weak");
  ASSERT_TRUE(expert);
  EXPECT_EQ(expert->entity, -1);
  EXPECT_NE(expert->name, "Norway");
  EXPECT_EQ(speaker_of(doc, "the plan was flawed"), "Dana Whitlock");
}

// A plural person noun capitalised only by the sentence start describes a
// group ("Campaigners have said"), also when it opened an earlier sentence.
TEST(SpeakerRules, ASentenceOpeningPluralIsAGroupNotAName) {
  Document doc = extractor().extract(
      "Rail rally planned\n\nCampaigners are to stage a rally. Campaigners have said that reopening the line "
      "could cost millions.\n");
  const Speaker* sp = speaker_at(doc, "reopening the line");
  ASSERT_TRUE(sp);
  const Entity* e = doc.speaker_entity(*sp);
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, MentionKind::kNominal);
}

// A name after a lower-case noun of a body ("security firm", "investment
// bank") is a body's, whatever the type model guessed from a word it never saw.
TEST(SpeakerRules, ANameAfterABodyNounIsABody) {
  Document doc = extractor().extract(
      "Security firm Norvax Shield said it had stopped more than 30,000 copies of the virus an hour.");
  expect_speaker(doc, "it had stopped", "Norvax Shield", EntityType::kOrganisation);
}

// A name set off by commas and taken up again by "he" ("the head of the
// alliance, Lars Ekdahl, he has explained that …") is the pronoun's
// antecedent; "Voters, he said, want …" is an aside and keeps its speaker.
TEST(SpeakerRules, APronounResumingANameSetOffByCommasIsThatName) {
  Document doc = extractor().extract(
      "The alliance has grown since 1999. President Ivo Marsh of Estonia called for more troops last year. And "
      "the head of the alliance, Lars Ekdahl, he has explained that the alliance must guard the pipelines of its "
      "members.");
  EXPECT_EQ(speaker_of(doc, "must guard the pipelines"), "Lars Ekdahl");
  Document aside = extractor().extract("Ivo Marsh spoke first. Voters, he said, want lower taxes.");
  EXPECT_EQ(speaker_of(aside, "want lower taxes"), "Ivo Marsh");
  Document adverb = extractor().extract(
      "Ivo Marsh won the prize for best actor. Backstage, he said: \"It is an honour and I am grateful.\"");
  EXPECT_EQ(speaker_of(adverb, "an honour"), "Ivo Marsh");
}

// "Varga and colleagues describe …": a bare plural joined to a person's name
// by "and" is named by that person, and so is a quotation carried on from it.
TEST(SpeakerRules, ANameAndColleaguesIsNamedByTheName) {
  Document doc = extractor().extract(
      "Biologist Ilse Varga studies how bees fight disease. In a new paper Varga and colleagues describe bees "
      "that appear to treat their own infections.\n"
      "\"I have no doubt that more such cases will be found in the coming years\"\n"
      "The team worked with a common honey bee.\n");
  EXPECT_EQ(speaker_of(doc, "treat their own infections"), "Ilse Varga");
  EXPECT_EQ(speaker_of(doc, "I have no doubt"), "Ilse Varga");
}

// Issue 14: an acronym and its expansion in one article are one body, named
// by its whole name wherever the initials recur.
TEST(SpeakerRules, InitialsAfterABodysNameStandForIt) {
  Document doc = extractor().extract(
      "The Halvard Mining Council (HMC) sued three firms on Monday.\n\n"
      "The HMC said the firms had ignored the rules. HMC said it would appeal. "
      "An HMC spokeswoman said the case was strong.\n");
  expect_speaker(doc, "ignored the rules", "Halvard Mining Council", EntityType::kOrganisation);
  expect_speaker(doc, "would appeal", "Halvard Mining Council", EntityType::kOrganisation);
  expect_speaker(doc, "case was strong", "Halvard Mining Council", EntityType::kOrganisation);
}

}  // namespace
}  // namespace whosaid

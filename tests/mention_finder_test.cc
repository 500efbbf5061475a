// The mention finder's split of a capitalised run into org, role and name
// (src/mentions/mention_finder.cc): the name is the person's proper name,
// without the words written next to it.
#include <gtest/gtest.h>

#include <string>

#include "test_util.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::speaker_at;

// The first mention whose span holds `needle`.
const Mention* mention_with(const Document& doc, std::string_view needle) {
  for (const Mention& m : doc.mentions)
    if (doc.slice(m.span).find(needle) != std::string_view::npos) return &m;
  return nullptr;
}

// The mention of the name itself (not a source phrase holding it).
const Mention* name_mention(const Document& doc, std::string_view name) {
  for (const Mention& m : doc.mentions)
    if (doc.slice(m.name) == name && m.span.end == m.name.end && m.kind == MentionKind::kName) return &m;
  return nullptr;
}

std::string name_of(const Document& doc, const Mention* m) { return m ? std::string(doc.slice(m->name)) : "<none>"; }
std::string role_of(const Document& doc, const Mention* m) { return m ? std::string(doc.slice(m->role)) : "<none>"; }
std::string org_of(const Document& doc, const Mention* m) { return m ? std::string(doc.slice(m->org)) : "<none>"; }

// Rule 1: a sentence-initial person noun (WordNet) before a name is a role.
TEST(NameParts, SentenceInitialPersonNounIsARole) {
  Document doc = extractor().extract(
      "Singer Karl Ostrowski cancelled the tour. \"I need a rest,\" Ostrowski said.");
  const Mention* m = mention_with(doc, "Karl");
  EXPECT_EQ(name_of(doc, m), "Karl Ostrowski");
  EXPECT_EQ(role_of(doc, m), "Singer");
}

// The first word after a citation mark or a list number opens the sentence too.
TEST(NameParts, PersonNounAfterACitationMarkIsARole) {
  Document doc = extractor().extract(
      "Galois\n\n[22] Mathematician Hermann Weyl said of this letter that it was remarkable.");
  const Mention* m = mention_with(doc, "Weyl");
  EXPECT_EQ(name_of(doc, m), "Hermann Weyl");
  EXPECT_EQ(role_of(doc, m), "Mathematician");
}

// "for" inside a body's name after its head noun, not before a date.
TEST(NameParts, ForAfterABodysHeadIsPartOfItsName) {
  Document doc = extractor().extract(
      "Tax\n\nA report by the Institute for Fiscal Studies says taxes will rise. Figures from the Commerce "
      "Department for November showed exports down.");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Fiscal")), "Institute for Fiscal Studies");
  const Mention* department = nullptr;
  for (const Mention& m : doc.mentions)
    if (m.kind != MentionKind::kNominal && doc.slice(m.name).find("Commerce") != std::string_view::npos) department = &m;
  EXPECT_EQ(name_of(doc, department), "Commerce Department");
}

// A party or nationality, capitalised everywhere, before a given name.
TEST(NameParts, CapitalisedPersonNounBeforeAGivenNameIsARole) {
  Document doc = extractor().extract(
      "The bill was attacked by Liberal Democrat Paul Tennant and Texan Michael Ruiz on Monday.");
  const Mention* m = mention_with(doc, "Tennant");
  EXPECT_EQ(name_of(doc, m), "Paul Tennant");
  EXPECT_EQ(role_of(doc, m), "Liberal Democrat");
  const Mention* t = mention_with(doc, "Ruiz");
  EXPECT_EQ(name_of(doc, t), "Michael Ruiz");
  EXPECT_EQ(role_of(doc, t), "Texan");
  // A firm's name: no given name and surname after the person noun.
  Document bank = extractor().extract("Shares rose after Morgan Stanley raised its forecast.");
  EXPECT_EQ(name_of(bank, mention_with(bank, "Stanley")), "Morgan Stanley");
}

TEST(NameParts, PersonNounBeforeHonorificIsARole) {
  Document doc = extractor().extract("Boss Sir Alan Pettigrew was furious after the match.");
  const Mention* m = mention_with(doc, "Pettigrew");
  EXPECT_EQ(name_of(doc, m), "Alan Pettigrew");
  EXPECT_EQ(role_of(doc, m), "Boss");
  EXPECT_EQ(m->gender, Gender::kMale);
}

TEST(NameParts, LowerCasePersonNounInsideTheRunIsARole) {
  Document doc = extractor().extract("The club said Rovers boss Carl Dimmock would stay.");
  const Mention* m = mention_with(doc, "Dimmock");
  EXPECT_EQ(name_of(doc, m), "Carl Dimmock");
  EXPECT_EQ(role_of(doc, m), "Rovers boss");
}

// A hyphenated word not in WordNet whose parts are written in lower case.
TEST(NameParts, HyphenatedCommonWordOpeningTheSentenceIsARole) {
  Document doc = extractor().extract(
      "Fly-half Gary Pennock kicked three goals. He played at half time with a fly in his eye.");
  const Mention* m = mention_with(doc, "Pennock");
  EXPECT_EQ(name_of(doc, m), "Gary Pennock");
  EXPECT_EQ(role_of(doc, m), "Fly-half");
}

// Rule 2: an adjective opening the sentence is not part of the name.
TEST(NameParts, SentenceInitialAdjectiveIsNotPartOfTheName) {
  Document doc = extractor().extract("Defiant Matt Rowntree insisted the team would recover.");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Rowntree")), "Matt Rowntree");
  Document doc2 = extractor().extract(
      "Furious Jane Ellery left the room. The furious crowd followed her.");
  EXPECT_EQ(name_of(doc2, mention_with(doc2, "Ellery")), "Jane Ellery");
}

TEST(NameParts, OrganisationsStayWhole) {
  Document doc = extractor().extract(
      "National Audit Office checked the books. Bank of England agreed. British Airways "
      "cancelled flights. The New York Times reported it.");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Audit")), "National Audit Office");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Bank")), "Bank of England");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Airways")), "British Airways");
  EXPECT_EQ(name_of(doc, mention_with(doc, "York")), "New York Times");
}

// Rule 3: words before an honorific that are not a role are not the name.
TEST(NameParts, WordBeforeHonorificIsNotPartOfTheName) {
  Document doc = extractor().extract(
      "Charles Kennedy spoke in Harrogate. Harrogate Mr Kennedy told activists to stay calm.");
  const Mention* m = nullptr;
  for (const Mention& x : doc.mentions)
    if (doc.slice(x.name) == "Kennedy") m = &x;
  ASSERT_NE(m, nullptr);
  EXPECT_EQ(doc.slice(m->span), "Mr Kennedy");
  Document doc2 = extractor().extract("Labour MP Mr Dobbs said the plan would fail.");
  const Mention* m2 = mention_with(doc2, "Dobbs");
  EXPECT_EQ(name_of(doc2, m2), "Dobbs");
  EXPECT_EQ(role_of(doc2, m2), "Labour MP");
}

// Rule 4: a proper noun that modifies a lower-case noun names no one.
// A given name opening a sentence is a name even when it ends in "-ly" like
// an adverb ("Reportedly").
TEST(NameParts, ASentenceInitialGivenNameInLyIsAName) {
  Document doc = extractor().extract("Kelly Marsh will start the season with a series of races in Britain.");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Marsh")), "Kelly Marsh");
}

// Words before a given name and a surname that describe (an acronym, a known
// word) are not the name; an acronym ending them makes them a role. A name
// that opens with a given name no list knows stays whole.
TEST(NameParts, WordsBeforeAGivenNameDescribeThePerson) {
  Document doc = extractor().extract("Labour MSP Joan Baird said the rules were unfair.");
  const Mention* m = mention_with(doc, "Baird");
  EXPECT_EQ(name_of(doc, m), "Joan Baird");
  EXPECT_EQ(role_of(doc, m), "Labour MSP");

  Document doc2 = extractor().extract("Agent Brian Dorsey said the player would stay.");
  EXPECT_EQ(name_of(doc2, mention_with(doc2, "Dorsey")), "Brian Dorsey");

  Document doc3 = extractor().extract("On Monday, Jenna Nicole Farrow said the video was a joke.");
  EXPECT_EQ(name_of(doc3, mention_with(doc3, "Farrow")), "Jenna Nicole Farrow");
}

// A capitalised role alone is a nominal mention, not a name ("the Secretary").
TEST(NameParts, ARoleAloneIsNotAName) {
  Document doc = extractor().extract("The states say the Act does not authorize the Secretary to forgive loans.");
  const Mention* m = mention_with(doc, "Secretary");
  ASSERT_TRUE(m);
  EXPECT_EQ(m->kind, MentionKind::kNominal);
}

// A role "of" something is no name ("the Archbishop of Westminster"); a name
// after it starts at an honorific or a given name.
TEST(NameParts, ARoleOfSomethingIsNoName) {
  Document doc = extractor().extract("Archbishop of Canterbury Dr Rowan Hale said the war was wrong.");
  const Mention* m = mention_with(doc, "Hale");
  EXPECT_EQ(name_of(doc, m), "Rowan Hale");
  EXPECT_EQ(role_of(doc, m), "Archbishop of Canterbury");

  Document doc2 = extractor().extract("On Sunday the Archbishop of Westminster said the vote mattered.");
  const Mention* m2 = mention_with(doc2, "Westminster");
  ASSERT_TRUE(m2);
  EXPECT_EQ(m2->kind, MentionKind::kNominal);
}

// The org of a role is a body's name: not a portfolio or rank ("Foreign
// Secretary", "Shadow chancellor", "senior adviser"), and it ends before a
// word in lower case.
TEST(NameParts, TheOrgOfARoleIsABodysName) {
  Document doc = extractor().extract("Foreign Secretary Tom Hale said the war was legal.");
  const Mention* m = mention_with(doc, "Hale");
  EXPECT_EQ(role_of(doc, m), "Foreign Secretary");
  EXPECT_EQ(org_of(doc, m), "");

  Document doc2 = extractor().extract("On Monday Rovers Athletic manager Sam Allen said the team was tired.");
  EXPECT_EQ(org_of(doc2, mention_with(doc2, "Allen")), "Rovers Athletic");

  Document doc3 = extractor().extract("Conservative Shadow chancellor Oliver Lane said taxes would fall.");
  EXPECT_EQ(org_of(doc3, mention_with(doc3, "Lane")), "Conservative");

  Document doc4 = extractor().extract("Jan Ross, the senior adviser, said rates would rise.");
  EXPECT_EQ(org_of(doc4, mention_with(doc4, "Ross")), "");
}

// A verb ends an apposition: in "…, a lawyer for Drevak, told Judge Pell",
// "told Judge" is no role of Drevak.
TEST(NameParts, AVerbEndsAnApposition) {
  Document doc = extractor().extract(
      "\"We will appeal,\" Sam Ortis, a lawyer for Drevak, told Judge Pell in the hearing.");
  const Mention* m = mention_with(doc, "Drevak");
  ASSERT_TRUE(m);
  EXPECT_EQ(role_of(doc, m), "");
}

// The phrase beside a name gives the person's role and organisation: after
// it, past an age, headed by any noun for a kind of person (WordNet), with the
// body the role is held at; before it, with the possessor as the body.
TEST(NameParts, AnAppositionGivesRoleAndOrganisation) {
  Document doc = extractor().extract(
      "Maria Kessel, 52, a retired teacher who organised the petition, said she was angry. "
      "Ivo Brandt, a researcher at the Halden Institute, said the plan would fail. "
      "The Liberal Democrats' group leader, Tom Avery, said the vote was a disgrace. "
      "\"It is fair,\" said Britain's finance minister, Rhea Vance.");
  const Mention* kessel = name_mention(doc, "Maria Kessel");
  EXPECT_EQ(role_of(doc, kessel), "retired teacher");
  const Mention* brandt = name_mention(doc, "Ivo Brandt");
  EXPECT_EQ(role_of(doc, brandt), "researcher");
  EXPECT_EQ(org_of(doc, brandt), "Halden Institute");
  const Mention* avery = name_mention(doc, "Tom Avery");
  EXPECT_EQ(role_of(doc, avery), "group leader");
  EXPECT_EQ(org_of(doc, avery), "Liberal Democrats");
  const Mention* vance = name_mention(doc, "Rhea Vance");
  EXPECT_EQ(role_of(doc, vance), "finance minister");
  EXPECT_EQ(org_of(doc, vance), "Britain");
  // WordNet's nouns for kinds of people name firms too: no role for a body.
  Document firm = extractor().extract("Halvorsen, the world's largest brewer, said profits fell.");
  EXPECT_EQ(role_of(firm, name_mention(firm, "Halvorsen")), "");
}

// Not an apposition: the object of a preposition before the subject, a word
// for anyone, or a clause after the name.
TEST(NameParts, NoAppositionWhereThePhraseIsNone) {
  Document doc = extractor().extract(
      "In a letter to the chairman, Ada Quist said the club was in debt. "
      "Olaf Berg, a man who lives nearby, said the noise was unbearable. "
      "Nils Ecker, who was a teacher for years, said the school had changed.");
  EXPECT_EQ(role_of(doc, name_mention(doc, "Ada Quist")), "");
  EXPECT_EQ(role_of(doc, name_mention(doc, "Olaf Berg")), "");
  EXPECT_EQ(role_of(doc, name_mention(doc, "Nils Ecker")), "");
}

// After a person's name "of" opens where they are from: "Tom Greer of
// Kansas" is Tom Greer, and the body after it a mention of its own. A body's
// name keeps its "of".
TEST(NameParts, OfAfterAPersonsNameIsNoPartOfIt) {
  Document doc = extractor().extract(
      "Analyst Peter Vasco of Halden Securities said rates would rise. "
      "Republican Sen. Tom Greer of Kansas said the vote would go ahead. "
      "The Bank of Ruritania said inflation was falling.");
  EXPECT_NE(name_mention(doc, "Peter Vasco"), nullptr);
  EXPECT_NE(mention_with(doc, "Halden Securities"), nullptr);
  EXPECT_EQ(name_of(doc, mention_with(doc, "Greer")), "Tom Greer");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Ruritania")), "Bank of Ruritania");
}

// A name followed by its initials in parentheses is a body's whole name, also
// where it recurs: "General" of "General Rotors" is no rank.
TEST(NameParts, ANameWithItsInitialsIsABody) {
  Document doc = extractor().extract(
      "The carmaker General Rotors (GR) is recalling 2,000 vans. General Rotors said the fault was minor.");
  int bodies = 0;
  for (const Mention& m : doc.mentions) {
    if (doc.slice(m.span).find("Rotors") == std::string_view::npos) continue;
    EXPECT_EQ(doc.slice(m.name), "General Rotors");
    EXPECT_EQ(doc.slice(m.role), "");
    EXPECT_EQ(m.kind, MentionKind::kOrganisation);
    ++bodies;
  }
  EXPECT_EQ(bodies, 2);
}

// A name between an article and a person noun describes the person: "the
// Brazilian actor", "a Tory spokeswoman" are not Brazilian or Tory.
TEST(NameParts, ANameBeforeAPersonNounDescribesThePerson) {
  Document doc = extractor().extract(
      "A Tory spokeswoman said the party kept to the rules. She said: \"We apply the law.\"\n\n"
      "\"I was glad to come,\" the Brazilian actor said.");
  const Mention* tory = mention_with(doc, "Tory");
  ASSERT_TRUE(tory);
  EXPECT_NE(tory->kind, MentionKind::kName);
  const Mention* brazilian = mention_with(doc, "Brazilian");
  ASSERT_TRUE(brazilian);
  EXPECT_NE(brazilian->kind, MentionKind::kName);
  // Not after a subject: "the Greens have" names the Greens.
  Document doc2 = extractor().extract("On Monday the Greens have said they would vote against it.");
  const Mention* greens = mention_with(doc2, "Greens");
  ASSERT_TRUE(greens);
  EXPECT_EQ(doc2.slice(greens->name), "Greens");
}

// A hyphenated person noun WordNet lacks ("co-chairman", "vice-chairman")
// is a role by its last part, so the run reads "[Labour co-chairman] Ian Marsh".
TEST(NameParts, AHyphenatedPersonNounIsARole) {
  Document doc = extractor().extract("Labour co-chairman Ian Marsh said the party was ready.");
  const Mention* m = mention_with(doc, "Marsh");
  EXPECT_EQ(name_of(doc, m), "Ian Marsh");
  EXPECT_EQ(role_of(doc, m), "Labour co-chairman");
}

// "Paris-based", "Indian-born": a hyphenated participle describes the name
// after it and is no part of it.
TEST(NameParts, AHyphenatedParticipleIsNoPartOfTheName) {
  Document doc = extractor().extract(
      "Paris-based Lumenext said it would bid. Danish-born Karen Holt said she agreed.\n");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Lumenext")), "Lumenext");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Holt")), "Karen Holt");
}

// A native of a place before a person's name describes them, as a role
// ("campaign chief, Australian Lynton Kersby", whose given name no list
// knows); before a body's name it is part of it.
TEST(NameParts, ANativeOfAPlaceBeforeAPersonsNameIsNoPartOfIt) {
  Document doc = extractor().extract(
      "The party hired its campaign chief, Australian Lynton Kersby, in May. American Airlines said fares "
      "would rise.\n");
  const Mention* m = mention_with(doc, "Kersby");
  EXPECT_EQ(name_of(doc, m), "Lynton Kersby");
  EXPECT_EQ(role_of(doc, m), "Australian");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Airlines")), "American Airlines");
}

// A compound WordNet lacks whose last part is a person noun written in lower
// case is a role before a name: "Film-maker Karen Holt".
TEST(NameParts, AHyphenatedCompoundOfAPersonNounIsARole) {
  Document doc = extractor().extract("Film-maker Karen Holt said the festival was a success.\n");
  const Mention* m = mention_with(doc, "Holt");
  EXPECT_EQ(name_of(doc, m), "Karen Holt");
  EXPECT_EQ(role_of(doc, m), "Film-maker");
}

// An "and" inside one body's name joins it ("Securities and Exchange
// Commission"); not two names ("Deutsche Bank and Credit Suisse Group"), nor a
// role after the body ("Trade and Industry Secretary Karen Holt").
TEST(NameParts, AnAndInsideABodysNameJoinsIt) {
  Document doc = extractor().extract(
      "The Securities and Exchange Commission said it would act. "
      "Halden Bank and Credit Lumen Group said they agreed. "
      "Trade and Industry Secretary Karen Holt said it was fair.\n");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Exchange")), "Securities and Exchange Commission");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Halden")), "Halden Bank");
  EXPECT_EQ(name_of(doc, mention_with(doc, "Lumen")), "Credit Lumen Group");
  const Mention* holt = mention_with(doc, "Holt");
  EXPECT_EQ(name_of(doc, holt), "Karen Holt");
  EXPECT_EQ(role_of(doc, holt), "Industry Secretary");
}

// An ampersand between capitalised words joins one name, spaced or not, and
// the speaker's phrase and name keep it whole.
TEST(NameParts, AnAmpersandJoinsOneName) {
  const Document doc = extractor().extract(
      "AT&T said it would cut prices. A Harlow & Finch spokesman said sales were fine. "
      "Shares in B&Q fell after a B&Q spokeswoman said stores would close.\n");
  const Speaker* sp = speaker_at(doc, "cut prices");
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->name, "AT&T");
  ASSERT_TRUE(sp->mention);
  EXPECT_EQ(doc.slice(*sp->mention), "AT&T");
  sp = speaker_at(doc, "sales were fine");
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->name, "Harlow & Finch");
  ASSERT_TRUE(sp->mention);
  EXPECT_EQ(doc.slice(*sp->mention), "A Harlow & Finch spokesman");
  sp = speaker_at(doc, "stores would close");
  ASSERT_TRUE(sp);
  EXPECT_EQ(sp->name, "B&Q");
}

}  // namespace
}  // namespace whosaid

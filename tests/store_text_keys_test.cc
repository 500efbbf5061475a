// Unit tests of the store's keys (src/store/text_keys.h): folded names, person
// names, roles and statement anchors. Pure functions, no database.
#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "store/text_keys.h"
#include "store_test_util.h"

namespace whosaid {
namespace {

using namespace whosaid::testing;
namespace fs = std::filesystem;

TEST(TextKeys, FoldKeyIgnoresCasePunctuationAndAccents) {
  EXPECT_EQ(store::fold_key("José  O’Brien-Smith"), "jose obrien smith");
  EXPECT_EQ(store::fold_key("  “We will NOT back down!” "), "we will not back down");
  EXPECT_EQ(store::fold_key("U.S.-led"), "us led");
  EXPECT_EQ(store::fold_key("Zoë Ōtautahi"), "zoe otautahi");
}

TEST(TextKeys, ParsePersonNameDropsTitlesAndKeepsParticles) {
  auto pm = store::parse_person_name("Prime Minister John Key");
  ASSERT_TRUE(pm.valid);
  EXPECT_EQ(pm.full_key, "john key");
  EXPECT_EQ(pm.given_key, "john");
  EXPECT_EQ(pm.surname_key, "key");

  auto mr = store::parse_person_name("Mr Key");
  ASSERT_TRUE(mr.valid);
  EXPECT_EQ(mr.full_key, "key");
  EXPECT_TRUE(mr.given_key.empty());
  EXPECT_EQ(mr.gender, 'm');
  EXPECT_EQ(store::parse_person_name("Ms Key").gender, 'f');

  auto vdl = store::parse_person_name("Ursula von der Leyen");
  EXPECT_EQ(vdl.surname_key, "von der leyen");
  EXPECT_EQ(vdl.given_key, "ursula");
  EXPECT_EQ(store::parse_person_name("Martin Luther King Jr.").surname_key, "king");
  // A surname whose particle opens it in lower case, the title dropped.
  auto silva = store::parse_person_name("da Silva");
  ASSERT_TRUE(silva.valid);
  EXPECT_EQ(silva.surname_key, "da silva");
  EXPECT_FALSE(store::parse_person_name("de facto").valid);
}

TEST(TextKeys, PronounsAndCommonNounsAreNotNames) {
  for (const char* n : {"he", "She", "they", "I", "We", "the spokesman", "a minister", "",
                        "the Minister"})
    EXPECT_FALSE(store::parse_person_name(n).valid) << n;
}

// "US" in capitals is the country, not the pronoun "us"; "Us" opening a
// sentence and "us" are the pronoun.
TEST(TextKeys, AnAcronymIsNoPronoun) {
  EXPECT_FALSE(store::is_pronoun("US"));
  EXPECT_TRUE(store::is_pronoun("us"));
  EXPECT_TRUE(store::is_pronoun("Us"));
  EXPECT_EQ(store::organisation_key("US"), "us");
  EXPECT_EQ(store::organisation_key("Us"), "");
  EXPECT_EQ(store::organisation_key("IT"), "it");
  EXPECT_EQ(store::organisation_key("It"), "");
}

// One party however news names it: with or without "Party", singular or
// plural, and its other name ("Tories", "GOP").
TEST(TextKeys, PartyNamesShareOneKey) {
  const std::string conservative = store::organisation_key("Conservatives");
  EXPECT_EQ(store::organisation_key("the Tories"), conservative);
  EXPECT_EQ(store::organisation_key("Tory"), conservative);
  EXPECT_EQ(store::organisation_key("Conservative Party"), conservative);
  EXPECT_EQ(store::organisation_key("Labour Party"), store::organisation_key("Labour"));
  EXPECT_EQ(store::organisation_key("GOP"), store::organisation_key("Republicans"));
  EXPECT_EQ(store::organisation_key("Liberal Democrats"), store::organisation_key("Liberal Democrat"));
  EXPECT_NE(store::organisation_key("Labour"), conservative);
  EXPECT_NE(store::organisation_key("Democrats"), store::organisation_key("Republicans"));
}

TEST(TextKeys, RolesAgree) {
  EXPECT_TRUE(store::roles_agree("Prime Minister", "prime minister"));
  EXPECT_TRUE(store::roles_agree("Labour", "Labour Party"));
  EXPECT_TRUE(store::roles_agree("the Greens", "Green Party"));
  EXPECT_FALSE(store::roles_agree("Labour MP", "Prime Minister"));
  EXPECT_FALSE(store::roles_agree("", "Prime Minister"));
}

TEST(TextKeys, AnchorsOfAContainedTextAreASubset) {
  std::string inner = store::statement_key("the bill gives the agency no new powers to spy on anyone");
  std::string outer = store::statement_key(
      "Let me be clear: the bill gives the agency no new powers to spy on anyone, and it never "
      "will while I am here");
  ASSERT_TRUE(store::contains_words(outer, inner));
  auto a = store::statement_anchors(inner), b = store::statement_anchors(outer);
  ASSERT_FALSE(a.empty());
  bool shared = false;
  for (int64_t x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) shared = true;
  EXPECT_TRUE(shared);
  EXPECT_FALSE(store::contains_words("the bill gives", "bill give"));
}

TEST(StoreTextKeys, ClippedOrganisationNames) {
  EXPECT_TRUE(store::abbreviates("lib dems", "liberal democrats"));
  EXPECT_TRUE(store::abbreviates("man utd", "manchester united"));
  EXPECT_FALSE(store::abbreviates("liberal democrats", "lib dems"));   // the short form comes first
  EXPECT_FALSE(store::abbreviates("bbc news", "bbc newsnight"));       // one word the same
  EXPECT_FALSE(store::abbreviates("lib", "liberal"));                  // one word: too loose
  EXPECT_FALSE(store::abbreviates("lib dems", "liberal party"));       // "dems" not within "party"
  EXPECT_FALSE(store::abbreviates("lib dems", "liberal democrats uk"));  // word counts differ
}

}  // namespace
}  // namespace whosaid

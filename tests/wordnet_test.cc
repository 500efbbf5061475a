// WordNet senses for cue words: the table builder on a small database written
// here, the lexicon's use of it, and the shipped data/wordnet.tsv against
// Debian's wordnet-base when it is installed.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "core/lexicon.h"
#include "core/wordnet.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"

namespace whosaid {
namespace {

namespace fs = std::filesystem;

const char kHeader[] = "  1 This software and database is being provided to you, the LICENSEE, by\n";

// A database of five verbs and a few nouns, in WordNet 3.0's formats.
class TinyWordNet : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("whosaid_wordnet_" + std::to_string(::getpid()));
    fs::create_directories(dir_);
    // Verbs: surmise (cognition, communication), quip (communication),
    // go (motion), find (possession, communication), stop (contact).
    write("data.verb", std::string(kHeader) +
                           "00000100 31 v 01 surmise 0 000 | infer from incomplete evidence\n"
                           "00000200 32 v 01 surmise 1 000 | imagine to be the case\n"
                           "00000300 32 v 01 quip 0 000 | make jokes\n"
                           "00000400 38 v 01 go 0 000 | change location\n"
                           "00000500 40 v 01 find 0 000 | come upon\n"
                           "00000600 32 v 01 find 1 000 | declare to be\n"
                           "00000700 35 v 01 stop 0 000 | come to a halt\n");
    write("index.verb", std::string(kHeader) +
                            "find v 2 1 @ 2 1 00000500 00000600  \n"
                            "go v 1 1 @ 1 1 00000400  \n"
                            "quip v 1 0 1 0 00000300  \n"
                            "stop v 1 0 1 0 00000700  \n"
                            "surmise v 2 0 2 0 00000100 00000200  \n");
    write("verb.exc", "found find\nwent go\n");
    // Nouns: statement (communication, derived from a verb of communication:
    // its "+" pointer leads to quip's synset), stone (object), spokesman
    // (person; plural spokesmen), firm (group, then a state: "firm" the
    // company, then the quality; a kind of organization), press (group; not a
    // plural of "pres"; no organization), organization.
    write("data.noun", std::string(kHeader) +
                           "00001000 10 n 01 statement 0 001 + 00000300 v 0101 | a message\n"
                           "00002000 17 n 01 stone 0 000 | a rock\n"
                           "00003000 18 n 01 spokesman 0 000 | a person who speaks for others\n"
                           "00004000 14 n 01 firm 0 001 @ 00007000 n 0000 | a business\n"
                           "00005000 26 n 01 firm 1 000 | firmness\n"
                           "00006000 14 n 01 press 0 000 | the print media\n"
                           "00007000 14 n 01 organization 0 000 | a group of people who work together\n"
                           "00008000 18 n 01 inhabitant 0 000 | a person who inhabits a particular place\n"
                           "00009000 18 n 01 Scot 0 001 @ 00008000 n 0000 | a native of Scotland\n");
    write("index.noun", std::string(kHeader) +
                            "firm n 2 1 @ 2 0 00004000 00005000  \n"
                            "inhabitant n 1 0 1 0 00008000  \n"
                            "organization n 1 0 1 0 00007000  \n"
                            "press n 1 0 1 0 00006000  \n"
                            "scot n 1 1 @ 1 0 00009000  \n"
                            "spokesman n 1 0 1 0 00003000  \n"
                            "statement n 1 1 + 1 1 00001000  \n"
                            "stone n 1 0 1 0 00002000  \n");
    write("noun.exc", "spokesmen spokesman\n");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void write(const char* name, const std::string& text) {
    std::ofstream(dir_ / name, std::ios::binary) << text;
  }
  fs::path dir_;
};

TEST_F(TinyWordNet, TableHoldsTheFormsOfVerbsOfSpeechAndThoughtAndTheirNominalisations) {
  const std::string table = wordnet::build_table(dir_.string());
  EXPECT_NE(table.find("\nsurmised\tsurmise\tv\tcognition communication\n"), std::string::npos) << table;
  EXPECT_NE(table.find("\nsurmises\tsurmise\tv\t"), std::string::npos);
  EXPECT_NE(table.find("\nsurmising\tsurmise\tv\t"), std::string::npos);
  EXPECT_NE(table.find("\nquipped\tquip\tv\tcommunication\n"), std::string::npos);
  EXPECT_NE(table.find("\nfound\tfind\tv\tother communication\n"), std::string::npos);
  EXPECT_NE(table.find("\nstatements\tstatement\tn\tcommunication\n"), std::string::npos);
  // No sense of speech or thought: not in the table.
  EXPECT_EQ(table.find("\nwent\t"), std::string::npos);
  EXPECT_EQ(table.find("\ngo\t"), std::string::npos);
  EXPECT_EQ(table.find("\nstopped\t"), std::string::npos);
  EXPECT_EQ(table.find("\nstone\t"), std::string::npos);
  // Deterministic.
  EXPECT_EQ(table, wordnet::build_table(dir_.string()));
}

TEST_F(TinyWordNet, LexiconMakesUnlistedVerbsOfSpeechCuesWithALowPrior) {
  const std::string table = wordnet::build_table(dir_.string());
  const Lexicon lex("quip\tquip\tspeech\t0.9\t9/10\n", "", "", table);
  const CueEntry* listed = lex.any_cue("quip");
  ASSERT_NE(listed, nullptr);
  EXPECT_TRUE(listed->listed);
  ASSERT_NE(listed->senses, nullptr);
  EXPECT_EQ(listed->senses->first[0], SenseClass::kCommunication);

  // "surmised": first sense cognition, not in cues.tsv.
  EXPECT_EQ(lex.cue("surmised"), nullptr);  // not a listed cue for the other stages
  const CueEntry* unlisted = lex.any_cue("surmised");
  ASSERT_NE(unlisted, nullptr);
  EXPECT_FALSE(unlisted->listed);
  EXPECT_EQ(unlisted->lemma, "surmise");
  EXPECT_EQ(unlisted->cls, CueClass::kBelief);
  EXPECT_LT(unlisted->prior, 0.3f);
  // First sense not speech or thought ("found": possession), or none at all.
  EXPECT_EQ(lex.any_cue("found"), nullptr);
  EXPECT_EQ(lex.any_cue("went"), nullptr);
  EXPECT_EQ(lex.any_cue("statement"), nullptr);  // nouns are senses, not cue candidates
  ASSERT_NE(lex.senses("statement"), nullptr);
  EXPECT_TRUE(lex.senses("statement")->noun);
}

TEST_F(TinyWordNet, MalformedFilesAreNamedWithTheLine) {
  write("index.verb", std::string(kHeader) + "surmise v two 0 2 0 00000100\n");
  try {
    wordnet::build_table(dir_.string());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kBadInput);
    EXPECT_NE(std::string(e.what()).find("index.verb:2"), std::string::npos) << e.what();
  }
  write("index.verb", std::string(kHeader) + "surmise v 1 0 1 0 00000999\n");
  EXPECT_THROW(wordnet::build_table(dir_.string()), Error);  // a synset the data file lacks
  fs::remove(dir_ / "data.verb");
  try {
    wordnet::build_table(dir_.string());
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ErrorCode::kIo);
    EXPECT_NE(std::string(e.what()).find("data.verb"), std::string::npos) << e.what();
  }
}

TEST(WordNetLines, DataAndIndexLinesParse) {
  wordnet::DataLine d;
  EXPECT_FALSE(wordnet::parse_data_line(kHeader, d));
  ASSERT_TRUE(wordnet::parse_data_line(
      "00752764 32 v 02 say 0 state 0 002 + 06722453 n 0101 + 07151555 v 0102 | express in words", d));
  EXPECT_EQ(d.offset, 752764u);
  EXPECT_EQ(d.lexfile, 32);
  ASSERT_EQ(d.num_words, 2);
  EXPECT_EQ(d.words[1], "state");
  ASSERT_EQ(d.num_derived, 1);
  EXPECT_EQ(d.derived_verbs[0], 7151555u);
  EXPECT_THROW(wordnet::parse_data_line("00752764 32 v 02 say", d), std::runtime_error);
  EXPECT_THROW(wordnet::parse_data_line("00752764 99 v 01 say 0 000", d), std::runtime_error);

  wordnet::IndexLine i;
  ASSERT_TRUE(wordnet::parse_index_line("say v 11 1 @ 11 8 1 2 3 4 5 6 7 8 9 10 11  ", i));
  EXPECT_EQ(i.lemma, "say");
  EXPECT_EQ(i.num_offsets, WordSenses::kSenses);  // the first senses only
  EXPECT_EQ(i.offsets[0], 1u);
  EXPECT_THROW(wordnet::parse_index_line("say v 3 0 3 0 1 2", i), std::runtime_error);
}

TEST_F(TinyWordNet, NounTableGivesEveryNounItsClassesAndLexiconFoldsPlurals) {
  const std::string table = wordnet::build_noun_table(dir_.string());
  EXPECT_NE(table.find("\nfirm\tgroup state\tbody\n"), std::string::npos) << table;
  EXPECT_NE(table.find("\npress\tgroup\n"), std::string::npos);
  EXPECT_NE(table.find("\nspokesman\tperson\n"), std::string::npos);
  EXPECT_NE(table.find("\nspokesmen\tperson\n"), std::string::npos);  // noun.exc
  EXPECT_NE(table.find("\nstone\tobject\n"), std::string::npos);
  EXPECT_NE(table.find("\nscot\tperson\tinhabitant\n"), std::string::npos);  // under inhabitant#1
  EXPECT_NE(table.find("\ninhabitant\tperson\tinhabitant\n"), std::string::npos);
  EXPECT_EQ(table, wordnet::build_noun_table(dir_.string()));

  const Lexicon lex("", "", "", "", table);
  EXPECT_TRUE(lex.noun_senses("firms").first_is(NounSenses::kGroup));
  EXPECT_TRUE(lex.noun_senses("firms").body);
  EXPECT_FALSE(lex.noun_senses("press").body);
  EXPECT_TRUE(lex.noun_senses("scot").inhabitant);
  EXPECT_FALSE(lex.noun_senses("spokesman").inhabitant);
  EXPECT_TRUE(lex.noun_senses("firm").any_is(26));
  EXPECT_TRUE(lex.noun_senses("spokesmen").first_is(NounSenses::kPerson));
  EXPECT_TRUE(lex.noun_senses("presses").first_is(NounSenses::kGroup));
  EXPECT_TRUE(lex.noun_senses("press").first_is(NounSenses::kGroup));
  EXPECT_EQ(lex.noun_senses("pres").lexfile[0], 0);
  EXPECT_EQ(lex.noun_senses("going").lexfile[0], 0);
  EXPECT_EQ(lex.noun_senses("s").lexfile[0], 0);
  EXPECT_THROW(Lexicon("", "", "", "", "firm\tbusiness\n"), std::exception);
}

TEST_F(TinyWordNet, NounTableRefusesAVerbFileNumber) {
  write("data.noun", std::string(kHeader) + "00001000 32 n 01 statement 0 000 | a message\n");
  write("index.noun", std::string(kHeader) + "statement n 1 0 1 0 00001000  \n");
  EXPECT_THROW(wordnet::build_noun_table(dir_.string()), Error);
}

// The shipped table is what `whosaid train wordnet` makes from Debian's
// wordnet-base (scripts/install-deps.sh installs it).
TEST(WordNetTable, ShippedTableRebuildsByteForByte) {
  const fs::path db = "/usr/share/wordnet";
  if (!fs::exists(db / "index.verb")) GTEST_SKIP() << db << " not found (Debian's wordnet-base); skipping";
  std::ifstream in(WHOSAID_SOURCE_DIR "/data/wordnet.tsv", std::ios::binary);
  ASSERT_TRUE(in) << "data/wordnet.tsv missing";
  const std::string shipped((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(wordnet::build_table(db.string()) == shipped)
      << "data/wordnet.tsv is stale: run whosaid train wordnet --out data/wordnet.tsv --nouns data/nouns.tsv";
  std::ifstream nouns_in(WHOSAID_SOURCE_DIR "/data/nouns.tsv", std::ios::binary);
  ASSERT_TRUE(nouns_in) << "data/nouns.tsv missing";
  const std::string nouns((std::istreambuf_iterator<char>(nouns_in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(wordnet::build_noun_table(db.string()) == nouns)
      << "data/nouns.tsv is stale: run whosaid train wordnet --out data/wordnet.tsv --nouns data/nouns.tsv";
}

// People, bodies and things as WordNet's first senses have them, through the
// builtin lexicon.
TEST(WordNetTable, BuiltinLexiconKnowsPeopleAndBodies) {
  const Lexicon& lex = Lexicon::builtin();
  for (const char* w : {"singer", "strikers", "spokesmen", "boss", "broadcaster"})
    EXPECT_TRUE(lex.noun_senses(w).first_is(NounSenses::kPerson)) << w;
  for (const char* w : {"firm", "companies", "government"}) {
    EXPECT_TRUE(lex.noun_senses(w).first_is(NounSenses::kGroup)) << w;
    EXPECT_TRUE(lex.noun_senses(w).body) << w;
  }
  EXPECT_FALSE(lex.noun_senses("couple").body);
  EXPECT_TRUE(lex.noun_senses("report").first_is(NounSenses::kCommunication));
  EXPECT_EQ(lex.noun_senses("said").lexfile[0], 0);
}

// A verb of speech that PolNeAR train never annotated still makes a frame for
// the model to weigh, with WordNet's senses among its features: the builtin
// lexicon knows it.
TEST(WordNetTable, BuiltinLexiconKnowsVerbsBeyondTheCueList) {
  const Lexicon& lex = Lexicon::builtin();
  for (const char* w : {"said", "told", "warned"}) {
    const CueEntry* c = lex.any_cue(w);
    ASSERT_NE(c, nullptr) << w;
    EXPECT_TRUE(c->listed) << w;
    ASSERT_NE(c->senses, nullptr) << w;
    EXPECT_EQ(c->senses->first[0], SenseClass::kCommunication) << w;
  }
  const CueEntry* surmised = lex.any_cue("surmised");
  ASSERT_NE(surmised, nullptr);
  EXPECT_FALSE(surmised->listed);
  EXPECT_EQ(lex.any_cue("went"), nullptr);
  EXPECT_EQ(lex.any_cue("walked"), nullptr);
}

}  // namespace
}  // namespace whosaid

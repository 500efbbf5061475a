// WordTable (core/word_table.h), FoldedWords' ids (core/folded.h) and the
// lexicon's look-ups by id (core/lexicon.h).
#include "core/word_table.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/folded.h"
#include "core/lexicon.h"
#include "core/utf8.h"
#include "segment/segmenter.h"

namespace whosaid {
namespace {

TEST(WordTable, InternsDenseIdsInOrder) {
  WordTable t;
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.find("said"), WordTable::kNone);
  EXPECT_EQ(t.intern("said"), 0u);
  EXPECT_EQ(t.intern("told"), 1u);
  EXPECT_EQ(t.intern("said"), 0u);
  EXPECT_EQ(t.intern(""), 2u);
  EXPECT_EQ(t.size(), 3u);
  EXPECT_EQ(t.find("told"), 1u);
  EXPECT_EQ(t.find(""), 2u);
  EXPECT_EQ(t.find("tol"), WordTable::kNone);
  EXPECT_EQ(t.word(0), "said");
  EXPECT_EQ(t.word(2), "");
}

TEST(WordTable, GrowsAndKeepsEveryWord) {
  WordTable t;
  std::vector<std::string> words;
  for (int i = 0; i < 20000; ++i) words.push_back("w" + std::to_string(i * 7919) + std::string(i % 13, 'x'));
  for (size_t i = 0; i < words.size(); ++i) ASSERT_EQ(t.intern(words[i]), i);
  ASSERT_EQ(t.size(), words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    ASSERT_EQ(t.find(words[i]), i);
    ASSERT_EQ(t.word(static_cast<uint32_t>(i)), words[i]);
  }
  EXPECT_EQ(t.find("w1"), WordTable::kNone);
}

TEST(WordTable, TellsApartWordsDifferingInOneByte) {
  // Every length up to 40 (the comparison takes other paths below 4, 8, 16),
  // each byte changed in turn.
  for (size_t n = 1; n <= 40; ++n) {
    WordTable t;
    const std::string base(n, 'a');
    ASSERT_EQ(t.intern(base), 0u);
    for (size_t i = 0; i < n; ++i) {
      std::string other = base;
      other[i] = 'b';
      EXPECT_EQ(t.find(other), WordTable::kNone) << n << " " << i;
      EXPECT_EQ(t.intern(other), i + 1) << n << " " << i;
    }
    for (size_t i = 0; i < n; ++i) {
      std::string other = base;
      other[i] = 'b';
      EXPECT_EQ(t.find(other), i + 1);
    }
    EXPECT_EQ(t.find(base), 0u);
    EXPECT_EQ(t.find(base + "a"), WordTable::kNone);
  }
}

TEST(WordTable, ClearForgetsAndIsReusable) {
  WordTable t;
  t.intern("a");
  t.intern("b");
  t.clear();
  EXPECT_TRUE(t.empty());
  EXPECT_EQ(t.find("a"), WordTable::kNone);
  EXPECT_EQ(t.intern("b"), 0u);
  EXPECT_EQ(t.find("b"), 0u);
}

TEST(WordTable, ClearAfterFewWordsInALargeTableEmptiesEverySlot) {
  WordTable t;
  for (int i = 0; i < 5000; ++i) t.intern("big" + std::to_string(i));
  t.clear();  // all slots (many words)
  for (int i = 0; i < 100; ++i) ASSERT_EQ(t.intern("small" + std::to_string(i)), static_cast<uint32_t>(i));
  t.clear();  // the used slots alone (few words)
  for (int i = 0; i < 100; ++i) EXPECT_EQ(t.find("small" + std::to_string(i)), WordTable::kNone);
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(t.intern("big" + std::to_string(i)), static_cast<uint32_t>(i));
  for (int i = 0; i < 5000; ++i) ASSERT_EQ(t.find("big" + std::to_string(i)), static_cast<uint32_t>(i));
}

TEST(WordTable, HashIsTheOneFindUses) {
  WordTable t;
  const std::string w = "a word longer than eight bytes";
  t.intern(w, WordTable::hash(w));
  EXPECT_EQ(t.find(w, WordTable::hash(w)), 0u);
  EXPECT_NE(WordTable::hash("ab"), WordTable::hash("ba"));
  EXPECT_NE(WordTable::hash("a"), WordTable::hash(std::string_view("a\0", 2)));
}

TEST(WordTable, PaddedHashIsTheHash) {
  // Every length up to three eight-byte steps and a tail, any bytes after it.
  const std::string bytes = "AbCdEfGh\x01\xff zyxwvutsrqponm\x80 lkjihgfedcba987654321";
  for (size_t n = 0; n + 8 <= bytes.size(); ++n) {
    const std::string_view w(bytes.data(), n);
    EXPECT_EQ(WordTable::hash_padded(w), WordTable::hash(w)) << n;
  }
}

const char kCues[] = "said\tsay\tspeech\t0.9\n";
const char kWords[] = "role\tminister prime_minister chief_executive_officer\norg_head\tbank\nhonorific_m\tmr\n";
const char kNames[] = "m\tjohn sam\nf\tmary sam\n";

TEST(LexiconIds, LooksUpByIdAsByString) {
  const Lexicon lex(kCues, kWords, kNames);
  EXPECT_NE(lex.id("said"), kNoWord);
  EXPECT_EQ(lex.id("unlisted"), kNoWord);
  EXPECT_EQ(lex.cue(lex.id("said")), lex.cue("said"));
  EXPECT_NE(lex.cue("said"), nullptr);
  EXPECT_EQ(lex.cue("say"), nullptr);
  EXPECT_TRUE(lex.is(WordClass::kOrgHead, lex.id("bank")));
  EXPECT_FALSE(lex.is(WordClass::kOrgHead, lex.id("mr")));
  EXPECT_FALSE(lex.is(WordClass::kOrgHead, kNoWord));
  EXPECT_TRUE(lex.is(WordClass::kRole, "prime minister"));
  EXPECT_EQ(lex.given_name_gender(lex.id("john")), Gender::kMale);
  EXPECT_EQ(lex.given_name_gender("mary"), Gender::kFemale);
  EXPECT_EQ(lex.given_name_gender("sam"), Gender::kUnknown);  // both lists
}

TEST(LexiconIds, FoldedWordsGiveLexiconAndDocumentIds) {
  const Lexicon lex(kCues, kWords, kNames);
  Document doc("Mr Smith said Smith’s bank said no.", "");
  segment(doc);
  const FoldedWords fw(doc, lex);
  ASSERT_EQ(fw.size(), doc.tokens.size());
  for (size_t t = 0; t < fw.size(); ++t) {
    EXPECT_EQ(fw.id(t), lex.id(fw[t])) << fw[t];
    EXPECT_EQ(fw.find_type(fw[t]), fw.type(t)) << fw[t];
  }
  EXPECT_EQ(fw[3], "smith");
  EXPECT_EQ(fw[4], "'s");  // ’ folded
  EXPECT_EQ(fw.id(0), lex.id("mr"));
  EXPECT_EQ(fw.id(2), lex.id("said"));
  EXPECT_EQ(fw.id(1), kNoWord);
  EXPECT_EQ(fw.type(0), 0u);
  EXPECT_EQ(fw.type(1), 1u);
  EXPECT_EQ(fw.type(3), 1u);  // "Smith" twice: one type
  EXPECT_EQ(fw.type(6), fw.type(2));  // "said" twice
  EXPECT_LT(fw.type(fw.size() - 1), fw.type_count());
  EXPECT_EQ(fw.find_type("absent"), FoldedWords::kNoType);
  // A FoldedWord is its view and its id; the lexicon asks by the id.
  const FoldedWord bank = fw[5];
  EXPECT_EQ(bank, "bank");
  EXPECT_EQ(bank.id, fw.id(5));
  EXPECT_TRUE(lex.is(WordClass::kOrgHead, bank));
  EXPECT_EQ(lex.cue(fw[2]), lex.cue("said"));
  EXPECT_EQ(lex.given_name_gender(fw[0]), Gender::kUnknown);
  EXPECT_FALSE(fw.any_space());
}

TEST(LexiconIds, FoldedWordsAreUtf8Fold) {
  // Words of every length (folded eight bytes at a time), capitals at the
  // ends of the ASCII letters and just outside them (@ [ ` {), non-ASCII
  // words (the byte loop), and a last word that ends the text (so its
  // eight-byte loads would leave it).
  const Lexicon lex(kCues, kWords, kNames);
  Document doc("AZ@[`{az Ab ABCDEFG ABCDEFGH ABCDEFGHI Internationalisation'S O’BRIEN Zoë ÉCOLE X", "");
  segment(doc);
  const FoldedWords fw(doc, lex);
  ASSERT_EQ(fw.size(), doc.tokens.size());
  std::string folded;
  for (size_t t = 0; t < fw.size(); ++t) {
    utf8::fold(doc.slice(doc.tokens[t].span), folded);
    EXPECT_EQ(fw[t], folded);
    EXPECT_EQ(fw.id(t), lex.id(folded)) << folded;
  }
  EXPECT_EQ(fw[fw.size() - 1], "x");
}

TEST(LexiconIds, FoldedWordsReusedForAnotherDocumentForgetTheFirst) {
  const Lexicon lex(kCues, kWords, kNames);
  Document a("Zanzibar minister Smith said", ""), b("The bank said Smith", "");
  segment(a);
  segment(b);
  FoldedWords fw(a, lex);
  fw.assign(b, lex);
  const FoldedWords fresh(b, lex);
  ASSERT_EQ(fw.size(), fresh.size());
  EXPECT_EQ(fw.type_count(), fresh.type_count());
  for (size_t t = 0; t < fw.size(); ++t) {
    EXPECT_EQ(fw[t], fresh[t]);
    EXPECT_EQ(fw.id(t), fresh.id(t));
    EXPECT_EQ(fw.type(t), fresh.type(t));
  }
  EXPECT_EQ(fw.find_type("zanzibar"), FoldedWords::kNoType);
}

TEST(LexiconIds, MatchRoleTakesTheLongestPhrase) {
  const Lexicon lex(kCues, kWords, kNames);
  Document doc("the prime minister and chief executive officer and chief executive prime", "");
  segment(doc);
  const FoldedWords fw(doc, lex);
  EXPECT_EQ(lex.match_role(fw, 0), 0u);
  EXPECT_EQ(lex.match_role(fw, 1), 2u);  // prime minister
  EXPECT_EQ(lex.match_role(fw, 2), 1u);  // minister
  EXPECT_EQ(lex.match_role(fw, 4), 3u);  // chief executive officer
  EXPECT_EQ(lex.match_role(fw, 8), 0u);  // chief executive: no phrase
  EXPECT_EQ(lex.match_role(fw, 10), 0u); // "prime" at the end
}

}  // namespace
}  // namespace whosaid

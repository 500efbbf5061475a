// Speaker coreference (src/coref, docs/coref.md): the model on short articles,
// the model file format, and the shipped data/coref.bin retraining byte for byte.
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>

#include <gtest/gtest.h>

#include "core/folded.h"
#include "core/lexicon.h"
#include "coref/coref.h"
#include "core/folded.h"
#include "cues/cue_finder.h"
#include "layout/layout.h"
#include "mentions/mention_finder.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"
#include "coref/trainer.h"
#include "test_data.h"
#include "test_util.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

using testing::extractor;
using testing::quote_containing;
using testing::speaker_of;

using testing::CommandResult;
using testing::run_whosaid;

// A pronoun after two candidates of different gender takes the one that agrees.
TEST(Coref, PronounAfterTwoCandidatesOfDifferentGender) {
  Document doc = extractor().extract(
      "Senator Elizabeth Warren met Governor John Hickenlooper in Denver on Monday. "
      "He said the talks were useful and the state would cooperate.");
  EXPECT_EQ(speaker_of(doc, "talks were useful"), "John Hickenlooper");

  Document doc2 = extractor().extract(
      "Governor John Hickenlooper met Senator Elizabeth Warren in Denver on Monday. "
      "She said the talks were useful and the Senate would cooperate.");
  EXPECT_EQ(speaker_of(doc2, "talks were useful"), "Elizabeth Warren");
}

// "I" inside a quotation is that quotation's speaker: a nested attribution
// whose source is "I" gets the outer speaker's name.
TEST(Coref, FirstPersonInsideAQuotationIsItsSpeaker) {
  Document doc = extractor().extract(
      "\"I told the minister that I believe the plan will fail,\" Jacinda Ardern said on Tuesday.");
  const Quote* outer = quote_containing(doc, "told the minister");
  ASSERT_NE(outer, nullptr);
  EXPECT_EQ(speaker_of(doc, "told the minister"), "Jacinda Ardern");
  for (const Quote& q : doc.quotes)
    if (q.speaker && q.speaker->mention && doc.slice(*q.speaker->mention) == "I")
      EXPECT_EQ(q.speaker->name, "Jacinda Ardern");
}

// "the company" after a named company is that company.
TEST(Coref, TheCompanyIsTheNamedCompany) {
  Document doc = extractor().extract(
      "Fonterra Co-operative Group cut its forecast for the season on Friday. "
      "The company said dairy prices would stay low until next year.");
  const Quote* q = quote_containing(doc, "dairy prices");
  ASSERT_NE(q, nullptr);
  EXPECT_EQ(speaker_of(doc, "dairy prices"), "Fonterra Co-operative Group");
}

// A name takes the gender of another name with its surname, also one
// written after it ("Mara Quell" … "Ms Quell"); a surname seen with both
// genders lends none.
TEST(Coref, ANameTakesTheGenderOfItsSurnameAnywhere) {
  auto gender_of = [](const Document& doc, std::string_view name) {
    const FoldedWords fw(doc, Lexicon::builtin());
    for (const CorefMention& m : coref_mentions(doc, Lexicon::builtin(), fw))
      if (doc.slice(Span{doc.tokens[m.first_token].span.begin, doc.tokens[m.end_token - 1].span.end}) == name)
        return m.gender;
    return Gender::kPlural;  // not found
  };
  Document doc = extractor().extract(
      "Mara Quell thinks apps have been freeing. Scare stories have put people off, according to Ms Quell.");
  EXPECT_EQ(gender_of(doc, "Mara Quell"), Gender::kFemale);

  Document doc2 = extractor().extract(
      "Mara Quell spoke first. Mr Quell and Ms Quell then said the plan was good.");
  EXPECT_EQ(gender_of(doc2, "Mara Quell"), Gender::kUnknown);
}

// A nominal whose head is in WordNet, and never as a person, is no "he".
TEST(Coref, ANominalThatIsNoPersonIsNeuter) {
  Document doc = extractor().extract("That was the decision document that he signed.");
  const FoldedWords fw(doc, Lexicon::builtin());
  bool seen = false;
  for (const CorefMention& m : coref_mentions(doc, Lexicon::builtin(), fw))
    if (m.form == CorefForm::kNominal && fw[m.end_token - 1] == "document") {
      seen = true;
      EXPECT_EQ(m.gender, Gender::kNeuter);
    }
  EXPECT_TRUE(seen);
}

// CloserMentions, counted as antecedent() walks back from the anaphor, gives
// each candidate the rank a scan of the mentions between them gives.
TEST(CorefModel, CloserMentionsCountsAsAScanDoes) {
  const Gender genders[] = {Gender::kUnknown, Gender::kMale, Gender::kFemale, Gender::kNeuter, Gender::kPlural};
  std::vector<CorefMention> ms(60);
  for (size_t k = 0; k < ms.size(); ++k) {
    ms[k].form = static_cast<CorefForm>((k * 7) % 11);
    ms[k].gender = genders[(k * 3) % 5];
  }
  for (size_t i = 0; i < ms.size(); ++i) {
    CloserMentions closer;
    for (size_t j = i; j-- > 0;) {
      uint32_t scanned = 0;
      for (size_t k = j + 1; k < i; ++k)
        scanned += ms[k].form == ms[j].form &&
                   agreement_index(ms[i].gender, ms[k].gender) == agreement_index(ms[i].gender, ms[j].gender);
      ASSERT_EQ(closer.rank(ms[i], ms[j]), scanned) << i << " " << j;
      closer.add(ms[i], ms[j]);
    }
  }
}

// pair_features for one pair (as the trainer asks) and for each candidate as
// antecedent() walks back (anaphor hashed once, closer mentions counted) give
// the same feature ids.
TEST(CorefModel, PairFeaturesWalkingBackEqualOnePairAtATime) {
  const Lexicon& lex = Lexicon::builtin();
  Document doc(
      "Senator Maria Lopez said the company would close. \"We cannot stay,\" she said. "
      "Mr Smith, a spokesman for the firm, told reporters it was sad. He said his staff knew. "
      "Lopez said they were told. The company said it had no choice, and she agreed with him.",
      "");
  segment(doc);
  mark_layout(doc, lex);
  find_quotes(doc);
  split_sentences(doc, lex);
  find_cues(doc, lex);
  const FoldedWords fw(doc, lex);
  find_mentions(doc, lex, fw);
  std::vector<CorefMention> ms = coref_mentions(doc, lex, fw);
  ASSERT_GT(ms.size(), 8u);
  for (size_t k = 0; k < ms.size(); k += 3) ms[k].source = true;
  for (size_t i = 1; i < ms.size(); ++i) {
    const CorefModel::AnaphorHashes anaphor(ms[i], fw);
    CloserMentions closer;
    for (size_t j = i; j-- > CorefModel::first_candidate(i);) {
      FeatureVector one, walking;
      CorefModel::pair_features(ms, i, j, fw, one);
      CorefModel::pair_features(anaphor, closer, ms, i, j, fw, walking);
      EXPECT_EQ(one.ids(), walking.ids()) << i << " " << j;
      closer.add(ms[i], ms[j]);
    }
  }
}

TEST(CorefModel, BuiltinParsesAndRoundTrips) {
  const CorefModel& m = CorefModel::builtin();
  const std::string bytes = m.serialize();
  EXPECT_EQ(CorefModel::parse(bytes).serialize(), bytes);
  EXPECT_THROW(CorefModel::parse("not a model"), Error);
  EXPECT_THROW(CorefModel::parse(bytes.substr(0, bytes.size() - 3)), Error);
}

// The shipped data/coref.bin retrains byte for byte (docs/coref.md), and the
// pronoun-resolution accuracy on GUM dev and test stays at the measured level.
TEST(CorefRetrain, ShippedModelRetrainsByteForByte) {
  WHOSAID_REQUIRE_DATA(conll, "gum/coref/train.conll");
  namespace fs = std::filesystem;
  const fs::path gum = fs::path(conll).parent_path().parent_path();
  const fs::path out = fs::temp_directory_path() / ("coref_retrain_" + std::to_string(::getpid()) + ".bin");
  const CommandResult r =
      run_whosaid("train coref --gum " + gum.string() + " --out " + out.string(), "coref_retrain");
  ASSERT_EQ(r.status, 0) << r.out << r.err;
  auto slurp = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  const std::string fresh = slurp(out), shipped = slurp(fs::path(WHOSAID_SOURCE_DIR) / "data" / "coref.bin");
  fs::remove(out);
  EXPECT_FALSE(fresh.empty());
  EXPECT_TRUE(fresh == shipped) << "retrained model differs from data/coref.bin; log:\n" << r.out;

  const CommandResult e = run_whosaid("train coref --eval --gum " + gum.string(), "coref_eval");
  ASSERT_EQ(e.status, 0) << e.err;
  std::cout << e.out;
  const CorefModel& model = CorefModel::builtin();
  const CorefScores dev = score_coref(model, read_gum_coref((gum / "coref/dev.conll").string(),
                                                            (gum / "attributions/dev.jsonl").string()));
  const CorefScores test = score_coref(model, read_gum_coref((gum / "coref/test.conll").string(),
                                                             (gum / "attributions/test.jsonl").string()));
  EXPECT_GE(dev.accuracy(), 0.75) << e.out;
  EXPECT_GE(test.accuracy(), 0.74) << e.out;
}

}  // namespace
}  // namespace whosaid

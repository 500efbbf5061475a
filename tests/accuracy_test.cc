// Accuracy against human annotation, with floors that fail when extraction
// regresses. Skips with a message when ../shared/data is absent.
#include <fstream>

#include <gtest/gtest.h>

#include "test_data.h"
#include "whosaid/eval.h"
#include "whosaid/extractor.h"

namespace whosaid {
namespace {

eval::Report score(const std::string& path) {
  std::ifstream in(path);
  eval::GoldReader reader(in, path);
  eval::Scorer scorer(false);
  Extractor extractor;
  eval::GoldDocument gold;
  while (reader.next(gold)) scorer.add(gold, extractor.extract(gold.text, gold.id));
  return scorer.report();
}

TEST(SeedArticle, EveryQuotedAttributionFoundWithTheRightPerson) {
  WHOSAID_REQUIRE_DATA(path, "seed/gold.jsonl");
  eval::Report r = score(path);
  // 14 direct and mixed attributions, each matched and resolved to the annotated person.
  EXPECT_EQ(r.quoted.end_to_end.gold, 14u);
  EXPECT_EQ(r.quoted.end_to_end.tp_recall, 14u) << r.to_table();
  EXPECT_EQ(r.quoted.end_to_end.tp_precision, r.quoted.end_to_end.predicted) << r.to_table();
}

TEST(SeedArticle, EveryAttributionFoundWithTheRightPerson) {
  WHOSAID_REQUIRE_DATA(path, "seed/gold.jsonl");
  eval::Report r = score(path);
  EXPECT_EQ(r.all.end_to_end.gold, 22u);
  EXPECT_EQ(r.all.end_to_end.tp_recall, 22u) << r.to_table();
  // At most one extra: reported speech nested in another statement ("Mr Goff
  // said Labour was open to … but it still wanted a review") is a candidate of
  // its own, which the seed's annotation leaves inside Mr Goff's.
  EXPECT_LE(r.all.end_to_end.predicted, r.all.end_to_end.tp_precision + 1) << r.to_table();
}

// The strict name rule (docs/eval.md, "Names"): every seed attribution is found
// and resolved to exactly the annotated person, never to a pronoun.
TEST(SeedArticle, EveryAttributionHasTheExactName) {
  WHOSAID_REQUIRE_DATA(path, "seed/gold.jsonl");
  eval::Report r = score(path);
  EXPECT_EQ(r.all.names.named_gold, 22u);
  EXPECT_EQ(r.all.names.matched, 22u) << r.to_table();
  EXPECT_EQ(r.all.names.exact, 22u) << r.to_table();
  EXPECT_EQ(r.all.names.pronoun_or_empty, 0u) << r.to_table();
  EXPECT_EQ(r.quoted.names.exact, 14u) << r.to_table();
}

// GUM train+dev (non-news genres, 174 named attributions): the strict name
// scores as measured with the coreference model (docs/coref.md), as floors.
// Most matched named attributions are first- and second-person ("I", "you" in
// interviews and hearings): an interview's are its interviewee's
// (entities/voice.h); a hearing's turns are the person given the floor or
// introducing themself (entities/turns.h: 61 exact, 13 pronoun or empty, 10
// wrong of 84 when measured; the turns rule took 15 from "I"/"you" to the
// right name and none to a wrong one). The pronoun share is a ceiling, and so
// is the number of wrong names. (GUM train is the model's training data:
// these are not held-out figures.)
TEST(GumTrainDev, StrictNamesAtTheMeasuredLevel) {
  WHOSAID_REQUIRE_DATA(train, "gum/attributions/train.jsonl");
  WHOSAID_REQUIRE_DATA(dev, "gum/attributions/dev.jsonl");
  eval::Report r = score(train);
  const eval::Report d = score(dev);
  r.all.names += d.all.names;
  EXPECT_EQ(r.all.names.named_gold, 174u);
  EXPECT_GE(r.all.names.exact, 58u) << r.to_table();
  // Matched content moves by a few with any retraining of the attribution
  // model (78–83 seen: the Herrick and Prelogar answers come and go).
  EXPECT_GE(r.all.names.matched, 77u) << r.to_table();
  EXPECT_LE(r.all.names.pronoun_or_empty_share(), 0.19) << r.to_table();
  EXPECT_LE(r.all.names.matched - r.all.names.exact - r.all.names.pronoun_or_empty, 12u) << r.to_table();
}

// Regression floors on PolNeAR dev, quoted subset. They sit just under the
// measured figures (see the README's accuracy table), so a change that loses
// accuracy fails here; raise them when accuracy improves.
TEST(PolnearDev, QuotedSubsetFloors) {
  WHOSAID_REQUIRE_DATA(path, "polnear/dev/docs.jsonl");
  eval::Report r = score(path);
  EXPECT_GE(r.quoted.end_to_end.recall(), 0.80) << r.to_table();
  EXPECT_GE(r.quoted.speaker.value(), 0.90) << r.to_table();
  EXPECT_GE(r.quoted.content.precision(), 0.88) << r.to_table();
  EXPECT_GE(r.quoted.content.recall(), 0.87) << r.to_table();
}

// All attributions, reported speech included (issue 3): the floors
// (content F1 0.70, fragment-exact F1 0.60), and end-to-end and source-exact
// at the measured level (the issue asks 0.60 and 0.70).
TEST(PolnearDev, AllAttributionFloors) {
  WHOSAID_REQUIRE_DATA(path, "polnear/dev/docs.jsonl");
  eval::Report r = score(path);
  EXPECT_GE(r.all.content.f1(), 0.70) << r.to_table();
  EXPECT_GE(r.all.end_to_end.f1(), 0.65) << r.to_table();
  EXPECT_GE(r.all.content_fragment_exact.f1(), 0.60) << r.to_table();
  EXPECT_GE(r.all.source_exact.f1(), 0.71) << r.to_table();
}

// Confidence is calibrated: of the predictions at confidence >= 0.9, at least
// 90% are right (content matching an annotated attribution and the speaker
// right, by the rules of docs/eval.md; matched here without the one-to-one
// constraint). Lower bands are checked to be ordered.
TEST(PolnearDev, ConfidenceIsCalibrated) {
  WHOSAID_REQUIRE_DATA(path, "polnear/dev/docs.jsonl");
  std::ifstream in(path);
  eval::GoldReader reader(in, path);
  Extractor extractor;
  eval::GoldDocument gold;
  constexpr int kBands = 4;  // [0, .5), [.5, .7), [.7, .9), [.9, 1]
  uint64_t right[kBands] = {}, total[kBands] = {};
  while (reader.next(gold)) {
    const Document doc = extractor.extract(gold.text, gold.id);
    const eval::CharCounter counter(doc.text());
    for (const Quote& q : doc.quotes) {
      const std::vector<Span> content = eval::predicted_content(q);
      if (eval::in_discard(counter, content, gold.discard)) continue;
      bool ok = false;
      for (const eval::GoldAttribution& g : gold.attributions)
        ok = ok || (eval::content_jaccard(counter, g.content, content) >= eval::kMinJaccard &&
                    eval::speaker_correct(doc.text(), g, q));
      const int band = q.confidence >= 0.9f ? 3 : q.confidence >= 0.7f ? 2 : q.confidence >= 0.5f ? 1 : 0;
      ++total[band];
      right[band] += ok;
    }
  }
  auto rate = [&](int b) { return total[b] ? static_cast<double>(right[b]) / total[b] : 0.0; };
  std::string bands;
  for (int b = 0; b < kBands; ++b)
    bands += " " + std::to_string(right[b]) + "/" + std::to_string(total[b]);
  ASSERT_GE(total[3], 100u) << "too few confident predictions to judge:" << bands;
  EXPECT_GE(rate(3), 0.90) << "right/total by band [0,.5) [.5,.7) [.7,.9) [.9,1]:" << bands;
  EXPECT_GT(rate(3), rate(1)) << bands;
  EXPECT_GT(rate(2), rate(0)) << bands;
}

}  // namespace
}  // namespace whosaid

// Training and measuring the coreference model (coref/coref.h) on GUM.
//
//   std::vector<CorefDocument> train = read_gum_coref("gum/coref/train.conll", "gum/attributions/train.jsonl");
//   CorefTrainReport report;
//   CorefModel model = train_coref(train, dev, {}, &report);
//   CorefScores s = score_coref(model, dev);        // pronoun-resolution accuracy
//
// GUM's coref files give tokens and gold mention chains; the attribution files
// give the same documents' text with paragraphs. Tokens are aligned to the
// text, the pipeline's own stages find the mentions (coref_mentions(), exactly
// as at run time), and each mention takes the gold entity of the smallest gold
// mention holding its last word. For every anaphor, a candidate is right when
// it is in the same gold entity; "none" is right when no candidate is.
//
// Training is an averaged perceptron over the candidates of each anaphor,
// updating towards the best-scoring right candidate (latent antecedent). The
// examples are visited in a fixed pseudo-random order per epoch and the
// epoch count with the best dev accuracy is kept, so the same files give a
// byte-identical model.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "coref/coref.h"

namespace whosaid {

struct CorefDocument {
  std::string id;
  std::shared_ptr<const FoldedWords> folded;  // the words of mentions[i].head()
  std::vector<CorefMention> mentions;
  std::vector<int32_t> entity;  // gold entity of each mention, -1 when no gold mention holds it
};

// Reads a GUM coref .conll file and the attribution .jsonl of the same split
// (for the text). Throws Error(kIo / kBadInput).
std::vector<CorefDocument> read_gum_coref(const std::string& conll_path, const std::string& jsonl_path);

struct CorefScores {
  uint64_t pronouns = 0, pronouns_right = 0;            // every pronoun anaphor aligned to a gold mention
  uint64_t with_antecedent = 0, with_antecedent_right = 0;  // … whose gold entity has a candidate before it
  uint64_t without = 0, without_right = 0;              // … and those with none ("none" is right)
  uint64_t nominals = 0, nominals_right = 0;
  double accuracy() const { return pronouns ? static_cast<double>(pronouns_right) / pronouns : 0; }
};

CorefScores score_coref(const CorefModel& model, const std::vector<CorefDocument>& docs);

struct CorefTrainOptions {
  int max_epochs = 12;
  uint32_t seed = 7;
  uint32_t orders = 64;  // runs over differently shuffled examples, averaged (trainer.cc; docs/coref.md)
};

struct CorefTrainReport {
  uint64_t anaphors = 0;
  int epochs = 0;  // chosen on dev (the mean over the runs)
  double dev_accuracy = 0;
};

CorefModel train_coref(const std::vector<CorefDocument>& train, const std::vector<CorefDocument>& dev,
                       const CorefTrainOptions& options = {}, CorefTrainReport* report = nullptr);

}  // namespace whosaid

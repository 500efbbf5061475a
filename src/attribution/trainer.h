// Training the attribution model (attribution/model.h) from annotated articles.
//
//   AttributionTrainer trainer;
//   for (each gold document) trainer.add(gold);    // runs the pipeline, labels candidates
//   AttributionTrainReport report;
//   AttributionModel model = trainer.train(&report);
//   write(model.serialize());
//
// Three fits, each over a run of the pipeline that reports every candidate:
// 0. Content starts. The run uses the rules' starts and ends and records, for
//    each reported-speech candidate, the few tokens after the cue where its
//    content could start. A start is right when it starts (after trimming)
//    where a fragment of an annotated attribution overlapping it starts.
// 1. Content ends. The run uses the fitted starts and the rules' ends and records, for each
//    reported-speech candidate, every clause boundary where its content could
//    end. A boundary is right when the content ending there ends where an
//    annotated attribution overlapping it ends (after trimming punctuation).
// 2. Acceptance. The run uses the fitted ends; each candidate is right when its
//    content matches an annotated attribution (Jaccard >= 0.5, docs/eval.md)
//    and its speaker is right by the evaluator's rule.
// Both are logistic regression fitted by AdaGrad in a fixed (seeded) order,
// so the same data and options give byte-identical models.
// Calibration and the reporting threshold come from out-of-fold scores:
// documents are split into `folds` by position, each fold's candidates come
// from a run with the start and end weights fitted on the others and are
// scored by acceptance weights fitted on the others; a Platt scaling is
// fitted to those scores, and the threshold maximises the F1 of
// end-to-end-correct attributions among them. Every fit is the mean of
// `orders` fits over different example orders.
#pragma once

#include <cstdint>
#include <functional>
#include <vector>

#include "attribution/model.h"
#include "whosaid/eval.h"

namespace whosaid {

struct AttributionTrainOptions {
  int epochs = 10;
  float learning_rate = 0.1f;
  float l2 = 1e-5f;
  uint32_t seed = 42;
  int folds = 3;
  int orders = 20;  // each table: the mean of fits over this many example orders (seed, seed + 1, …; docs/model.md)
};

struct AttributionTrainReport {
  uint64_t documents = 0;
  uint64_t gold = 0;              // annotated attributions
  uint64_t candidates = 0;        // examples
  uint64_t positives = 0;         // examples labelled right
  uint64_t gated_candidates = 0;  // reported speech, and quotations framed by a rare cue: the model decides
  uint64_t end_choices = 0;       // candidates whose content end was learned (with a right end among them)
  uint64_t end_rule_right = 0;    // … of which the rules' end was the right one
  uint64_t end_model_right = 0;   // … and the fitted model's choice, out of fold
  uint64_t start_choices = 0;     // candidates whose content start was learned (with a right start among them)
  uint64_t start_rule_right = 0;  // … of which the rules' start was the right one
  uint64_t start_model_right = 0; // … and the fitted model's choice, out of fold
  // Out-of-fold, at the chosen threshold: the F1 of right attributions over
  // reported candidates against all gold (an estimate of end-to-end F1).
  double oof_precision = 0, oof_recall = 0, oof_f1 = 0;
  float threshold = 0.5f, scale = 1.0f, shift = 0.0f;
};

class AttributionTrainer {
 public:
  explicit AttributionTrainer(AttributionTrainOptions options = {});

  // Keeps the document for training (the pipeline runs in train()).
  void add(const eval::GoldDocument& gold);

  // Fits the model on everything added. Throws Error(kBadInput) when nothing
  // was added or no candidate is labelled right.
  AttributionModel train(AttributionTrainReport* report = nullptr) const;

 private:
  struct Example {
    std::vector<uint32_t> features;
    uint32_t document = 0;
    bool label = false;
    bool gated = false;  // reported only at the threshold (reported speech, rare-cue quotation frames)
  };
  void fit(std::vector<float>& weights, const std::vector<const Example*>& examples) const;
  void fit_once(std::vector<float>& weights, const std::vector<const Example*>& examples, uint32_t seed) const;
  // The examples fitted for fold `held_out` (every document outside it), or
  // all of them when held_out < 0.
  static std::vector<const Example*> training_set(const std::vector<Example>& examples, int folds, int held_out);
  // One learned choice (content starts or ends): for each candidate that has
  // one, its options in a group, kept only when some option is right.
  struct ChoiceSet {
    std::vector<Example> examples;
    std::vector<std::pair<size_t, size_t>> groups;  // [begin, end) in examples
    std::vector<size_t> rules;                      // per group, the index of the rules' option
    // Adds the options with these features; right(k) labels option k.
    void add(uint32_t document, const std::vector<std::vector<uint32_t>>& features, size_t rule,
             const std::function<bool(size_t)>& right);
  };
  struct ChoiceScore {
    uint64_t rule_right = 0, model_right = 0;  // groups where that option is right, out of fold
    std::vector<std::vector<float>> fold_weights;  // per fold, the weights fitted without it
  };
  // Fits `weights` on the choice set fold by fold, counting how often the top
  // option by `score` (the first on ties) and the rules' option are right on
  // the held-out fold, then on every group.
  ChoiceScore fit_choice(std::vector<float>& weights, const ChoiceSet& set, int folds,
                         const std::function<float(const std::vector<uint32_t>&)>& score) const;

  AttributionTrainOptions options_;
  std::vector<eval::GoldDocument> documents_;
};

}  // namespace whosaid

// Training and measuring the mention-type model (types/mention_type.h) on GUM.
//
//   std::vector<TypeExample> train = read_gum_types("gum/coref/train.conll", Lexicon::builtin());
//   TypeTrainReport report;
//   TypeModel model = train_types(train, dev, {}, &report);
//   TypeScores s = score_types(model, dev);   // accuracy, per type
//
// Every gold mention of GUM's coreference files that is not a pronoun is an
// example: its words up to the head (head_phrase()) and a label from GUM's
// entity type: person → person, organization → organisation, an abstract or
// object whose head is a document word of the lexicon ("the report", "a
// study", "the paper") → document, everything else (place, event, time,
// abstract, object, animal, substance, plant) → other.
//
// Training is a multi-class averaged perceptron; the examples are visited in a
// fixed pseudo-random order per epoch and the epoch count with the best dev
// accuracy is kept, so the same files give a byte-identical model.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "types/mention_type.h"

namespace whosaid {

struct TypeExample {
  std::vector<uint32_t> features;
  EntityType type = EntityType::kOther;
};

// Throws Error(kIo / kBadInput).
std::vector<TypeExample> read_gum_types(const std::string& conll_path, const Lexicon& lexicon);

struct TypeScores {
  std::array<std::array<uint64_t, kEntityTypes>, kEntityTypes> confusion{};  // [gold][predicted]
  uint64_t total() const;
  uint64_t right() const;
  double accuracy() const { return total() ? static_cast<double>(right()) / static_cast<double>(total()) : 0; }
  double precision(EntityType t) const;
  double recall(EntityType t) const;
};

TypeScores score_types(const TypeModel& model, const std::vector<TypeExample>& examples);

struct TypeTrainOptions {
  int max_epochs = 10;
  uint32_t seed = 7;
};

struct TypeTrainReport {
  uint64_t examples = 0;
  int epochs = 0;  // chosen on dev
  double dev_accuracy = 0;
};

TypeModel train_types(const std::vector<TypeExample>& train, const std::vector<TypeExample>& dev,
                      const TypeTrainOptions& options = {}, TypeTrainReport* report = nullptr);

}  // namespace whosaid

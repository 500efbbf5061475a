// Mention types: is a candidate speaker a person, an organisation, a document
// credited as a source, or something else (docs/types.md)?
//
//   const TypeModel& model = TypeModel::builtin();
//   EntityType t = model.classify(doc, mention, Lexicon::builtin());  // "Aviator" → kOther
//
// Each mention is described by sparse hashed features of its words (up to its
// head: the words before "of", "in", "who", a comma …): the head word, its
// suffixes and shape, the first word and its shape, the determiner, the number
// of words, the word before the head, and what the lexicon knows (a given
// name, an honorific, a role, a body, a document word). A multi-class
// averaged perceptron (types/trainer.h, `whosaid train types`) trained on
// GUM's entity types scores the four types and the best wins; it is shipped
// as data/types.bin and compiled in for builtin().
//
// A TypeModel is immutable after parse() and safe to share across threads.
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/model.h"
#include "core/lexicon.h"
#include "core/packed_weights.h"
#include "whosaid/document.h"

namespace whosaid {

inline constexpr size_t kEntityTypes = 4;  // EntityType values; kOther is the last
// The margin by which "other" must beat the best speaker type for a candidate
// speaker (docs/types.md). GUM has few news names and sources, so a real
// source is often scored other by a little; 20 (about the weight of two or
// three strong features) keeps PolNeAR dev's sources. Measured: 10 loses 1.4
// points of end-to-end F1 there, and a smaller margin for common nouns alone
// loses as much.
inline constexpr float kSpeakerOtherMargin = 20.0f;

// Cuts the words of a mention (as written) after its head: "the president of
// the company" → {"the", "president"}; "Aviator" → {"Aviator"}. Never empties
// a non-empty list.
void head_phrase(std::vector<std::string_view>& words);

// Features of a mention's words (as written, head_phrase() already applied).
void type_features(const std::vector<std::string_view>& words, const Lexicon& lexicon, FeatureVector& out);

class TypeModel {
 public:
  // The model compiled in from data/types.bin. Throws Error(kModel) if the
  // build had none or it does not parse.
  static const TypeModel& builtin();
  // Throws Error(kModel) naming the problem (bad magic, truncated, a bad entry, trailing bytes).
  static TypeModel parse(std::string_view bytes);
  std::string serialize() const;  // deterministic bytes

  // The best-scoring type; kOther only when it beats the best of the others
  // by more than `other_margin` (a candidate speaker is typed other only when
  // the model is sure: a lost speaker costs more than a wrong one kept).
  EntityType classify(const std::vector<uint32_t>& features, float other_margin = 0) const;
  // The type of a mention of doc (its whole span, titles included), with
  // kSpeakerOtherMargin; a head of the lexicon's abbrev_end ("Corp", "plc")
  // or org_head ("ministry", "union") class is an organisation, and only a
  // document word of the lexicon ("report", "study") is a document.
  EntityType classify(const Document& doc, const Mention& mention, const Lexicon& lexicon) const;

  using Row = std::array<float, kEntityTypes>;
  Row scores(const std::vector<uint32_t>& features) const;  // one per type
  // The type for these scores, as classify() decides (document allowed or not).
  static EntityType pick(const Row& scores, float other_margin, bool document);

  // For the trainer. A model parse() read scores with a packed copy of its
  // rows (core/packed_weights.h: 10k rows in 2^18 slots, 4 MB dense);
  // asking for the rows to change drops it.
  TypeModel() : rows_(size_t{1} << kFeatureBits, Row{}) {}
  std::vector<Row>& rows() {
    packed_ = {};
    return rows_;
  }

 private:
  std::vector<Row> rows_;  // one score per type for each feature slot
  core_detail::PackedWeights<Row> packed_;  // of rows_, once parse() read them
};

}  // namespace whosaid

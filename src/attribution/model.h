// The learned part of attribution: a logistic-regression model over sparse,
// hashed features of each candidate (cue, source, content) the rules build.
//
// The attributor describes every candidate with a FeatureVector (see
// features.cc, `frame_features` and `standalone_features`, and docs/model.md
// for the list). The model gives the probability that the candidate is a right
// attribution: content matching a human annotation and the right source. That
// probability decides whether an indirect candidate is reported (it must reach
// `threshold()`) and is, after calibration, the quote's `confidence`.
//
// A second set of weights scores where reported speech ends: each clause
// boundary after the cue ("…, and", "…, which", "…; ") is a candidate end and
// the highest-scoring one is taken (`end_score`, features in `end_features`).
//
// A third set scores where it starts: the token after the cue and the few
// after it ("pointed out | that", "sought to | ease") are candidate starts
// (`start_score`, features in `start_features`).
//
// The model is trained by `whosaid train attribution` (attribution/trainer.h)
// on PolNeAR train and shipped as data/attribution.bin, compiled in for
// AttributionModel::builtin().
#pragma once

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid {

// Feature ids: hashes of "name=value" strings into 2^kFeatureBits slots.
inline constexpr uint32_t kFeatureBits = 18;

namespace feature_hash {
// FNV-1a, 64 bits: the hash the trained weights were stored under.
inline constexpr uint64_t kSeed = 0xcbf29ce484222325ULL;
constexpr uint64_t fnv(uint64_t h, std::string_view s) {
  for (char c : s) {
    h ^= static_cast<unsigned char>(c);
    h *= 0x100000001b3ULL;
  }
  return h;
}
// The feature id of a hash.
constexpr uint32_t slot(uint64_t h) {
  h ^= h >> 29;  // fold the high bits in: FNV's low bits mix poorly
  return static_cast<uint32_t>(h & ((uint64_t{1} << kFeatureBits) - 1));
}
}  // namespace feature_hash

// A number as a feature value: its decimal digits, spelled as std::to_string
// spells them, in `digits` (no string built for it).
inline std::string_view decimal(int64_t n, char (&digits)[24]) {
  const auto [end, ec] = std::to_chars(digits, digits + sizeof digits, n);
  return {digits, static_cast<size_t>(end - digits)};
}

// A feature's name, hashed once: at compile time for a string literal
// (fv.add("q-bias", w) hashes only w at run time), explicitly for a name
// chosen at run time (FeatureName(k == 2 ? "s2" : "s3")).
class FeatureName {
 public:
  template <size_t N>
  consteval FeatureName(const char (&name)[N]) : FeatureName(std::string_view(name, N - 1)) {}
  explicit constexpr FeatureName(std::string_view name)
      : alone_(feature_hash::fnv(feature_hash::kSeed, name)), joined_(feature_hash::fnv(alone_, "\x1f")) {}
  // The hash of the name alone, and of the name and the separator before a value.
  constexpr uint64_t alone() const { return alone_; }
  constexpr uint64_t joined() const { return joined_; }
  // The hash of the feature add(name, value) adds (its id is slot() of it),
  // and the hash add(name, first, …) reaches before its second value:
  // FeatureVector::add_after() goes on from either, for features whose name
  // and first value stay the same over many calls.
  constexpr uint64_t valued(std::string_view value) const { return feature_hash::fnv(joined_, value); }
  constexpr uint64_t with(std::string_view first) const { return feature_hash::fnv(valued(first), "\x1f"); }

 private:
  uint64_t alone_, joined_;
};

class FeatureVector {
 public:
  // Room for a typical candidate's features in one allocation: coreference
  // and the type model fill a new vector for each anaphor and mention, and
  // growing one from empty took four to six.
  FeatureVector() { ids_.reserve(64); }
  void clear() { ids_.clear(); }
  // (Inline: the attributor adds some fifty features for each candidate end,
  // coreference some twenty for each candidate antecedent.)
  void add(FeatureName name) { push(feature_hash::slot(name.alone())); }
  void add(FeatureName name, std::string_view value) { push(feature_hash::slot(name.valued(value))); }
  void add(FeatureName name, std::string_view value, std::string_view value2) {
    using feature_hash::fnv;
    push(feature_hash::slot(fnv(fnv(fnv(name.joined(), value), "\x1f"), value2)));
  }
  void add(FeatureName name, int64_t value) {
    char digits[24];
    add(name, decimal(value, digits));
  }
  // The same features as add(name, a + b + …) and add(name, a + …, c + …),
  // without building the joined strings.
  void add_parts(FeatureName name, std::initializer_list<std::string_view> value) {
    uint64_t h = name.joined();
    for (std::string_view part : value) h = feature_hash::fnv(h, part);
    push(feature_hash::slot(h));
  }
  void add_parts(FeatureName name, std::initializer_list<std::string_view> value,
                 std::initializer_list<std::string_view> value2) {
    uint64_t h = name.joined();
    for (std::string_view part : value) h = feature_hash::fnv(h, part);
    h = feature_hash::fnv(h, "\x1f");
    for (std::string_view part : value2) h = feature_hash::fnv(h, part);
    push(feature_hash::slot(h));
  }
  // The same feature as add_parts(name, {parts before…, rest…}) given
  // `prefix`, the hash add_parts reaches after the parts before (name.joined()
  // and them; "\x1f" is a part like any other): for a value whose first parts
  // are the same over many calls, hashed once.
  void add_after(uint64_t prefix, std::initializer_list<std::string_view> rest) {
    for (std::string_view part : rest) prefix = feature_hash::fnv(prefix, part);
    push(feature_hash::slot(prefix));
  }
  const std::vector<uint32_t>& ids() const { return ids_; }
  void append(const FeatureVector& other) { ids_.insert(ids_.end(), other.ids_.begin(), other.ids_.end()); }

  // The weights the features will be scored with (AttributionModel::table()),
  // or null. Each feature's weight is then fetched into the cache as the
  // feature is added, so that hashing the next features overlaps the memory
  // access: the score's sum over a megabyte table otherwise waited on each.
  void prefetch_from(const float* weights) { prefetch_ = weights; }

 private:
  void push(uint32_t id) {
    ids_.push_back(id);
    if (prefetch_) __builtin_prefetch(prefetch_ + id);
  }

  std::vector<uint32_t> ids_;
  const float* prefetch_ = nullptr;
};

class AttributionModel {
 public:
  // The model compiled into the library from data/attribution.bin. Throws
  // Error(kModel) when the build had none or it does not parse.
  static const AttributionModel& builtin();

  // Parses a model file; throws Error(kModel) naming the problem.
  static AttributionModel parse(std::string_view bytes);
  // The model file: deterministic bytes for equal models.
  std::string serialize() const;

  // Raw score (log-odds before calibration).
  float score(const std::vector<uint32_t>& features) const;
  // Calibrated probability that the candidate is right: sigmoid(a * score + b).
  float probability(const std::vector<uint32_t>& features) const;
  // Indirect candidates are reported when probability() >= threshold().
  float threshold() const { return threshold_; }
  // Score of a candidate content end; the attributor takes the highest.
  float end_score(const std::vector<uint32_t>& features) const;
  bool has_end_model() const { return has_end_; }
  // Score of a candidate content start; the attributor takes the highest.
  float start_score(const std::vector<uint32_t>& features) const;
  bool has_start_model() const { return has_start_; }
  // The weights score(), end_score() and start_score() read, by feature id
  // (for FeatureVector::prefetch_from()).
  enum class Table { kAcceptance, kEnd, kStart };
  const float* table(Table t) const {
    return (t == Table::kAcceptance ? weights_ : t == Table::kEnd ? end_weights_ : start_weights_).data();
  }

  // For the trainer.
  AttributionModel()
      : weights_(size_t{1} << kFeatureBits, 0.0f),
        end_weights_(size_t{1} << kFeatureBits, 0.0f),
        start_weights_(size_t{1} << kFeatureBits, 0.0f) {}
  std::vector<float>& weights() { return weights_; }
  std::vector<float>& end_weights() { return end_weights_; }
  void set_has_end_model(bool v) { has_end_ = v; }
  std::vector<float>& start_weights() { return start_weights_; }
  void set_has_start_model(bool v) { has_start_ = v; }
  void set_calibration(float a, float b) { scale_ = a, shift_ = b; }
  void set_threshold(float t) { threshold_ = t; }
  float scale() const { return scale_; }
  float shift() const { return shift_; }

 private:
  std::vector<float> weights_;
  std::vector<float> end_weights_;
  std::vector<float> start_weights_;
  bool has_end_ = false;
  bool has_start_ = false;
  float scale_ = 1.0f, shift_ = 0.0f;
  float threshold_ = 0.5f;
};

}  // namespace whosaid

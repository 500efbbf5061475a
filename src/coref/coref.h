// Speaker coreference: a learned mention-ranking model (docs/coref.md).
//
//   const FoldedWords folded(doc, lexicon);        // after segment()
//   std::vector<CorefMention> ms = coref_mentions(doc, lexicon, folded);  // after find_mentions()
//   const CorefModel& model = CorefModel::builtin();
//   for (size_t i = 0; i < ms.size(); ++i)
//     if (is_anaphor(ms[i])) int32_t ante = model.antecedent(ms, i, folded);  // -1: none
//
// Every pronoun ("he", "his", "I", "you", "who" …) and nominal ("the
// company", "the prime minister") is an anaphor. Its candidates are the
// kMaxCandidates mentions before it, and "none". Each pair (anaphor,
// candidate) is described by sparse hashed features — gender, number and
// person agreement, distance in sentences, paragraphs and mentions, the
// candidate's kind and salience (subject, how often its head was seen), head
// match for nominals, quotation marks — and the candidate with the highest
// score wins; "none" has features of its own. The weights are an averaged
// perceptron trained on GUM coreference (coref/trainer.h, `whosaid train
// coref`) and shipped as data/coref.bin, compiled in for builtin().
//
// A CorefModel is immutable after parse() and safe to share across threads.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

#include "attribution/model.h"
#include "core/folded.h"
#include "core/lexicon.h"
#include "core/packed_weights.h"
#include "whosaid/document.h"

namespace whosaid {

// Grammatical person and number of a pronoun, or what else a mention is.
enum class CorefForm : uint8_t {
  kName, kOrganisation, kNominal,   // not pronouns
  kFirstSingular,   // I me my mine myself
  kFirstPlural,     // we us our ours ourselves
  kSecond,          // you your yours yourself yourselves
  kMale, kFemale, kNeuter, kThirdPlural,  // he … / she … / it … / they …
  kRelative,        // who whom whose
};

struct CorefMention {
  uint32_t first_token = 0, end_token = 0;
  uint32_t sentence = 0, paragraph = 0;
  int32_t doc_mention = -1;  // index into Document::mentions, -1 if found here
  // The token of the head, the last word ("company", "key", "he"; of the name
  // for "Mr Key's"): head() is its folded form. A token index rather than a
  // view into the FoldedWords keeps a mention at 32 bytes; there is one for
  // every few bytes of text dense with names.
  uint32_t head_token = 0;
  CorefForm form = CorefForm::kName;
  Gender gender = Gender::kUnknown;
  // One bit each: there is a CorefMention for every few bytes of dense text.
  bool in_quote : 1 = false;
  bool subject : 1 = false;      // the first mention of its sentence outside quotation marks
  bool possessive : 1 = false;   // his, her, their, 's
  bool source : 1 = false;       // the source of an attribution ("X said"); set by the caller
  bool definite : 1 = false;     // opens with the/this/that/these/those
  bool indefinite : 1 = false;   // opens with, or follows, a/an ("Lopez, a Democrat")
  bool org_head : 1 = false;     // the head names a body ("company", "ministry": the lexicon's org_head)
  bool question : 1 = false;     // its paragraph ends in "?" (an interviewer's turn)
  bool head_drops_s : 1 = false; // the head token ends in "'s" that head() leaves out
  uint32_t head_count = 0;   // earlier mentions with the same head word (salience)

  // The folded head word, a view into `words` (the FoldedWords given to
  // coref_mentions()).
  std::string_view head(const FoldedWords& words) const {
    std::string_view h = words[head_token];
    if (head_drops_s) h.remove_suffix(2);
    return h;
  }
};
static_assert(sizeof(CorefMention) <= 32, "CorefMention is kept small: dense text has one every few bytes");

inline bool is_pronoun(CorefForm f) { return f >= CorefForm::kFirstSingular; }
// Pronouns and definite nominals are resolved; names start or join entities by their words.
// Indefinite nominals ("a spokesman for the ministry", "a report") introduce.
inline bool is_anaphor(const CorefMention& m) {
  return is_pronoun(m.form) || (m.form == CorefForm::kNominal && m.definite);
}

// The mentions coreference works on, in text order: doc.mentions (names,
// roles, organisations, the pronouns he/she/they/it/we/I/who) plus every other
// personal and possessive pronoun ("his", "you", "me") and definite nominal
// ("the company", "the researcher": a head from the lexicon's nominal, role
// and organisation classes) not already covered.
std::vector<CorefMention> coref_mentions(const Document& doc, const Lexicon& lexicon, const FoldedWords& folded);

// Gender and number agreement of an anaphor and a candidate: 0 unknown, 1
// agree, 2 disagree (the "g" feature's u, y, n).
inline uint32_t agreement_index(Gender anaphor, Gender candidate) {
  if (anaphor == Gender::kUnknown || candidate == Gender::kUnknown) return 0;
  return anaphor == candidate ? 1 : 2;
}

// The mentions between a candidate and its anaphor, counted by form and
// agreement with the anaphor: a candidate's rank among the closer ones.
class CloserMentions {
 public:
  void add(const CorefMention& anaphor, const CorefMention& m) {
    ++count_[static_cast<size_t>(m.form)][agreement_index(anaphor.gender, m.gender)];
    source_ = source_ || m.source;
  }
  // How many of them have the candidate's form and agree with the anaphor as
  // it does.
  uint32_t rank(const CorefMention& anaphor, const CorefMention& candidate) const {
    return count_[static_cast<size_t>(candidate.form)][agreement_index(anaphor.gender, candidate.gender)];
  }
  // Whether the candidate is the source of the latest attribution before the
  // anaphor (none of them is one).
  bool latest_source(const CorefMention& candidate) const { return candidate.source && !source_; }

 private:
  static constexpr size_t kForms = static_cast<size_t>(CorefForm::kRelative) + 1;
  uint32_t count_[kForms][3] = {};
  bool source_ = false;
};

class CorefModel {
 public:
  static constexpr size_t kMaxCandidates = 40;

  // The model compiled in from data/coref.bin. Throws Error(kModel) if the
  // build had none or it does not parse.
  static const CorefModel& builtin();
  static CorefModel parse(std::string_view bytes);
  std::string serialize() const;  // deterministic bytes

  // The antecedent of mentions[i] among the candidates before it, or -1.
  // `words` are the FoldedWords the mentions were found with.
  int32_t antecedent(const std::vector<CorefMention>& mentions, size_t i, const FoldedWords& words) const {
    return antecedent(mentions, i, words, [](size_t) { return false; });
  }
  // The same, never choosing a candidate j for which skip(j) holds (what the
  // caller knows that the mentions do not say: "Google" is a firm, no "he").
  template <typename Skip>
  int32_t antecedent(const std::vector<CorefMention>& mentions, size_t i, const FoldedWords& words, Skip skip) const {
    FeatureVector f;  // "none"'s features, then each candidate's
    none_features(mentions, i, words, f);
    return best_above(mentions, i, words, skip, score(f.ids()), f);
  }

  // The best-scoring candidate for mentions[i] that skip(j) lets through,
  // "none" left out: for an anaphor known to have an antecedent. -1 if none.
  template <typename Skip>
  int32_t best_candidate(const std::vector<CorefMention>& mentions, size_t i, const FoldedWords& words,
                         Skip skip) const {
    FeatureVector f;
    return best_above(mentions, i, words, skip, -std::numeric_limits<float>::infinity(), f);
  }

  // Features of candidate j for anaphor i (j < i), and of "none".
  static void pair_features(const std::vector<CorefMention>& mentions, size_t i, size_t j, const FoldedWords& words,
                            FeatureVector& out);
  // The hashes of the anaphor's side of its pair features (the feature name
  // and the anaphor's values), the same for every candidate.
  struct AnaphorHashes {
    AnaphorHashes(const CorefMention& anaphor, const FoldedWords& words);
    uint64_t bias, ac, ac_pd, ac_sd, a_md, g, q, subj, dlg, src, last_src, c_indef, poss, cnt, pp, nh, ncls, rank;
  };
  // The same, given the anaphor's hashes and the mentions between j and i
  // (counted while antecedent() walks back, not rescanned per candidate).
  static void pair_features(const AnaphorHashes& anaphor, const CloserMentions& closer,
                            const std::vector<CorefMention>& mentions, size_t i, size_t j, const FoldedWords& words,
                            FeatureVector& out);
  static void none_features(const std::vector<CorefMention>& mentions, size_t i, const FoldedWords& words,
                            FeatureVector& out);
  // First candidate index considered for anaphor i.
  static size_t first_candidate(size_t i) { return i > kMaxCandidates ? i - kMaxCandidates : 0; }
  // Whether mention j may be the antecedent of i at all: a pronoun inside a
  // quotation speaks from the quoted person's side, so it is no candidate
  // for a pronoun outside ("It's a tragedy that he didn't." He said …).
  // Nor is a candidate whose gender contradicts "he", "she" or "it" (all
  // three known: male, female, neuter; "they" and "we" are left to the model).
  static bool allowed(const CorefMention& anaphor, const CorefMention& candidate) {
    if (candidate.in_quote && !anaphor.in_quote && is_pronoun(candidate.form)) return false;
    const bool singular = anaphor.form == CorefForm::kMale || anaphor.form == CorefForm::kFemale ||
                          anaphor.form == CorefForm::kNeuter;
    const Gender g = candidate.gender;
    const bool known = g == Gender::kMale || g == Gender::kFemale || g == Gender::kNeuter;
    return !(singular && known && g != anaphor.gender);
  }

  float score(const std::vector<uint32_t>& features) const;
  // For the trainer. A model parse() read scores with a packed copy of its
  // table (core/packed_weights.h: 4k weights in 2^18 slots fit the cache
  // that the dense megabyte did not); asking for the table to change drops it.
  CorefModel() : weights_(size_t{1} << kFeatureBits, 0.0f) {}
  std::vector<float>& weights() {
    packed_ = {};
    return weights_;
  }
  const std::vector<float>& weights() const { return weights_; }

 private:
  // The allowed candidate j that skip(j) lets through with the highest score
  // above `floor`, or -1. `f` is scratch for the candidates' features.
  template <typename Skip>
  int32_t best_above(const std::vector<CorefMention>& mentions, size_t i, const FoldedWords& words, Skip skip,
                     float floor, FeatureVector& f) const {
    float best = floor;
    int32_t best_j = -1;
    const AnaphorHashes anaphor(mentions[i], words);
    CloserMentions closer;  // the mentions between candidate j and the anaphor
    for (size_t j = i; j-- > first_candidate(i);) {
      if (allowed(mentions[i], mentions[j]) && !skip(j)) {
        f.clear();
        pair_features(anaphor, closer, mentions, i, j, words, f);
        const float s = score(f.ids());
        if (s > best) best = s, best_j = static_cast<int32_t>(j);
      }
      closer.add(mentions[i], mentions[j]);
    }
    return best_j;
  }

  std::vector<float> weights_;
  core_detail::PackedWeights<float> packed_;  // of weights_, once parse() read them
};

}  // namespace whosaid

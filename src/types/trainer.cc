#include "types/trainer.h"

#include <random>

#include "core/utf8.h"
#include "coref/gum_conll.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

bool is_pronoun_word(const Lexicon& lex, std::string_view folded) {
  for (WordClass c : {WordClass::kPronounM, WordClass::kPronounF, WordClass::kPronounPlural, WordClass::kPronounNeuter,
                      WordClass::kPronounFirst, WordClass::kPronounRelative})
    if (lex.is(c, folded)) return true;
  return folded == "you" || folded == "your" || folded == "yourself" || folded == "mine" || folded == "myself";
}

EntityType label(const std::string& gum_type, std::string_view head, const Lexicon& lex) {
  if (gum_type == "person") return EntityType::kPerson;
  if (gum_type == "organization") return EntityType::kOrganisation;
  if ((gum_type == "abstract" || gum_type == "object") && lex.is(WordClass::kDocument, head)) return EntityType::kDocument;
  return EntityType::kOther;
}

}  // namespace

std::vector<TypeExample> read_gum_types(const std::string& conll_path, const Lexicon& lex) {
  std::vector<TypeExample> out;
  std::vector<std::string_view> words;
  std::string head;
  FeatureVector f;
  for (const ConllDocument& d : read_gum_conll(conll_path)) {
    for (const GoldMention& g : d.mentions) {
      words.clear();
      for (uint32_t t = g.first; t <= g.last && t < d.forms.size(); ++t) words.push_back(d.forms[t]);
      if (words.empty()) continue;
      head_phrase(words);
      const std::vector<std::string_view>& phrase = words;
      utf8::fold(phrase.back(), head);
      if (phrase.size() == 1 && is_pronoun_word(lex, head)) continue;  // pronouns are not typed
      f.clear();
      type_features(phrase, lex, f);
      out.push_back({f.ids(), label(g.type, head, lex)});
    }
  }
  if (out.empty()) throw Error(ErrorCode::kBadInput, conll_path + ": no mentions");
  return out;
}

uint64_t TypeScores::total() const {
  uint64_t n = 0;
  for (const auto& row : confusion)
    for (uint64_t v : row) n += v;
  return n;
}

uint64_t TypeScores::right() const {
  uint64_t n = 0;
  for (size_t c = 0; c < kEntityTypes; ++c) n += confusion[c][c];
  return n;
}

double TypeScores::precision(EntityType t) const {
  const size_t c = static_cast<size_t>(t);
  uint64_t predicted = 0;
  for (size_t g = 0; g < kEntityTypes; ++g) predicted += confusion[g][c];
  return predicted ? static_cast<double>(confusion[c][c]) / static_cast<double>(predicted) : 0;
}

double TypeScores::recall(EntityType t) const {
  const size_t c = static_cast<size_t>(t);
  uint64_t gold = 0;
  for (uint64_t v : confusion[c]) gold += v;
  return gold ? static_cast<double>(confusion[c][c]) / static_cast<double>(gold) : 0;
}

TypeScores score_types(const TypeModel& model, const std::vector<TypeExample>& examples) {
  TypeScores s;
  for (const TypeExample& e : examples)
    ++s.confusion[static_cast<size_t>(e.type)][static_cast<size_t>(model.classify(e.features))];
  return s;
}

TypeModel train_types(const std::vector<TypeExample>& train, const std::vector<TypeExample>& dev,
                      const TypeTrainOptions& options, TypeTrainReport* report) {
  if (train.empty()) throw Error(ErrorCode::kBadInput, "types training: no examples");
  const size_t n = (size_t{1} << kFeatureBits) * kEntityTypes;
  std::vector<double> w(n, 0.0), u(n, 0.0);  // weights [slot * types + type], and their time-weighted sums
  double c = 1;
  auto averaged = [&] {
    TypeModel m;
    for (size_t k = 0; k < n; ++k) m.rows()[k / kEntityTypes][k % kEntityTypes] = static_cast<float>(w[k] - u[k] / c);
    return m;
  };
  std::vector<size_t> order(train.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937 rng(options.seed);
  TypeModel best;
  double best_acc = -1;
  int best_epoch = 0;
  for (int epoch = 1; epoch <= options.max_epochs; ++epoch) {
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    for (size_t idx : order) {
      const TypeExample& ex = train[idx];
      double score[kEntityTypes] = {};
      for (uint32_t id : ex.features)
        for (size_t t = 0; t < kEntityTypes; ++t) score[t] += w[id * kEntityTypes + t];
      size_t pred = 0;
      for (size_t t = 1; t < kEntityTypes; ++t)
        if (score[t] > score[pred]) pred = t;
      const size_t gold = static_cast<size_t>(ex.type);
      if (pred != gold)
        for (uint32_t id : ex.features) {
          w[id * kEntityTypes + gold] += 1, u[id * kEntityTypes + gold] += c;
          w[id * kEntityTypes + pred] -= 1, u[id * kEntityTypes + pred] -= c;
        }
      ++c;
    }
    TypeModel m = averaged();
    const double acc = score_types(m, dev.empty() ? train : dev).accuracy();
    if (acc > best_acc) best_acc = acc, best_epoch = epoch, best = std::move(m);
  }
  if (report) {
    report->examples = train.size();
    report->epochs = best_epoch;
    report->dev_accuracy = best_acc;
  }
  return best;
}

}  // namespace whosaid

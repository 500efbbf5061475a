#include "attribution/trainer.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <random>

#include "core/lexicon.h"
#include "pipeline/pipeline.h"
#include "tagger/tagger.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

double sigmoid(double z) { return 1.0 / (1.0 + std::exp(-z)); }

// Fisher-Yates with the generator's raw output: the same order on every
// standard library (std::shuffle's use of the generator is unspecified).
void shuffle(std::vector<uint32_t>& order, std::mt19937& rng) {
  for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[rng() % i]);
}

// Platt scaling: a, b minimising the log loss of sigmoid(a z + b) against
// Platt's smoothed targets, with a weak prior towards a = 1, b = 0 so that
// small or separable data cannot drive them to infinity. Newton's method.
void fit_platt(const std::vector<double>& z, const std::vector<bool>& y, float& a_out, float& b_out) {
  double pos = 0;
  for (bool v : y) pos += v;
  const double neg = static_cast<double>(y.size()) - pos;
  const double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
  constexpr double kPrior = 1.0;
  double a = 1, b = 0;
  for (int it = 0; it < 100; ++it) {
    double ga = kPrior * (a - 1), gb = kPrior * b, haa = kPrior, hab = 0, hbb = kPrior;
    for (size_t i = 0; i < z.size(); ++i) {
      const double p = sigmoid(a * z[i] + b), d = p - (y[i] ? hi : lo), w = p * (1 - p);
      ga += d * z[i];
      gb += d;
      haa += w * z[i] * z[i];
      hab += w * z[i];
      hbb += w;
    }
    const double det = haa * hbb - hab * hab;
    const double da = (hbb * ga - hab * gb) / det, db = (haa * gb - hab * ga) / det;
    a -= da;
    b -= db;
    if (std::abs(da) + std::abs(db) < 1e-9) break;
  }
  a_out = static_cast<float>(a);
  b_out = static_cast<float>(b);
}

}  // namespace

AttributionTrainer::AttributionTrainer(AttributionTrainOptions options) : options_(options) {}

void AttributionTrainer::add(const eval::GoldDocument& gold) { documents_.push_back(gold); }

std::vector<const AttributionTrainer::Example*> AttributionTrainer::training_set(const std::vector<Example>& examples,
                                                                                int folds, int held_out) {
  std::vector<const Example*> set;
  for (const Example& ex : examples)
    if (held_out < 0 || static_cast<int>(ex.document % folds) != held_out) set.push_back(&ex);
  return set;
}

void AttributionTrainer::ChoiceSet::add(uint32_t document, const std::vector<std::vector<uint32_t>>& features,
                                        size_t rule, const std::function<bool(size_t)>& right) {
  const size_t first = examples.size();
  bool any = false;
  for (size_t k = 0; k < features.size(); ++k) {
    Example ex;
    ex.features = features[k];
    ex.document = document;
    ex.label = right(k);
    any = any || ex.label;
    examples.push_back(std::move(ex));
  }
  if (!any) {
    examples.resize(first);
    return;
  }
  groups.push_back({first, examples.size()});
  rules.push_back(first + rule);
}

AttributionTrainer::ChoiceScore AttributionTrainer::fit_choice(
    std::vector<float>& weights, const ChoiceSet& set, int folds,
    const std::function<float(const std::vector<uint32_t>&)>& score) const {
  ChoiceScore out;
  for (int fold = 0; fold < folds; ++fold) {
    fit(weights, training_set(set.examples, folds, fold));
    out.fold_weights.push_back(weights);
    for (size_t c = 0; c < set.groups.size(); ++c) {
      const auto [begin, end] = set.groups[c];
      if (static_cast<int>(set.examples[begin].document % folds) != fold) continue;
      out.rule_right += set.examples[set.rules[c]].label;
      size_t best = begin;
      float best_score = 0;
      for (size_t k = begin; k < end; ++k) {
        const float sc = score(set.examples[k].features);
        if (k == begin || sc > best_score) best = k, best_score = sc;
      }
      out.model_right += set.examples[best].label;
    }
  }
  fit(weights, training_set(set.examples, folds, -1));
  return out;
}

void AttributionTrainer::fit(std::vector<float>& w, const std::vector<const Example*>& examples) const {
  // The mean of fits over several example orders: the weights depend less
  // on the order of one pass (a different seed moved dev F1 by half a point).
  const int runs = std::max(1, options_.orders);
  std::vector<float> sum(w.size(), 0.0f);
  for (int run = 0; run < runs; ++run) {
    fit_once(w, examples, options_.seed + static_cast<uint32_t>(run));
    for (size_t i = 0; i < w.size(); ++i) sum[i] += w[i];
  }
  for (size_t i = 0; i < w.size(); ++i) w[i] = sum[i] / static_cast<float>(runs);
}

void AttributionTrainer::fit_once(std::vector<float>& w, const std::vector<const Example*>& examples,
                                  uint32_t seed) const {
  std::fill(w.begin(), w.end(), 0.0f);
  std::vector<float> g2(w.size(), 0.0f);
  std::vector<uint32_t> order(examples.size());
  for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
  std::mt19937 rng(seed);
  for (int epoch = 0; epoch < options_.epochs; ++epoch) {
    shuffle(order, rng);
    for (uint32_t i : order) {
      const Example& ex = *examples[i];
      double z = 0;
      for (uint32_t f : ex.features) z += w[f];
      const float grad = static_cast<float>(sigmoid(z) - (ex.label ? 1.0 : 0.0));
      for (uint32_t f : ex.features) {
        const float gf = grad + options_.l2 * w[f];
        g2[f] += gf * gf;
        w[f] -= options_.learning_rate * gf / std::sqrt(g2[f] + 1e-6f);
      }
    }
  }
}

AttributionModel AttributionTrainer::train(AttributionTrainReport* report) const {
  const Lexicon& lex = Lexicon::builtin();
  const Tagger& tagger = Tagger::builtin();
  const ExtractorOptions options;
  AttributionModel model;
  uint64_t gold_total = 0;
  for (const eval::GoldDocument& g : documents_) gold_total += g.attributions.size();

  const int folds = std::max(2, options_.folds);
  // 0. Content starts, from a run with the rules' starts and ends.
  ChoiceSet starts;
  for (uint32_t d = 0; d < documents_.size(); ++d) {
    const eval::GoldDocument& gold = documents_[d];
    Document doc(gold.text, gold.id);
    std::vector<CandidateTrace> trace;
    run_pipeline(doc, lex, &tagger, options, nullptr, &trace, true);
    const std::string_view text = doc.text();
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
      const CandidateTrace& t = trace[i];
      if (t.start_bytes.size() < 2) continue;
      const uint32_t end = doc.quotes[i].spans.back().end;
      const Span widest{*std::min_element(t.start_bytes.begin(), t.start_bytes.end()), end};
      // Right: starts where a fragment of an overlapping annotation starts.
      starts.add(d, t.start_features, 0, [&](size_t k) {
        const uint32_t begin = eval::trim_for_exact_match(text, Span{t.start_bytes[k], end}).begin;
        for (const eval::GoldAttribution& g : gold.attributions)
          for (const Span& frag : g.content)
            if (frag.overlaps(widest) && eval::trim_for_exact_match(text, frag).begin == begin) return true;
        return false;
      });
    }
  }
  const ChoiceScore start_score = fit_choice(model.start_weights(), starts, folds, [&](const std::vector<uint32_t>& f) {
    return model.start_score(f);
  });
  model.set_has_start_model(!starts.examples.empty());

  // 1. Content ends, from a run with the fitted starts and the rules' ends.
  ChoiceSet ends;
  for (uint32_t d = 0; d < documents_.size(); ++d) {
    const eval::GoldDocument& gold = documents_[d];
    Document doc(gold.text, gold.id);
    std::vector<CandidateTrace> trace;
    run_pipeline(doc, lex, &tagger, options, &model, &trace, true);
    const std::string_view text = doc.text();
    std::vector<uint32_t> gold_ends;
    for (const eval::GoldAttribution& g : gold.attributions)
      gold_ends.push_back(eval::trim_for_exact_match(text, g.content.back()).end);
    for (size_t i = 0; i < doc.quotes.size(); ++i) {
      const CandidateTrace& t = trace[i];
      if (t.end_bytes.size() < 2) continue;
      const uint32_t begin = doc.quotes[i].spans.back().begin;
      const Span widest{begin, *std::max_element(t.end_bytes.begin(), t.end_bytes.end())};
      size_t rule = 0;
      for (size_t k = 0; k < t.end_bytes.size(); ++k)
        if (t.end_bytes[k] == doc.quotes[i].spans.back().end) rule = k;
      // Right: ends where the last fragment of an overlapping annotation ends.
      ends.add(d, t.end_features, rule, [&](size_t k) {
        const uint32_t end = eval::trim_for_exact_match(text, Span{begin, t.end_bytes[k]}).end;
        for (size_t g = 0; g < gold.attributions.size(); ++g)
          if (gold_ends[g] == end && gold.attributions[g].content.back().overlaps(widest)) return true;
        return false;
      });
    }
  }
  const ChoiceScore end_score = fit_choice(model.end_weights(), ends, folds, [&](const std::vector<uint32_t>& f) {
    return model.end_score(f);
  });
  model.set_has_end_model(!ends.examples.empty());

  // 2. Acceptance, from a run with the fitted ends (and, for the
  // out-of-fold scores, runs with the starts and ends fitted without the fold).
  std::vector<Example> examples;
  const auto add_examples = [&](const AttributionModel& m, int fold, std::vector<Example>& out) {
    for (uint32_t d = 0; d < documents_.size(); ++d) {
      if (fold >= 0 && static_cast<int>(d % folds) != fold) continue;
      const eval::GoldDocument& gold = documents_[d];
      Document doc(gold.text, gold.id);
      std::vector<CandidateTrace> trace;
      run_pipeline(doc, lex, &tagger, options, &m, &trace, true);
      const eval::CharCounter counter(doc.text());
      for (size_t i = 0; i < doc.quotes.size(); ++i) {
        const Quote& q = doc.quotes[i];
        const std::vector<Span> content = eval::predicted_content(q);
        if (eval::in_discard(counter, content, gold.discard)) continue;
        Example ex;
        ex.features = std::move(trace[i].features);
        ex.document = d;
        ex.gated = q.kind == QuoteKind::kIndirect || trace[i].gated;
        for (size_t g = 0; g < gold.attributions.size() && !ex.label; ++g)
          ex.label = eval::content_jaccard(counter, gold.attributions[g].content, content) >= eval::kMinJaccard &&
                     eval::speaker_correct(doc.text(), gold.attributions[g], q);
        out.push_back(std::move(ex));
      }
    }
  };
  add_examples(model, -1, examples);
  // Each fold's candidates, from a run with the start and end weights fitted
  // without that fold (ChoiceScore::fold_weights): the out-of-fold acceptance
  // scores then see ends and starts that were not fitted on the article.
  std::vector<Example> held_out;
  {
    AttributionModel fold_model = model;
    for (int k = 0; k < folds; ++k) {
      fold_model.start_weights() = start_score.fold_weights[k];
      fold_model.end_weights() = end_score.fold_weights[k];
      add_examples(fold_model, k, held_out);
    }
  }
  uint64_t positives = 0, gated = 0;
  for (const Example& ex : examples) {
    positives += ex.label;
    gated += ex.gated;
  }
  if (examples.empty() || positives == 0)
    throw Error(ErrorCode::kBadInput, "train attribution: no candidate matches the annotation (" +
                                          std::to_string(examples.size()) + " candidates in " +
                                          std::to_string(documents_.size()) + " documents)");
  // Out-of-fold scores.
  std::vector<double> oof(held_out.size(), 0.0);
  for (int k = 0; k < folds; ++k) {
    fit(model.weights(), training_set(examples, folds, k));
    for (size_t i = 0; i < held_out.size(); ++i)
      if (static_cast<int>(held_out[i].document % folds) == k) oof[i] = model.score(held_out[i].features);
  }
  std::vector<bool> labels(held_out.size());
  for (size_t i = 0; i < held_out.size(); ++i) labels[i] = held_out[i].label;
  float a = 1, b = 0;
  fit_platt(oof, labels, a, b);
  // The threshold for indirect candidates that maximises F1 of right
  // attributions; the others are always reported.
  uint64_t fixed_tp = 0, fixed_n = 0;
  std::vector<std::pair<double, bool>> open;  // calibrated probability, label
  for (size_t i = 0; i < held_out.size(); ++i) {
    if (!held_out[i].gated) {
      ++fixed_n;
      fixed_tp += held_out[i].label;
    } else {
      open.push_back({sigmoid(a * oof[i] + b), held_out[i].label});
    }
  }
  std::sort(open.begin(), open.end(), [](const auto& x, const auto& y) { return x.first > y.first; });
  // F1 is flat near its best: the threshold is the centre of the best window
  // of seven steps (±0.03), not the single best step, which any small change
  // of the candidates moves across the plateau.
  constexpr int kSteps = 99, kHalfWindow = 3;
  std::array<double, kSteps + 1> f1s{}, ps{}, rs{};  // by step: threshold step / 100
  uint64_t tp = fixed_tp, n = fixed_n;
  size_t i = 0;
  for (int step = kSteps; step >= 1; --step) {  // thresholds 0.99, 0.98 … 0.01
    const double t = step / 100.0;
    while (i < open.size() && open[i].first >= t) {
      tp += open[i].second;
      ++n;
      ++i;
    }
    ps[step] = n ? static_cast<double>(tp) / n : 0;
    rs[step] = gold_total ? static_cast<double>(tp) / gold_total : 0;
    f1s[step] = ps[step] + rs[step] > 0 ? 2 * ps[step] * rs[step] / (ps[step] + rs[step]) : 0;
  }
  double best_window = -1, best_f1 = 0, best_p = 0, best_r = 0;
  float best_t = 0.5f;
  for (int step = kSteps; step >= 1; --step) {
    double sum = 0;
    int count = 0;
    for (int k = std::max(1, step - kHalfWindow); k <= std::min(kSteps, step + kHalfWindow); ++k) sum += f1s[k], ++count;
    if (sum / count > best_window)
      best_window = sum / count, best_f1 = f1s[step], best_p = ps[step], best_r = rs[step],
      best_t = static_cast<float>(step / 100.0);
  }
  // The shipped model: fitted on every document.
  fit(model.weights(), training_set(examples, folds, -1));
  model.set_calibration(a, b);
  model.set_threshold(best_t);
  if (report) {
    report->documents = documents_.size();
    report->gold = gold_total;
    report->end_choices = ends.groups.size();
    report->end_rule_right = end_score.rule_right;
    report->end_model_right = end_score.model_right;
    report->start_choices = starts.groups.size();
    report->start_rule_right = start_score.rule_right;
    report->start_model_right = start_score.model_right;
    report->candidates = examples.size();
    report->positives = positives;
    report->gated_candidates = gated;
    report->oof_precision = best_p;
    report->oof_recall = best_r;
    report->oof_f1 = best_f1;
    report->threshold = best_t;
    report->scale = a;
    report->shift = b;
  }
  return model;
}

}  // namespace whosaid

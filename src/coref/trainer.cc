#include "coref/trainer.h"

#include "coref/gum_conll.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <unordered_map>

#include "core/lexicon.h"
#include "cues/cue_finder.h"
#include "layout/layout.h"
#include "mentions/mention_finder.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

struct GumText {
  std::string text;
  std::vector<Span> sources;  // attribution sources, byte offsets
};

std::unordered_map<std::string, GumText> read_texts(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open");
  std::unordered_map<std::string, GumText> texts;
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    const nlohmann::json j = nlohmann::json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.contains("id") || !j.contains("text"))
      throw Error(ErrorCode::kBadInput, path + ": a line without id and text");
    GumText& t = texts[j["id"].get<std::string>()];
    t.text = j["text"].get<std::string>();
    // Code point offsets to bytes.
    std::vector<uint32_t> byte_at;
    for (uint32_t b = 0; b < t.text.size(); ++b)
      if ((static_cast<unsigned char>(t.text[b]) & 0xC0) != 0x80) byte_at.push_back(b);
    byte_at.push_back(static_cast<uint32_t>(t.text.size()));
    if (j.contains("attributions"))
      for (const auto& a : j["attributions"])
        if (a.contains("source"))
          for (const auto& frag : a["source"]) {
            const size_t b = frag[0].get<size_t>(), e = frag[1].get<size_t>();
            if (b < e && e < byte_at.size()) t.sources.push_back({byte_at[b], byte_at[e]});
          }
  }
  return texts;
}

CorefDocument build(const ConllDocument& cd, const GumText& gum) {
  const std::string& text = gum.text;
  // Byte span of each gold token in the text.
  std::vector<Span> at(cd.forms.size());
  size_t pos = 0;
  for (size_t t = 0; t < cd.forms.size(); ++t) {
    while (pos < text.size() && (text[pos] == ' ' || text[pos] == '\n' || text[pos] == '\t')) ++pos;
    const std::string& f = cd.forms[t];
    size_t p = text.compare(pos, f.size(), f) == 0 ? pos : text.find(f, pos);
    if (p == std::string::npos || p > pos + 200) {
      at[t] = {static_cast<uint32_t>(pos), static_cast<uint32_t>(pos)};
      continue;
    }
    at[t] = {static_cast<uint32_t>(p), static_cast<uint32_t>(p + f.size())};
    pos = p + f.size();
  }
  const Lexicon& lex = Lexicon::builtin();
  Document doc(text, cd.id);
  segment(doc);
  mark_layout(doc, lex);
  find_quotes(doc);
  split_sentences(doc, lex);
  find_cues(doc, lex);
  CorefDocument out;
  out.id = cd.id;
  out.folded = std::make_shared<const FoldedWords>(doc, lex);
  const FoldedWords& fw = *out.folded;
  find_mentions(doc, lex, fw);
  out.mentions = coref_mentions(doc, lex, fw);
  out.entity.assign(out.mentions.size(), -1);
  for (size_t i = 0; i < out.mentions.size(); ++i) {
    const Span head = doc.tokens[out.mentions[i].end_token - 1].span;
    for (const Span& src : gum.sources) out.mentions[i].source |= src.begin <= head.begin && head.end <= src.end;
    uint32_t best_size = UINT32_MAX;
    for (const GoldMention& g : cd.mentions) {
      const uint32_t b = at[g.first].begin, e = at[g.last].end;
      if (b <= head.begin && head.end <= e && e - b < best_size) {
        best_size = e - b;
        out.entity[i] = g.entity;
      }
    }
  }
  return out;
}

struct Example {
  std::vector<std::vector<uint32_t>> options;  // [0] is "none", then candidates nearest first
  std::vector<uint8_t> right;
};

std::vector<Example> examples(const std::vector<CorefDocument>& docs) {
  std::vector<Example> out;
  FeatureVector f;
  for (const CorefDocument& d : docs) {
    for (size_t i = 0; i < d.mentions.size(); ++i) {
      if (!is_anaphor(d.mentions[i])) continue;
      Example ex;
      f.clear();
      CorefModel::none_features(d.mentions, i, *d.folded, f);
      ex.options.push_back(f.ids());
      bool any = false;
      for (size_t j = i; j-- > CorefModel::first_candidate(i);) {
        if (!CorefModel::allowed(d.mentions[i], d.mentions[j])) continue;
        f.clear();
        CorefModel::pair_features(d.mentions, i, j, *d.folded, f);
        ex.options.push_back(f.ids());
        const bool r = d.entity[i] >= 0 && d.entity[j] == d.entity[i];
        ex.right.push_back(r);
        any |= r;
      }
      ex.right.insert(ex.right.begin(), !any);
      out.push_back(std::move(ex));
    }
  }
  return out;
}

}  // namespace

std::vector<CorefDocument> read_gum_coref(const std::string& conll_path, const std::string& jsonl_path) {
  const std::vector<ConllDocument> conll = read_gum_conll(conll_path);
  const auto texts = read_texts(jsonl_path);
  std::vector<CorefDocument> docs;
  for (const ConllDocument& cd : conll) {
    auto it = texts.find(cd.id);
    if (it == texts.end()) throw Error(ErrorCode::kBadInput, jsonl_path + ": no text for document " + cd.id);
    docs.push_back(build(cd, it->second));
  }
  return docs;
}

CorefScores score_coref(const CorefModel& model, const std::vector<CorefDocument>& docs) {
  CorefScores s;
  for (const CorefDocument& d : docs) {
    for (size_t i = 0; i < d.mentions.size(); ++i) {
      const CorefMention& a = d.mentions[i];
      if (!is_anaphor(a) || d.entity[i] < 0) continue;
      bool has = false;
      for (size_t j = CorefModel::first_candidate(i); j < i; ++j)
        has |= d.entity[j] == d.entity[i] && CorefModel::allowed(a, d.mentions[j]);
      const int32_t p = model.antecedent(d.mentions, i, *d.folded);
      const bool right = has ? p >= 0 && d.entity[p] == d.entity[i] : p < 0;
      if (a.form == CorefForm::kNominal) {
        ++s.nominals;
        s.nominals_right += right;
        continue;
      }
      ++s.pronouns;
      s.pronouns_right += right;
      (has ? s.with_antecedent : s.without) += 1;
      (has ? s.with_antecedent_right : s.without_right) += right;
    }
  }
  return s;
}

namespace {

// One averaged perceptron over the examples in the order `seed` gives; the
// epoch with the best dev accuracy is kept.
CorefModel train_one(const std::vector<Example>& exs, const std::vector<CorefDocument>& tune, int max_epochs,
                     uint32_t seed, int* chosen_epoch) {
  const size_t n = size_t{1} << kFeatureBits;
  std::vector<double> w(n, 0.0), u(n, 0.0);  // weights, and their time-weighted sums (averaging)
  double c = 1;
  auto score = [&](const std::vector<uint32_t>& f) {
    double z = 0;
    for (uint32_t id : f) z += w[id];
    return z;
  };
  auto averaged = [&] {
    CorefModel m;
    for (size_t k = 0; k < n; ++k) m.weights()[k] = static_cast<float>(w[k] - u[k] / c);
    return m;
  };
  std::vector<size_t> order(exs.size());
  for (size_t k = 0; k < order.size(); ++k) order[k] = k;
  std::mt19937 rng(seed);
  CorefModel best;
  double best_acc = -1;
  for (int epoch = 1; epoch <= max_epochs; ++epoch) {
    for (size_t k = order.size(); k > 1; --k) std::swap(order[k - 1], order[rng() % k]);
    for (size_t idx : order) {
      const Example& ex = exs[idx];
      size_t pred = 0, gold = SIZE_MAX;
      double pred_s = -1e300, gold_s = -1e300;
      for (size_t o = 0; o < ex.options.size(); ++o) {
        const double s = score(ex.options[o]);
        if (s > pred_s) pred_s = s, pred = o;
        if (ex.right[o] && s > gold_s) gold_s = s, gold = o;
      }
      if (!ex.right[pred]) {
        for (uint32_t id : ex.options[gold]) w[id] += 1, u[id] += c;
        for (uint32_t id : ex.options[pred]) w[id] -= 1, u[id] -= c;
      }
      ++c;
    }
    CorefModel m = averaged();
    const double acc = score_coref(m, tune).accuracy();
    if (acc > best_acc) best_acc = acc, *chosen_epoch = epoch, best = std::move(m);
  }
  return best;
}

}  // namespace

CorefModel train_coref(const std::vector<CorefDocument>& train, const std::vector<CorefDocument>& dev,
                       const CorefTrainOptions& options, CorefTrainReport* report) {
  const std::vector<Example> exs = examples(train);
  if (exs.empty()) throw Error(ErrorCode::kBadInput, "coref training: no anaphors in the training documents");
  const std::vector<CorefDocument>& tune = dev.empty() ? train : dev;
  // The perceptron's result moves by a point or two of dev accuracy with the
  // example order alone: the model is the mean of `orders` runs (seed, seed+1,
  // …), one linear model whose scores are the mean of theirs.
  const size_t n = size_t{1} << kFeatureBits;
  std::vector<double> sum(n, 0.0);
  int epochs = 0;
  for (uint32_t r = 0; r < options.orders; ++r) {
    int chosen = 0;
    const CorefModel one = train_one(exs, tune, options.max_epochs, options.seed + r, &chosen);
    for (size_t k = 0; k < n; ++k) sum[k] += one.weights()[k];
    epochs += chosen;
  }
  CorefModel model;
  for (size_t k = 0; k < n; ++k) model.weights()[k] = static_cast<float>(sum[k] / options.orders);
  if (report) {
    report->anaphors = exs.size();
    report->epochs = options.orders ? epochs / static_cast<int>(options.orders) : 0;
    report->dev_accuracy = score_coref(model, tune).accuracy();
  }
  return model;
}

}  // namespace whosaid

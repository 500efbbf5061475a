#include "tagger/trainer.h"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>
#include <unordered_map>

#include "tagger/features.h"
#include "tagger/model_format.h"
#include "whosaid/error.h"

namespace whosaid {

using namespace tagger_detail;

std::vector<TaggedSentence> to_tagged(const std::vector<ConlluSentence>& treebank, bool add_joined,
                                      TaggedCorpusStats* stats) {
  TaggedCorpusStats local;
  TaggedCorpusStats& st = stats ? *stats : local;
  std::vector<TaggedSentence> out;
  out.reserve(treebank.size());
  auto add = [&](const ConlluSentence& s) {
    TaggedSentence t;
    for (const ConlluWord& w : s.words) {
      uint8_t id = pos::tag_id(w.upos, w.xpos);
      if (id == 0) {
        ++st.unknown_pairs;
        id = pos::default_tag(w.upos);
        if (id == 0) id = pos::default_tag("X");
      }
      t.words.push_back(w.form);
      t.tags.push_back(id);
    }
    st.words += t.words.size();
    ++st.sentences;
    out.push_back(std::move(t));
  };
  for (const ConlluSentence& s : treebank) {
    add(s);
    if (add_joined) {
      ConlluSentence joined = s;
      if (join_hyphenated(joined) > 0) {
        add(joined);
        ++st.joined_copies;
      }
    }
  }
  return out;
}

TagAccuracy evaluate(const Tagger& tagger, const std::vector<TaggedSentence>& gold) {
  TagAccuracy acc;
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
  for (const TaggedSentence& s : gold) {
    words.assign(s.words.begin(), s.words.end());
    tags.assign(words.size(), 0);
    tagger.tag(words.data(), words.size(), tags.data());
    for (size_t i = 0; i < words.size() && i < s.tags.size(); ++i) {
      const bool upos = pos::upos(tags[i]) == pos::upos(s.tags[i]);
      const bool penn = std::string_view(pos::penn_name(tags[i])) == pos::penn_name(s.tags[i]);
      ++acc.words;
      acc.upos_correct += upos;
      acc.penn_correct += penn;
      acc.both_correct += tags[i] == s.tags[i];
    }
  }
  return acc;
}

namespace {

// splitmix64: a small, portable, seeded generator (std::shuffle's algorithm is
// not specified, so models would differ between standard libraries).
struct Random {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }  // bias is irrelevant here
};

// The lexicon of the sentences whose index % folds != skip (all when skip < 0).
Lexicon build_lexicon(const std::vector<TaggedSentence>& train, const TrainOptions& options,
                      int skip = -1, int folds = 1) {
  std::unordered_map<uint64_t, std::array<uint32_t, pos::kNumTags>> counts;
  WordInfo info;
  for (size_t si = 0; si < train.size(); ++si) {
    if (skip >= 0 && int(si % size_t(folds)) == skip) continue;
    const TaggedSentence& s = train[si];
    for (size_t i = 0; i < s.words.size(); ++i) {
      analyse_word(s.words[i], info);
      auto [it, inserted] = counts.try_emplace(info.lower);
      if (inserted) it->second.fill(0);
      ++it->second[s.tags[i]];
    }
  }
  std::vector<std::pair<uint64_t, uint64_t>> entries;
  for (const auto& [word, c] : counts) {
    uint64_t total = 0;
    for (uint32_t n : c) total += n;
    if (total < uint64_t(options.lexicon_min_count)) continue;
    std::string tags;
    int top = 1;
    for (int t = 1; t < pos::kNumTags; ++t) {
      if (c[t] > 0 && double(c[t]) >= options.lexicon_min_share * double(total))
        tags.push_back(static_cast<char>(t));
      if (c[t] > c[top]) top = t;
    }
    uint64_t sure = 0;
    if (total >= uint64_t(options.sure_min_count) &&
        double(c[top]) >= options.sure_min_share * double(total))
      sure = static_cast<uint64_t>(top);
    entries.emplace_back(word, (hash_bytes(tags.data(), tags.size(), 40) & ~uint64_t{0xFF}) | sure);
  }
  return Lexicon(std::move(entries));  // sorts: the order of `counts` does not matter
}

}  // namespace

struct TaggerTrainer::Impl {
  struct Cell {
    uint8_t tag;
    float weight;
    double total;    // sum of the weight over all instances up to `stamp`
    uint32_t stamp;
  };
  struct Row {
    std::vector<Cell> cells;
  };

  TrainOptions options;
  Lexicon lexicon;
  std::unordered_map<uint64_t, uint32_t> index;  // feature key → rows index
  std::vector<Row> rows;
  std::vector<uint64_t> keys;  // rows[i]'s key
  uint32_t instances = 0;      // tokens seen so far

  void score(const uint64_t* feats, size_t n, float* scores) const {
    for (size_t k = 0; k < n; ++k) {
      auto it = index.find(feats[k]);
      if (it == index.end()) continue;
      for (const Cell& c : rows[it->second].cells) scores[c.tag] += c.weight;
    }
  }

  void update(uint64_t key, uint8_t tag, float delta) {
    auto [it, inserted] = index.try_emplace(key, static_cast<uint32_t>(rows.size()));
    if (inserted) {
      rows.emplace_back();
      keys.push_back(key);
    }
    auto& cells = rows[it->second].cells;
    auto c = std::find_if(cells.begin(), cells.end(), [tag](const Cell& x) { return x.tag == tag; });
    if (c == cells.end()) {
      cells.push_back(Cell{tag, 0.0f, 0.0, instances});
      c = cells.end() - 1;
    }
    c->total += double(instances - c->stamp) * c->weight;
    c->stamp = instances;
    c->weight += delta;
  }

  double averaged(const Cell& c) const {
    if (instances == 0) return 0.0;
    return (c.total + double(instances - c.stamp) * c.weight) / double(instances);
  }

  std::string model_bytes() const {
    // Quantise against the largest averaged weight.
    double max_abs = 0;
    for (const Row& r : rows)
      for (const Cell& c : r.cells) max_abs = std::max(max_abs, std::fabs(averaged(c)));
    const double scale = max_abs > 0 ? 32767.0 / max_abs : 0.0;

    std::vector<uint32_t> order(rows.size());
    for (uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [this](uint32_t a, uint32_t b) { return keys[a] < keys[b]; });

    std::string out_keys, out_sizes, out_tags, out_weights;
    uint32_t num_features = 0, num_weights = 0;
    std::vector<std::pair<uint8_t, int16_t>> row;
    for (uint32_t r : order) {
      row.clear();
      for (const Cell& c : rows[r].cells) {
        const long q = std::lround(averaged(c) * scale);
        if (std::labs(q) < options.min_weight || q == 0) continue;
        row.emplace_back(c.tag, static_cast<int16_t>(std::clamp(q, -32767L, 32767L)));
      }
      if (row.empty()) continue;
      std::sort(row.begin(), row.end());
      put_u64(out_keys, keys[r]);
      out_sizes.push_back(static_cast<char>(row.size()));
      for (auto [tag, w] : row) {
        out_tags.push_back(static_cast<char>(tag));
        put_u16(out_weights, static_cast<uint16_t>(w));
      }
      ++num_features;
      num_weights += static_cast<uint32_t>(row.size());
    }
    std::string payload = out_keys + out_sizes + out_tags + out_weights;
    std::string out(kModelMagic, sizeof kModelMagic);
    put_u32(out, kModelVersion);
    put_u32(out, kFeatureSetVersion);
    put_u32(out, pos::kNumTags);
    put_u32(out, pos::tag_set_checksum());
    put_u32(out, num_features);
    put_u32(out, num_weights);
    put_u32(out, static_cast<uint32_t>(lexicon.entries().size()));
    for (const auto& e : lexicon.entries()) put_u64(payload, e.first);
    for (const auto& e : lexicon.entries()) put_u64(payload, e.second);
    put_u64(out, hash_bytes(payload.data(), payload.size()));
    out += payload;
    return out;
  }
};

TaggerTrainer::TaggerTrainer(TrainOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}
TaggerTrainer::~TaggerTrainer() = default;

void TaggerTrainer::train(const std::vector<TaggedSentence>& train,
                          const std::vector<TaggedSentence>& dev) {
  Impl& m = *impl_;
  for (size_t i = 0; i < train.size(); ++i) {
    if (train[i].words.size() != train[i].tags.size())
      throw Error(ErrorCode::kBadInput, "training sentence " + std::to_string(i) + ": " +
                                            std::to_string(train[i].words.size()) + " words but " +
                                            std::to_string(train[i].tags.size()) + " tags");
    for (uint8_t t : train[i].tags)
      if (t == 0 || t >= pos::kNumTags)
        throw Error(ErrorCode::kBadInput,
                    "training sentence " + std::to_string(i) + ": bad tag id " + std::to_string(t));
  }
  // The model's lexicon counts all training sentences; while training, each
  // sentence sees the lexicon of the other folds only (jackknifing), so rare
  // words look as they will in unseen text instead of always being known.
  m.lexicon = build_lexicon(train, m.options);
  const int folds = std::max(1, m.options.lexicon_folds);
  std::vector<Lexicon> fold_lexicons;
  for (int k = 0; k < folds && folds > 1; ++k)
    fold_lexicons.push_back(build_lexicon(train, m.options, k, folds));
  const uint8_t open_tag = pos::open_quote_tag(), close_tag = pos::close_quote_tag();
  Random random{m.options.seed};
  std::vector<size_t> order(train.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::vector<WordInfo> infos;
  std::vector<std::string_view> words;
  uint64_t feats[kNumFeatures];

  for (int epoch = 1; epoch <= m.options.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[random.below(i)]);
    size_t seen = 0, correct = 0;
    for (size_t si : order) {
      const TaggedSentence& s = train[si];
      const size_t n = s.words.size();
      words.assign(s.words.begin(), s.words.end());
      infos.resize(n + 2 * kPadding);
      const Lexicon& lexicon = folds > 1 ? fold_lexicons[si % size_t(folds)] : m.lexicon;
      analyse_sentence(words.data(), n, lexicon, infos.data());
      uint8_t prev = 0, prev2 = 0;
      for (size_t i = 0; i < n; ++i) {
        const WordInfo* w = infos.data() + kPadding + i;
        const uint8_t gold = s.tags[i];
        ++m.instances;
        ++seen;
        if (const uint8_t sure = sure_tag(*w)) {
          correct += sure == gold;
          prev2 = prev;
          prev = sure;
          continue;
        }
        static_features(w, feats);
        dynamic_features(w, prev, prev2, feats + kNumStaticFeatures);
        float scores[pos::kNumTags] = {};
        m.score(feats, kNumFeatures, scores);
        const uint8_t guess = best_tag(scores, pos::kNumTags, w->quote, open_tag, close_tag);
        correct += guess == gold;
        // Forced quotation marks teach nothing.
        if (guess != gold && w->quote != kOpenQuote && w->quote != kCloseQuote) {
          for (uint64_t f : feats) {
            m.update(f, gold, 1.0f);
            m.update(f, guess, -1.0f);
          }
        }
        prev2 = prev;
        prev = guess;
      }
    }
    EpochReport report;
    report.epoch = epoch;
    report.train_accuracy = seen ? double(correct) / double(seen) : 0.0;
    if (m.options.on_epoch) {
      if (!dev.empty()) {
        Tagger t = tagger();
        report.dev = evaluate(t, dev);
        report.features = t.num_features();
      }
      report.seconds =
          std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      m.options.on_epoch(report);
    }
  }
}

std::string TaggerTrainer::model_bytes() const { return impl_->model_bytes(); }

void TaggerTrainer::save(std::ostream& out) const {
  const std::string bytes = model_bytes();
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.flush();
  if (!out) throw Error(ErrorCode::kIo, "cannot write the tagger model");
}

}  // namespace whosaid

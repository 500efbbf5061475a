#include "parse/trainer.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <thread>

#include "parse/features.h"
#include "parse/model_format.h"
#include "parse/transition.h"
#include "tagger/tag_set.h"
#include "tagger/trainer.h"
#include "whosaid/error.h"

namespace whosaid {

using namespace parse_detail;

std::vector<ParsedSentence> to_parsed(const std::vector<ConlluSentence>& treebank,
                                      const Tagger* tagger, TreebankOptions options,
                                      TreebankStats* stats) {
  TreebankStats local;
  TreebankStats& st = stats ? *stats : local;
  std::vector<ParsedSentence> out;
  out.reserve(treebank.size());
  std::vector<std::string_view> views;
  auto add = [&](const ConlluSentence& s) {
    ParsedSentence p;
    const size_t n = s.words.size();
    for (const ConlluWord& w : s.words) {
      if (w.head > n)
        throw Error(ErrorCode::kBadInput, "sentence " + (s.id.empty() ? std::to_string(out.size() + 1) : s.id) +
                                              ": HEAD " + std::to_string(w.head) + " out of range");
      p.words.push_back(w.form);
      p.heads.push_back(w.head == 0 ? static_cast<int32_t>(n) : static_cast<int32_t>(w.head - 1));
      const uint8_t rel = dep::relation_id(w.deprel);
      p.relations.push_back(w.head == 0 ? uint8_t{dep::kRoot} : rel == dep::kNone ? uint8_t{dep::kDep} : rel);
      uint8_t tag = pos::tag_id(w.upos, w.xpos);
      if (tag == 0) tag = pos::default_tag(w.upos);
      if (tag == 0) tag = pos::default_tag("X");
      p.tags.push_back(tag);
    }
    if (tagger) {
      views.assign(p.words.begin(), p.words.end());
      tagger->tag(views.data(), n, p.tags.data());
    }
    st.words += n;
    ++st.sentences;
    out.push_back(std::move(p));
  };
  for (const ConlluSentence& s : treebank) {
    if (!options.add_joined && !options.join_all) {
      add(s);
      continue;
    }
    ConlluSentence joined = s;
    const bool changed = join_hyphenated(joined) > 0;
    if (options.add_joined || !changed) add(s);
    if (changed) {
      add(joined);
      ++st.joined_copies;
    }
  }
  return out;
}

std::vector<ParsedSentence> to_parsed_jackknifed(const std::vector<ConlluSentence>& treebank, int folds,
                                                 int tagger_epochs, TreebankOptions options,
                                                 TreebankStats* stats) {
  if (folds < 2) return to_parsed(treebank, &Tagger::builtin(), options, stats);
  // The folds are independent: two at a time on their own threads, each into
  // its own slot, joined in fold order (the result does not depend on timing).
  std::vector<std::vector<ParsedSentence>> parts(static_cast<size_t>(folds));
  std::vector<TreebankStats> part_stats(static_cast<size_t>(folds));
  auto run_fold = [&](int k) {
    std::vector<ConlluSentence> rest, held_out;
    for (size_t i = 0; i < treebank.size(); ++i)
      (int(i % size_t(folds)) == k ? held_out : rest).push_back(treebank[i]);
    TrainOptions tagger_options;
    tagger_options.epochs = tagger_epochs;
    TaggerTrainer trainer(tagger_options);
    trainer.train(to_tagged(rest, /*add_joined=*/true), {});
    const Tagger tagger = trainer.tagger();
    parts[size_t(k)] = to_parsed(held_out, &tagger, options, &part_stats[size_t(k)]);
  };
  for (int k = 0; k < folds; k += 2) {
    std::thread second;
    if (k + 1 < folds) second = std::thread(run_fold, k + 1);
    run_fold(k);
    if (second.joinable()) second.join();
  }
  std::vector<ParsedSentence> out;
  for (int k = 0; k < folds; ++k) {
    out.insert(out.end(), std::make_move_iterator(parts[size_t(k)].begin()),
               std::make_move_iterator(parts[size_t(k)].end()));
    if (stats) {
      stats->sentences += part_stats[size_t(k)].sentences;
      stats->words += part_stats[size_t(k)].words;
      stats->joined_copies += part_stats[size_t(k)].joined_copies;
    }
  }
  return out;
}

ParseAccuracy evaluate(const Parser& parser, const std::vector<ParsedSentence>& gold) {
  ParseAccuracy acc;
  std::vector<std::string_view> words;
  std::vector<int32_t> heads;
  std::vector<uint8_t> rels;
  for (const ParsedSentence& s : gold) {
    const size_t n = s.words.size();
    words.assign(s.words.begin(), s.words.end());
    heads.assign(n, 0);
    rels.assign(n, 0);
    parser.parse(words.data(), s.tags.data(), n, heads.data(), rels.data());
    for (size_t i = 0; i < n; ++i) {
      const int32_t gold_head = s.heads[i] >= static_cast<int32_t>(n) ? -1 : s.heads[i];
      ++acc.words;
      if (heads[i] == gold_head) {
        ++acc.heads_correct;
        acc.both_correct += rels[i] == s.relations[i];
      }
    }
  }
  return acc;
}

namespace {

// splitmix64 (std::shuffle and the distributions are not specified across
// standard libraries, so models would differ between them).
struct Random {
  uint64_t state;
  uint64_t next() {
    uint64_t z = (state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  uint64_t below(uint64_t n) { return next() % n; }
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
};

// Open addressing from a feature key to a uint32_t (the keys are hashes
// already). Key 0 is the empty slot, so it is stored as 1.
struct KeyIndex {
  std::vector<uint64_t> keys;
  std::vector<uint32_t> values;
  size_t size = 0;
  uint64_t mask = 0;

  static uint64_t fix(uint64_t key) { return key ? key : 1; }
  const uint32_t* find(uint64_t key) const {
    if (keys.empty()) return nullptr;
    key = fix(key);
    for (uint64_t i = key & mask;; i = (i + 1) & mask) {
      if (keys[i] == key) return &values[i];
      if (keys[i] == 0) return nullptr;
    }
  }
  // The value of `key`, inserted as `value` if absent.
  uint32_t& insert(uint64_t key, uint32_t value, bool* inserted = nullptr) {
    if (2 * (size + 1) > keys.size()) grow();
    key = fix(key);
    uint64_t i = key & mask;
    while (keys[i] != 0 && keys[i] != key) i = (i + 1) & mask;
    if (inserted) *inserted = keys[i] == 0;
    if (keys[i] == 0) keys[i] = key, values[i] = value, ++size;
    return values[i];
  }
  void grow() {
    std::vector<uint64_t> old_keys(keys.empty() ? 1024 : 2 * keys.size(), 0);
    std::vector<uint32_t> old_values(old_keys.size(), 0);
    old_keys.swap(keys);
    old_values.swap(values);
    mask = keys.size() - 1;
    for (size_t j = 0; j < old_keys.size(); ++j) {
      if (old_keys[j] == 0) continue;
      uint64_t i = old_keys[j] & mask;
      while (keys[i] != 0) i = (i + 1) & mask;
      keys[i] = old_keys[j], values[i] = old_values[j];
    }
  }
};

struct AveragedCell {
  uint64_t key;
  uint8_t cls;
  uint8_t member;  // of the ensemble
  double weight;
};

// An averaged perceptron over hashed features with sparse rows of classes.
struct Perceptron {
  struct Cell {
    uint8_t cls;
    float weight;
    double total;  // sum of the weight over all steps up to `stamp`
    uint32_t stamp;
  };
  KeyIndex index;
  std::vector<std::vector<Cell>> rows;
  std::vector<uint64_t> keys;
  // Features seen fewer than min_count times in `counts` get no row.
  const KeyIndex* counts = nullptr;
  uint32_t min_count = 0;

  void score(const uint64_t* feats, size_t n, float* scores) const {
    for (size_t k = 0; k < n; ++k) {
      const uint32_t* row = index.find(feats[k]);
      if (!row) continue;
      for (const Cell& c : rows[*row]) scores[c.cls] += c.weight;
    }
  }
  void update(uint64_t key, uint8_t cls, float delta, uint32_t now) {
    const uint32_t* found = index.find(key);
    if (!found && counts) {
      const uint32_t* seen = counts->find(key);
      if (!seen || *seen < min_count) return;
    }
    const uint32_t r = found ? *found : index.insert(key, static_cast<uint32_t>(rows.size()));
    if (!found) {
      rows.emplace_back();
      keys.push_back(key);
    }
    auto& cells = rows[r];
    auto c = std::find_if(cells.begin(), cells.end(), [cls](const Cell& x) { return x.cls == cls; });
    if (c == cells.end()) {
      cells.push_back(Cell{cls, 0.0f, 0.0, now});
      c = cells.end() - 1;
    }
    c->total += double(now - c->stamp) * c->weight;
    c->stamp = now;
    c->weight += delta;
  }
  void update(const uint64_t* feats, size_t n, uint8_t good, uint8_t bad, uint32_t now) {
    for (size_t k = 0; k < n; ++k) {
      update(feats[k], good, 1.0f, now);
      update(feats[k], bad, -1.0f, now);
    }
  }
  static double averaged(const Cell& c, uint32_t now) {
    return now == 0 ? 0.0 : (c.total + double(now - c.stamp) * c.weight) / double(now);
  }

  // Appends (key, class, member, averaged weight) of every cell to `out`.
  void averaged_cells(uint32_t now, uint8_t member, std::vector<AveragedCell>& out) const {
    for (size_t r = 0; r < rows.size(); ++r)
      for (const Cell& c : rows[r]) out.push_back({keys[r], c.cls, member, averaged(c, now)});
  }
};

// Appends the table's bytes (parser.h) for the sum of the members' averaged
// weights to `out`; returns rows and weights kept. Summing the weights of
// linear models sums their scores: the members vote as an ensemble.
std::pair<uint32_t, uint32_t> serialize(std::vector<AveragedCell> cells, int min_weight, std::string& out) {
  // Ordered by member too, so that the sums are added in one order whatever
  // the standard library's sort does with equal elements.
  std::sort(cells.begin(), cells.end(), [](const AveragedCell& a, const AveragedCell& b) {
    return a.key != b.key ? a.key < b.key : a.cls != b.cls ? a.cls < b.cls : a.member < b.member;
  });
  size_t kept = 0;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (kept > 0 && cells[kept - 1].key == cells[i].key && cells[kept - 1].cls == cells[i].cls)
      cells[kept - 1].weight += cells[i].weight;
    else
      cells[kept++] = cells[i];
  }
  cells.resize(kept);
  double max_abs = 0;
  for (const AveragedCell& c : cells) max_abs = std::max(max_abs, std::fabs(c.weight));
  const double scale = max_abs > 0 ? 32767.0 / max_abs : 0.0;
  std::string out_keys, out_sizes, out_classes, out_weights;
  uint32_t num_rows = 0, num_weights = 0;
  std::vector<std::pair<uint8_t, int16_t>> row;
  for (size_t i = 0; i < cells.size();) {
    const uint64_t key = cells[i].key;
    row.clear();
    for (; i < cells.size() && cells[i].key == key; ++i) {
      const long q = std::lround(cells[i].weight * scale);
      if (q == 0 || std::labs(q) < min_weight) continue;
      row.emplace_back(cells[i].cls, static_cast<int16_t>(std::clamp(q, -32767L, 32767L)));
    }
    if (row.empty()) continue;
    put_u64(out_keys, key);
    out_sizes.push_back(static_cast<char>(row.size()));
    for (auto [cls, w] : row) {
      out_classes.push_back(static_cast<char>(cls));
      put_u16(out_weights, static_cast<uint16_t>(w));
    }
    ++num_rows;
    num_weights += static_cast<uint32_t>(row.size());
  }
  out += out_keys;
  out += out_sizes;
  out += out_classes;
  out += out_weights;
  return {num_rows, num_weights};
}

void check(const std::vector<ParsedSentence>& sentences) {
  for (size_t i = 0; i < sentences.size(); ++i) {
    const ParsedSentence& s = sentences[i];
    const size_t n = s.words.size();
    auto bad = [&](const std::string& why) {
      throw Error(ErrorCode::kBadInput, "training sentence " + std::to_string(i) + ": " + why);
    };
    if (s.tags.size() != n || s.heads.size() != n || s.relations.size() != n)
      bad("words, tags, heads and relations differ in number");
    for (size_t k = 0; k < n; ++k) {
      if (s.heads[k] < 0 || s.heads[k] > int32_t(n) || s.heads[k] == int32_t(k)) bad("bad head");
      if (s.relations[k] == dep::kNone || s.relations[k] >= dep::kNumRelations) bad("bad relation id");
    }
  }
}

}  // namespace

// One member of the ensemble: its own perceptrons, clock and random stream.
struct Member {
  Perceptron moves, labels;
  uint32_t now = 0;  // steps so far (the averaging clock)
  Random random{0};
  uint64_t seen = 0, correct = 0;  // words and right heads of this epoch's trees
};

struct ParserTrainer::Impl {
  ParserTrainOptions options;
  std::vector<Member> members;

  std::string model_bytes() const {
    std::vector<AveragedCell> move_cells, label_cells;
    for (size_t i = 0; i < members.size(); ++i) {
      const Member& m = members[i];
      m.moves.averaged_cells(m.now, static_cast<uint8_t>(i), move_cells);
      m.labels.averaged_cells(m.now, static_cast<uint8_t>(i), label_cells);
    }
    std::string payload;
    const auto [move_rows, move_weights] = serialize(std::move(move_cells), options.min_weight, payload);
    const auto [label_rows, label_weights] = serialize(std::move(label_cells), options.min_relation_weight, payload);
    std::string out(kParserMagic, sizeof kParserMagic);
    for (uint32_t v : {kParserModelVersion, kParserFeatureSet, uint32_t{pos::kNumTags},
                       pos::tag_set_checksum(), uint32_t{dep::kNumRelations},
                       dep::relation_set_checksum(), move_rows, move_weights, label_rows, label_weights})
      put_u32(out, v);
    put_u64(out, tagger_detail::hash_bytes(payload.data(), payload.size()));
    return out + payload;
  }
};

ParserTrainer::ParserTrainer(ParserTrainOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->options = std::move(options);
}
ParserTrainer::~ParserTrainer() = default;

std::string ParserTrainer::model_bytes() const { return impl_->model_bytes(); }

ParserTrainStats ParserTrainer::train(const std::vector<ParsedSentence>& train,
                                      const std::vector<ParsedSentence>& dev) {
  check(train);
  Impl& m = *impl_;
  ParserTrainStats stats;
  stats.sentences = train.size();
  // Gold trees made projective once, and the sentences as the features see them.
  std::vector<std::vector<int32_t>> gold(train.size());
  std::vector<SentenceFeatures> sentences(train.size());
  for (size_t i = 0; i < train.size(); ++i) {
    const ParsedSentence& s = train[i];
    const size_t n = s.words.size();
    gold[i] = s.heads;
    if (const size_t lifted = projectivize(gold[i])) {
      stats.lifted_arcs += lifted;
      ++stats.nonprojective_sentences;
    }
    SentenceFeatures& f = sentences[i];
    f.resize(n);
    for (size_t k = 0; k < n; ++k) f.words[k] = word_value(s.words[k]), f.tags[k] = s.tags[k];
    f.finish(n);
  }
  // How often each feature occurs along the gold derivations (zero-cost moves,
  // gold relations); rarer ones than options.min_count never get weights.
  KeyIndex counts;
  if (m.options.min_count > 1) {
    ParseState st;
    uint64_t feats[kNumMoveFeatures];
    auto count = [&counts](const uint64_t* f, size_t n) {
      for (size_t k = 0; k < n; ++k) ++counts.insert(f[k], 0);
    };
    for (size_t si = 0; si < train.size(); ++si) {
      const int32_t* g = gold[si].data();
      const SentenceView view = sentences[si].view();
      st.reset(static_cast<int32_t>(train[si].words.size()));
      while (!st.terminal()) {
        Move best = kShift;
        int legal = 0, best_cost = 1 << 30;
        for (Move mv : {kLeft, kRight, kShift})
          if (st.legal(mv)) {
            ++legal;
            const int c = move_cost(st, mv, g);
            if (c < best_cost) best_cost = c, best = mv;
          }
        if (legal > 1) {
          move_features(st, view, feats);
          count(feats, kNumMoveFeatures);
        }
        uint8_t rel = 0;
        if (best != kShift) {
          const int32_t h = st.arc_head(best), d = st.s(0);
          rel = h == st.n ? uint8_t{dep::kRoot} : train[si].relations[d];
          if (h != st.n) {
            label_features(st, view, h, d, feats);
            count(feats, kNumLabelFeatures);
          }
        }
        st.apply(best, rel);
      }
    }
  }
  const int num_members = std::max(1, m.options.ensemble);
  m.members = std::vector<Member>(static_cast<size_t>(num_members));
  for (int i = 0; i < num_members; ++i) {
    Member& member = m.members[size_t(i)];
    member.random.state = m.options.seed + uint64_t(i);
    if (m.options.min_count > 1) {
      for (Perceptron* p : {&member.moves, &member.labels}) {
        p->counts = &counts;
        p->min_count = static_cast<uint32_t>(m.options.min_count);
      }
    }
  }
  std::vector<std::vector<size_t>> orders(m.members.size(), std::vector<size_t>(train.size()));
  for (auto& order : orders)
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  // One epoch of one member; the members share only read-only data.
  auto run_epoch = [&](Member& mb, std::vector<size_t>& order, bool explore) {
    ParseState st;
    uint64_t feats[kNumMoveFeatures];
    for (size_t i = order.size(); i > 1; --i) std::swap(order[i - 1], order[mb.random.below(i)]);
    mb.seen = mb.correct = 0;
    for (size_t si : order) {
      const ParsedSentence& s = train[si];
      const int32_t* g = gold[si].data();
      const SentenceView view = sentences[si].view();
      st.reset(static_cast<int32_t>(s.words.size()));
      while (!st.terminal()) {
        ++mb.now;
        Move follow = kShift;
        int legal = 0;
        for (Move mv : {kShift, kLeft, kRight})
          if (st.legal(mv)) ++legal, follow = mv;
        if (legal > 1) {
          move_features(st, view, feats);
          float scores[kNumMoves] = {};
          mb.moves.score(feats, kNumMoveFeatures, scores);
          int cost[kNumMoves];
          int min_cost = 1 << 30;
          for (Move mv : {kShift, kLeft, kRight}) {
            cost[mv] = st.legal(mv) ? move_cost(st, mv, g) : 1 << 30;
            min_cost = std::min(min_cost, cost[mv]);
          }
          const Move predicted = best_legal_move(st, scores);
          Move target = predicted;
          bool found = false;
          for (Move mv : {kShift, kLeft, kRight})
            if (cost[mv] == min_cost && (!found || scores[mv] > scores[target])) target = mv, found = true;
          if (cost[predicted] > min_cost) mb.moves.update(feats, kNumMoveFeatures, target, predicted, mb.now);
          follow = explore && mb.random.uniform() < m.options.explore ? predicted : target;
        }
        uint8_t rel = 0;
        if (follow != kShift) {
          const int32_t h = st.arc_head(follow), d = st.s(0);
          if (h == st.n) {
            rel = dep::kRoot;
          } else {
            label_features(st, view, h, d, feats);
            float scores[64] = {};
            mb.labels.score(feats, kNumLabelFeatures, scores);
            uint8_t predicted = dep::kDep;
            for (int r = dep::kRoot + 1; r < dep::kNumRelations; ++r)
              if (scores[r] > scores[predicted]) predicted = static_cast<uint8_t>(r);
            rel = predicted;
            const uint8_t gold_rel = s.relations[d];
            if (g[d] == h && gold_rel != dep::kRoot) {
              if (predicted != gold_rel) mb.labels.update(feats, kNumLabelFeatures, gold_rel, predicted, mb.now);
              if (!explore) rel = gold_rel;
            }
          }
        }
        st.apply(follow, rel);
      }
      for (size_t k = 0; k < s.words.size(); ++k) mb.correct += st.head[k] == s.heads[k];
      mb.seen += s.words.size();
    }
  };
  for (int epoch = 1; epoch <= m.options.epochs; ++epoch) {
    const auto start = std::chrono::steady_clock::now();
    const bool explore = epoch >= m.options.explore_from;
    // Two members at a time, each on its own thread.
    for (size_t i = 0; i < m.members.size(); i += 2) {
      std::thread second;
      if (i + 1 < m.members.size())
        second = std::thread(run_epoch, std::ref(m.members[i + 1]), std::ref(orders[i + 1]), explore);
      run_epoch(m.members[i], orders[i], explore);
      if (second.joinable()) second.join();
    }
    uint64_t seen = 0, correct = 0;
    for (const Member& mb : m.members) seen += mb.seen, correct += mb.correct;
    if (m.options.on_epoch) {
      ParserEpochReport report;
      report.epoch = epoch;
      report.train_uas = seen ? double(correct) / double(seen) : 0.0;
      if (!dev.empty()) {
        const Parser p = parser();
        report.dev = evaluate(p, dev);
        report.features = p.num_features();
      }
      report.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      m.options.on_epoch(report);
    }
  }
  for (Member& mb : m.members)
    for (Perceptron* p : {&mb.moves, &mb.labels}) p->counts = nullptr;
  return stats;
}

}  // namespace whosaid

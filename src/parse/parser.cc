#include "parse/parser.h"

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

#include "core/feature_table.h"
#include "parse/features.h"
#include "parse/model_format.h"
#include "parse/transition.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "whosaid/error.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#ifdef WHOSAID_HAVE_BUILTIN_PARSER
extern "C" const char whosaid_res_parser[];
extern "C" const unsigned long long whosaid_res_parser_size;
#endif

namespace whosaid {

using namespace parse_detail;

namespace {

[[noreturn]] void corrupt(const std::string& why) {
  throw Error(ErrorCode::kModel,
              "parser model: " + why + " (rebuild it with `whosaid train parser`)");
}

// The relation model: feature key → a sparse row of weight << 8 | class,
// padded with zeros to whole groups of four (row: begin << 8 | groups in
// `weights`). Most rows have one to four weights, so the sum below runs its
// loop once for most features, a branch the processor predicts; with the rows
// at their own length its count was as unpredictable as the features. Absent
// keys read the zero group at 0.
struct LabelTable {
  static constexpr int kGroup = 4;
  static constexpr uint32_t kZeroRow = 0 << 8 | 1;
  core_detail::BucketTable<uint32_t> index;
  std::vector<int32_t> weights = std::vector<int32_t>(kGroup, 0);
  size_t stored = 0;  // weights in the model (without the padding)

  // Sums the rows of n keys (their buckets prefetched already) into scores,
  // prefetching all the rows before adding any.
  void score(const uint64_t* keys, size_t n, int32_t* scores) const {
    uint32_t rows[kNumLabelFeatures];
    for (size_t k = 0; k < n; ++k) {
      const auto [row, mask] = index.lookup(keys[k]);
      rows[k] = (*row & static_cast<uint32_t>(mask)) | (kZeroRow & ~static_cast<uint32_t>(mask));
      __builtin_prefetch(weights.data() + (rows[k] >> 8));
    }
    // Two sums, alternating by feature: rows mostly vote for the same few
    // relations, and one array would chain each add on the previous store.
    int32_t other[64] = {};
    for (size_t k = 0; k < n; ++k) {
      int32_t* sums = k & 1 ? other : scores;
      const int32_t* w = weights.data() + (rows[k] >> 8);
      uint32_t groups = rows[k] & 0xFF;
      do {
        sums[w[0] & 0xFF] += w[0] >> 8, sums[w[1] & 0xFF] += w[1] >> 8;
        sums[w[2] & 0xFF] += w[2] >> 8, sums[w[3] & 0xFF] += w[3] >> 8;
        w += kGroup;
      } while (--groups);
    }
    for (int c = 0; c < 64; ++c) scores[c] += other[c];
  }
};

// The move model, whose rows have at most three weights: they sit in the slot
// itself, so a feature costs one cache miss.
struct MoveWeights {
  int16_t weight[kNumMoves];
};
struct MoveTable {
  core_detail::BucketTable<MoveWeights> index;
  size_t weights = 0;

  // Adds the rows of n keys (their buckets prefetched already) to scores.
  // With SSE2 a row's three weights are added in one vector: the eight
  // bytes that end with them (the two before are the previous slot's, or
  // the last fingerprint's: within the bucket), masked, widened to int32.
  void add(const uint64_t* keys, size_t n, int32_t* scores) const {
#if defined(__SSE2__)
    static_assert(offsetof(core_detail::BucketTable<MoveWeights>::Bucket, value) >= 2, "bytes before value[0]");
    __m128i sum = _mm_setzero_si128();
    for (size_t k = 0; k < n; ++k) {
      const auto [w, mask] = index.lookup(keys[k]);
      const auto* end = reinterpret_cast<const char*>(w->weight + kNumMoves);
      __m128i v = _mm_loadl_epi64(reinterpret_cast<const __m128i*>(end - 8));
      v = _mm_and_si128(v, _mm_set1_epi32(mask));
      sum = _mm_add_epi32(sum, _mm_srai_epi32(_mm_unpacklo_epi16(v, v), 16));
    }
    alignas(16) int32_t lanes[4];
    _mm_store_si128(reinterpret_cast<__m128i*>(lanes), sum);
    scores[0] += lanes[1], scores[1] += lanes[2], scores[2] += lanes[3];
#else
    for (size_t k = 0; k < n; ++k) {
      const auto [w, mask] = index.lookup(keys[k]);
      scores[0] += w->weight[0] & mask, scores[1] += w->weight[1] & mask, scores[2] += w->weight[2] & mask;
    }
#endif
  }
};

// Reads one table at `p` (see parser.h), calling add(key, classes, weights,
// size) for each row (keys strictly ascending, so distinct); returns the end
// of its bytes. prefetch(key) is called kAhead rows before add(key, …): the
// rows go to random buckets of a table larger than the cache, and waiting for
// each bucket in turn was most of the parser's load time.
template <typename Prefetch, typename Add>
const char* read_table(const char* p, uint32_t num_rows, uint32_t num_weights, int num_classes,
                       const char* what, Prefetch&& prefetch, Add&& add) {
  constexpr uint32_t kAhead = 16;
  const char* keys = p;
  const char* sizes = keys + size_t{num_rows} * 8;
  const char* classes = sizes + num_rows;
  const char* values = classes + num_weights;
  uint64_t previous_key = 0;
  uint32_t begin = 0;
  uint8_t row_classes[256];
  int16_t row_weights[256];
  for (uint32_t r = 0; r < num_rows && r < kAhead; ++r) prefetch(get_u64(keys + size_t{r} * 8));
  for (uint32_t r = 0; r < num_rows; ++r) {
    if (r + kAhead < num_rows) prefetch(get_u64(keys + size_t{r + kAhead} * 8));
    const uint64_t key = get_u64(keys + size_t{r} * 8);
    const uint32_t size = static_cast<unsigned char>(sizes[r]);
    if (key <= previous_key)
      corrupt(std::string(what) + " feature keys out of order at row " + std::to_string(r));
    previous_key = key;
    if (size == 0 || size_t{begin} + size > num_weights)
      corrupt(std::string(what) + " bad row size at row " + std::to_string(r));
    int previous_class = -1;
    for (uint32_t j = 0; j < size; ++j) {
      const int c = static_cast<unsigned char>(classes[begin + j]);
      if (c <= previous_class || c >= num_classes)
        corrupt(std::string(what) + " bad class " + std::to_string(c) + " at row " + std::to_string(r));
      previous_class = c;
      row_classes[j] = static_cast<uint8_t>(c);
      row_weights[j] = static_cast<int16_t>(get_u16(values + size_t{begin + j} * 2));
    }
    add(key, row_classes, row_weights, size);
    begin += size;
  }
  if (begin != num_weights) corrupt(std::string(what) + " row sizes do not add up to the weight count");
  return values + size_t{num_weights} * 2;
}

// Per-thread scratch space, reused between calls.
struct Scratch {
  ParseState state;
  SentenceFeatures sentence;
  std::vector<int32_t> heads;
  std::vector<uint8_t> relations;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

}  // namespace

struct Parser::Model {
  MoveTable moves;
  LabelTable labels;
  size_t move_rows = 0, label_rows = 0;

  // Parses the sentence of `st.n` words seen through v; leaves the tree in st.
  void parse(const SentenceView& v, ParseState& st) const {
    uint64_t keys[kNumMoveFeatures];
    // b0 only moves right, and the buffer features depend on it alone: their
    // sum is kept until it moves.
    int32_t buffer_b0 = -1;
    int32_t buffer_scores[kNumMoves] = {};
    while (!st.terminal()) {
      const bool shift = st.legal(kShift), left = st.legal(kLeft), right = st.legal(kRight);
      Move m;
      if (int(shift) + int(left) + int(right) == 1) {
        m = shift ? kShift : left ? kLeft : kRight;
      } else {
        const auto prefetch = [this](uint64_t key) { moves.index.prefetch(key); };
        if (st.b0 != buffer_b0) {
          buffer_features(st.b0, st.n, v, keys, prefetch);
          buffer_scores[0] = buffer_scores[1] = buffer_scores[2] = 0;
          moves.add(keys, kNumBufferFeatures, buffer_scores);
          buffer_b0 = st.b0;
        }
        stack_features(st, v, keys, prefetch);
        int32_t scores[kNumMoves] = {buffer_scores[0], buffer_scores[1], buffer_scores[2]};
        moves.add(keys, kNumStackFeatures, scores);
        m = best_legal_move(st, scores);
      }
      uint8_t rel = 0;
      if (m != kShift) rel = relation(v, st, st.arc_head(m), st.s(0), keys);
      st.apply(m, rel);
    }
  }

  uint8_t relation(const SentenceView& v, const ParseState& st, int32_t h, int32_t d,
                   uint64_t* keys) const {
    if (h == st.n) return dep::kRoot;
    label_features(st, v, h, d, keys, [this](uint64_t key) { labels.index.prefetch(key); });
    int32_t scores[64] = {};
    labels.score(keys, kNumLabelFeatures, scores);
    return best_relation(scores);
  }
};

Parser Parser::from_bytes(std::string_view bytes) { return from_bytes(bytes, true); }

Parser Parser::from_bytes(std::string_view bytes, bool verify_checksum) {
  if (bytes.size() < kParserHeaderSize)
    corrupt("truncated header (" + std::to_string(bytes.size()) + " bytes)");
  const char* p = bytes.data();
  if (std::memcmp(p, kParserMagic, sizeof kParserMagic) != 0) corrupt("bad magic, not a parser model");
  uint32_t field[10];
  for (int i = 0; i < 10; ++i) field[i] = get_u32(p + 8 + 4 * i);
  const auto [version, feature_set, num_tags, tag_checksum, num_relations, relation_checksum,
              move_rows, move_weights, label_rows, label_weights] = field;
  const uint64_t checksum = get_u64(p + 48);
  if (version != kParserModelVersion)
    corrupt("format version " + std::to_string(version) + ", this build reads " +
            std::to_string(kParserModelVersion));
  if (feature_set != kParserFeatureSet)
    corrupt("feature set " + std::to_string(feature_set) + ", this build computes " +
            std::to_string(kParserFeatureSet));
  if (num_tags != pos::kNumTags || tag_checksum != pos::tag_set_checksum())
    corrupt("trained for a different tag set");
  if (num_relations != dep::kNumRelations || relation_checksum != dep::relation_set_checksum())
    corrupt("trained for a different relation set");
  const uint64_t expected = kParserHeaderSize + (uint64_t{move_rows} + label_rows) * 9 +
                            (uint64_t{move_weights} + label_weights) * 3;
  if (bytes.size() != expected)
    corrupt("size " + std::to_string(bytes.size()) + " bytes, header says " +
            std::to_string(expected) + " (truncated or trailing bytes)");
  const char* payload = p + kParserHeaderSize;
  if (verify_checksum && tagger_detail::hash_bytes(payload, bytes.size() - kParserHeaderSize) != checksum)
    corrupt("checksum mismatch");
  auto model = std::make_shared<Model>();
  model->move_rows = move_rows;
  model->label_rows = label_rows;
  model->moves.weights = move_weights;
  model->moves.index = core_detail::BucketTable<MoveWeights>(move_rows);
  const char* next = read_table(payload, move_rows, move_weights, kNumMoves, "move table:",
                                [&](uint64_t key) { model->moves.index.prefetch(key); },
                                [&](uint64_t key, const uint8_t* c, const int16_t* w, uint32_t size) {
                                  MoveWeights row{};
                                  for (uint32_t j = 0; j < size; ++j) row.weight[c[j]] = w[j];
                                  model->moves.index.insert(key, row);
                                });
  LabelTable& labels = model->labels;
  labels.index = core_detail::BucketTable<uint32_t>(label_rows);
  labels.stored = label_weights;
  labels.weights.reserve(LabelTable::kGroup + size_t{label_weights} + size_t{label_rows} * (LabelTable::kGroup - 1));
  read_table(next, label_rows, label_weights, dep::kNumRelations, "relation table:",
             [&](uint64_t key) { labels.index.prefetch(key); },
             [&](uint64_t key, const uint8_t* c, const int16_t* w, uint32_t size) {
               const size_t begin = labels.weights.size();
               if (begin >= (size_t{1} << 24)) corrupt("relation table: too many weights");
               for (uint32_t j = 0; j < size; ++j)
                 labels.weights.push_back(static_cast<int32_t>(static_cast<uint32_t>(int32_t{w[j]}) << 8) | c[j]);
               const uint32_t groups = (size + LabelTable::kGroup - 1) / LabelTable::kGroup;
               labels.weights.resize(begin + size_t{groups} * LabelTable::kGroup, 0);
               labels.index.insert(key, static_cast<uint32_t>(begin << 8 | groups));
             });
  return Parser(std::move(model));
}

const Parser& Parser::builtin() {
#ifdef WHOSAID_HAVE_BUILTIN_PARSER
  static const Parser parser = from_bytes(
      std::string_view(whosaid_res_parser, static_cast<size_t>(whosaid_res_parser_size)), false);
  return parser;
#else
  throw Error(ErrorCode::kModel,
              "no built-in parser model: this build had no data/parser.bin "
              "(train one with `whosaid train parser`)");
#endif
}

size_t Parser::num_features() const noexcept { return model_->move_rows + model_->label_rows; }
size_t Parser::num_weights() const noexcept {
  return model_->moves.weights + model_->labels.stored;
}

void Parser::parse(const std::string_view* words, const uint8_t* tags, size_t n, int32_t* heads_out,
                   uint8_t* relations_out) const {
  if (n == 0) return;
  Scratch& s = scratch();
  SentenceFeatures& f = s.sentence;
  f.resize(n);
  for (size_t i = 0; i < n; ++i) {
    f.words[i] = word_value(words[i]);
    f.tags[i] = tags[i];
  }
  f.finish(n);
  s.state.reset(static_cast<int32_t>(n));
  model_->parse(f.view(), s.state);
  for (size_t i = 0; i < n; ++i) {
    const int32_t h = s.state.head[i];
    heads_out[i] = h >= static_cast<int32_t>(n) ? -1 : h;
    relations_out[i] = s.state.label[i];
  }
}

void Parser::parse(Document& doc, uint32_t first, uint32_t end) const {
  if (end > doc.tokens.size()) end = static_cast<uint32_t>(doc.tokens.size());
  if (first >= end) return;
  if (end - first > kMaxParseTokens) {
    for (uint32_t b = first; b < end; b += kMaxParseTokens)
      parse(doc, b, end - b > kMaxParseTokens ? b + kMaxParseTokens : end);
    return;
  }
  for (uint32_t i = first; i < end; ++i)
    if (doc.tokens[i].tag == 0) {
      Tagger::builtin().tag_tokens(doc, first, end);
      break;
    }
  Scratch& s = scratch();
  const size_t n = end - first;
  SentenceFeatures& f = s.sentence;
  f.resize(n);
  for (size_t i = 0; i < n; ++i) {
    const Token& t = doc.tokens[first + i];
    f.words[i] = word_value(doc.slice(t.span));
    f.tags[i] = t.tag;
  }
  f.finish(n);
  s.state.reset(static_cast<int32_t>(n));
  model_->parse(f.view(), s.state);
  for (size_t i = 0; i < n; ++i) {
    Token& t = doc.tokens[first + i];
    const int32_t h = s.state.head[i];
    t.head = h >= static_cast<int32_t>(n) ? int16_t{0} : static_cast<int16_t>(h - static_cast<int32_t>(i));
    t.dep = s.state.label[i];
  }
}

void Parser::parse(Document& doc) const {
  if (doc.sentences.empty()) {
    parse(doc, 0, static_cast<uint32_t>(doc.tokens.size()));
    return;
  }
  for (const Sentence& sentence : doc.sentences) parse(doc, sentence.first_token, sentence.end_token);
}

}  // namespace whosaid

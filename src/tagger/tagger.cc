#include "tagger/tagger.h"

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

#include "core/feature_table.h"
#include "tagger/features.h"
#include "tagger/model.h"
#include "tagger/model_format.h"
#include "whosaid/error.h"

#ifdef WHOSAID_HAVE_BUILTIN_TAGGER
extern "C" const char whosaid_res_tagger[];
extern "C" const unsigned long long whosaid_res_tagger_size;
#endif

namespace whosaid {

using namespace tagger_detail;

namespace {

int32_t scale_down(int32_t w) {
  constexpr int shift = Tagger::Model::kWeightShift;
  return shift == 0 ? w : (w + (1 << shift >> 1)) >> shift;
}

[[noreturn]] void corrupt(const std::string& why) {
  throw Error(ErrorCode::kModel,
              "tagger model: " + why + " (rebuild it with `whosaid train tagger`)");
}

// Per-thread scratch space, reused between calls.
struct Scratch {
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
  Tagger::Model::Buffers buffers;
  std::vector<std::pair<uint32_t, bool>> paired;
};
Scratch& scratch() {
  thread_local Scratch s;
  return s;
}

// Marks that Document::quoted pairs, by the begin offset of their span:
// true for an opening mark, false for a closing one. Sorted.
void paired_marks(const Document& doc, std::vector<std::pair<uint32_t, bool>>& out) {
  out.clear();
  for (const QuotedRegion& q : doc.quoted) {
    if (!q.open_mark.empty()) out.emplace_back(q.open_mark.begin, true);
    if (!q.close_mark.empty()) out.emplace_back(q.close_mark.begin, false);
  }
  std::sort(out.begin(), out.end());
}

bool is_single_mark(std::string_view form) {
  return form == "'" || form == "`" || form == "\xE2\x80\x98" || form == "\xE2\x80\x99";
}

// How a quotation-mark token is to be tagged. Marks paired by the quotation
// stage (Document::quoted) are what it found. Otherwise a double mark opens
// when it has a space before but none after ("word), closes in the opposite
// case (word" or word".), and is left to the model between `` and '' else; a
// single mark ' or ’ opens in the same way but is otherwise left to the model
// with every tag, as it may be a possessive (the Joneses' house).
uint8_t quote_constraint(const Document& doc, size_t i, uint8_t from_form,
                         const std::vector<std::pair<uint32_t, bool>>& paired) {
  const Token& t = doc.tokens[i];
  auto it = std::lower_bound(paired.begin(), paired.end(), std::make_pair(t.span.begin, false));
  if (it != paired.end() && it->first == t.span.begin) return it->second ? kOpenQuote : kCloseQuote;
  if (from_form == kOpenQuote || from_form == kCloseQuote) return from_form;  // “ ” `` ''
  const bool before = t.has(kSpaceBefore) || t.has(kParagraphStart) || i == 0;
  const bool after = t.has(kSpaceAfter) || i + 1 == doc.tokens.size();
  const std::string_view form = doc.slice(t.span);
  if (before && !after) return kOpenQuote;
  if (is_single_mark(form)) return form == "`" || form == "\xE2\x80\x98" ? kOpenQuote : kNotQuote;
  if (!before && after) return kCloseQuote;
  if (!before && !after && doc.tokens[i + 1].kind == TokenKind::kPunct) return kCloseQuote;
  return kAnyQuote;
}

}  // namespace

Tagger Tagger::from_bytes(std::string_view bytes) { return from_bytes(bytes, true); }

Tagger Tagger::from_bytes(std::string_view bytes, bool verify_checksum) {
  if (bytes.size() < kModelHeaderSize)
    corrupt("truncated header (" + std::to_string(bytes.size()) + " bytes)");
  const char* p = bytes.data();
  if (std::memcmp(p, kModelMagic, sizeof kModelMagic) != 0) corrupt("bad magic, not a tagger model");
  const uint32_t version = get_u32(p + 8);
  const uint32_t feature_set = get_u32(p + 12);
  const uint32_t num_tags = get_u32(p + 16);
  const uint32_t tag_checksum = get_u32(p + 20);
  const uint32_t num_features = get_u32(p + 24);
  const uint32_t num_weights = get_u32(p + 28);
  const uint32_t num_words = get_u32(p + 32);
  const uint64_t checksum = get_u64(p + 36);
  if (version != kModelVersion)
    corrupt("format version " + std::to_string(version) + ", this build reads " +
            std::to_string(kModelVersion));
  if (feature_set != kFeatureSetVersion)
    corrupt("feature set " + std::to_string(feature_set) + ", this build computes " +
            std::to_string(kFeatureSetVersion));
  if (num_tags != pos::kNumTags || tag_checksum != pos::tag_set_checksum())
    corrupt("trained for a different tag set");
  const uint64_t expected = kModelHeaderSize + uint64_t{num_features} * 9 +
                            uint64_t{num_weights} * 3 + uint64_t{num_words} * 16;
  if (bytes.size() != expected)
    corrupt("size " + std::to_string(bytes.size()) + " bytes, header says " +
            std::to_string(expected) + " (truncated or trailing bytes)");
  const char* payload = p + kModelHeaderSize;
  if (verify_checksum && hash_bytes(payload, bytes.size() - kModelHeaderSize) != checksum)
    corrupt("checksum mismatch");

  auto model = std::make_shared<Model>();
  model->num_features = num_features;
  model->num_weights = num_weights;
  model->table = core_detail::FeatureTable<uint32_t>(2 * size_t{num_features});
  model->weights.reserve(num_weights + 4096);

  const char* keys = payload;
  const char* sizes = keys + size_t{num_features} * 8;
  {
    // The dense rows in one block from the start (on huge pages: see Model).
    size_t dense_rows = 0;
    for (uint32_t f = 0; f < num_features; ++f) dense_rows += static_cast<unsigned char>(sizes[f]) > Model::kDenseAbove;
    model->dense.reserve(dense_rows * Model::kDenseWidth);
  }
  const char* tags = sizes + num_features;
  const char* weights = tags + num_weights;
  auto& out = model->weights;
  uint64_t previous_key = 0;
  uint32_t begin = 0;
  // Rows go to random slots of a table larger than the cache: the slot of the
  // row kAhead rows on is prefetched, or most of the load waits for them.
  constexpr uint32_t kAhead = 16;
  for (uint32_t f = 0; f < num_features && f < kAhead; ++f) model->table.prefetch(get_u64(keys + size_t{f} * 8));
  for (uint32_t f = 0; f < num_features; ++f) {
    if (f + kAhead < num_features) model->table.prefetch(get_u64(keys + size_t{f + kAhead} * 8));
    const uint64_t key = get_u64(keys + size_t{f} * 8);
    const uint32_t size = static_cast<unsigned char>(sizes[f]);
    if (key <= previous_key) corrupt("feature keys out of order at row " + std::to_string(f));
    previous_key = key;
    if (size == 0 || begin + size > num_weights)
      corrupt("bad row size at row " + std::to_string(f));
    const bool dense = size > Model::kDenseAbove;
    const size_t row_begin = dense ? model->dense.size() / Model::kDenseWidth : out.size();
    if (row_begin >= (size_t{1} << 24)) corrupt("too many weights");
    if (dense) model->dense.resize(model->dense.size() + Model::kDenseWidth, 0);
    int previous_tag = 0;
    for (uint32_t j = begin; j < begin + size; ++j) {
      const int tag = static_cast<unsigned char>(tags[j]);
      if (tag <= previous_tag || tag >= pos::kNumTags)
        corrupt("bad tag id " + std::to_string(tag) + " at row " + std::to_string(f));
      previous_tag = tag;
      const int32_t w = scale_down(static_cast<int16_t>(get_u16(weights + size_t{j} * 2)));
      if (dense) model->dense[row_begin * Model::kDenseWidth + tag] = static_cast<int16_t>(w);
      else out.push_back(static_cast<int32_t>(static_cast<uint32_t>(w) << 8) | tag);
    }
    if (!model->table.insert(key, static_cast<uint32_t>(row_begin << 8) | (dense ? Model::kDense : size)))
      corrupt("duplicate feature at row " + std::to_string(f));
    begin += size;
  }
  if (begin != num_weights) corrupt("row sizes do not add up to the weight count");

  const char* word_keys = weights + size_t{num_weights} * 2;
  const char* word_classes = word_keys + size_t{num_words} * 8;
  std::vector<std::pair<uint64_t, uint64_t>> lexicon(num_words);
  for (uint32_t i = 0; i < num_words; ++i) {
    lexicon[i] = {get_u64(word_keys + size_t{i} * 8), get_u64(word_classes + size_t{i} * 8)};
    if (lexicon[i].first == 0 || (i > 0 && lexicon[i].first <= lexicon[i - 1].first))
      corrupt("lexicon keys out of order at word " + std::to_string(i));
    if ((lexicon[i].second & 0xFF) >= pos::kNumTags)
      corrupt("bad sure tag at word " + std::to_string(i));
  }
  model->lexicon = Lexicon(std::move(lexicon));
  model->find_fixed_rows();
  return Tagger(std::move(model));
}

const Tagger& Tagger::builtin() {
#ifdef WHOSAID_HAVE_BUILTIN_TAGGER
  static const Tagger tagger = from_bytes(
      std::string_view(whosaid_res_tagger, static_cast<size_t>(whosaid_res_tagger_size)), false);
  return tagger;
#else
  throw Error(ErrorCode::kModel,
              "no built-in tagger model: this build had no data/tagger.bin "
              "(train one with `whosaid train tagger`)");
#endif
}

size_t Tagger::num_features() const noexcept { return model_->num_features; }
size_t Tagger::num_weights() const noexcept { return model_->num_weights; }
size_t Tagger::num_words() const noexcept { return model_->lexicon.entries().size(); }

void Tagger::tag(const std::string_view* words, size_t n, uint8_t* tags_out) const {
  if (n == 0) return;
  Scratch& s = scratch();
  model_->analyse(words, n, s.buffers);
  model_->tag(n, tags_out, s.buffers);
}

void Tagger::tag_tokens(Document& doc, uint32_t first, uint32_t end) const {
  if (end > doc.tokens.size()) end = static_cast<uint32_t>(doc.tokens.size());
  if (first >= end) return;
  Scratch& s = scratch();
  const size_t n = end - first;
  s.words.resize(n);
  for (size_t i = 0; i < n; ++i) s.words[i] = doc.slice(doc.tokens[first + i].span);
  model_->analyse(s.words.data(), n, s.buffers);
  s.tags.resize(n);
  model_->tag(n, s.tags.data(), s.buffers);
  for (size_t i = 0; i < n; ++i) doc.tokens[first + i].tag = s.tags[i];
}

void Tagger::tag(Document& doc) const {
  Scratch& s = scratch();
  paired_marks(doc, s.paired);
  auto run = [&](uint32_t first, uint32_t end) {
    if (end > doc.tokens.size()) end = static_cast<uint32_t>(doc.tokens.size());
    if (first >= end) return;
    const size_t n = end - first;
    s.words.resize(n);
    for (size_t i = 0; i < n; ++i) s.words[i] = doc.slice(doc.tokens[first + i].span);
    model_->analyse(s.words.data(), n, s.buffers);
    for (size_t i = 0; i < n; ++i) {
      WordInfo& w = s.buffers.infos[kPadding + i];
      if (doc.tokens[first + i].kind == TokenKind::kQuote || w.quote != kNotQuote)
        w.quote = quote_constraint(doc, first + i, w.quote, s.paired);
    }
    s.tags.resize(n);
    model_->tag(n, s.tags.data(), s.buffers);
    for (size_t i = 0; i < n; ++i) doc.tokens[first + i].tag = s.tags[i];
  };
  if (doc.sentences.empty()) {
    run(0, static_cast<uint32_t>(doc.tokens.size()));
  } else {
    for (const Sentence& sentence : doc.sentences) run(sentence.first_token, sentence.end_token);
  }
}

}  // namespace whosaid

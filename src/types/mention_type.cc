#include "types/mention_type.h"

#include <cmath>

#include "core/model_bytes.h"
#include "core/utf8.h"
#include "whosaid/error.h"

#ifdef WHOSAID_HAVE_BUILTIN_TYPES
extern "C" const char whosaid_res_types[];
extern "C" const unsigned long long whosaid_res_types_size;
#endif

namespace whosaid {
namespace {

constexpr std::string_view kMagic = "whosaid types model 1\n";

// Words after which a noun phrase's head is over ("the head of the company",
// "a man who", "Smith, the mayor").
bool ends_head(std::string_view w) {
  static constexpr std::string_view kStops[] = {
      "of", "in", "at", "for", "with", "on", "from", "by", "about", "to", "into", "under", "over",
      "who", "which", "that", "whose", "whom", "where", "when", ",", "(", ")", ":", ";", "-", "–", "—"};
  for (std::string_view s : kStops)
    if (w == s) return true;
  return false;
}

// "Xx", "x", "X", "d", "X.", "x-x": the word's letters as classes, runs collapsed, at most 4.
std::string shape(std::string_view w) {
  std::string s;
  for (unsigned char c : w) {
    char k = c >= 'A' && c <= 'Z' ? 'X' : c >= 'a' && c <= 'z' ? 'x' : c >= '0' && c <= '9' ? 'd' : c >= 0x80 ? 'u' : static_cast<char>(c);
    if (s.empty() || s.back() != k) s.push_back(k);
    if (s.size() == 4) break;
  }
  return s;
}

bool capitalised(std::string_view w) { return !w.empty() && w[0] >= 'A' && w[0] <= 'Z'; }

const char* bucket(size_t n) { return n <= 1 ? "1" : n == 2 ? "2" : n == 3 ? "3" : "4+"; }

}  // namespace

void head_phrase(std::vector<std::string_view>& words) {
  for (size_t i = 1; i < words.size(); ++i)
    if (ends_head(words[i])) {
      words.resize(i);
      return;
    }
}

void type_features(const std::vector<std::string_view>& words, const Lexicon& lex, FeatureVector& f) {
  f.add("bias");
  if (words.empty()) return;
  std::string head, first, before;
  utf8::fold(words.back(), head);
  utf8::fold(words.front(), first);
  if (words.size() >= 2) utf8::fold(words[words.size() - 2], before);
  if (!head.empty() && head.back() == 's' && head.size() > 2 && head[head.size() - 2] == '\'') head.resize(head.size() - 2);
  const std::string hs = shape(words.back());
  f.add("h", head);
  f.add("hs", hs);
  f.add("n", bucket(words.size()));
  f.add("n_hs", bucket(words.size()), hs);
  for (size_t k : {2, 3, 4})
    if (head.size() > k + 1) f.add(FeatureName(std::string_view(k == 2 ? "s2" : k == 3 ? "s3" : "s4")), std::string_view(head).substr(head.size() - k));
  if (words.size() >= 2) {
    f.add("f", first);
    f.add("fs", shape(words.front()));
    f.add("b", before);
    f.add("f_h", first, head);
  }
  bool all_caps = true;
  for (std::string_view w : words) all_caps &= capitalised(w) || w == "of" || w == "the";
  f.add("caps", all_caps ? "y" : "n");
  // What the lexicon knows (words folded, without a final period: "Mr." is "mr").
  auto bare = [](std::string w) {
    if (w.size() > 1 && w.back() == '.') w.pop_back();
    return w;
  };
  first = bare(first);
  // Each word's row of the lexicon, looked up once (the word hashed once).
  const WordInfo& first_info = lex.info(lex.id(first));
  const WordInfo& head_info = lex.info(lex.id(head));
  const Gender g = first_info.given_name;
  if (g != Gender::kUnknown && capitalised(words.front())) f.add("given", words.size() >= 2 ? "full" : "alone");
  if (head_info.given_name != Gender::kUnknown && capitalised(words.back())) f.add("given_head");
  // A title before a capitalised head: "Mr Key", "Dr. William Glennie", "Prime Minister John Key".
  std::string w;
  bool title = false, role = false, given = false;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    utf8::fold(words[i], w);
    if (w.size() > 1 && w.back() == '.') w.pop_back();  // bare(w)
    const WordInfo& info = lex.info(lex.id(w));
    title |= info.is(WordClass::kHonorificM) || info.is(WordClass::kHonorificF) || info.is(WordClass::kHonorific);
    role |= info.is(WordClass::kRole);
    given |= capitalised(words[i]) && info.given_name != Gender::kUnknown;
  }
  const bool cap_head = capitalised(words.back());
  if (title) f.add("title", cap_head ? "X" : "x");
  if (role) f.add("role_pre", cap_head ? "X" : "x");
  if (given) f.add("given_pre", cap_head ? "X" : "x");
  if (lex.is(WordClass::kAbbrevEnd, bare(head))) f.add("corp");
  for (const auto& [cls, name] : {std::pair{WordClass::kRole, "role"}, std::pair{WordClass::kOrgHead, "org"},
                                  std::pair{WordClass::kNominal, "nominal"}, std::pair{WordClass::kDocument, "doc"},
                                  std::pair{WordClass::kTime, "time"}, std::pair{WordClass::kDateWord, "date"}}) {
    if (head_info.is(cls)) f.add("lex_h", name, hs);
    if (words.size() >= 2 && first_info.is(cls)) f.add("lex_f", name);
  }
  if (head_info.is(WordClass::kPronounM) || head_info.is(WordClass::kPronounF) ||
      head_info.is(WordClass::kPronounPlural) || head_info.is(WordClass::kPronounNeuter) ||
      head_info.is(WordClass::kPronounFirst))
    f.add("pronoun", head);
}

TypeModel::Row TypeModel::scores(const std::vector<uint32_t>& features) const {
  Row sum{};
  if (packed_.empty())
    for (uint32_t id : features)
      for (size_t c = 0; c < kEntityTypes; ++c) sum[c] += rows_[id][c];
  else
    for (uint32_t id : features) {
      const Row& row = packed_[id];
      for (size_t c = 0; c < kEntityTypes; ++c) sum[c] += row[c];
    }
  return sum;
}

EntityType TypeModel::classify(const std::vector<uint32_t>& features, float other_margin) const {
  return pick(scores(features), other_margin, true);
}

EntityType TypeModel::pick(const Row& sum, float other_margin, bool document) {
  size_t best = 0;  // ties go to the first type: person
  for (size_t c = 1; c + 1 < kEntityTypes; ++c)
    if ((document || c != static_cast<size_t>(EntityType::kDocument)) && sum[c] > sum[best]) best = c;
  constexpr size_t kOther = static_cast<size_t>(EntityType::kOther);
  return static_cast<EntityType>(sum[kOther] > sum[best] + other_margin ? kOther : best);
}

EntityType TypeModel::classify(const Document& doc, const Mention& m, const Lexicon& lex) const {
  thread_local std::vector<std::string_view> words;  // its memory reused
  words.clear();
  for (uint32_t t = m.first_token; t < m.end_token; ++t) {
    const Token& tok = doc.tokens[t];
    if (tok.span.begin < m.span.begin || tok.span.end > m.span.end) continue;
    if (tok.kind == TokenKind::kQuote) continue;
    words.push_back(doc.slice(tok.span));
  }
  head_phrase(words);
  if (words.empty()) return EntityType::kOther;
  std::string head;
  utf8::fold(words.back(), head);
  if (head.size() > 1 && head.back() == '.') head.pop_back();
  // GUM, the training data, has few company names: "Acme Corp", "Tesco plc" are bodies.
  // So are the lexicon's bodies ("the union", "the ministry", "the BBC News network").
  const WordInfo& head_info = lex.info(lex.id(head));
  if (head_info.is(WordClass::kAbbrevEnd) || head_info.is(WordClass::kOrgHead)) return EntityType::kOrganisation;
  thread_local FeatureVector f;  // its memory reused
  f.clear();
  type_features(words, lex, f);
  // A document is a document word ("the report"), never a guess among weak scores.
  return pick(scores(f.ids()), kSpeakerOtherMargin, head_info.is(WordClass::kDocument));
}

std::string TypeModel::serialize() const {
  using model_bytes::put;
  std::string out(kMagic);
  put<uint32_t>(out, kFeatureBits);
  put<uint32_t>(out, static_cast<uint32_t>(kEntityTypes));
  uint32_t nonzero = 0;
  for (const Row& r : rows_) nonzero += r != Row{};
  put<uint32_t>(out, nonzero);
  for (uint32_t k = 0; k < rows_.size(); ++k) {
    if (rows_[k] == Row{}) continue;
    put<uint32_t>(out, k);
    for (float v : rows_[k]) put<float>(out, v);
  }
  return out;
}

TypeModel TypeModel::parse(std::string_view bytes) {
  constexpr std::string_view kWhat = "types model";
  auto u32 = [&](size_t& at) { return model_bytes::get<uint32_t>(bytes, at, kWhat); };
  if (!bytes.starts_with(kMagic)) throw Error(ErrorCode::kModel, "types model: bad magic line (not a whosaid types model 1)");
  size_t at = kMagic.size();
  if (u32(at) != kFeatureBits) throw Error(ErrorCode::kModel, "types model: wrong feature bits");
  if (u32(at) != kEntityTypes) throw Error(ErrorCode::kModel, "types model: wrong number of types");
  TypeModel m;
  const uint32_t n = u32(at);
  int64_t previous = -1;
  for (uint32_t k = 0; k < n; ++k) {
    const uint32_t slot = u32(at);
    if (slot >= m.rows_.size() || static_cast<int64_t>(slot) <= previous)
      throw Error(ErrorCode::kModel, "types model: bad slot in entry " + std::to_string(k));
    for (float& v : m.rows_[slot]) {
      v = model_bytes::get<float>(bytes, at, kWhat);
      if (!std::isfinite(v)) throw Error(ErrorCode::kModel, "types model: bad weight in entry " + std::to_string(k));
    }
    // serialize() writes only rows with a non-zero weight: an all-zero entry
    // is not a file it wrote (and would not round-trip).
    if (m.rows_[slot] == Row{}) throw Error(ErrorCode::kModel, "types model: empty entry " + std::to_string(k));
    previous = slot;
  }
  if (at != bytes.size()) throw Error(ErrorCode::kModel, "types model: trailing bytes at " + std::to_string(at));
  m.packed_ = core_detail::PackedWeights<Row>(m.rows_);
  return m;
}

const TypeModel& TypeModel::builtin() {
#ifdef WHOSAID_HAVE_BUILTIN_TYPES
  static const TypeModel model =
      parse(std::string_view(whosaid_res_types, static_cast<size_t>(whosaid_res_types_size)));
  return model;
#else
  throw Error(ErrorCode::kModel, "no built-in types model: this build had no data/types.bin (`whosaid train types`)");
#endif
}

}  // namespace whosaid

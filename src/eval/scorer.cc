// Matching gold attributions to predicted quotes and counting (docs/eval.md).
#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <tuple>
#include <utility>

#include <nlohmann/json.hpp>

#include "eval/chars.h"
#include "whosaid/error.h"
#include "whosaid/eval.h"

namespace whosaid::eval {
namespace {

using json = nlohmann::ordered_json;

// Sorted, disjoint, non-empty spans clamped to [0, size).
std::vector<Span> normalized(std::vector<Span> spans, size_t size) {
  const auto limit = static_cast<uint32_t>(size);
  for (Span& s : spans) {
    s.end = std::min(s.end, limit);
    s.begin = std::min(s.begin, s.end);
  }
  std::erase_if(spans, [](Span s) { return s.empty(); });
  std::sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  std::vector<Span> out;
  for (Span s : spans) {
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

std::string lower_ascii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

std::string joined(std::string_view text, const std::vector<Span>& spans, std::string_view sep) {
  std::string out;
  for (Span s : spans) {
    if (s.end > text.size() || s.begin > s.end) continue;
    if (!out.empty()) out += sep;
    out += text.substr(s.begin, s.size());
  }
  return out;
}

// Words of a name or a source mention: runs of word characters. Hyphens and
// apostrophes split ("al-Assad" → al, Assad; "O'Rourke" → O, Rourke).
struct NameToken {
  std::string lower;
  bool capitalized = false;
};

std::vector<NameToken> name_tokens(std::string_view s) {
  std::vector<NameToken> out;
  size_t i = 0;
  while (i < s.size()) {
    chars::CodePoint cp = chars::decode(s, i);
    if (!chars::is_word_char(cp.value)) {
      i += cp.size;
      continue;
    }
    const size_t start = i;
    const bool capitalized = chars::is_upper(cp.value);
    while (i < s.size() && chars::is_word_char((cp = chars::decode(s, i)).value)) i += cp.size;
    out.push_back({lower_ascii(s.substr(start, i - start)), capitalized});
  }
  return out;
}

// Capitalised words that do not identify a speaker: titles, honorifics, party
// adjectives and sentence-initial function words. Lower case, sorted.
constexpr std::array<std::string_view, 75> kNotNames = {
    "a", "adm", "an", "attorney", "capt", "chair", "chairman", "chairwoman", "chief", "co",
    "col", "commissioner", "congressman", "congresswoman", "dame", "democratic", "deputy",
    "director", "dr", "former", "gen", "general", "gov", "governor", "he", "her", "his", "i",
    "it", "its", "judge", "justice", "king", "lady", "leader", "lord", "lt", "mayor",
    "minister", "miss", "mp", "mr", "mrs", "ms", "my", "our", "pope", "president", "prime",
    "prince", "princess", "prof", "professor", "queen", "rep", "representative", "republican",
    "rev", "reverend", "secretary", "sen", "senator", "sgt", "she", "sir", "speaker",
    "spokesman", "spokeswoman", "the", "their", "they", "vice", "we", "who", "you",
};
static_assert(std::is_sorted(kNotNames.begin(), kNotNames.end()));

bool is_not_name(std::string_view lower) {
  return std::binary_search(kNotNames.begin(), kNotNames.end(), lower);
}

constexpr std::array<std::string_view, 5> kRelativePronouns = {"that", "which", "who", "whom", "whose"};

bool only_separators(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const chars::CodePoint cp = chars::decode(s, i);
    if (!chars::is_space(cp.value) && cp.value != ',' && cp.value != '-' && cp.value != 0x2013 &&
        cp.value != 0x2014) {
      return false;
    }
    i += cp.size;
  }
  return true;
}

bool has_speaker(const Quote& q) {
  return q.speaker && (!q.speaker->name.empty() || (q.speaker->mention && !q.speaker->mention->empty()));
}

bool is_quoted(QuoteKind k) { return k != QuoteKind::kIndirect; }

using SpanKey = std::pair<uint32_t, uint32_t>;
// Normalised span → "belongs to a quoted (direct|mixed) item".
using SpanSet = std::map<SpanKey, bool>;

void insert(SpanSet& set, std::string_view text, Span span, bool quoted) {
  const Span t = trim_for_exact_match(text, span);
  if (t.empty()) return;
  bool& q = set[{t.begin, t.end}];
  q = q || quoted;
}

// Set-based exact match (docs/eval.md, "exact-span F1").
void count_exact(const SpanSet& gold, const SpanSet& predicted, Counts& all, Counts& quoted) {
  all.gold += gold.size();
  all.predicted += predicted.size();
  for (const auto& [key, q] : gold) {
    const bool found = predicted.contains(key);
    all.tp_recall += found;
    quoted.gold += q;
    quoted.tp_recall += q && found;
  }
  for (const auto& [key, q] : predicted) {
    const bool found = gold.contains(key);
    all.tp_precision += found;
    quoted.predicted += q;
    quoted.tp_precision += q && found;
  }
}

json span_list(const std::vector<Span>& spans) {
  json out = json::array();
  for (Span s : spans) out.push_back({s.begin, s.end});
  return out;
}

json gold_json(std::string_view text, const GoldAttribution& g) {
  json out = {{"id", g.id},
              {"quote_type", quote_kind_name(g.quote_type)},
              {"content", span_list(g.content)},
              {"content_text", joined(text, g.content, " … ")},
              {"source", span_list(g.source)},
              {"source_text", joined(text, g.source, " … ")},
              {"cue_text", joined(text, g.cue, " … ")}};
  if (g.speaker) out["speaker"] = *g.speaker;
  return out;
}

json predicted_json(std::string_view text, const Quote& q) {
  const std::vector<Span> content = predicted_content(q);
  json out = {{"kind", quote_kind_name(q.kind)},
              {"spans", span_list(content)},
              {"text", joined(text, content, " … ")},
              {"speaker", nullptr},
              {"mention", nullptr},
              {"mention_text", nullptr},
              {"cue_text", q.cue ? json(joined(text, {*q.cue}, "")) : json(nullptr)},
              {"confidence", q.confidence}};
  if (q.speaker) {
    out["speaker"] = q.speaker->name;
    if (q.speaker->mention) {
      out["mention"] = {q.speaker->mention->begin, q.speaker->mention->end};
      out["mention_text"] = joined(text, {*q.speaker->mention}, "");
    }
  }
  return out;
}

double rounded(double x) { return std::round(x * 1e4) / 1e4; }

const char* verdict_name(NameVerdict v) {
  switch (v) {
    case NameVerdict::kExact: return "exact";
    case NameVerdict::kPronounOrEmpty: return "pronoun_or_empty";
    case NameVerdict::kWrong: return "wrong";
  }
  return "wrong";
}

}  // namespace

// ------------------------------------------------------------- CharCounter

CharCounter::CharCounter(std::string_view text) {
  prefix_.resize(text.size() + 1);
  uint32_t counted = 0;
  size_t i = 0;
  while (i < text.size()) {
    const chars::CodePoint cp = chars::decode(text, i);
    const uint32_t counts = chars::is_space(cp.value) || chars::is_quote_mark(cp.value) ? 0 : 1;
    prefix_[i] = counted;
    counted += counts;
    // A span that ends inside a character includes it; one that starts inside excludes it.
    for (uint32_t k = 1; k < cp.size; ++k) prefix_[i + k] = counted;
    i += cp.size;
  }
  prefix_[text.size()] = counted;
}

uint64_t CharCounter::count(Span span) const noexcept {
  const auto last = static_cast<uint32_t>(prefix_.size() - 1);
  const uint32_t end = std::min(span.end, last), begin = std::min(span.begin, end);
  return prefix_[end] - prefix_[begin];
}

uint64_t CharCounter::count(const std::vector<Span>& spans) const {
  uint64_t n = 0;
  for (Span s : normalized(spans, prefix_.size() - 1)) n += count(s);
  return n;
}

uint64_t CharCounter::count_common(const std::vector<Span>& a, const std::vector<Span>& b) const {
  const size_t size = prefix_.size() - 1;
  const std::vector<Span> x = normalized(a, size), y = normalized(b, size);
  uint64_t n = 0;
  size_t i = 0, j = 0;
  while (i < x.size() && j < y.size()) {
    const uint32_t begin = std::max(x[i].begin, y[j].begin), end = std::min(x[i].end, y[j].end);
    if (begin < end) n += count(Span{begin, end});
    if (x[i].end < y[j].end) {
      ++i;
    } else {
      ++j;
    }
  }
  return n;
}

// ------------------------------------------------------------------- rules

double content_jaccard(const CharCounter& counter, const std::vector<Span>& gold,
                       const std::vector<Span>& predicted) {
  const uint64_t common = counter.count_common(gold, predicted);
  const uint64_t either = counter.count(gold) + counter.count(predicted) - common;
  return either == 0 ? 0.0 : static_cast<double>(common) / static_cast<double>(either);
}

std::vector<Span> predicted_content(const Quote& quote) {
  if (!quote.spans.empty()) return {quote.spans.begin(), quote.spans.end()};
  return {quote.span};
}

bool in_discard(const CharCounter& counter, const std::vector<Span>& content,
                const std::vector<Span>& discard) {
  if (discard.empty()) return false;
  const uint64_t total = counter.count(content);
  if (total > 0) return 2 * counter.count_common(content, discard) >= total;
  // No counted character (only spaces or quotation marks): decide on bytes.
  uint64_t bytes = 0, inside = 0;
  for (Span c : normalized(content, UINT32_MAX)) {
    bytes += c.size();
    for (Span d : normalized(discard, UINT32_MAX)) {
      const uint32_t b = std::max(c.begin, d.begin), e = std::min(c.end, d.end);
      if (b < e) inside += e - b;
    }
  }
  return bytes > 0 && 2 * inside >= bytes;
}

std::string normalize_name(std::string_view name) {
  std::string out;
  bool space = false;
  for (size_t i = 0; i < name.size();) {
    const chars::CodePoint cp = chars::decode(name, i);
    if (chars::is_space(cp.value)) {
      space = true;
    } else {
      if (space && !out.empty()) out += ' ';
      space = false;
      if (cp.value == 0x2019) {
        out += '\'';
      } else if (cp.value >= 'A' && cp.value <= 'Z') {
        out += static_cast<char>(cp.value - 'A' + 'a');
      } else {
        out.append(name.substr(i, cp.size));
      }
    }
    i += cp.size;
  }
  return out;
}

bool speaker_correct(std::string_view text, const GoldAttribution& gold, const Quote& predicted) {
  // 1. Seed gold names the person: the resolved names must be equal.
  if (gold.speaker && !normalize_name(*gold.speaker).empty()) {
    return predicted.speaker && normalize_name(predicted.speaker->name) == normalize_name(*gold.speaker);
  }
  // 2. No source in the gold ("it is believed that ..."): right iff no speaker.
  if (gold.source.empty()) return !has_speaker(predicted);
  if (!has_speaker(predicted)) return false;
  const Speaker& speaker = *predicted.speaker;

  // 3a. The predicted mention overlaps a gold source fragment (this also covers
  //     pronoun sources: "he" predicted as "he" → John Key).
  if (speaker.mention && !speaker.mention->empty()) {
    for (Span s : gold.source) {
      if (s.overlaps(*speaker.mention)) return true;
    }
  }
  const std::string source_text = joined(text, gold.source, " ");

  // 3b. The resolved name shares a capitalised word with the gold source
  //     ("Key" in "Key: SAS could ..." and the name "John Key").
  const std::vector<NameToken> name = name_tokens(speaker.name);
  for (const NameToken& t : name_tokens(source_text)) {
    if (!t.capitalized || t.lower.size() < 2 || is_not_name(t.lower)) continue;
    for (const NameToken& n : name) {
      if (n.lower == t.lower) return true;
    }
  }

  // 3c. The gold source is a relative pronoun ("Key, who said ...") and the
  //     predicted mention is its antecedent: it ends before the pronoun with
  //     only spaces, commas or dashes between.
  const std::string pronoun = normalize_name(source_text);
  const bool relative = std::find(kRelativePronouns.begin(), kRelativePronouns.end(), pronoun) !=
                        kRelativePronouns.end();
  if (relative && speaker.mention && !speaker.mention->empty()) {
    const Span m = *speaker.mention;
    const uint32_t begin = gold.source.front().begin;
    if (m.end <= begin && begin <= text.size() && only_separators(text.substr(m.end, begin - m.end))) {
      return true;
    }
  }
  return false;
}

Span trim_for_exact_match(std::string_view text, Span span) {
  span.end = std::min<uint32_t>(span.end, static_cast<uint32_t>(text.size()));
  span.begin = std::min(span.begin, span.end);
  auto trimmed = [](uint32_t c) {
    return chars::is_space(c) || chars::is_quote_mark(c) || chars::is_edge_punct(c);
  };
  while (span.begin < span.end) {
    const chars::CodePoint cp = chars::decode(text, span.begin);
    if (!trimmed(cp.value) || span.begin + cp.size > span.end) break;
    span.begin += cp.size;
  }
  while (span.begin < span.end) {
    const chars::CodePoint cp = chars::decode_before(text, span.end);
    if (!trimmed(cp.value) || span.end - cp.size < span.begin) break;
    span.end -= cp.size;
  }
  return span;
}

// ------------------------------------------------------------------ Scorer

Scorer::Scorer(bool keep_errors) : keep_errors_(keep_errors) {}
Scorer::~Scorer() = default;
Scorer::Scorer(Scorer&&) noexcept = default;
Scorer& Scorer::operator=(Scorer&&) noexcept = default;

void Scorer::add(const GoldDocument& gold, const Document& predicted) {
  const std::string_view text = gold.text;
  if (predicted.text() != text) {
    throw Error(ErrorCode::kBadInput, "document " + gold.id + ": the predicted text (" +
                                          std::to_string(predicted.text().size()) +
                                          " bytes) is not the gold text (" + std::to_string(text.size()) +
                                          " bytes)");
  }
  const CharCounter counter(text);

  struct Item {
    std::vector<Span> content;  // normalised
    uint64_t size = 0;          // counted characters
    bool quoted = false;
    int match = -1;             // index on the other side
    uint64_t match_common = 0, match_union = 0;
    int closest = -1;           // best overlap on the other side, for the error file
    double closest_jaccard = 0.0;
  };

  std::vector<Item> golds;
  for (const GoldAttribution& a : gold.attributions) {
    Item g;
    g.content = normalized(a.content, text.size());
    g.size = counter.count(g.content);
    g.quoted = a.quoted();
    golds.push_back(std::move(g));
  }
  std::vector<Item> preds;
  std::vector<const Quote*> quotes;  // parallel to preds
  for (const Quote& q : predicted.quotes) {
    Item p;
    p.content = normalized(predicted_content(q), text.size());
    if (in_discard(counter, p.content, gold.discard)) {
      ++report_.ignored_predictions;
      continue;
    }
    p.size = counter.count(p.content);
    p.quoted = is_quoted(q.kind);
    preds.push_back(std::move(p));
    quotes.push_back(&q);
  }

  // Candidate pairs with Jaccard >= 0.5, compared exactly as common/union.
  struct Pair {
    uint64_t common, either;
    int g, p;
  };
  std::vector<Pair> pairs;
  for (size_t gi = 0; gi < golds.size(); ++gi) {
    for (size_t pi = 0; pi < preds.size(); ++pi) {
      const uint64_t common = counter.count_common(golds[gi].content, preds[pi].content);
      if (common == 0) continue;
      const uint64_t either = golds[gi].size + preds[pi].size - common;
      const double j = static_cast<double>(common) / static_cast<double>(either);
      if (j > golds[gi].closest_jaccard) golds[gi].closest_jaccard = j, golds[gi].closest = static_cast<int>(pi);
      if (j > preds[pi].closest_jaccard) preds[pi].closest_jaccard = j, preds[pi].closest = static_cast<int>(gi);
      if (2 * common >= either) pairs.push_back({common, either, static_cast<int>(gi), static_cast<int>(pi)});
    }
  }
  // Greedy one-to-one: highest Jaccard first; ties by gold then prediction order.
  std::sort(pairs.begin(), pairs.end(), [](const Pair& a, const Pair& b) {
    const unsigned __int128 l = static_cast<unsigned __int128>(a.common) * b.either;
    const unsigned __int128 r = static_cast<unsigned __int128>(b.common) * a.either;
    if (l != r) return l > r;
    return a.g != b.g ? a.g < b.g : a.p < b.p;
  });
  for (const Pair& pr : pairs) {
    Item& g = golds[pr.g];
    Item& p = preds[pr.p];
    if (g.match >= 0 || p.match >= 0) continue;
    g.match = pr.p, p.match = pr.g;
    g.match_common = p.match_common = pr.common;
    g.match_union = p.match_union = pr.either;
  }

  // Counting.
  SubsetScores all, quoted;
  all.content.gold = all.end_to_end.gold = golds.size();
  all.content.predicted = all.end_to_end.predicted = preds.size();
  for (const Item& g : golds) quoted.content.gold += g.quoted;
  for (const Item& p : preds) quoted.content.predicted += p.quoted;
  quoted.end_to_end.gold = quoted.content.gold;
  quoted.end_to_end.predicted = quoted.content.predicted;

  std::vector<bool> speaker_ok(golds.size(), false);
  std::vector<std::optional<NameVerdict>> name_verdict(golds.size());  // matched named gold only
  for (size_t gi = 0; gi < golds.size(); ++gi) {
    const GoldAttribution& a = gold.attributions[gi];
    Accuracy& by_type = report_.recall_by_type[static_cast<size_t>(a.quote_type)];
    ++by_type.total;
    const Item& g = golds[gi];
    const bool named = named_gold(a);
    if (named) {
      ++all.names.named_gold;
      quoted.names.named_gold += g.quoted;
    }
    if (g.match < 0) continue;
    ++by_type.correct;
    if (named) {
      const NameVerdict v = *(name_verdict[gi] = judge_name(*a.speaker, *quotes[g.match]));
      for (NameScores* n : {&all.names, g.quoted ? &quoted.names : nullptr}) {
        if (n == nullptr) continue;
        ++n->matched;
        n->exact += v == NameVerdict::kExact;
        n->pronoun_or_empty += v == NameVerdict::kPronounOrEmpty;
      }
    }
    const Item& p = preds[g.match];
    const bool ok = speaker_ok[gi] = speaker_correct(text, a, *quotes[g.match]);
    ++all.content.tp_precision, ++all.content.tp_recall;
    ++all.speaker.total, all.speaker.correct += ok;
    all.end_to_end.tp_precision += ok, all.end_to_end.tp_recall += ok;
    if (g.quoted) {
      ++quoted.content.tp_recall;
      ++quoted.speaker.total, quoted.speaker.correct += ok;
      quoted.end_to_end.tp_recall += ok;
    }
    if (p.quoted) {
      ++quoted.content.tp_precision;
      quoted.end_to_end.tp_precision += ok;
    }
  }

  // Exact spans.
  SpanSet gold_fragments, pred_fragments, gold_sources, pred_sources;
  for (const GoldAttribution& a : gold.attributions) {
    for (Span s : a.content) insert(gold_fragments, text, s, a.quoted());
    if (!a.source.empty()) insert(gold_sources, text, {a.source.front().begin, a.source.back().end}, a.quoted());
  }
  for (size_t pi = 0; pi < preds.size(); ++pi) {
    const Quote& q = *quotes[pi];
    for (Span s : predicted_content(q)) insert(pred_fragments, text, s, preds[pi].quoted);
    if (q.speaker && q.speaker->mention) insert(pred_sources, text, *q.speaker->mention, preds[pi].quoted);
  }
  count_exact(gold_fragments, pred_fragments, all.content_fragment_exact, quoted.content_fragment_exact);
  count_exact(gold_sources, pred_sources, all.source_exact, quoted.source_exact);

  for (auto [mine, sum] : {std::pair{&all, &report_.all}, std::pair{&quoted, &report_.quoted}}) {
    sum->content += mine->content;
    sum->speaker += mine->speaker;
    sum->names += mine->names;
    sum->end_to_end += mine->end_to_end;
    sum->content_fragment_exact += mine->content_fragment_exact;
    sum->source_exact += mine->source_exact;
  }
  ++report_.documents;
  report_.skipped_gold += gold.skipped_attributions;

  if (!keep_errors_) return;
  // Error cases in text order: (offset, case rank, line).
  std::vector<std::tuple<uint32_t, int, std::string>> cases;
  auto dump = [](const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); };
  for (size_t gi = 0; gi < golds.size(); ++gi) {
    const Item& g = golds[gi];
    const GoldAttribution& a = gold.attributions[gi];
    const uint32_t at = g.content.empty() ? 0 : g.content.front().begin;
    if (g.match < 0) {
      json j = {{"doc", gold.id}, {"case", "missed"}, {"gold", gold_json(text, a)}, {"closest", nullptr}};
      if (g.closest >= 0) {
        j["closest"] = {{"jaccard", rounded(g.closest_jaccard)},
                        {"predicted", predicted_json(text, *quotes[g.closest])}};
      }
      cases.emplace_back(at, 0, dump(j));
    } else if (!speaker_ok[gi] || (name_verdict[gi] && *name_verdict[gi] != NameVerdict::kExact)) {
      json j = {{"doc", gold.id},
                {"case", speaker_ok[gi] ? "wrong_name" : "wrong_speaker"},
                {"jaccard", rounded(static_cast<double>(g.match_common) / static_cast<double>(g.match_union))},
                {"gold", gold_json(text, a)},
                {"predicted", predicted_json(text, *quotes[g.match])}};
      if (name_verdict[gi]) j["name"] = verdict_name(*name_verdict[gi]);
      cases.emplace_back(at, 1, dump(j));
    }
  }
  for (size_t pi = 0; pi < preds.size(); ++pi) {
    const Item& p = preds[pi];
    if (p.match >= 0) continue;
    json j = {{"doc", gold.id}, {"case", "spurious"}, {"predicted", predicted_json(text, *quotes[pi])},
              {"closest", nullptr}};
    if (p.closest >= 0) {
      j["closest"] = {{"jaccard", rounded(p.closest_jaccard)},
                      {"gold", gold_json(text, gold.attributions[p.closest])}};
    }
    cases.emplace_back(p.content.empty() ? 0 : p.content.front().begin, 2, dump(j));
  }
  std::stable_sort(cases.begin(), cases.end(), [](const auto& x, const auto& y) {
    return std::get<0>(x) != std::get<0>(y) ? std::get<0>(x) < std::get<0>(y) : std::get<1>(x) < std::get<1>(y);
  });
  for (auto& c : cases) errors_.push_back(std::move(std::get<2>(c)));
}

void Scorer::write_errors(std::ostream& out) const {
  for (const std::string& line : errors_) out << line << '\n';
}

}  // namespace whosaid::eval

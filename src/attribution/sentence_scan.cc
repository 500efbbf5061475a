// Per-token and per-sentence tables, tags on demand.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

const std::array<std::string_view, pos::kNumTags> Attributor::kPennViews = [] {
  std::array<std::string_view, pos::kNumTags> a;
  for (int i = 0; i < pos::kNumTags; ++i) a[i] = pos::penn_name(static_cast<uint8_t>(i));
  return a;
}();

void Attributor::tag_sentence(uint32_t si) {
  tagged_[si] = true;
  tagger_->tag_tokens(doc_, doc_.sentences[si].first_token, doc_.sentences[si].end_token);
}

void Attributor::index_tokens() {
  const size_t n = doc_.tokens.size();
  words_before_.assign(n + 1, 0);
  for (size_t t = 0; t < n; ++t) {
    const TokenKind k = doc_.tokens[t].kind;
    words_before_[t + 1] = words_before_[t] + (k == TokenKind::kWord || k == TokenKind::kNumber);
  }
}

const Attributor::SentenceScan& Attributor::scan(uint32_t si) {
  if (scan_.sentence == si) return scan_;
  const Sentence& s = doc_.sentences[si];
  const uint32_t n = s.end_token - s.first_token;
  scan_.sentence = si;
  scan_.counted = UINT32_MAX;
  scan_.first = s.first_token;
  scan_.end = s.end_token;
  scan_.next_quoted.assign(n + 1, s.end_token);
  scan_.next_boundary.assign(n + 1, s.end_token);
  for (uint32_t i = n; i-- > 0;) {
    const uint32_t t = s.first_token + i;
    const Token& tk = tok(t);
    scan_.next_quoted[i] = tk.in_quote || tk.kind == TokenKind::kQuote ? t : scan_.next_quoted[i + 1];
    scan_.next_boundary[i] = is_boundary_punct(t) || is_spaced_hyphen(t) ? t : scan_.next_boundary[i + 1];
  }
  return scan_;
}

const Attributor::SentenceScan& Attributor::scan_counts(uint32_t si) {
  scan(si);
  if (scan_.counted == si) return scan_;
  const uint32_t n = scan_.end - scan_.first;
  scan_.counted = si;
  scan_.commas_before.assign(n + 1, 0);
  scan_.openings_before.assign(n + 1, 0);
  scan_.after_close_before.assign(n + 1, 0);
  for (uint32_t i = 0; i < n; ++i) {
    const uint32_t t = scan_.first + i;
    scan_.commas_before[i + 1] = scan_.commas_before[i] + is_comma(t);
    scan_.openings_before[i + 1] = scan_.openings_before[i] + (region_opening_at(t) >= 0);
    scan_.after_close_before[i + 1] = is_closing_mark(t) ? t + 1 : scan_.after_close_before[i];
  }
  return scan_;
}

uint32_t Attributor::next_end_candidate(uint32_t t, uint32_t si) {
  const Sentence& s = doc_.sentences[si];
  if (t < s.first_token || t >= s.end_token) return t;
  if (end_sentence_ != si) {
    next_end_.assign(s.end_token - s.first_token + 1, s.end_token);
    for (uint32_t k = s.end_token; k-- > s.first_token;) {
      bool candidate = is_boundary_punct(k) || is_spaced_hyphen(k);
      if (!candidate && tok(k).kind == TokenKind::kWord && tagger_) {
        const uint8_t tg = tag_of(k, si);
        candidate = pos::is_adposition(tg) || pos::is_conjunction(tg) || adverbial_start(k, s.end_token);
      }
      next_end_[k - s.first_token] = candidate ? k : next_end_[k - s.first_token + 1];
    }
    end_sentence_ = si;
  }
  return next_end_[t - s.first_token];
}

uint32_t Attributor::first_quoted(uint32_t b, uint32_t limit, uint32_t si) {
  if (b >= limit) return limit;
  const SentenceScan& sc = scan(si);
  if (b >= sc.first && limit <= sc.end) return std::min(sc.next_quoted[b - sc.first], limit);
  for (uint32_t t = b; t < limit; ++t)  // (a range outside the sentence)
    if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) return t;
  return limit;
}

uint32_t Attributor::first_boundary(uint32_t b, uint32_t limit, uint32_t si) {
  if (b >= limit) return limit;
  const SentenceScan& sc = scan(si);
  if (b >= sc.first && limit <= sc.end) return std::min(sc.next_boundary[b - sc.first], limit);
  uint32_t t = b;
  while (t < limit && !is_boundary_punct(t) && !is_spaced_hyphen(t)) ++t;
  return t;
}

uint32_t Attributor::commas(uint32_t b, uint32_t e, uint32_t si) {
  if (e <= b) return 0;
  const SentenceScan& sc = scan_counts(si);
  if (b >= sc.first && e <= sc.end) return sc.commas_before[e - sc.first] - sc.commas_before[b - sc.first];
  uint32_t n = 0;
  for (uint32_t t = b; t < e; ++t) n += is_comma(t);
  return n;
}

uint32_t Attributor::openings(uint32_t b, uint32_t e, uint32_t si) {
  if (e <= b) return 0;
  const SentenceScan& sc = scan_counts(si);
  if (b >= sc.first && e <= sc.end) return sc.openings_before[e - sc.first] - sc.openings_before[b - sc.first];
  uint32_t n = 0;
  for (uint32_t t = b; t < e; ++t) n += region_opening_at(t) >= 0;
  return n;
}

uint32_t Attributor::after_last_close(uint32_t b, uint32_t e, uint32_t si) {
  if (e <= b) return b;
  const SentenceScan& sc = scan_counts(si);
  if (b >= sc.first && e <= sc.end) return std::max(b, sc.after_close_before[e - sc.first]);
  for (uint32_t t = e; t-- > b;)
    if (is_closing_mark(t)) return t + 1;
  return b;
}

uint32_t Attributor::finite_verbs(uint32_t b, uint32_t e, uint32_t si) {
  if (e <= b) return 0;
  if (finite_sentence_ != si) {
    const Sentence& s = doc_.sentences[si];
    finite_before_.assign(s.end_token - s.first_token + 1, 0);
    for (uint32_t t = s.first_token; t < s.end_token; ++t)
      finite_before_[t - s.first_token + 1] =
          finite_before_[t - s.first_token] + (tok(t).kind == TokenKind::kWord && pos::is_finite_verb(tag_of(t, si)));
    finite_sentence_ = si;
  }
  const Sentence& s = doc_.sentences[si];
  b = std::max(b, s.first_token);
  e = std::min(e, s.end_token);
  return e <= b ? 0 : finite_before_[e - s.first_token] - finite_before_[b - s.first_token];
}

bool Attributor::skippable(uint32_t t) const {
  const FoldedWord w = fw_[t];
  if (tok(t).kind != TokenKind::kWord || tok(t).in_quote) return false;
  if (lex_.is(WordClass::kSkip, w) || lex_.is(WordClass::kTime, w)) return true;
  if (w == "'s" || w == "'ve" || w == "'d" || w == "'ll") return true;  // "He's said"
  // "-ly" is an adverb ("repeatedly said"), unless the tagger says otherwise
  // ("the rally said", "the family says").
  if (w.size() > 4 && w.ends_with("ly") && !tok(t).has(kCapitalized))
    return tok(t).tag == 0 || pos::is_adverb(tok(t).tag);
  return false;
}

}  // namespace whosaid::attribution

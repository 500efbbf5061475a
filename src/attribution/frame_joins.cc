// Frames that meet in one sentence: nested, shared-source and split frames.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

void Attributor::end_before_trailing_quotation(std::vector<Frame>& frames, const Frame& f) {
  if (frames.empty() || !f.trailing || f.content.empty()) return;
  Frame& outer = frames.back();
  if (outer.content.empty() || outer.source == f.source || outer.trailing) return;
  Range& o = outer.content.back();
  const uint32_t start = f.content.front().begin;
  if (start <= o.begin || start >= o.end || start == doc_.sentences[f.sentence].first_token) return;
  uint32_t cut = start;
  while (cut > o.begin && (tok(cut - 1).kind == TokenKind::kQuote || is_comma(cut - 1) || text(cut - 1) == ":" ||
                           text(cut - 1) == ";" || is_dash(cut - 1) || is_spaced_hyphen(cut - 1)))
    --cut;
  if (!cut_content(outer, cut)) frames.pop_back();
}

bool Attributor::cut_content(Frame& outer, uint32_t cut) {
  Range& r = outer.content.back();
  const Range first = trim({r.begin, cut});
  if (first.empty() || word_count(first.begin, first.end) < 2) return false;
  r = first;
  return kind_of(outer.content) != QuoteKind::kIndirect || accepted(outer);
}

bool Attributor::nested_frame(std::vector<Frame>& frames, const Cue& c, uint32_t si) {
  std::optional<Frame> inner = build_frame(c, si);
  if (!inner || inner->source < 0) return false;
  if (inner->trailing && !frames.empty() && inner->content.size() == 1) {
    // "…they are asked to rank their choices, and "the foreign policy group is
    // less likely to be overrun," Hoover said.": the trailing statement starts
    // at the last clause boundary before its quotation.
    Range& r = inner->content.front();
    uint32_t first_quote = r.end;
    for (uint32_t t = r.begin; t < r.end; ++t)
      if (tok(t).in_quote) { first_quote = t; break; }
    uint32_t start = r.begin;
    for (uint32_t t = first_quote; t > r.begin; --t) {
      if (tok(t - 1).in_quote) continue;
      const FoldedWord w = fw_[t - 1];
      if (w == ";" || w == "and" || w == "but" || (w == "," && t < first_quote + 1) || opens_quotation_after_break(t)) {
        start = t;
        break;
      }
    }
    r = trim({start, r.end});
    if (r.empty() || word_count(r.begin, r.end) < 2) return false;
    Frame& outer = frames.back();
    // "Two men have been charged with arson …, police said": a frame with no
    // source whose cue lies in the trailing statement is part of it.
    if (outer.source < 0 && r.begin <= outer.cue->first_token && outer.cue->first_token < r.end) {
      frames.back() = std::move(*inner);
      return true;
    }
    Range& o = outer.content.back();
    if (o.begin < r.begin && o.end > r.begin && outer.source != inner->source) {
      uint32_t cut = r.begin;
      while (cut > o.begin && (is_comma(cut - 1) || fw_[cut - 1] == "and" || fw_[cut - 1] == "but" ||
                               fw_[cut - 1] == ";" || fw_[cut - 1] == ":" || is_dash(cut - 1)))
        --cut;
      o = trim({o.begin, cut});
      if (o.empty() || word_count(o.begin, o.end) < 2) frames.pop_back();
      frames.push_back(std::move(*inner));
      return true;
    }
    return false;
  }
  if (!inner->trailing && kind_of(inner->content) == QuoteKind::kMixed) return split_for_quoting_frame(frames, *inner);
  if (kind_of(inner->content) != QuoteKind::kDirect) return false;
  const Mention& src = doc_.mentions[inner->source];
  if (src.kind == MentionKind::kPronoun && fw_[src.first_token] != "who") return false;
  for (Frame& outer : frames) {
    if (outer.content.empty() || outer.source == inner->source) continue;
    Range& r = outer.content.back();
    if (src.first_token <= r.begin || src.first_token >= r.end) continue;
    uint32_t cut = np_start(src.first_token, r.begin);
    for (uint32_t t = r.begin; t < cut; ++t)
      if (tok(t).in_quote) return false;  // the outer statement quotes too: leave it whole
    r = trim({r.begin, cut});
    while (r.end > r.begin && (lex_.is(WordClass::kConj, fw_.id(r.end - 1)) || fw_[r.end - 1] == "to")) --r.end;
    r = trim(r);
    std::erase_if(frames, [&](const Frame& f) {
      return f.content.empty() || f.content.back().empty() ||
             word_count(f.content.front().begin, f.content.back().end) < 2;
    });
    frames.push_back(std::move(*inner));
    return true;
  }
  return false;
}

bool Attributor::split_for_quoting_frame(std::vector<Frame>& frames, Frame& inner) {
  const Mention& src = doc_.mentions[inner.source];
  for (size_t i = 0; i < frames.size(); ++i) {
    Frame& outer = frames[i];
    if (outer.content.empty() || outer.source == inner.source || outer.trailing) continue;
    Range& r = outer.content.back();
    if (src.first_token <= r.begin || src.first_token >= r.end) continue;
    const uint32_t start = np_start(src.first_token, r.begin);
    for (uint32_t t = r.begin; t < start; ++t)
      if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) return false;
    // Only across a clause break: never "said (that) he told …".
    uint32_t cut = start;
    bool joint = false;
    while (cut > r.begin) {
      const FoldedWord w = fw_[cut - 1];
      const bool connector = is_comma(cut - 1) || is_dash(cut - 1) || w == ";" || w == ":" || w == "and" || w == "but" ||
                             w == "although" || w == "though" || w == "while" || w == "whereas" || w == "as" ||
                             w == "which" || w == "who" || w == "whom" || w == "where" || w == "when" ||
                             w == "because";
      if (!connector) break;
      joint = true;
      --cut;
      if (w == "which" || w == "whom" || w == "where") {
        if (cut > r.begin && is_preposition(fw_[cut - 1])) --cut;  // "in which she called for …"
      }
    }
    if (!joint) return false;
    if (!cut_content(outer, cut)) frames.erase(frames.begin() + static_cast<ptrdiff_t>(i));
    frames.push_back(std::move(inner));
    return true;
  }
  return false;
}

bool Attributor::participle_after_quotation(const Frame& last, const Cue& c) const {
  if (last.content.empty() || c.first_token < 2 || !is_clause_comma(c.first_token - 1)) return false;
  const uint32_t e = last.content.back().end;
  return e <= c.first_token && c.first_token <= e + 2 && is_closing_mark(c.first_token - 1);
}

Range Attributor::drop_unmatched_close(Range r) const {
  int depth = 0;
  for (uint32_t t = r.begin; t < r.end; ++t) {
    const std::string_view w = text(t);
    if (w == "(") {
      ++depth;
    } else if (w == ")" && --depth < 0 && t + 1 == r.end && t > r.begin + 1) {
      r.end = t;
      while (r.end > r.begin + 1 && !tok(r.end - 1).in_quote &&
             (text(r.end - 1) == "." || text(r.end - 1) == "?" || text(r.end - 1) == "!"))
        --r.end;
    }
  }
  return r;
}

void Attributor::shared_source_frame(std::vector<Frame>& frames, const Cue& c, uint32_t si) {
  if (frames.empty() || c.kind != CueKind::kVerb || c.first_token == 0 || frames.back().source < 0) return;
  const Sentence& s = doc_.sentences[si];
  const uint32_t end = clause_end(s.first_token, s.end_token);
  Frame& last = frames.back();
  if (last.trailing || participle_after_quotation(last, c)) {
    if (!is_clause_comma(c.first_token - 1)) return;
    uint32_t k = skip_adjuncts(c.end_token, end, {});
    if (k >= end || word_count(k, end) < 2) return;
    Frame f;
    f.sentence = si;
    f.cue = &c;
    f.source = last.source;
    // ""…," he said, referring to the seats": the preposition a cue takes
    // belongs to the cue, as after any other cue; the content is its object.
    k = after_particle(k, end, f);
    if (word_count(k, end) < 2) return;
    f.content.push_back(trim({k, end}));
    f.origin = "shared-trailing";
    if (!shared_ok(f)) return;
    frames.push_back(std::move(f));
    return;
  }
  // "… criticized the accord, saying …" / "… but admitted …" / "… and he foreshadowed …":
  // a second cue joined to the first ends the first content and starts its own.
  Range& outer = last.content.back();
  if (c.first_token <= outer.begin || c.first_token >= outer.end || tok(c.first_token).in_quote) return;
  uint32_t p = c.first_token;
  for (int n = 0; n < 3 && p > outer.begin && skippable(p - 1); ++n) --p;
  int32_t source = last.source;
  if (p > outer.begin) {
    // "… and he foreshadowed …" / "… and Trump says …": a subject of its own.
    int32_t m = found_mention_at(p - 1);
    if (m >= 0 && doc_.mentions[m].end_token == p && doc_.mentions[m].first_token > outer.begin &&
        (doc_.mentions[m].kind != MentionKind::kPronoun || !pronoun_is_object(m))) {
      source = m;
      p = doc_.mentions[m].first_token;
    } else if (const int32_t own = joined_subject(p, outer.begin, si); own >= 0) {
      source = own;
      p = doc_.mentions[own].first_token;
    }
  }
  if (p <= outer.begin) return;
  const FoldedWord joint = fw_[p - 1];
  if (!(is_clause_joint(p - 1) || (source != last.source && (text(p - 1) == ";" || is_dash(p - 1))))) return;
  uint32_t cut = p - 1;
  if ((joint == "and" || joint == "but") && cut > outer.begin && is_comma(cut - 1)) --cut;
  const CueEntry* entry = lex_.any_cue(fw_.id(c.first_token));
  uint32_t k = skip_adjuncts(c.end_token, end, entry ? std::string_view(entry->lemma) : std::string_view());
  Frame f;
  k = after_particle(k, end, f);
  if (k >= end || word_count(k, end) < 2 || is_preposition(fw_[k])) return;
  Range first = trim({outer.begin, cut});
  if (first.empty() || word_count(first.begin, first.end) < 2) return;
  f.sentence = si;
  f.cue = &c;
  f.source = source;
  f.content.push_back({k, clause_cut(k, end)});
  f.origin = source != last.source ? "joined-subject" : "shared";
  choose_end(f, end, entry ? std::string_view(entry->lemma) : std::string_view());
  f.content.back() = trim(f.content.back());
  if (!shared_ok(f)) return;
  outer = first;
  frames.push_back(std::move(f));
}

int32_t Attributor::joined_subject(uint32_t p, uint32_t outer_begin, uint32_t si) {
  if (p < outer_begin + 3) return -1;
  int32_t m = mention_ending_at(p - 1, outer_begin);
  if (m < 0) m = tagged_noun_phrase_ending_at(p - 1, outer_begin, si);
  if (m < 0 || pronoun_is_object(m)) return -1;
  const uint32_t first = doc_.mentions[m].first_token;
  if (first <= outer_begin + 1 || doc_.mentions[m].end_token != p) return -1;
  if (!(is_clause_joint(first - 1) || text(first - 1) == ";" || is_dash(first - 1))) return -1;
  return m;
}

bool Attributor::shared_ok(const Frame& f) {
  if (f.content.empty() || f.content.front().empty() || f.cue->prior < kMinFramePrior) return false;
  return kind_of(f.content) != QuoteKind::kIndirect || accepted(f);
}

bool Attributor::covered(const std::vector<Frame>& frames, uint32_t t) {
  for (const Frame& f : frames)
    for (const Range& r : f.content)
      if (t >= r.begin && t < r.end) return true;
  return false;
}

}  // namespace whosaid::attribution

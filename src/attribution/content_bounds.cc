// Where content starts and ends: clause boundaries, trailing statements, candidate ends.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

uint32_t Attributor::clause_end(uint32_t begin, uint32_t end) const {
  while (end > begin) {
    const Token& t = tok(end - 1);
    std::string_view tt = text(end - 1);
    if (t.kind == TokenKind::kPunct && !t.in_quote && (tt == "." || tt == "!" || tt == "?" || tt == "," ||
                                                       tt == ";" || tt == ":" || tt == "..." ||
                                                       tt == "\xE2\x80\xA6"))
      --end;
    else
      break;
  }
  return end;
}

uint32_t Attributor::clause_cut(uint32_t begin, uint32_t end) const {
  uint32_t last_quote = begin;
  for (uint32_t t = begin; t < end; ++t)
    if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) last_quote = t + 1;
  for (uint32_t t = std::max(last_quote > begin ? last_quote - 1 : begin, begin + 4); t + 1 < end; ++t) {
    if (tok(t).in_quote) continue;
    std::string_view tt = text(t);
    if (tt == ";" || utf8::is_dash_token(tt)) return t;
    if (is_clause_comma(t) && t + 1 < end && !tok(t + 1).in_quote) {
      const FoldedWord w = fw_[t + 1];
      if (w == "and" || w == "but" || w == "while" || w == "whereas" || w == "adding" || w == "saying" ||
          w == "explaining" || w == "noting" || w == "according" || w == "though" || w == "although" ||
          w == "before" || w == "after" || w == "as" || w == "which" || w == "prompting" || w == "sparking")
        return t;
      // ""…the ultimate hypocrite," linking to a story": a participle after
      // the last quotation starts a clause of the reporter's.
      if (last_quote > begin && w.size() > 5 && w.ends_with("ing") && !tok(t + 1).has(kCapitalized))
        return t;
    }
  }
  return end;
}

uint32_t Attributor::statement_begin(uint32_t b, uint32_t ce) const {
  uint32_t k = b;
  for (uint32_t t = b; t < ce && t < b + 6; ++t) {
    if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) break;
    if (is_dash(t) && t > b) {
      k = t + 1;
      break;
    }
    if (!(tok(t).has(kAllCaps) || text(t) == "(" || text(t) == ")" || text(t) == ",")) break;
  }
  return k;
}

bool Attributor::opens_quotation(uint32_t t) const {
  return region_opening_at(t) >= 0 || (t > 0 && region_opening_at(t - 1) >= 0);
}

bool Attributor::opens_quotation_after_break(uint32_t t) const {
  if (t == 0 || region_opening_at(t) < 0) return false;
  const std::string_view w = text(t - 1);
  return w == ":" || w == ";" || is_dash(t - 1) || is_spaced_hyphen(t - 1);
}

void Attributor::trailing_statement(Frame& f, uint32_t b, uint32_t ce, const char* origin, uint32_t after, uint32_t e) {
  if (is_comma(ce) && ce > b && is_closing_mark(ce - 1)) --ce;
  f.trailing = true;
  f.content.push_back({quotation_after_break(statement_begin(b, ce), ce), ce});
  if (origin) f.origin = origin;
  after_trailing(f, after, e);
}

uint32_t Attributor::quotation_after_break(uint32_t b, uint32_t ce) const {
  if (ce <= b || !is_closing_mark(ce)) return b;
  for (uint32_t t = b + 2; t < ce; ++t) {
    if (tok(t).in_quote || !opens_quotation_after_break(t)) continue;
    if (doc_.quoted[region_opening_at(t)].end_token != ce) return b;  // more of the statement after it
    return word_count(b, t) >= 2 ? t : b;
  }
  return b;
}

bool Attributor::quoted_clause_before_cue(uint32_t b, uint32_t ce, uint32_t after_cue, uint32_t end) const {
  if (word_count(b, ce) < 3) return false;
  bool quoted = false;
  for (uint32_t t = b; t < ce && !quoted; ++t) quoted = tok(t).in_quote > 0;
  if (!quoted) return false;
  uint32_t k = after_cue;
  while (k < end && skippable(k)) ++k;
  if (k >= end || tok(k).kind == TokenKind::kPunct) return true;
  const FoldedWord w = fw_[k];
  return w == "in" || w == "on" || w == "at" || w == "during" || w == "to" || w == "after" || w == "before" ||
         w == "while" || w == "when" || w == "from" || w == "with" || w == "of" || w == "through" || w == "as";
}

uint32_t Attributor::quoted_object_after_preposition(const Cue& c, uint32_t k, uint32_t end) const {
  const CueEntry* entry = lex_.any_cue(fw_.id(c.first_token));
  if (!entry || entry->cls != CueClass::kSpeech) return k;  // "appeared at …", "plans for …"
  const uint32_t o = k + 1;
  if (o >= end || tok(o).kind == TokenKind::kPunct) return k;
  for (uint32_t t = o; t < clause_cut(o, end); ++t)
    if (tok(t).in_quote) return word_count(o, end) >= 2 ? o : k;
  return k;
}

void Attributor::choose_end(Frame& f, uint32_t limit, std::string_view lemma) {
  choose_start(f, limit, lemma);
  if (f.content.empty() || (!trace_out_ && !(model_ && model_->has_end_model()))) return;
  Range& r = f.content.back();
  if (r.empty()) return;
  const uint32_t stop = first_quoted(r.begin, limit, f.sentence);
  if (r.end > stop) {
    choose_quoted_end(f, limit, stop, lemma);
    return;
  }
  if (stop <= r.begin + 1) return;
  constexpr size_t kMaxEnds = 32;
  ends_.clear();
  for (uint32_t t = next_end_candidate(r.begin + 1, f.sentence); t < stop && ends_.size() + 1 < kMaxEnds;
       t = next_end_candidate(t + 1, f.sentence)) {
    if (is_boundary_punct(t) || is_spaced_hyphen(t)) {
      if (t >= r.begin + 1) ends_.push_back(t);
      continue;
    }
    // Before a preposition or conjunction: an object that is the whole content
    // ("endorsed Sanders | in the primary", "opposed it | because …").
    if (tok(t).kind == TokenKind::kWord && tagger_) {
      const uint8_t tg = tag_of(t, f.sentence);
      if (pos::is_adposition(tg) || pos::is_conjunction(tg) || adverbial_start(t, stop)) ends_.push_back(t);
    }
  }
  if (ends_.empty() || ends_.back() != stop) ends_.push_back(stop);
  if (std::find(ends_.begin(), ends_.end(), r.end) == ends_.end()) {
    ends_.push_back(r.end);
    std::sort(ends_.begin(), ends_.end());
  }
  const uint32_t rule_end = r.end;
  // Finite verbs before each token of [r.begin, stop]: whether a candidate
  // keeps a clause ("said | the plan would fail") or only an object
  // ("endorsed Sanders | and …"), and whether a clause follows it.
  verb_counts_ = true;
  fronted_ = fronted_cue(f, r.begin);
  // Content opening with a subordinate clause ("that if he wins, he will …")
  // goes on past the comma that closes it.
  {
    const uint32_t b = fw_[r.begin] == "that" && r.begin + 1 < stop ? r.begin + 1 : r.begin;
    opens_sub_ = is_subordinator(fw_[b]);
  }
  if (fronted_ || f.origin == "asked") within_cue_clause(f);
  const EndHashes hashes(f, lemma);
  pick_end(f, [&](size_t i) {
    end_features(f, hashes, r.begin, ends_[i], rule_end, limit, stop, i, ends_.size(), efv_);
  });
}

template <typename Features>
void Attributor::pick_end(Frame& f, Features features) {
  Range& r = f.content.back();
  float best = 0;
  uint32_t best_end = r.end;
  CandidateTrace& trace = f.ends;
  trace.end_bytes.clear();
  trace.end_features.clear();
  const float* weights = model_ ? model_->table(AttributionModel::Table::kEnd) : nullptr;
  efv_.prefetch_from(weights);
  qfv_.prefetch_from(weights);
  for (size_t i = 0; i < ends_.size(); ++i) {
    features(i);
    if (trace_out_) {
      const Range cand = trim({r.begin, ends_[i]});
      trace.end_bytes.push_back(cand.empty() ? tok(r.begin).span.begin : tok(cand.end - 1).span.end);
      trace.end_features.push_back(efv_.ids());
    }
    if (model_ && model_->has_end_model()) {
      const float score = model_->end_score(efv_.ids());
      if (i == 0 || score > best) best = score, best_end = ends_[i];
    }
  }
  if (model_ && model_->has_end_model()) r.end = best_end;
}

void Attributor::choose_start(Frame& f, uint32_t limit, std::string_view lemma) {
  f.ends.start_bytes.clear();
  f.ends.start_features.clear();
  if (f.content.empty() || (!trace_out_ && !(model_ && model_->has_start_model()))) return;
  Range& r = f.content.back();
  if (r.empty()) return;
  if (first_quoted(r.begin, limit, f.sentence) < limit) return;
  constexpr uint32_t kMaxShift = 6;
  starts_.clear();
  starts_.push_back(r.begin);
  for (uint32_t t = r.begin; t < r.end && t < limit && starts_.size() <= kMaxShift; ++t) {
    const Token& tk = tok(t);
    if (tk.in_quote || tk.kind == TokenKind::kQuote || (tk.kind == TokenKind::kPunct && text(t) != "-")) break;
    if (t + 2 >= r.end) break;  // keep at least two tokens
    starts_.push_back(t + 1);
  }
  // Past the window, the complementizer that opens the clause the cue
  // reports, after an adjunct or an addressee: "said Thursday during a
  // taping of a town hall meeting in Buffalo, New York, | that …".
  {
    constexpr uint32_t kMaxReach = 24;
    const uint32_t last = starts_.back();
    for (uint32_t t = last + 1; t < r.end && t < limit && t < r.begin + kMaxReach && t + 2 < r.end; ++t) {
      const Token& tk = tok(t);
      if (tk.in_quote || tk.kind == TokenKind::kQuote) break;
      if (tk.kind == TokenKind::kPunct && text(t) != "," && text(t) != "-") break;
      if (tag_name(t, f.sentence).starts_with("VB")) break;  // a verb of its own: another clause
      if (fw_[t] == "that" || fw_[t] == "whether") {
        starts_.push_back(t);
        break;
      }
    }
  }
  // Words the rules stepped over between the cue and the start: a preposition
  // taken as the cue's ("said | about half of …") or an adverbial ("say | this is").
  for (uint32_t t = r.begin, n = 0; t > f.cue->end_token && n < 3; --t, ++n) {
    const Token& tk = tok(t - 1);
    if (tk.in_quote || tk.kind == TokenKind::kQuote || tk.kind == TokenKind::kPunct) break;
    starts_.push_back(t - 1);
  }
  if (starts_.size() < 2) return;
  float best = 0;
  uint32_t best_start = r.begin;
  efv_.prefetch_from(model_ ? model_->table(AttributionModel::Table::kStart) : nullptr);
  const StartHashes hashes(*this, f, r.begin, lemma);
  for (size_t i = 0; i < starts_.size(); ++i) {
    start_features(f, hashes, r.begin, starts_[i], r.end, efv_);
    if (trace_out_) {
      f.ends.start_bytes.push_back(tok(starts_[i]).span.begin);
      f.ends.start_features.push_back(efv_.ids());
    }
    if (model_ && model_->has_start_model()) {
      const float score = model_->start_score(efv_.ids());
      if (i == 0 || score > best) best = score, best_start = starts_[i];
    }
  }
  if (model_ && model_->has_start_model()) r.begin = best_start;
}

void Attributor::choose_quoted_end(Frame& f, uint32_t limit, uint32_t first_quote, std::string_view lemma) {
  verb_counts_ = false;  // end_features() without the verb counts of reported speech
  fronted_ = opens_sub_ = false;
  Range& r = f.content.back();
  uint32_t t = first_quote;
  while (t < limit && !is_closing_mark(t)) ++t;  // the first quotation's closing mark
  if (t >= limit) return;
  constexpr size_t kMaxEnds = 32;
  ends_.clear();
  for (++t; t < limit && ends_.size() + 1 < kMaxEnds; ++t) {
    if (tok(t).in_quote) continue;
    if (is_closing_mark(t - 1)) {
      // A comma after the closing mark (British style) before a preposition
      // goes on with the phrase: "to tackle "glaring deficiencies", around …".
      const bool phrase_goes_on = is_comma(t) && t + 1 < limit && tagger_ &&
                                  pos::is_adposition(tag_of(t + 1, f.sentence));
      if (!phrase_goes_on) ends_.push_back(t);
      continue;
    }
    if (region_opening_at(t) >= 0) {
      ends_.push_back(t);  // before a later quotation opens
      continue;
    }
    if (is_boundary_punct(t)) {
      ends_.push_back(t);
      continue;
    }
    if (tok(t).kind == TokenKind::kWord && tagger_) {
      const uint8_t tg = tag_of(t, f.sentence);
      if (pos::is_adposition(tg) || pos::is_conjunction(tg) || fw_[t] == "where" || fw_[t] == "when")
        ends_.push_back(t);
    }
  }
  std::erase_if(ends_, [&](uint32_t e) { return e > r.begin && trim({r.begin, e}).empty(); });
  if (ends_.empty() || ends_.back() != limit) ends_.push_back(limit);
  if (std::find(ends_.begin(), ends_.end(), r.end) == ends_.end()) {
    ends_.push_back(r.end);
    std::sort(ends_.begin(), ends_.end());
  }
  ends_.erase(std::unique(ends_.begin(), ends_.end()), ends_.end());
  if (ends_.size() < 2) return;
  const uint32_t rule_end = r.end;
  const EndHashes hashes(f, lemma);
  pick_end(f, [&](size_t i) {
    const uint32_t e = ends_[i];
    quoted_end_features(f, hashes, r.begin, e, rule_end, limit, i, ends_.size(), qfv_);
    end_features(f, hashes, r.begin, e, rule_end, limit, limit, i, ends_.size(), efv_);
    efv_.append(qfv_);
  });
}

bool Attributor::fronted_cue(const Frame& f, uint32_t content_begin) {
  if (!f.cue || !tagger_) return false;
  const uint32_t sb = doc_.sentences[f.sentence].first_token;
  uint32_t b = sb;
  while (b < content_begin && tok(b).kind != TokenKind::kWord) ++b;
  if (b >= content_begin || f.cue->first_token < b) return false;
  for (uint32_t t = b; t < f.cue->first_token; ++t)
    if (is_boundary_punct(t)) return false;
  const FoldedWord w = fw_[b];
  if (b == f.cue->first_token) {
    const std::string_view n = tag_name(b, f.sentence);
    return n == "VBG" || n == "VBN";
  }
  return is_subordinator(w) || w == "in";  // "In announcing the plan, …"
}

bool Attributor::adverbial_start(uint32_t t, uint32_t stop) const {
  const FoldedWord w = fw_[t];
  if (w == "when" || w == "where" || w == "while" || w == "until") return true;
  if (lex_.is(WordClass::kTime, w)) return !(t > 0 && lex_.is(WordClass::kTime, fw_.id(t - 1)));
  return (w == "last" || w == "next" || w == "this" || w == "earlier" || w == "later") && t + 1 < stop &&
         lex_.is(WordClass::kTime, fw_.id(t + 1));
}

void Attributor::after_trailing(Frame& f, uint32_t k, uint32_t e) {
  while (k < e && (skippable(k) || (lex_.is(WordClass::kTime, fw_.id(k))))) ++k;
  if (k + 1 < e && is_comma(k) && tok(k + 1).kind == TokenKind::kQuote) {
    int32_t r = region_opening_at(k + 1);
    if (r >= 0) f.content.push_back({doc_.quoted[r].first_token, doc_.quoted[r].end_token});
    return;
  }
  // ""A big truck" plowed through, he said, and "everyone started running."": the
  // statement goes on after the cue.
  if (k + 2 < e && is_comma(k) && (fw_[k + 1] == "and" || fw_[k + 1] == "but")) {
    const uint32_t end = clause_end(k + 2, e);
    bool quoted = false;
    for (uint32_t t = k + 2; t < end && !quoted; ++t) quoted = tok(t).in_quote > 0;
    if (quoted && end > k + 2) f.content.push_back(trim({k + 2, end}));
  }
}

}  // namespace whosaid::attribution

// Quotes from frames and standalone quotations; continuation across sentences.
#include <algorithm>

#include "attribution/attributor_impl.h"
#include "core/utf8.h"
#include "mentions/mention_finder.h"
#include "tagger/tagger.h"

namespace whosaid::attribution {

Range Attributor::trim(Range r) const {
  while (r.begin < r.end && (tok(r.begin).kind == TokenKind::kQuote || text(r.begin) == "," || text(r.begin) == ":" ||
                             (fw_[r.begin][0] == '\'' && tok(r.begin).kind == TokenKind::kWord)))
    ++r.begin;
  while (r.end > r.begin) {
    const Token& t = tok(r.end - 1);
    std::string_view tt = text(r.end - 1);
    if (t.kind == TokenKind::kQuote || tt == "," || tt == ":" || tt == ";" || tt == "(" ||
        (!t.in_quote && (tt == "." || tt == "?" || tt == "!")))
      --r.end;
    else
      break;
  }
  return r;
}

QuoteKind Attributor::kind_of(const std::vector<Range>& content) const {
  int quoted = 0, plain = 0;
  for (const Range& r : content)
    for (uint32_t t = r.begin; t < r.end; ++t) {
      if (tok(t).kind != TokenKind::kWord && tok(t).kind != TokenKind::kNumber) continue;
      (tok(t).in_quote ? quoted : plain)++;
    }
  if (quoted == 0) return QuoteKind::kIndirect;
  return plain == 0 ? QuoteKind::kDirect : QuoteKind::kMixed;
}

void Attributor::push_quote(Quote q, SpeakerLink link, const CandidateTrace* ends) {
  if (model_ && !report_all_) q.confidence = model_->probability(fv_.ids());
  doc_.quotes.push_back(std::move(q));
  links_.push_back(link);
  if (trace_out_) {
    CandidateTrace t;
    t.features = fv_.ids();
    if (ends) {
      t.end_bytes = ends->end_bytes;
      t.end_features = ends->end_features;
      t.start_bytes = ends->start_bytes;
      t.start_features = ends->start_features;
      t.gated = ends->gated;
    }
    traces_.push_back(std::move(t));
  }
}

void Attributor::emit_frames(std::vector<Frame>& frames, size_t region_begin, size_t region_end) {
  const size_t first_quote = doc_.quotes.size();
  for (Frame& f : frames) {
    // Two cues never claim the same words ("Rob Andrew said: "…"" is one quote, not two).
    bool taken = false;
    for (size_t i = first_quote; i < doc_.quotes.size() && !taken; ++i)
      for (Span sp : doc_.quotes[i].spans)
        for (const Range& r : f.content) taken = taken || byte_span(r).overlaps(sp);
    if (taken) continue;
    QuoteKind kind = kind_of(f.content);
    // Regions inside the content belong to this frame.
    for (size_t r = region_begin; r < region_end; ++r) {
      const QuotedRegion& qr = doc_.quoted[r];
      for (const Range& cr : f.content)
        if (qr.first_token < cr.end && qr.end_token > cr.begin) region_used_[r] = true;
    }
    if (kind == QuoteKind::kIndirect && !opt_.indirect) continue;
    for (Range& r : f.content) r = drop_unmatched_close(r);
    Quote q;
    for (const Range& r : f.content) q.spans.push_back(byte_span(r));
    q.span = {q.spans.front().begin, q.spans.back().end};
    q.kind = kind;
    q.cue = f.cue->span;
    SpeakerLink link;
    f.source = speaking_source(f.source, f.sentence);
    if (f.source >= 0) {
      Speaker sp;
      sp.mention = doc_.mentions[f.source].span;
      q.speaker = sp;
      link.mention = f.source;
    }
    frame_features(f, fv_);
    // (speaking_source() may have dropped the source: then there is no option.)
    if (f.sourceless_option && f.source >= 0) {
      // Training: the same candidate without its source, labelled on its own.
      Quote alt = q;
      const Frame g = sourceless(f);
      alt.spans.clear();
      for (const Range& r : g.content) alt.spans.push_back(byte_span(r));
      alt.span = {alt.spans.front().begin, alt.spans.back().end};
      alt.speaker.reset();
      push_quote(std::move(q), link, &f.ends);
      frame_features(g, fv_);
      push_quote(std::move(alt), SpeakerLink{});
      continue;
    }
    push_quote(std::move(q), link, &f.ends);
  }
}

void Attributor::continue_turn(const std::vector<Frame>& frames, uint32_t si, size_t first_quote, bool quoted) {
  const Sentence& s = doc_.sentences[si];
  if (si == 0 || doc_.sentences[si - 1].paragraph != s.paragraph) {
    // The paragraph opens with a label: a name right before a colon.
    turn_.quote = SIZE_MAX;
    for (const Frame& f : frames) {
      if (f.cue->kind != CueKind::kColon || f.source < 0) continue;
      const Mention& m = doc_.mentions[f.source];
      if (m.kind == MentionKind::kPronoun || m.first_token != s.first_token || m.end_token != f.cue->first_token)
        continue;
      if (!repeated_label(m)) continue;  // "UK: …", "Abstract: …" label one paragraph
      for (size_t i = first_quote; i < doc_.quotes.size(); ++i)
        if (doc_.quotes[i].cue == f.cue->span) turn_ = {i, s.paragraph};
    }
    return;
  }
  if (turn_.quote == SIZE_MAX || turn_.paragraph != s.paragraph || quoted) return;
  const Range r = trim({s.first_token, clause_end(s.first_token, s.end_token)});
  if (r.empty()) return;
  Quote& q = doc_.quotes[turn_.quote];
  q.spans.push_back(byte_span(r));
  q.span.end = q.spans.back().end;
}

bool Attributor::repeated_label(const Mention& m) {
  constexpr uint32_t kMaxLabelTokens = 4;
  if (!labels_counted_) {
    // Once per document: the words before a colon among the first tokens of each paragraph.
    labels_counted_ = true;
    for (const Paragraph& p : doc_.paragraphs)
      for (uint32_t n = 1; n <= kMaxLabelTokens && p.first_token + n < p.end_token; ++n)
        if (text(p.first_token + n) == ":") {
          ++label_counts_[doc_.slice({tok(p.first_token).span.begin, tok(p.first_token + n - 1).span.end})];
          break;
        }
  }
  const auto it = label_counts_.find(doc_.slice(m.span));
  return it != label_counts_.end() && it->second >= 2;
}

void Attributor::emit_standalone(const std::vector<Frame>& frames, uint32_t si, size_t region_begin,
                                 size_t region_end) {
  for (size_t r = region_begin; r < region_end; ++r) {
    if (region_used_[r]) continue;
    const QuotedRegion& qr = doc_.quoted[r];
    Range range = trim({qr.first_token, qr.end_token});
    if (range.empty()) continue;
    const int words = word_count(range.begin, range.end);
    const Sentence& s = doc_.sentences[si];
    const bool whole_sentence = qr.first_token <= s.first_token + 1 && qr.end_token + 2 >= s.end_token;
    if (words < 3 && !whole_sentence) continue;  // scare quotes, titles
    if (words < 2) continue;
    if (is_title(range) || markup_value(qr) || credited(qr)) continue;
    region_used_[r] = true;
    uint32_t label_colon = 0;
    if (const int32_t label = transcript_label(range, label_colon); label >= 0) {
      // ""PENCE: Well, …"": the label speaks what follows its colon.
      Quote q;
      q.spans.push_back(byte_span({label_colon + 1, range.end}));
      q.span = q.spans.front();
      q.kind = QuoteKind::kDirect;
      q.cue = tok(label_colon).span;
      Speaker sp;
      sp.mention = doc_.mentions[label].span;
      q.speaker = sp;
      SpeakerLink link;
      link.mention = label;
      standalone_features("label", qr, {label_colon + 1, range.end}, si, 0, fv_);
      push_quote(std::move(q), link);
      continue;
    }
    if (continues_previous_quote(qr)) {
      Quote* prevp = &doc_.quotes.back();
      // ""…," said X, who declined to run again. "…"": the reported speech
      // of a clause about the source is not what the quotation goes on
      // with; the quotation its sentence opened with is.
      const size_t n = doc_.quotes.size();
      if (prevp->kind == QuoteKind::kIndirect && n >= 2 && doc_.quotes[n - 2].kind != QuoteKind::kIndirect &&
          doc_.quotes[n - 2].speaker && sentence_of(doc_.quotes[n - 2].span.end) == sentence_of(prevp->span.begin))
        prevp = &doc_.quotes[n - 2];
      Quote& prev = *prevp;
      prev.spans.push_back(byte_span(range));
      prev.span.end = prev.spans.back().end;
      if (prev.kind == QuoteKind::kIndirect) prev.kind = QuoteKind::kMixed;
      continue;
    }
    Quote q;
    q.spans.push_back(byte_span(range));
    q.span = q.spans.front();
    q.kind = QuoteKind::kDirect;
    SpeakerLink link;
    const char* origin = "none";
    int para_gap = 0;
    const auto speaker_is = [&](int32_t m) {
      link.mention = m;
      Speaker sp;
      sp.mention = doc_.mentions[m].span;
      q.speaker = sp;
    };
    if (intro_.source >= 0 && intro_.sentence + 1 == static_cast<int32_t>(si) &&
        qr.first_token <= s.first_token + 1) {
      // Introduced by the sentence before: "He said:" ¶ "…"
      speaker_is(intro_.source);
      q.cue = intro_.cue->span;
      origin = "intro";
      intro_ = {};
    } else if (int32_t colon = -1, label = frames.empty() ? label_source(si, qr, colon) : -1; label >= 0) {
      // "- Rovers boss Sam Allen: "We deserved more."": the name that labels
      // the quotation plays the subject's part.
      speaker_is(label);
      if (colon >= 0) q.cue = tok(static_cast<uint32_t>(colon)).span;
      origin = "subject";
    } else if (frames.empty() && sentence_subject(si, qr.first_token) >= 0) {
      // "Moore thanked him for "stepping up …"": the sentence's subject.
      speaker_is(sentence_subject(si, qr.first_token));
      origin = "subject";
    } else if (!frames.empty() && frames.front().source >= 0) {
      // "The process … "could lead to a debate" and Mr Key said …"
      const Frame& f = frames.front();
      speaker_is(f.source);
      q.cue = f.cue->span;
      origin = "sentence-frame";
    } else if (const int32_t intro = introducing_subject(si, qr); frames.empty() && intro >= 0) {
      // "Graham Barlow, editor of Mac Format, has a partisan view. "It's
      // just a Mac …"": the person the sentence before is about.
      speaker_is(intro);
      origin = "intro";
    } else if (!doc_.quotes.empty()) {
      // Carried over from the quote just before, within a few paragraphs.
      int32_t prev = -1;
      for (size_t i = doc_.quotes.size(); i-- > 0;) {
        if (doc_.quotes[i].span.begin < qr.open_mark.begin) { prev = static_cast<int32_t>(i); break; }
      }
      if (prev >= 0 && doc_.quotes[prev].speaker) {
        const uint32_t prev_para = paragraph_of(doc_.quotes[prev].span.begin);
        if (continues_in_next_paragraph(doc_.quotes[prev], qr)) {
          Quote& pq = doc_.quotes[prev];
          pq.spans.push_back(byte_span(range));
          pq.span.end = pq.spans.back().end;
          continue;
        }
        if (qr.paragraph - prev_para <= 3) {
          link.carried_from = prev;
          q.speaker = Speaker{};
          q.speaker->mention.reset();
          origin = "carried";
          para_gap = static_cast<int>(qr.paragraph - prev_para);
        }
      }
    }
    standalone_features(origin, qr, range, si, para_gap, fv_);
    push_quote(std::move(q), link);
  }
}

int32_t Attributor::introducing_subject(uint32_t si, const QuotedRegion& qr) const {
  const Sentence& s = doc_.sentences[si];
  if (si == 0 || qr.first_token > s.first_token + 1) return -1;
  const Sentence& prev = doc_.sentences[si - 1];
  if (prev.paragraph != s.paragraph) return -1;
  for (uint32_t t = prev.first_token; t < prev.end_token; ++t)
    if (tok(t).in_quote || tok(t).kind == TokenKind::kQuote) return -1;  // it quotes someone itself
  const int32_t m = sentence_subject(si - 1, prev.end_token);
  if (m < 0) return -1;
  const Mention& mm = doc_.mentions[m];
  if (mm.kind != MentionKind::kName || !names_a_person(doc_, lex_, fw_, mm)) return -1;
  // Introduced, not only talked about ("But Bob in the 1990s became one of
  // the great icons"): a role with the name, or a phrase set off after it.
  return !mm.role.empty() || (mm.end_token < prev.end_token && is_comma(mm.end_token)) ? m : -1;
}

bool Attributor::is_title(Range r) const {
  int content = 0, capitalised = 0;
  for (uint32_t t = r.begin; t < r.end; ++t) {
    if (tok(t).kind != TokenKind::kWord) continue;
    const FoldedWord w = fw_[t];
    if ((w.size() <= 3 && !tok(t).has(kCapitalized)) || is_preposition(w) || is_determiner(w) ||
        lex_.is(WordClass::kConj, w))
      continue;
    ++content;
    capitalised += tok(t).has(kCapitalized);
    if (content > 12) return false;
  }
  return content >= 2 && capitalised == content;
}

bool Attributor::credited(const QuotedRegion& qr) const {
  if (!qr.closed) return false;
  uint32_t t = qr.end_token + 1;
  if (t < doc_.tokens.size() && is_comma(t)) ++t;
  return t < doc_.tokens.size() && fw_[t] == "by";
}

bool Attributor::markup_value(const QuotedRegion& qr) const {
  return qr.open_mark.begin > 0 && doc_.text()[qr.open_mark.begin - 1] == '=';
}

bool Attributor::continues_previous_quote(const QuotedRegion& qr) {
  if (doc_.quotes.empty() || links_.empty()) return false;
  const Quote& prev = doc_.quotes.back();
  const SpeakerLink& link = links_.back();
  if (!prev.speaker || prev.span.end > qr.open_mark.begin) return false;
  if (paragraph_of(prev.span.end) != qr.paragraph) return false;
  Span cue = prev.cue.value_or(Span{});
  Span source = link.mention >= 0 ? doc_.mentions[link.mention].span : Span{};
  int extra_words = 0;
  for (uint32_t t = first_token_from(doc_, prev.span.end); t < doc_.tokens.size() && tok(t).span.begin < qr.open_mark.begin; ++t) {
    const Token& k = tok(t);
    if (k.kind != TokenKind::kWord && k.kind != TokenKind::kNumber) continue;
    if (cue.contains(k.span) || source.contains(k.span)) continue;
    const CueEntry* cue_word = lex_.cue(fw_.id(t));
    if (cue_word && cue_word->prior >= kMinFramePrior && !fw_[t].ends_with("ing") &&
        pos::is_finite_verb(tag_of(t, sentence_containing(doc_, t))) &&
        !(fw_[t - 1] == "who" || fw_[t - 1] == "which" || fw_[t - 1] == "that"))
      return false;
    if (++extra_words > kMaxWordsBetweenSpans) return false;
  }
  return true;
}

bool Attributor::continues_in_next_paragraph(const Quote& prev, const QuotedRegion& qr) const {
  const uint32_t prev_para = paragraph_of(prev.spans.back().begin);
  if (prev.kind != QuoteKind::kDirect || qr.paragraph != prev_para + 1) return false;
  const Paragraph& pp = doc_.paragraphs[prev_para];
  const Paragraph& qp = doc_.paragraphs[qr.paragraph];
  if (first_token_from(doc_, prev.spans.back().begin) > pp.first_token + 1) return false;
  return qr.first_token <= qp.first_token + 1 && qr.end_token + 2 >= qp.end_token;
}

}  // namespace whosaid::attribution

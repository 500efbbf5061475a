#include "attribution/attributor.h"

#include <algorithm>

#include "attribution/attributor_impl.h"

namespace whosaid::attribution {

Attributor::Attributor(Document& doc, const Lexicon& lex, const ExtractorOptions& opt, const FoldedWords& folded,
           const Tagger* tagger, const AttributionModel* model, std::vector<CandidateTrace>* trace,
           bool report_all)
    : TokenView{doc, lex, folded}, doc_(doc), opt_(opt), tagger_(tagger), model_(model), trace_out_(trace),
      report_all_(report_all || !model) {
  fv_.prefetch_from(model ? model->table(AttributionModel::Table::kAcceptance) : nullptr);
  scan_.sentence = scan_.counted = UINT32_MAX;
  region_opened_at_.clear();
  region_closed_at_.clear();
  tagged_.assign(doc.sentences.size(), false);
  parsed_.assign(doc.sentences.size(), false);
  region_used_.assign(doc.quoted.size(), false);
  opens_region_.assign(doc.tokens.size(), false);
  closes_region_.assign(doc.tokens.size(), false);
  for (size_t i = 0; i < doc.quoted.size(); ++i) {
    const QuotedRegion& r = doc.quoted[i];
    if (r.first_token > 0) {
      opens_region_[r.first_token - 1] = true;
      region_opened_at_.push_back({r.first_token - 1, static_cast<int32_t>(i)});
    }
    if (r.closed) {
      closes_region_[r.end_token] = true;
      region_closed_at_.push_back({r.end_token, static_cast<int32_t>(i)});
    }
  }
  // By token; among marks of one token the later region stays last.
  const auto by_token = [](const std::pair<uint32_t, int32_t>& a, const std::pair<uint32_t, int32_t>& b) {
    return a.first < b.first;
  };
  // (Usually in order already: then without stable_sort's buffer.)
  if (!std::is_sorted(region_opened_at_.begin(), region_opened_at_.end(), by_token))
    std::stable_sort(region_opened_at_.begin(), region_opened_at_.end(), by_token);
  if (!std::is_sorted(region_closed_at_.begin(), region_closed_at_.end(), by_token))
    std::stable_sort(region_closed_at_.begin(), region_closed_at_.end(), by_token);
  sorted_mentions_ = doc.mentions.size();
  index_tokens();
}

Attributor::~Attributor() {
  if (doc_.tokens.size() > kKeptTokens) mem_ = Memory{};
}

Attributor::Memory& Attributor::memory() {
  thread_local Memory memory;
  return memory;
}

std::vector<SpeakerLink> Attributor::run() {
  size_t cue_i = 0, region_i = 0;
  // Room for a quote per quoted region, the usual count, so that the quotes
  // (184 bytes each) are not copied by a doubling at the size where old and
  // new buffers both live (a sixth of the peak on text made of quotations).
  doc_.quotes.reserve(doc_.quoted.size());
  std::vector<Frame> frames;  // of one sentence (its memory kept for the next)
  for (uint32_t si = 0; si < doc_.sentences.size(); ++si) {
    const Sentence& s = doc_.sentences[si];
    frames.clear();
    uint32_t cues_tried = 0;
    while (cue_i < doc_.cues.size() && doc_.cues[cue_i].first_token < s.end_token) {
      const Cue& c = doc_.cues[cue_i++];
      if (c.first_token < s.first_token || ++cues_tried > kMaxCuesPerSentence) continue;
      if (covered(frames, c.first_token)) {
        if (!nested_frame(frames, c, si)) shared_source_frame(frames, c, si);
        continue;
      }
      if (!frames.empty() && c.first_token > 0 && fw_[c.first_token].ends_with("ing") &&
          ((frames.back().trailing && is_comma(c.first_token - 1)) || participle_after_quotation(frames.back(), c))) {
        // ""…," Mr. Axelrod said, calling the Fox News chief ''brilliant.''"
        shared_source_frame(frames, c, si);
        continue;
      }
      frames_before_ = static_cast<int>(frames.size());
      if (auto f = build_frame(c, si)) {
        end_before_trailing_quotation(frames, *f);
        frames.push_back(std::move(*f));
      }
      frames_before_ = 0;
    }
    size_t region_end = region_i;
    while (region_end < doc_.quoted.size() && doc_.quoted[region_end].first_token <= s.end_token &&
           doc_.quoted[region_end].open_mark.begin < s.span.end)
      ++region_end;
    if (frames.empty()) subject_verb_frame(si, region_i, region_end, frames);
    const size_t first_quote = doc_.quotes.size();
    emit_frames(frames, region_i, region_end);
    continue_turn(frames, si, first_quote, region_end > region_i);
    emit_standalone(frames, si, region_i, region_end);
    region_i = region_end;
  }
  // Quotes were emitted per sentence; keep them in text order.
  std::vector<size_t> order(doc_.quotes.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return doc_.quotes[a].span.begin < doc_.quotes[b].span.begin; });
  if (std::is_sorted(order.begin(), order.end())) {  // the usual case: no second copy of every quote
    if (trace_out_) *trace_out_ = std::move(traces_);
    std::vector<SpeakerLink> links = std::move(links_);
    sort_mentions(links);
    return links;
  }
  std::vector<Quote> quotes;
  std::vector<SpeakerLink> links;
  if (trace_out_) {
    trace_out_->clear();
    for (size_t i : order) trace_out_->push_back(std::move(traces_[i]));
  }
  std::vector<int32_t> new_index(order.size());
  for (size_t i = 0; i < order.size(); ++i) new_index[order[i]] = static_cast<int32_t>(i);
  for (size_t i : order) {
    quotes.push_back(std::move(doc_.quotes[i]));
    SpeakerLink l = links_[i];
    if (l.carried_from >= 0) l.carried_from = new_index[l.carried_from];
    links.push_back(l);
  }
  doc_.quotes = std::move(quotes);
  sort_mentions(links);
  return links;
}

void Attributor::sort_mentions(std::vector<SpeakerLink>& links) {
  if (sorted_mentions_ == doc_.mentions.size()) return;
  std::vector<int32_t> order(doc_.mentions.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return doc_.mentions[a].first_token < doc_.mentions[b].first_token;
  });
  std::vector<int32_t> where(order.size());
  std::vector<Mention> sorted;
  sorted.reserve(order.size());
  for (size_t i = 0; i < order.size(); ++i) {
    where[order[i]] = static_cast<int32_t>(i);
    sorted.push_back(doc_.mentions[order[i]]);
  }
  doc_.mentions = std::move(sorted);
  for (SpeakerLink& l : links)
    if (l.mention >= 0) l.mention = where[l.mention];
}

}  // namespace whosaid::attribution

namespace whosaid {

std::vector<SpeakerLink> attribute(Document& doc, const Lexicon& lexicon, const ExtractorOptions& options,
                                   const FoldedWords& folded, const Tagger* tagger,
                                   const AttributionModel* model, std::vector<CandidateTrace>* trace,
                                   bool report_all) {
  return attribution::Attributor(doc, lexicon, options, folded, tagger, model, trace, report_all).run();
}

}  // namespace whosaid

#include "whosaid/extractor.h"

#include "attribution/attributor.h"
#include "attribution/model.h"
#include "core/positions.h"
#include "core/lexicon.h"
#include "core/utf8.h"
#include "cues/cue_finder.h"
#include "entities/resolver.h"
#include "layout/layout.h"
#include "mentions/mention_finder.h"
#include "mentions/source_span.h"
#include "pipeline/pipeline.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"
#include "tagger/tagger.h"
#include "whosaid/error.h"

namespace whosaid {

struct Extractor::Impl {
  ExtractorOptions options;
  const Lexicon& lexicon = Lexicon::builtin();
  const Tagger& tagger = Tagger::builtin();
  const AttributionModel& model = AttributionModel::builtin();
};


Extractor::Extractor() : Extractor(ExtractorOptions{}) {}

Extractor::Extractor(ExtractorOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl_ = std::move(impl);
}

Extractor::~Extractor() = default;
Extractor::Extractor(Extractor&&) noexcept = default;
Extractor& Extractor::operator=(Extractor&&) noexcept = default;

const ExtractorOptions& Extractor::options() const noexcept { return impl_->options; }

Document Extractor::extract(std::string text, std::string id) const {
  Document doc(std::move(text), std::move(id));
  run(doc);
  return doc;
}

void Extractor::run(Document& doc) const {
  if (doc.text().size() > kMaxDocumentBytes) {
    throw Error(ErrorCode::kBadInput, "document " + (doc.id().empty() ? std::string("(no id)") : doc.id()) +
                                          " is " + std::to_string(doc.text().size()) + " bytes; the limit is " +
                                          std::to_string(kMaxDocumentBytes) + " (split it into articles)");
  }
  std::string text(doc.text());
  std::string id = doc.id();
  doc.reset(std::move(text), std::move(id));
  run_pipeline(doc, impl_->lexicon, &impl_->tagger, impl_->options, &impl_->model);
  if (impl_->options.min_confidence > 0) {
    std::erase_if(doc.quotes, [&](const Quote& q) { return q.confidence < impl_->options.min_confidence; });
  }
}

namespace {

// Captions, credits and header fields (layout/layout.h) are never statements:
// a quote whose content starts in one is dropped (a caption's quotation would
// otherwise be reported with the speaker carried from the story), with its
// trace when training.
void drop_layout_quotes(Document& doc, std::vector<CandidateTrace>* trace) {
  size_t kept = 0;
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    const uint32_t t = q.spans.empty() ? UINT32_MAX : first_token_from(doc, q.spans.front().begin);
    if (t < doc.tokens.size() && doc.tokens[t].has(kLayout)) continue;
    if (kept != i) {
      doc.quotes[kept] = std::move(doc.quotes[i]);
      if (trace && i < trace->size()) (*trace)[kept] = std::move((*trace)[i]);
    }
    ++kept;
  }
  doc.quotes.resize(kept);
  if (trace && trace->size() > kept) trace->resize(kept);
}

thread_local StageObserver* t_stage_observer = nullptr;

inline void stage_done(const char* stage, const Document& doc) {
  if (t_stage_observer) [[unlikely]] t_stage_observer->stage_done(stage, doc);
}

}  // namespace

StageObserver* set_stage_observer(StageObserver* observer) noexcept {
  StageObserver* old = t_stage_observer;
  t_stage_observer = observer;
  return old;
}

void run_pipeline(Document& doc, const Lexicon& lex, const Tagger* tagger, const ExtractorOptions& options,
                  const AttributionModel* model, std::vector<CandidateTrace>* trace, bool report_all) {
  if (t_stage_observer) [[unlikely]] t_stage_observer->begin(doc);
  segment(doc);
  stage_done("segment", doc);
  // Folded and looked up once for the stages that look words up; per-thread
  // scratch, its memory reused from one document to the next.
  thread_local FoldedWords scratch;
  scratch.assign(doc, lex);
  const FoldedWords& folded = scratch;
  stage_done("fold", doc);
  mark_layout(doc, lex, folded);
  stage_done("layout", doc);
  find_quotes(doc);
  stage_done("quotes", doc);
  split_sentences(doc, lex, folded);
  stage_done("sentences", doc);
  find_cues(doc, lex, folded);
  stage_done("cues", doc);
  find_mentions(doc, lex, folded);
  stage_done("mentions", doc);
  std::vector<SpeakerLink> links = attribute(doc, lex, options, folded, tagger, model, trace, report_all);
  stage_done("attribution", doc);
  resolve_speakers(doc, lex, folded, CorefModel::builtin(), links);
  stage_done("speakers", doc);
  widen_source_spans(doc, lex, links, folded, tagger);
  stage_done("source spans", doc);
  drop_layout_quotes(doc, trace);
  stage_done("layout drop", doc);
}


}  // namespace whosaid

#include "whosaid/extractor.h"

#include "attribution/attributor.h"
#include "core/lexicon.h"
#include "cues/cue_finder.h"
#include "entities/resolver.h"
#include "mentions/mention_finder.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"
#include "tagger/tagger.h"
#include "whosaid/error.h"

namespace whosaid {

struct Extractor::Impl {
  ExtractorOptions options;
  const Lexicon& lexicon = Lexicon::builtin();
  const Tagger& tagger = Tagger::builtin();
};

namespace {

// Part-of-speech tags where attribution looks at them: sentences with a cue or
// a quotation. The rest of the text is never tagged, which keeps the tagger's
// cost to a fraction of the document.
void tag_attribution_sentences(Document& doc, const Tagger& tagger) {
  std::vector<uint8_t> wanted(doc.sentences.size(), 0);
  size_t si = 0;
  auto mark = [&](uint32_t token) {
    while (si < doc.sentences.size() && doc.sentences[si].end_token <= token) ++si;
    if (si < doc.sentences.size()) wanted[si] = 1;
  };
  for (const Cue& c : doc.cues) mark(c.first_token);
  si = 0;
  for (const QuotedRegion& r : doc.quoted) {
    if (r.first_token == 0) continue;
    while (si < doc.sentences.size() && doc.sentences[si].end_token <= r.first_token - 1) ++si;
    if (si < doc.sentences.size()) wanted[si] = 1;
  }
  std::vector<std::string_view> words;
  std::vector<uint8_t> tags;
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    if (!wanted[i]) continue;
    const Sentence& s = doc.sentences[i];
    words.clear();
    for (uint32_t t = s.first_token; t < s.end_token; ++t) words.push_back(doc.slice(doc.tokens[t].span));
    tags.resize(words.size());
    tagger.tag(words.data(), words.size(), tags.data());
    for (uint32_t t = s.first_token; t < s.end_token; ++t) doc.tokens[t].tag = tags[t - s.first_token];
  }
}

}  // namespace

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
  const Lexicon& lex = impl_->lexicon;
  segment(doc);
  find_quotes(doc);
  split_sentences(doc, lex);
  find_cues(doc, lex);
  tag_attribution_sentences(doc, impl_->tagger);
  find_mentions(doc, lex);
  std::vector<SpeakerLink> links = attribute(doc, lex, impl_->options);
  resolve_speakers(doc, lex, links);
  if (impl_->options.min_confidence > 0) {
    std::erase_if(doc.quotes, [&](const Quote& q) { return q.confidence < impl_->options.min_confidence; });
  }
}

}  // namespace whosaid

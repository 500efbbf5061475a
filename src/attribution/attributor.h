// Stage 5: attribution — which cue, source and content make up each quote.
//
// For every cue the attributor builds a frame: the source (a mention before the
// cue, or after it when inverted: "…," said Mr Key) and the content (the clause
// after the cue, or the clause before a trailing ", X said"). Quoted regions in
// a frame's content make it direct or mixed; a quote split by its cue
// ("Q1," he said, "Q2") is one Quote with two spans. Quoted regions in no frame
// take the speaker of their sentence's frame, or carry over the speaker of the
// quote just before (across paragraph breaks, within a few paragraphs); short
// ones with neither are scare quotes or titles and are dropped.
//
// The rules live in src/attribution/, one concern a file; attributor_impl.h
// (internal) declares them and lists the files.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/lexicon.h"
#include "whosaid/document.h"
#include "whosaid/extractor.h"

namespace whosaid {

class AttributionModel;
class Tagger;

// How each Quote in doc.quotes got its speaker; parallel to doc.quotes.
struct SpeakerLink {
  int32_t mention = -1;       // source mention in doc.mentions, -1 if none
  int32_t carried_from = -1;  // earlier quote whose speaker this one continues
};

// What the model saw for one quote, for training (parallel to doc.quotes).
struct CandidateTrace {
  std::vector<uint32_t> features;  // scored for acceptance and confidence
  // When where the content ends was a choice: each candidate end (byte offset
  // of the content's end) and its features. Empty otherwise.
  std::vector<uint32_t> end_bytes;
  std::vector<std::vector<uint32_t>> end_features;
  // Likewise where it starts: each candidate start (byte offset of the
  // content's first token) and its features. Empty when there was no choice.
  std::vector<uint32_t> start_bytes;
  std::vector<std::vector<uint32_t>> start_features;
  // A quotation whose frame the model must take (a rare cue, a source found
  // by its tags): reported only at the model's threshold, like reported speech.
  bool gated = false;
};

// `tagger` (may be null) tags the sentences where a rule needs parts of speech.
// `model` chooses among candidates and sets confidences; when null, every
// candidate is reported with the rules' content ends (training). With
// `report_all`, the model chooses content ends but every candidate is
// reported (training the acceptance weights). `trace`, when not null,
// receives what the model saw for each quote, parallel to doc.quotes.
// `folded` holds every token folded for look-ups, parallel to doc.tokens.
std::vector<SpeakerLink> attribute(Document& doc, const Lexicon& lexicon, const ExtractorOptions& options,
                                   const FoldedWords& folded, const Tagger* tagger,
                                   const AttributionModel* model, std::vector<CandidateTrace>* trace = nullptr,
                                   bool report_all = false);

}  // namespace whosaid

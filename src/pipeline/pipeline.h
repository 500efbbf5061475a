// The pipeline stages in order, for the Extractor and for training: the trainer
// runs the same stages with no attribution model, so that every candidate the
// rules build is reported together with its features.
#pragma once

#include <cstdint>
#include <vector>

#include "attribution/attributor.h"
#include "attribution/model.h"
#include "core/lexicon.h"
#include "whosaid/document.h"
#include "whosaid/extractor.h"

namespace whosaid {

class Tagger;

// Runs every stage over doc (already reset to its text). With `model` null,
// attribution reports every candidate (no learned choice, confidence 0); with
// `report_all`, the model picks content ends but every candidate is reported.
// When `trace` is not null it receives, parallel to doc.quotes, what the model
// saw for each quote. Does not apply options.min_confidence.
void run_pipeline(Document& doc, const Lexicon& lexicon, const Tagger* tagger, const ExtractorOptions& options,
                  const AttributionModel* model, std::vector<CandidateTrace>* trace = nullptr,
                  bool report_all = false);

// Optional per-stage timing for the benchmark (bench/pipeline_throughput.cc):
// while an observer is installed on a thread, run_pipeline on that thread calls
// begin() first and stage_done() after each stage with the stage's name (a
// string literal). With none installed (the default) it costs one thread-local
// load and a branch per stage. Tagging and parsing run lazily inside the
// attribution, speaker and source-span stages; Token::tag and Token::dep tell
// an observer which sentences a stage tagged or parsed.
class StageObserver {
 public:
  virtual void begin(const Document& doc) = 0;
  virtual void stage_done(const char* stage, const Document& doc) = 0;

 protected:
  ~StageObserver() = default;
};
// Installs `observer` for the calling thread (nullptr: none); returns the previous one.
StageObserver* set_stage_observer(StageObserver* observer) noexcept;

}  // namespace whosaid

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

}  // namespace whosaid

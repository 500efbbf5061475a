// tagger/scoring.h — which instruction set the tagger scores with.
//
// Internal. The scoring pass (generic_scorer.h) is compiled for several
// instruction sets (scoring.cc); a model takes, when loaded, the widest the
// processor runs, or the one $WHOSAID_TAGGER_ISA names (avx2, sse2,
// portable) if the processor runs it, for comparing them. All give the same
// tags (Tagger.ScoringIsasAgree checks it).
//
//   model.score_tokens = score_tokens_for(scoring_isa());
#pragma once

#include <cstddef>
#include <cstdint>

#include "tagger/tagger.h"

namespace whosaid::tagger_detail {

struct TagBuffers;

enum class ScoringIsa : uint8_t { kPortable, kSse2, kAvx2 };
ScoringIsa scoring_isa();
const char* isa_name(ScoringIsa isa);

// Tags the n words of a sentence analysed into b whose rows are found (see
// Tagger::Model::tag).
using ScoreTokens = void (*)(const Tagger::Model& model, size_t n, uint8_t* out, TagBuffers& b);
ScoreTokens score_tokens_for(ScoringIsa isa);

}  // namespace whosaid::tagger_detail

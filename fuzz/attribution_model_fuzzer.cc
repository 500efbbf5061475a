// Fuzzes the attribution model loader (AttributionModel::parse). A corrupt
// model must throw whosaid::Error(kModel), never crash or over-read. Input
// whose first byte is odd gets the right magic line and feature bits put in
// front, so the fuzzer reaches the calibration and weight tables. A model that
// loads must serialize back to the same bytes and give probabilities in [0, 1].
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "attribution/model.h"
#include "model_input.h"
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = model_input(data, size, std::string("whosaid attribution model 3\n") + header_word(whosaid::kFeatureBits));
  try {
    const whosaid::AttributionModel m = whosaid::AttributionModel::parse(bytes);
    if (m.serialize() != bytes) __builtin_trap();
    whosaid::FeatureVector f;
    f.add("bias");
    f.add("lemma", "say");
    const float p = m.probability(f.ids());
    if (!(p >= 0.0f && p <= 1.0f) && !std::isnan(p)) __builtin_trap();
  } catch (const whosaid::Error& e) {
    if (e.code() != whosaid::ErrorCode::kModel) __builtin_trap();
  }
  return 0;
}

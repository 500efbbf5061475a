// Fuzzes the coreference model loader (CorefModel::parse). A corrupt model
// must throw whosaid::Error(kModel), never crash or over-read. Input whose
// first byte is odd gets the right magic line and feature bits put in front,
// so the fuzzer reaches the weight entries. A model that loads must serialize
// back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "coref/coref.h"
#include "model_input.h"
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes = model_input(data, size, std::string("whosaid coref model 1\n") + header_word(whosaid::kFeatureBits));
  try {
    const whosaid::CorefModel m = whosaid::CorefModel::parse(bytes);
    if (m.serialize() != bytes) __builtin_trap();
  } catch (const whosaid::Error& e) {
    if (e.code() != whosaid::ErrorCode::kModel) __builtin_trap();
  }
  return 0;
}

// Fuzzes the mention-type model loader (TypeModel::parse). A corrupt model
// must throw whosaid::Error(kModel), never crash or over-read. Input whose
// first byte is odd gets the right magic line, feature bits and type count put
// in front, so the fuzzer reaches the weight entries. A model that loads must
// serialize back to the same bytes.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "types/mention_type.h"
#include "model_input.h"
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes =
      model_input(data, size,
                  std::string("whosaid types model 1\n") + header_word(whosaid::kFeatureBits) +
                      header_word(static_cast<uint32_t>(whosaid::kEntityTypes)));
  try {
    const whosaid::TypeModel m = whosaid::TypeModel::parse(bytes);
    if (m.serialize() != bytes) __builtin_trap();
    whosaid::FeatureVector f;
    f.add("bias");
    (void)m.classify(f.ids());
  } catch (const whosaid::Error& e) {
    if (e.code() != whosaid::ErrorCode::kModel) __builtin_trap();
  }
  return 0;
}

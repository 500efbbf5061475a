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
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string bytes;
  if (!in.empty() && (in[0] & 1)) {
    bytes = "whosaid coref model 1\n";
    const uint32_t bits = whosaid::kFeatureBits;
    bytes.append(reinterpret_cast<const char*>(&bits), sizeof bits);
    bytes.append(in.substr(1));
  } else {
    bytes.assign(in);
  }
  try {
    const whosaid::CorefModel m = whosaid::CorefModel::parse(bytes);
    if (m.serialize() != bytes) __builtin_trap();
  } catch (const whosaid::Error&) {
  }
  return 0;
}

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
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view in(reinterpret_cast<const char*>(data), size);
  std::string bytes;
  if (!in.empty() && (in[0] & 1)) {
    bytes = "whosaid types model 1\n";
    const uint32_t head[2] = {whosaid::kFeatureBits, static_cast<uint32_t>(whosaid::kEntityTypes)};
    bytes.append(reinterpret_cast<const char*>(head), sizeof head);
    bytes.append(in.substr(1));
  } else {
    bytes.assign(in);
  }
  try {
    const whosaid::TypeModel m = whosaid::TypeModel::parse(bytes);
    if (m.serialize() != bytes) __builtin_trap();
    whosaid::FeatureVector f;
    f.add("bias");
    (void)m.classify(f.ids());
  } catch (const whosaid::Error&) {
  }
  return 0;
}

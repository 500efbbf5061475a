// Fuzzes the tagger model loader (Tagger::from_bytes). A corrupt model must
// throw whosaid::Error(kModel), never crash or over-read. Random bytes almost
// never pass the header and checksum, so input whose first byte is odd is
// turned into a well-formed header first (right magic, version, tag set, sizes
// and checksum; counts from the next bytes), which lets the fuzzer reach the
// payload checks. A model that loads must then tag a sentence with valid tags.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "invariants.h"
#include "tagger/features.h"
#include "tagger/model_format.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "whosaid/error.h"

namespace {

using namespace whosaid::tagger_detail;

std::string with_valid_header(std::string_view in) {
  auto byte = [&](size_t i) -> uint32_t { return i < in.size() ? static_cast<unsigned char>(in[i]) : 0; };
  const uint32_t num_features = byte(1) | (byte(2) & 0x3) << 8;  // < 1024
  const uint32_t num_weights = byte(3) | (byte(4) & 0x3) << 8;
  const uint32_t num_words = byte(5) | (byte(6) & 0x3) << 8;
  const size_t payload_size = size_t{num_features} * 9 + size_t{num_weights} * 3 + size_t{num_words} * 16;
  std::string payload(in.size() > 7 ? in.substr(7) : std::string_view());
  payload.resize(payload_size, '\0');
  std::string out(kModelMagic, sizeof kModelMagic);
  put_u32(out, kModelVersion);
  put_u32(out, kFeatureSetVersion);
  put_u32(out, whosaid::pos::kNumTags);
  put_u32(out, whosaid::pos::tag_set_checksum());
  put_u32(out, num_features);
  put_u32(out, num_weights);
  put_u32(out, num_words);
  put_u64(out, hash_bytes(payload.data(), payload.size()));
  return out + payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  std::string model = size > 0 && (data[0] & 1) ? with_valid_header(raw) : std::string(raw);
  try {
    whosaid::Tagger tagger = whosaid::Tagger::from_bytes(model);
    std::string_view words[] = {"\xE2\x80\x9C", "Labour", "'s", "leader", "did", "n't", "say", "so", ",",
                                "\xE2\x80\x9D", "he", "said", "."};
    uint8_t tags[std::size(words)];
    tagger.tag(words, std::size(words), tags);
    for (uint8_t t : tags)
      if (t == 0 || t >= whosaid::pos::kNumTags) whosaid::fuzz::fail("tag id out of range: " + std::to_string(t));
  } catch (const whosaid::Error& e) {
    if (e.code() != whosaid::ErrorCode::kModel) whosaid::fuzz::fail("unexpected error code");
  }
  return 0;
}

// Fuzzes the parser model loader (Parser::from_bytes). A corrupt model must
// throw whosaid::Error(kModel), never crash or over-read. Random bytes almost
// never pass the header and checksum, so input whose first byte is odd is
// turned into a well-formed header first (right magic, version, tag and
// relation sets, sizes and checksum; counts from the next bytes), which lets
// the fuzzer reach the table checks. A model that loads must then parse a
// sentence into a valid tree.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "invariants.h"
#include "parse/features.h"
#include "parse/model_format.h"
#include "parse/parser.h"
#include "parse/relations.h"
#include "tagger/tag_set.h"
#include "whosaid/error.h"

namespace {

using namespace whosaid::parse_detail;

std::string with_valid_header(std::string_view in) {
  auto byte = [&](size_t i) -> uint32_t { return i < in.size() ? static_cast<unsigned char>(in[i]) : 0; };
  const uint32_t move_rows = byte(1) | (byte(2) & 0x3) << 8;  // < 1024
  const uint32_t move_weights = byte(3) | (byte(4) & 0x3) << 8;
  const uint32_t label_rows = byte(5) & 0x7F;
  const uint32_t label_weights = byte(6) & 0x7F;
  const size_t payload_size = size_t{move_rows + label_rows} * 9 + size_t{move_weights + label_weights} * 3;
  std::string payload(in.size() > 7 ? in.substr(7) : std::string_view());
  payload.resize(payload_size, '\0');
  std::string out(kParserMagic, sizeof kParserMagic);
  for (uint32_t v : {kParserModelVersion, kParserFeatureSet, uint32_t{whosaid::pos::kNumTags},
                     whosaid::pos::tag_set_checksum(), uint32_t{whosaid::dep::kNumRelations},
                     whosaid::dep::relation_set_checksum(), move_rows, move_weights, label_rows, label_weights})
    put_u32(out, v);
  put_u64(out, whosaid::tagger_detail::hash_bytes(payload.data(), payload.size()));
  return out + payload;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view raw(reinterpret_cast<const char*>(data), size);
  std::string model = size > 0 && (data[0] & 1) ? with_valid_header(raw) : std::string(raw);
  try {
    whosaid::Parser parser = whosaid::Parser::from_bytes(model);
    std::string_view words[] = {"\xE2\x80\x9C", "We", "will", "win", ",", "\xE2\x80\x9D", "Hartley", "told",
                                "the", "Times", "."};
    constexpr size_t n = std::size(words);
    uint8_t tags[n];
    for (size_t i = 0; i < n; ++i) tags[i] = static_cast<uint8_t>(1 + (i * 7) % (whosaid::pos::kNumTags - 1));
    int32_t heads[n];
    uint8_t rels[n];
    parser.parse(words, tags, n, heads, rels);
    int roots = 0;
    for (size_t i = 0; i < n; ++i) {
      if (heads[i] < -1 || heads[i] >= int32_t(n) || heads[i] == int32_t(i))
        whosaid::fuzz::fail("head out of range: " + std::to_string(heads[i]));
      if (rels[i] == 0 || rels[i] >= whosaid::dep::kNumRelations) whosaid::fuzz::fail("bad relation id");
      roots += heads[i] == -1;
    }
    if (roots != 1) whosaid::fuzz::fail("not exactly one root");
  } catch (const whosaid::Error& e) {
    if (e.code() != whosaid::ErrorCode::kModel) whosaid::fuzz::fail("unexpected error code");
  }
  return 0;
}

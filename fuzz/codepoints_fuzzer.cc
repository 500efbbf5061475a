// Fuzzes the Python binding's byte → code point offset conversion
// (python/src/codepoints.h, CodepointMap): against a direct count for every
// requested offset, monotonic, and for valid UTF-8 text a code point slice
// [at(b), at(e)) of the decoded text is exactly the byte slice [b, e).
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "codepoints.h"
#include "core/utf8.h"
#include "invariants.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  // The first byte says how many offsets follow (2 bytes each); the rest is the text.
  if (size < 1) return 0;
  const size_t n_offsets = std::min<size_t>(data[0], (size - 1) / 2);
  const uint8_t* p = data + 1;
  const std::string text(reinterpret_cast<const char*>(p + 2 * n_offsets), size - 1 - 2 * n_offsets);
  std::vector<uint32_t> offsets;
  for (size_t i = 0; i < n_offsets; ++i) {
    uint32_t v = p[2 * i] | (uint32_t{p[2 * i + 1]} << 8);
    offsets.push_back(v % (text.size() + 8));  // mostly inside, a few past the end
  }
  offsets.push_back(0);
  offsets.push_back(static_cast<uint32_t>(text.size()));
  whosaid::python::CodepointMap map;
  for (uint32_t b : offsets) map.add(b);
  map.build(text);
  std::vector<uint64_t> prefix(text.size() + 1, 0);  // code points before byte i
  for (size_t i = 0; i < text.size(); ++i)
    prefix[i + 1] = prefix[i] + ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80);
  for (uint32_t b : offsets) {
    const int64_t want = b <= text.size() ? static_cast<int64_t>(prefix[b])
                                          : static_cast<int64_t>(prefix[text.size()] + (b - text.size()));
    if (map.at(b) != want) whosaid::fuzz::fail("wrong code point index for byte " + std::to_string(b), text);
  }
  if (!whosaid::utf8::valid(text)) return 0;
  std::vector<std::string> cps;  // decoded text, one code point per element
  for (size_t i = 0; i < text.size();) {
    size_t len = 0;
    whosaid::utf8::decode(text, i, len);
    cps.push_back(text.substr(i, len));
    i += len;
  }
  if (static_cast<int64_t>(cps.size()) != map.at(static_cast<uint32_t>(text.size())))
    whosaid::fuzz::fail("code point count differs", text);
  for (size_t i = 0; i + 1 < offsets.size(); i += 2) {
    uint32_t b = std::min(offsets[i], offsets[i + 1]), e = std::max(offsets[i], offsets[i + 1]);
    if (e > text.size() || whosaid::fuzz::is_continuation(text, b) || whosaid::fuzz::is_continuation(text, e)) continue;
    std::string slice;
    for (int64_t k = map.at(b); k < map.at(e); ++k) slice += cps[static_cast<size_t>(k)];
    if (slice != text.substr(b, e - b)) whosaid::fuzz::fail("code point slice differs from the byte slice", text);
  }
  return 0;
}

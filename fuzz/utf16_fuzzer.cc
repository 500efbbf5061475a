// Fuzzes the server's UTF-8 byte → UTF-16 unit offsets (src/server/text_offsets.h):
// text() is valid UTF-8; unit() never decreases; size16() is the UTF-16 length
// of text(); a byte on a code point boundary maps to the UTF-16 length of the
// replaced prefix.
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/utf8.h"
#include "invariants.h"
#include "server/text_offsets.h"

namespace {

uint32_t utf16_length(std::string_view valid) {
  uint32_t n = 0;
  for (size_t i = 0; i < valid.size();) {
    size_t len = 0;
    uint32_t cp = whosaid::utf8::decode(valid, i, len);
    n += cp >= 0x10000 && cp != whosaid::utf8::kInvalid ? 2 : 1;
    i += len;
  }
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  whosaid::server::Utf16Text t(bytes);
  if (!whosaid::utf8::valid(t.text())) whosaid::fuzz::fail("text() is not valid UTF-8", bytes);
  if (t.size16() != utf16_length(t.text())) whosaid::fuzz::fail("size16() is not the UTF-16 length of text()", bytes);
  if (whosaid::server::valid_utf8(bytes) != t.text()) whosaid::fuzz::fail("valid_utf8() and text() differ", bytes);
  for (uint32_t b = 1; b <= size + 2; ++b)
    if (t.unit(b) < t.unit(b - 1)) whosaid::fuzz::fail("unit() decreases at byte " + std::to_string(b), bytes);
  if (whosaid::utf8::valid(bytes)) {
    if (t.text() != bytes) whosaid::fuzz::fail("valid text changed", bytes);
    for (uint32_t b = 0; b <= size; ++b) {
      if (whosaid::fuzz::is_continuation(bytes, b)) continue;
      if (t.unit(b) != utf16_length(std::string_view(bytes).substr(0, b)))
        whosaid::fuzz::fail("unit(" + std::to_string(b) + ") is not the UTF-16 length of the prefix", bytes);
    }
  }
  return 0;
}

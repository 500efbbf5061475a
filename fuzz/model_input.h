// The bytes a model-loader fuzz target parses (attribution, coref, types): an
// input whose first byte is odd gets `header` (the model's magic line and
// fixed words) put in front of the rest, so the fuzzer reaches the weight
// entries; any other input is parsed as it is.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

inline std::string model_input(const uint8_t* data, size_t size, std::string_view header) {
  const std::string_view in(reinterpret_cast<const char*>(data), size);
  if (in.empty() || !(in[0] & 1)) return std::string(in);
  std::string bytes(header);
  bytes.append(in.substr(1));
  return bytes;
}

// The host bytes of a fixed header word.
inline std::string header_word(uint32_t v) { return std::string(reinterpret_cast<const char*>(&v), sizeof v); }

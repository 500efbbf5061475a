// Little helpers for the binary model files (coref.bin, types.bin): values
// appended and read back as their native bytes (the files are built and read on
// little-endian machines). get() throws Error(kModel) naming the model and the
// byte where the file ends early.
//
//   std::string out; put<uint32_t>(out, 7);
//   size_t at = 0; uint32_t v = get<uint32_t>(out, at, "types model");
#pragma once

#include <cstring>
#include <string>
#include <string_view>

#include "whosaid/error.h"

namespace whosaid::model_bytes {

template <typename T>
void put(std::string& out, T v) {
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

template <typename T>
T get(std::string_view bytes, size_t& at, std::string_view model) {
  if (at + sizeof(T) > bytes.size())
    throw Error(ErrorCode::kModel, std::string(model) + ": truncated at byte " + std::to_string(at));
  T v;
  std::memcpy(&v, bytes.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

}  // namespace whosaid::model_bytes

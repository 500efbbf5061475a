// Little-endian numbers in the binary model files of the attribution and coref
// models (src/attribution/model.cc, src/coref/coref.cc). Internal.
//
//   std::string out;
//   put<uint32_t>(out, 7);  put<float>(out, 0.5f);
//   size_t at = 0;
//   uint32_t n = get<uint32_t>(out, at, "coref model");   // at == 4
//
// The bytes are the host's (every supported host is little-endian). get()
// throws Error(kModel) "MODEL: truncated at byte N" when fewer than sizeof(T)
// bytes are left.
#pragma once

#include <cstddef>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>

#include "whosaid/error.h"

namespace whosaid::model_bytes {

template <typename T>
void put(std::string& out, T v) {
  static_assert(std::is_trivially_copyable_v<T>);
  char b[sizeof(T)];
  std::memcpy(b, &v, sizeof(T));
  out.append(b, sizeof(T));
}

template <typename T>
T get(std::string_view bytes, size_t& at, std::string_view model) {
  static_assert(std::is_trivially_copyable_v<T>);
  if (at + sizeof(T) > bytes.size())
    throw Error(ErrorCode::kModel, std::string(model) + ": truncated at byte " + std::to_string(at));
  T v;
  std::memcpy(&v, bytes.data() + at, sizeof(T));
  at += sizeof(T);
  return v;
}

}  // namespace whosaid::model_bytes

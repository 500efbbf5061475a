// tagger/model_format.h — constants and little-endian helpers for the tagger
// model file described in tagger.h. Internal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace whosaid::tagger_detail {

inline constexpr char kModelMagic[8] = {'W', 'S', 'D', 'T', 'A', 'G', 'G', 'R'};
inline constexpr uint32_t kModelVersion = 2;
inline constexpr size_t kModelHeaderSize = 8 + 7 * 4 + 8;

inline void put_u16(std::string& out, uint16_t v) {
  out.push_back(static_cast<char>(v & 0xFF));
  out.push_back(static_cast<char>(v >> 8));
}
inline void put_u32(std::string& out, uint32_t v) {
  for (int i = 0; i < 4; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline void put_u64(std::string& out, uint64_t v) {
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((v >> (8 * i)) & 0xFF));
}
inline uint16_t get_u16(const char* p) {
  return static_cast<uint16_t>(static_cast<unsigned char>(p[0]) |
                               (static_cast<unsigned char>(p[1]) << 8));
}
inline uint32_t get_u32(const char* p) {
  uint32_t v = 0;
  for (int i = 3; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}
inline uint64_t get_u64(const char* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | static_cast<unsigned char>(p[i]);
  return v;
}

}  // namespace whosaid::tagger_detail

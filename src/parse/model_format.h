// parse/model_format.h — constants of the parser model file described in
// parser.h. Internal. The little-endian helpers are the tagger's.
#pragma once

#include <cstddef>
#include <cstdint>

#include "tagger/model_format.h"

namespace whosaid::parse_detail {

using tagger_detail::get_u16;
using tagger_detail::get_u32;
using tagger_detail::get_u64;
using tagger_detail::put_u16;
using tagger_detail::put_u32;
using tagger_detail::put_u64;

inline constexpr char kParserMagic[8] = {'W', 'S', 'D', 'P', 'A', 'R', 'S', 'R'};
inline constexpr uint32_t kParserModelVersion = 1;
// magic, 10 u32 fields, u64 checksum
inline constexpr size_t kParserHeaderSize = 8 + 10 * 4 + 8;

}  // namespace whosaid::parse_detail

// WordNet's database lines (core/wordnet.h) and the table the lexicon reads:
// a malformed line is an exception, never a crash or a hang.
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string_view>

#include "core/lexicon.h"
#include "core/wordnet.h"
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  whosaid::wordnet::DataLine d;
  whosaid::wordnet::IndexLine i;
  size_t b = 0;
  while (b <= input.size()) {
    size_t e = input.find('\n', b);
    if (e == std::string_view::npos) e = input.size();
    const std::string_view line = input.substr(b, e - b);
    try { whosaid::wordnet::parse_data_line(line, d); } catch (const std::runtime_error&) {}
    try { whosaid::wordnet::parse_index_line(line, i); } catch (const std::runtime_error&) {}
    b = e + 1;
  }
  try {
    const whosaid::Lexicon lex("", "", "", input);
    (void)lex.any_cue("said");
  } catch (const whosaid::Error&) {
  }
  return 0;
}

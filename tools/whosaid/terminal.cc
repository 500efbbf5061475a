#include "terminal.h"

#include <cstdio>

namespace whosaid::cli {

std::string printable(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    // A run of bytes that stay as they are (printable ASCII, and UTF-8 other
    // than a C1 control's lead byte C2) is copied at once.
    size_t j = i;
    while (j < s.size()) {
      const auto b = static_cast<unsigned char>(s[j]);
      if (b < 0x20 || b == 0x7F || b == 0xC2) break;
      ++j;
    }
    if (j > i) {
      out.append(s.data() + i, j - i);
      i = j - 1;
      continue;
    }
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == '\n' || c == '\t' || c == '\r') {
      out += ' ';  // a table row stays one line
    } else if (c < 0x20 || c == 0x7F) {
      out += '^';
      out += static_cast<char>(c == 0x7F ? '?' : c + 0x40);
    } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) >= 0x80 &&
               static_cast<unsigned char>(s[i + 1]) <= 0x9F) {
      char buf[12];
      std::snprintf(buf, sizeof buf, "<U+%04X>", static_cast<unsigned>(static_cast<unsigned char>(s[i + 1])));
      out += buf;
      ++i;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace whosaid::cli

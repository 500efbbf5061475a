// Text from articles printed to a terminal: control characters (ESC starting
// an ANSI/OSC sequence, BEL, backspace, carriage return, C1 controls such as
// U+009B CSI) are shown, never sent. Table output passes every text through it.
//
//   std::cout << printable("a\x1b]0;title\x07b");   // a^[]0;title^Gb
#pragma once

#include <string>
#include <string_view>

namespace whosaid::cli {

// Newline, tab and carriage return as a space (a table row stays one line);
// other C0 controls and DEL in caret notation (^[ ^G ^?); C1 controls
// (U+0080–U+009F) as <U+009B>.
std::string printable(std::string_view s);

}  // namespace whosaid::cli

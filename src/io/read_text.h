// Reading a whole input file or standard input, bounded: an article larger than
// the limit (a 2 GB file, an endless pipe) is refused as soon as the limit is
// passed, never read whole first.
//
//   std::string text = whosaid::read_text_bounded("article.txt", whosaid::kMaxDocumentBytes);
//   std::string piped = whosaid::read_text_bounded("-", whosaid::kMaxDocumentBytes);  // stdin
//
// Errors (whosaid::Error, naming the path):
//   kNotFound the file does not exist;
//   kIo       the file cannot be opened, is a directory, or a read fails (EIO:
//             reading /proc/self/mem; a vanished network mount);
//   kBadInput the input is longer than `limit` bytes.
#pragma once

#include <cstddef>
#include <string>

namespace whosaid {

// `path` "-" reads standard input.
std::string read_text_bounded(const std::string& path, size_t limit);

}  // namespace whosaid

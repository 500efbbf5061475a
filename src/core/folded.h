// The folded form (utf8::fold: ASCII lower case, ’ as ') of every token of a
// document, for the stages that look words up. One buffer for all tokens and
// four bytes of offset per token: a vector of strings cost 32 bytes a token
// before any text, the largest share of memory on dense input (a megabyte of
// commas is a million tokens).
//
//   FoldedWords fw(doc);            // after segmentation
//   if (fw[t] == "said") ...        // std::string_view, valid while fw lives
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.h"

namespace whosaid {

class FoldedWords {
 public:
  FoldedWords() = default;
  explicit FoldedWords(const Document& doc);

  std::string_view operator[](size_t t) const noexcept {
    return std::string_view(chars_).substr(begin_[t], begin_[t + 1] - begin_[t]);
  }
  size_t size() const noexcept { return begin_.empty() ? 0 : begin_.size() - 1; }

 private:
  std::string chars_;
  std::vector<uint32_t> begin_;  // size() + 1 offsets into chars_
};

}  // namespace whosaid

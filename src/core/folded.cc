#include "core/folded.h"

#include "core/utf8.h"

namespace whosaid {

FoldedWords::FoldedWords(const Document& doc) {
  begin_.reserve(doc.tokens.size() + 1);
  chars_.reserve(doc.text().size());
  std::string w;
  begin_.push_back(0);
  for (const Token& t : doc.tokens) {
    utf8::fold(doc.slice(t.span), w);
    chars_ += w;
    begin_.push_back(static_cast<uint32_t>(chars_.size()));
  }
}

}  // namespace whosaid

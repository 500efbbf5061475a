#include "core/folded.h"

#include <algorithm>

#include "core/lexicon.h"
#include "core/utf8.h"

namespace whosaid {

void FoldedWords::assign(const Document& doc, const Lexicon& lexicon) {
  forms_.clear();
  types_.clear();
  ids_.clear();
  any_space_ = false;
  types_.reserve(doc.tokens.size());
  const WordTable& vocabulary = lexicon.vocabulary();
  for (const Token& t : doc.tokens) {
    const std::string_view text = doc.slice(t.span);
    if (scratch_.size() < text.size()) scratch_.resize(std::max<size_t>(2 * text.size(), 64));
    const std::string_view w(scratch_.data(), utf8::fold_to(text, scratch_.data()));
    const uint64_t h = WordTable::hash(w);
    const size_t known = forms_.size();
    const uint32_t type = forms_.intern(w, h);
    if (forms_.size() != known) {
      // A new form: the lexicon is asked once per form, not per token.
      const uint32_t id = vocabulary.find(w, h);
      ids_.push_back(id == WordTable::kNone ? kNoWord : WordId{id});
      any_space_ |= w.find(' ') != std::string_view::npos;
    }
    types_.push_back(type);
  }
}

}  // namespace whosaid

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
  // The new forms' hashes, by type: the lexicon is asked once per form, not
  // per token, after the whole document is folded, in groups whose slots are
  // prefetched first (the vocabulary spans megabytes, and asking form by form
  // waited for memory at each).
  hashes_.clear();
  for (const Token& t : doc.tokens) {
    const std::string_view text = doc.slice(t.span);
    if (scratch_.size() < text.size()) scratch_.resize(std::max<size_t>(2 * text.size(), 64));
    const std::string_view w(scratch_.data(), utf8::fold_to(text, scratch_.data()));
    const uint64_t h = WordTable::hash(w);
    const size_t known = forms_.size();
    const uint32_t type = forms_.intern(w, h);
    if (forms_.size() != known) {
      hashes_.push_back(h);
      any_space_ |= w.find(' ') != std::string_view::npos;
    }
    types_.push_back(type);
  }
  constexpr size_t kGroup = 16;
  ids_.resize(hashes_.size());
  for (size_t g = 0; g < hashes_.size(); g += kGroup) {
    const size_t end = std::min(hashes_.size(), g + kGroup);
    for (size_t type = g; type < end; ++type) vocabulary.prefetch(hashes_[type]);
    for (size_t type = g; type < end; ++type) {
      const uint32_t id = vocabulary.find(forms_.word(static_cast<uint32_t>(type)), hashes_[type]);
      ids_[type] = id == WordTable::kNone ? kNoWord : WordId{id};
    }
  }
}

}  // namespace whosaid

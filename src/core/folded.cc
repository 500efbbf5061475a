#include "core/folded.h"

#include "core/lexicon.h"
#include "core/utf8.h"

namespace whosaid {

FoldedWords::FoldedWords(const Document& doc, const Lexicon& lexicon)
    : vocabulary_(&lexicon.vocabulary()), vocabulary_size_(static_cast<uint32_t>(lexicon.vocabulary().size())) {
  begin_.reserve(doc.tokens.size() + 1);
  ids_.reserve(doc.tokens.size());
  chars_.reserve(doc.text().size());
  begin_.push_back(0);
  for (const Token& t : doc.tokens) {
    const size_t start = chars_.size();
    utf8::fold_append(doc.slice(t.span), chars_);
    begin_.push_back(static_cast<uint32_t>(chars_.size()));
    const std::string_view w = std::string_view(chars_).substr(start);
    const uint64_t h = WordTable::hash(w);
    uint32_t id = vocabulary_->find(w, h);
    if (id == WordTable::kNone) id = vocabulary_size_ + local_.intern(w, h);
    ids_.push_back(WordId{id});
    any_space_ |= w.find(' ') != std::string_view::npos;
  }
}

WordId FoldedWords::find(std::string_view folded) const noexcept {
  if (!vocabulary_) return kNoWord;
  const uint64_t h = WordTable::hash(folded);
  if (const uint32_t id = vocabulary_->find(folded, h); id != WordTable::kNone) return WordId{id};
  const uint32_t id = local_.find(folded, h);
  return id == WordTable::kNone ? kNoWord : WordId{vocabulary_size_ + id};
}

}  // namespace whosaid

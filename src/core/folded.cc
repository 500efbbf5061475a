#include "core/folded.h"

#include <algorithm>
#include <cstring>

#include "core/lexicon.h"
#include "core/utf8.h"

namespace whosaid {
namespace {

// Folds text[b, b + n) into out[0, n) as utf8::fold_to() does, eight bytes at
// a time, and zeroes out[n, n rounded up to 8), when the bytes are ASCII and
// each eight-byte load stays inside the text; else returns false (out is then
// undefined). Most tokens are short ASCII words: one load, a few word
// operations and one store, where the byte loop branched at every byte.
bool fold_ascii(std::string_view text, size_t b, size_t n, char* out) noexcept {
  if (b + ((n + 7) & ~size_t{7}) > text.size()) return false;
  constexpr uint64_t kHigh = 0x8080808080808080ull, kEach = 0x0101010101010101ull;
  for (size_t k = 0; k < n; k += 8) {
    uint64_t x;
    std::memcpy(&x, text.data() + b + k, 8);
    if (n - k < 8) x &= ~uint64_t{0} >> (64 - 8 * (n - k));
    if (x & kHigh) return false;
    // A byte is a capital when adding 0x80 - 'A' sets its high bit and adding
    // 0x80 - 'Z' - 1 does not (ASCII bytes: no carry into the next byte).
    const uint64_t upper = (x + (0x80 - 'A') * kEach) & ~(x + (0x80 - 'Z' - 1) * kEach) & kHigh;
    x |= upper >> 2;  // + 0x20
    std::memcpy(out + k, &x, 8);
  }
  return true;
}

}  // namespace

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
    // (Room for the word and eight bytes more: hash_padded() reads past it.)
    if (scratch_.size() < text.size() + 8) scratch_.resize(std::max<size_t>(2 * text.size() + 8, 64));
    const size_t n = fold_ascii(doc.text(), t.span.begin, text.size(), scratch_.data())
                         ? text.size()
                         : utf8::fold_to(text, scratch_.data());
    const std::string_view w(scratch_.data(), n);
    const uint64_t h = WordTable::hash_padded(w);
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

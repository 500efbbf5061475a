#include "tagger/features.h"

#include <algorithm>

namespace whosaid::tagger_detail {
namespace {

// Longer words are truncated for the lower-case form; suffixes still come from
// the truncated form, which is fine for such rare tokens (URLs, long numbers).
constexpr size_t kMaxWordBytes = 64;
constexpr size_t kMaxShape = 12;

bool is_ascii_upper(unsigned char c) { return c >= 'A' && c <= 'Z'; }
bool is_ascii_lower(unsigned char c) { return c >= 'a' && c <= 'z'; }
bool is_ascii_digit(unsigned char c) { return c >= '0' && c <= '9'; }

// Length of the UTF-8 sequence starting with lead byte c (1 for invalid bytes).
size_t sequence_length(unsigned char c) {
  if (c < 0xC0) return 1;
  if (c < 0xE0) return 2;
  if (c < 0xF0) return 3;
  return 4;
}

// Byte offset where the last k characters of s[0..n) begin.
size_t last_chars(const char* s, size_t n, int k) {
  size_t i = n;
  while (k > 0 && i > 0) {
    --i;
    while (i > 0 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
    --k;
  }
  return i;
}

WordInfo make_boundary(uint64_t id) {
  WordInfo w;
  w.lower = hash_bytes("\x01<boundary>", 11, id);
  for (uint64_t& h : w.suffix) h = w.lower;
  for (uint64_t& h : w.prefix) h = w.lower;
  w.shape = w.lower;
  w.flags = kInfoNoLetters;
  w.lexical = w.lower;
  return w;
}

const WordInfo kBoundaries[4] = {make_boundary(1), make_boundary(2), make_boundary(3),
                                 make_boundary(4)};

}  // namespace

Lexicon::Lexicon(std::vector<std::pair<uint64_t, uint64_t>> entries)
    : entries_(std::move(entries)) {
  std::sort(entries_.begin(), entries_.end());
  size_t size = 16;
  while (size < 2 * entries_.size()) size *= 2;
  slots_.assign(size, {0, 0});
  mask_ = size - 1;
  for (const auto& e : entries_) {
    uint64_t i = e.first & mask_;
    while (slots_[i].first != 0) i = (i + 1) & mask_;
    slots_[i] = e;
  }
}

void analyse_sentence(const std::string_view* words, size_t n, const Lexicon& lexicon,
                      WordInfo* out) noexcept {
  out[0] = kBoundaries[0];
  out[1] = kBoundaries[1];
  for (size_t i = 0; i < n; ++i) {
    analyse_word(words[i], out[i + 2]);
    out[i + 2].lexical = lexicon.lookup(out[i + 2].lower);
  }
  if (n > 0) out[2].flags |= kInfoSentenceStart;
  out[n + 2] = kBoundaries[2];
  out[n + 3] = kBoundaries[3];
}

void analyse_word(std::string_view word, WordInfo& info) noexcept {
  char lower[kMaxWordBytes];
  char shape[kMaxShape];
  size_t n = 0, ns = 0;
  int letters = 0, uppers = 0, digits = 0, chars = 0;
  uint32_t flags = 0;
  char last_shape = 0;
  int run = 0;
  auto add_shape = [&](char s) {
    if (s == last_shape) {
      if (++run > 2) return;
    } else {
      last_shape = s;
      run = 1;
    }
    if (ns < kMaxShape) shape[ns++] = s;
  };

  info.quote = kNotQuote;
  if (word == "\"") {
    info.quote = kAnyQuote;
  } else if (word == "``" || word == "\xE2\x80\x9C" || word == "\xE2\x80\x9E" ||
             word == "\xC2\xAB" || word == "\xE2\x80\x98\xE2\x80\x98") {
    info.quote = kOpenQuote;  // `` “ „ « ‘‘
  } else if (word == "''" || word == "\xE2\x80\x9D" || word == "\xC2\xBB" ||
             word == "\xE2\x80\x99\xE2\x80\x99") {
    info.quote = kCloseQuote;  // '' ” » ’’
  }

  if (info.quote != kNotQuote) {
    lower[n++] = '"';
    add_shape('"');
    chars = 1;
  } else {
    const auto* p = reinterpret_cast<const unsigned char*>(word.data());
    size_t size = word.size();
    for (size_t i = 0; i < size && n < kMaxWordBytes;) {
      unsigned char c = p[i];
      ++chars;
      if (c < 0x80) {
        ++i;
        if (is_ascii_upper(c)) {
          ++letters;
          ++uppers;
          if (chars == 1) flags |= kInfoCapitalized;
          else flags |= kInfoInnerCap;
          lower[n++] = static_cast<char>(c - 'A' + 'a');
          add_shape('X');
        } else if (is_ascii_lower(c)) {
          ++letters;
          lower[n++] = static_cast<char>(c);
          add_shape('x');
        } else if (is_ascii_digit(c)) {
          ++digits;
          lower[n++] = static_cast<char>(c);
          add_shape('d');
        } else {
          if (c == '-') flags |= kInfoHasHyphen;
          if (c == '.') flags |= kInfoHasPeriod;
          if (c == '`') c = '\'';
          lower[n++] = static_cast<char>(c);
          add_shape(static_cast<char>(c));
        }
        continue;
      }
      size_t len = sequence_length(c);
      if (i + len > size) len = size - i;
      // ‘ ’ ′ → '   “ ” → "   – — → -
      if (len == 3 && c == 0xE2 && p[i + 1] == 0x80) {
        unsigned char d = p[i + 2];
        char repl = 0;
        if (d == 0x98 || d == 0x99 || d == 0xB2) repl = '\'';
        else if (d == 0x9C || d == 0x9D || d == 0x9E) repl = '"';
        else if (d == 0x93 || d == 0x94) repl = '-';
        if (repl) {
          lower[n++] = repl;
          add_shape(repl);
          if (repl == '-') flags |= kInfoHasHyphen;
          i += 3;
          continue;
        }
      }
      // Other non-ASCII characters: kept as they are, shaped as letters.
      ++letters;
      if (n + len > kMaxWordBytes) break;
      std::memcpy(lower + n, p + i, len);
      n += len;
      add_shape('x');
      i += len;
    }
  }

  if (letters == 0) flags |= kInfoNoLetters;
  if (uppers >= 2 && uppers == letters) flags |= kInfoAllCaps;
  if (digits > 0) flags |= kInfoHasDigit;
  if (digits > 0 && digits == chars) flags |= kInfoAllDigits;
  if (chars == 1) flags |= kInfoLength1;
  else if (chars <= 3) flags |= kInfoLength2_3;
  else if (chars <= 6) flags |= kInfoLength4_6;

  info.flags = flags;
  info.lower = hash_bytes(lower, n, 1);
  for (int k = 1; k <= 4; ++k) {
    size_t b = last_chars(lower, n, k);
    info.suffix[k - 1] = hash_bytes(lower + b, n - b, 10 + k);
  }
  size_t end = 0;
  for (int k = 1; k <= 3; ++k) {
    if (end < n) end += sequence_length(static_cast<unsigned char>(lower[end]));
    if (end > n) end = n;
    info.prefix[k - 1] = hash_bytes(lower, end, 20 + k);
  }
  info.shape = hash_bytes(shape, ns, 30);
}

}  // namespace whosaid::tagger_detail

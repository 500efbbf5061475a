#include "store/query.h"

#include <cstdint>
#include <vector>

namespace whosaid::store {
namespace {

// One code point; invalid UTF-8 (overlong, surrogate, truncated) is one byte of
// code point 0xFFFFFFFF, which is a separator.
struct CodePoint {
  uint32_t cp;
  size_t len;
};

constexpr uint32_t kInvalid = 0xFFFFFFFF;

CodePoint decode(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
  if (len == 0 || c > 0xF4 || i + len > s.size()) return {kInvalid, 1};
  uint32_t cp = c & (0x7F >> len);
  for (size_t k = 1; k < len; ++k) {
    if ((b(i + k) & 0xC0) != 0x80) return {kInvalid, 1};
    cp = (cp << 6) | (b(i + k) & 0x3F);
  }
  if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
      (cp >= 0xD800 && cp <= 0xDFFF))
    return {kInvalid, 1};
  return {cp, len};
}

// Approximates the unicode61 tokenizer's token characters (letters, digits,
// private use): ASCII letters and digits, and non-ASCII code points outside the
// punctuation and symbol blocks. A miss only costs a term that matches nothing.
bool is_token_char(uint32_t cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z');
  if (cp == kInvalid) return false;
  if (cp < 0xC0)  // Latin-1 punctuation and symbols, except ª µ º and ² ³ ¹ ¼ ½ ¾
    return cp == 0xAA || cp == 0xB5 || cp == 0xBA || cp == 0xB2 || cp == 0xB3 || cp == 0xB9 ||
           (cp >= 0xBC && cp <= 0xBE);
  if (cp == 0xD7 || cp == 0xF7) return false;  // × ÷
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: – — ‘ ’ “ ” …
  if (cp >= 0x20A0 && cp <= 0x20CF) return false;  // currency
  if (cp >= 0x2190 && cp <= 0x2BFF) return false;  // arrows, maths, boxes, shapes
  if (cp >= 0x3000 && cp <= 0x303F) return false;  // CJK punctuation
  if ((cp >= 0xFE10 && cp <= 0xFE1F) || (cp >= 0xFE30 && cp <= 0xFE6F)) return false;
  if ((cp >= 0xFF00 && cp <= 0xFF0F) || (cp >= 0xFF1A && cp <= 0xFF20) ||
      (cp >= 0xFF3B && cp <= 0xFF40) || (cp >= 0xFF5B && cp <= 0xFF65))
    return false;  // full-width punctuation
  if (cp >= 0xFFF0 && cp <= 0xFFFF) return false;
  if (cp >= 0x1F000 && cp <= 0x1FAFF) return false;  // emoji, pictographs
  return true;
}

bool is_space(unsigned char c) { return c <= 0x20 || c == 0x7F; }

struct Item {
  bool op = false;                 // AND / OR / NOT as typed (operator or not)
  std::string word;                // the operator word
  std::vector<std::string> parts;  // a term's runs of token characters
  size_t last_chars = 0;           // code points of the last part
  bool star = false;               // typed with a trailing *
};

// The runs of token characters in `s`.
Item term_of(std::string_view s, bool star) {
  Item t;
  t.star = star;
  bool in_part = false;
  for (size_t i = 0; i < s.size();) {
    CodePoint c = decode(s, i);
    if (is_token_char(c.cp)) {
      if (!in_part) {
        t.parts.emplace_back();
        t.last_chars = 0;
      }
      t.parts.back().append(s.substr(i, c.len));
      ++t.last_chars;
      in_part = true;
    } else {
      in_part = false;
    }
    i += c.len;
  }
  // "gov.*" or "?*" is not a prefix: the * must follow a letter or digit.
  if (star && (s.empty() || !in_part)) t.star = false;
  return t;
}

std::vector<Item> scan(std::string_view text) {
  std::vector<Item> items;
  const size_t n = text.size();
  size_t i = 0;
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (is_space(c)) {
      ++i;
    } else if (c == '"') {
      size_t close = text.find('"', i + 1);
      size_t end = close == std::string_view::npos ? n : close;
      std::string_view inside = text.substr(i + 1, end - i - 1);
      i = close == std::string_view::npos ? n : close + 1;
      bool star = i < n && text[i] == '*';
      if (star) ++i;
      // The star belongs to the phrase's last word only when the phrase ends in one.
      Item t = term_of(inside, star);
      if (!t.parts.empty()) items.push_back(std::move(t));
    } else {
      size_t b = i;
      while (i < n && text[i] != '"' && !is_space(static_cast<unsigned char>(text[i]))) ++i;
      std::string_view word = text.substr(b, i - b);
      if (word == "AND" || word == "OR" || word == "NOT") {
        Item op;
        op.op = true;
        op.word = std::string(word);
        items.push_back(std::move(op));
        continue;
      }
      size_t stars = 0;
      while (stars < word.size() && word[word.size() - 1 - stars] == '*') ++stars;
      Item t = term_of(word.substr(0, word.size() - stars), stars > 0);
      if (!t.parts.empty()) items.push_back(std::move(t));
    }
  }
  return items;
}

}  // namespace

ParsedQuery parse_query(std::string_view text) {
  std::vector<Item> items = scan(text);
  // An operator needs a term on each side; anywhere else it is a word.
  std::vector<bool> is_operator(items.size(), false);
  for (size_t k = 0; k < items.size(); ++k) {
    if (!items[k].op) continue;
    bool left = k > 0 && !is_operator[k - 1];
    bool right = k + 1 < items.size() && !items[k + 1].op;
    if (left && right) {
      is_operator[k] = true;
    } else {
      items[k].parts = {items[k].word};
      items[k].last_chars = items[k].word.size();
    }
  }
  ParsedQuery out;
  std::string pending_op;
  for (size_t k = 0; k < items.size(); ++k) {
    if (is_operator[k]) {
      pending_op = items[k].word;
      continue;
    }
    if (out.terms == kMaxTerms) {
      out.truncated = true;
      break;
    }
    const Item& t = items[k];
    if (!out.fts5.empty()) out.fts5 += pending_op.empty() ? " " : " " + pending_op + " ";
    pending_op.clear();
    out.fts5 += '"';
    for (size_t p = 0; p < t.parts.size(); ++p) {
      if (p) out.fts5 += ' ';
      out.fts5 += t.parts[p];
    }
    out.fts5 += '"';
    if (t.star && t.last_chars >= kMinPrefixChars && out.prefixes < kMaxPrefixTerms) {
      out.fts5 += '*';
      ++out.prefixes;
    }
    ++out.terms;
  }
  return out;
}

}  // namespace whosaid::store

#include "segment/segmenter.h"

#include <algorithm>
#include <cctype>

#include "core/utf8.h"

namespace whosaid {
namespace {

constexpr uint32_t kLeftDouble = 0x201C, kRightDouble = 0x201D, kLowDouble = 0x201E;
constexpr uint32_t kLeftSingle = 0x2018, kRightSingle = 0x2019;
constexpr uint32_t kLeftGuillemet = 0xAB, kRightGuillemet = 0xBB;
constexpr uint32_t kSingleLeftGuillemet = 0x2039, kSingleRightGuillemet = 0x203A;

bool is_apostrophe(uint32_t cp) { return cp == '\'' || cp == kRightSingle; }

bool is_quote_char(uint32_t cp) {
  return cp == '"' || cp == kLeftDouble || cp == kRightDouble || cp == kLowDouble ||
         cp == kLeftSingle || cp == kRightSingle || cp == '\'' || cp == '`' ||
         cp == kLeftGuillemet || cp == kRightGuillemet || cp == kSingleLeftGuillemet ||
         cp == kSingleRightGuillemet;
}

bool word_char(uint32_t cp) { return utf8::is_letter(cp) || utf8::is_digit(cp); }

class Tokenizer {
 public:
  Tokenizer(Document& doc, Span span) : doc_(doc), s_(doc.text()), end_(span.end), i_(span.begin) {}

  void run() {
    while (i_ < end_) {
      size_t len;
      uint32_t cp = at(i_, len);
      if (utf8::is_space(cp)) {
        i_ += len;
        continue;
      }
      const size_t start = i_;
      if (word_char(cp)) {
        word(start);
      } else if (is_quote_char(cp)) {
        quote(start, cp, len);
      } else if (cp == '.' && peek_is(i_ + 1, '.') && peek_is(i_ + 2, '.')) {
        emit(start, i_ + 3, TokenKind::kPunct);
      } else if (cp == '-' && peek_is(i_ + 1, '-')) {
        size_t j = i_;
        while (j < end_ && s_[j] == '-') ++j;
        emit(start, j, TokenKind::kPunct);
      } else if (cp == utf8::kInvalid) {
        emit(start, start + 1, TokenKind::kSymbol, kInvalidUtf8);
      } else if (cp < 0x80 ? std::ispunct(static_cast<int>(cp)) != 0 : is_punct_cp(cp)) {
        emit(start, start + len, TokenKind::kPunct);
      } else {
        emit(start, start + len, TokenKind::kSymbol);
      }
    }
  }

 private:
  static bool is_punct_cp(uint32_t cp) {
    return (cp >= 0x2010 && cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205E) ||
           (cp >= 0x3000 && cp <= 0x303F) || cp == 0xA1 || cp == 0xBF || cp == 0xB7;
  }

  uint32_t at(size_t i, size_t& len) const {
    if (i >= end_) {
      len = 0;
      return 0;
    }
    uint32_t cp = utf8::decode(s_.substr(0, end_), i, len);
    return cp;
  }
  uint32_t cp_at(size_t i) const {
    size_t len;
    return at(i, len);
  }
  bool peek_is(size_t i, char c) const { return i < end_ && s_[i] == c; }

  void emit(size_t b, size_t e, TokenKind kind, uint8_t extra = 0) {
    uint8_t flags = extra;
    if (b == 0 || utf8::is_space(prev_cp(b))) flags |= kSpaceBefore;
    if (e >= s_.size() || utf8::is_space(cp_at_any(e))) flags |= kSpaceAfter;
    if (kind == TokenKind::kWord) {
      size_t len;
      uint32_t first = utf8::decode(s_, b, len);
      if (utf8::is_upper(first)) {
        flags |= kCapitalized;
        // All capitals: two or more and no small letter (the first small
        // letter settles it, most often the second letter of the word).
        int upper = 0;
        bool lower = false;
        for (size_t k = b; k < e && !lower; k += len) {
          uint32_t c = utf8::decode(s_, k, len);
          upper += utf8::is_upper(c);
          lower = utf8::is_lower(c);
        }
        if (upper >= 2 && !lower) flags |= kAllCaps;
      }
    }
    if (doc_.tokens.empty() || doc_.tokens.back().span.end <= b) {
      // Made in place, field by field: a Token built on the stack was written
      // in parts and copied whole, a load that waited for those stores
      // (store forwarding fails on it), the largest cost of this function.
      Token& t = doc_.tokens.emplace_back();
      t.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      t.kind = kind;
      t.flags = flags;
    }
    i_ = e;
  }

  uint32_t cp_at_any(size_t i) const {
    size_t len;
    return utf8::decode(s_, i, len);
  }
  uint32_t prev_cp(size_t i) const {
    size_t j = i - 1;
    while (j > 0 && (static_cast<unsigned char>(s_[j]) & 0xC0) == 0x80 && i - j < 4) --j;
    size_t len;
    uint32_t cp = utf8::decode(s_, j, len);
    return j + len == i ? cp : utf8::kInvalid;
  }

  // Length of a clitic ('s 're 've 'll 'd 'm, or n't) starting at the
  // apostrophe at i, or 0 when the apostrophe belongs inside the word.
  size_t clitic_after(size_t i, size_t apos_len) const {
    size_t j = i + apos_len;
    size_t k = j;
    while (k < end_ && k - j < 3 && std::isalpha(static_cast<unsigned char>(s_[k]))) ++k;
    if (k < end_ && word_char(cp_at(k))) return 0;
    std::string suffix;
    for (size_t m = j; m < k; ++m) suffix.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(s_[m]))));
    if (suffix == "s" || suffix == "re" || suffix == "ve" || suffix == "ll" || suffix == "d" || suffix == "m")
      return k - i;
    return 0;
  }

  void word(size_t start) {
    size_t j = start;
    bool number = utf8::is_digit(cp_at(j));
    bool dotted = false;  // U.S., a.m.
    while (j < end_) {
      // ASCII letters and digits, most of a word, without decoding them.
      const unsigned char c = static_cast<unsigned char>(s_[j]);
      if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')) {
        ++j;
        continue;
      }
      if (c == ' ') break;  // the usual end of a word, none of the cases below
      size_t len;
      uint32_t cp = at(j, len);
      if (word_char(cp)) {
        j += len;
        continue;
      }
      if (is_apostrophe(cp) && j > start) {
        // n't: split before the n.
        if (cp_at(j + len) == 't' && !word_char(cp_at(j + len + 1)) && j - start >= 2 &&
            (s_[j - 1] == 'n' || s_[j - 1] == 'N')) {
          if (j - 1 > start) emit(start, j - 1, TokenKind::kWord);
          emit(j - 1, j + len + 1, TokenKind::kWord);
          return;
        }
        if (size_t c = clitic_after(j, len)) {
          emit(start, j, number ? TokenKind::kNumber : TokenKind::kWord);
          emit(j, j + c, TokenKind::kWord);
          return;
        }
        if (word_char(cp_at(j + len))) {  // O'Brien, rock'n'roll
          j += len;
          continue;
        }
        break;
      }
      if ((cp == '-' || cp == 0x2010) && word_char(cp_at(j + len))) {
        j += len;
        continue;
      }
      if ((cp == ',' || cp == '.') && number && utf8::is_digit(cp_at(j + 1))) {
        j += 1;
        continue;
      }
      if (cp == '.' && !number) {
        // Single letters joined by periods: U.S. / a.m. / U.K.
        size_t seg_start = j;
        while (seg_start > start && s_[seg_start - 1] != '.') --seg_start;
        if (j - seg_start == 1 && std::isalpha(static_cast<unsigned char>(s_[seg_start]))) {
          if (j + 2 < end_ + 1 && std::isalpha(static_cast<unsigned char>(j + 1 < end_ ? s_[j + 1] : 0)) &&
              (j + 2 >= end_ || !word_char(cp_at(j + 2)) || s_[j + 2] == '.')) {
            dotted = true;
            j += 2;
            continue;
          }
          if (dotted) {
            ++j;  // the final period of U.S.
            break;
          }
        }
      }
      break;
    }
    emit(start, j, number ? TokenKind::kNumber : TokenKind::kWord);
  }

  void quote(size_t start, uint32_t cp, size_t len) {
    if (cp == '\'' && peek_is(start + 1, '\'') && peek_is(start + 2, '\'')) {
      // Three apostrophes close a nested single quote, then the double one.
      emit(start, start + 1, TokenKind::kQuote);
      emit(start + 1, start + 3, TokenKind::kQuote);
      return;
    }
    if ((cp == '`' && peek_is(start + 1, '`')) || (cp == '\'' && peek_is(start + 1, '\''))) {
      emit(start, start + 2, TokenKind::kQuote);
      return;
    }
    if (is_apostrophe(cp)) {
      // '90s: an elided century is a number, not a quotation mark.
      if (utf8::is_digit(cp_at(start + len)) && utf8::is_digit(cp_at(start + len + 1))) {
        size_t j = start + len;
        while (j < end_ && word_char(cp_at(j))) j += utf8::length_at(s_, j);
        emit(start, j, TokenKind::kNumber);
        return;
      }
    }
    emit(start, start + len, TokenKind::kQuote);
  }

  Document& doc_;
  std::string_view s_;
  size_t end_;
  size_t i_;
};

bool is_terminal(std::string_view t) {
  return t == "." || t == "!" || t == "?" || t == "..." || t == "\xE2\x80\xA6" || t == "?!" || t == "!?";
}

bool is_closer(std::string_view t) {
  return t == "\"" || t == "\xE2\x80\x9D" || t == "\xE2\x80\x99" || t == "''" || t == "'" ||
         t == "\xC2\xBB" || t == ")" || t == "]";
}

}  // namespace

void tokenize(Document& doc, Span span) { Tokenizer(doc, span).run(); }

void segment(Document& doc) {
  std::string_view text = doc.text();
  // At most a token per byte. Reserving that bound (up to 16M tokens, 256 MB
  // of address space) means the vector is never copied as it grows: a
  // doubling held the old and new arrays at once, a third of the peak on
  // text of a token a byte. The unused part is never touched, so never
  // resident.
  doc.tokens.reserve(std::min<size_t>(text.size(), size_t{1} << 24));
  bool reported_invalid = false;
  size_t line_start = 0;
  while (line_start <= text.size()) {
    size_t nl = text.find('\n', line_start);
    if (nl == std::string_view::npos) nl = text.size();
    size_t b = line_start, e = nl;
    for (size_t len; b < e && utf8::is_space(utf8::decode(text, b, len));) b += len;
    while (e > b && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r')) --e;
    if (e > b) {
      Paragraph p;
      p.span = {static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
      p.first_token = static_cast<uint32_t>(doc.tokens.size());
      tokenize(doc, p.span);
      p.end_token = static_cast<uint32_t>(doc.tokens.size());
      if (p.end_token > p.first_token) {
        doc.tokens[p.first_token].flags |= kParagraphStart;
        for (uint32_t t = p.first_token; t < p.end_token && !reported_invalid; ++t) {
          if (doc.tokens[t].has(kInvalidUtf8)) {
            doc.diagnostics.push_back({doc.tokens[t].span.begin,
                                       "invalid UTF-8 at byte " + std::to_string(doc.tokens[t].span.begin) +
                                           " (processed as a symbol; further invalid bytes not reported)"});
            reported_invalid = true;
          }
        }
        doc.paragraphs.push_back(p);
      }
    }
    line_start = nl + 1;
  }
}

void split_sentences(Document& doc, const Lexicon& lex) { split_sentences(doc, lex, FoldedWords(doc, lex)); }

void split_sentences(Document& doc, const Lexicon& lex, const FoldedWords& fw) {
  // Tokens inside a closed pair of quotation marks: a sentence never ends there,
  // so a quote of several sentences stays in the sentence of its cue.
  std::vector<uint8_t> in_closed(doc.tokens.size(), 0), close_mark(doc.tokens.size(), 0);
  for (const QuotedRegion& r : doc.quoted) {
    if (!r.closed) continue;
    for (uint32_t k = r.first_token; k < r.end_token; ++k) in_closed[k] = 1;
    close_mark[r.end_token] = 1;
  }
  for (uint32_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    Paragraph& p = doc.paragraphs[pi];
    p.first_sentence = static_cast<uint32_t>(doc.sentences.size());
    uint32_t sent_start = p.first_token;
    auto close_sentence = [&](uint32_t end_tok) {
      Sentence s;
      s.first_token = sent_start;
      s.end_token = end_tok;
      s.paragraph = pi;
      s.span = {doc.tokens[sent_start].span.begin, doc.tokens[end_tok - 1].span.end};
      doc.sentences.push_back(s);
      sent_start = end_tok;
    };
    // Furniture opening the paragraph (a dateline, a field label: the kLayout
    // flag of layout/layout.h) is a sentence of its own.
    uint32_t lead = p.first_token;
    while (lead < p.end_token && doc.tokens[lead].has(kLayout)) ++lead;
    if (lead > p.first_token && lead < p.end_token) close_sentence(lead);
    for (uint32_t t = sent_start; t < p.end_token; ++t) {
      if (t + 1 - sent_start >= kMaxSentenceTokens && t + 1 < p.end_token) {
        // No real sentence is this long: cut it, so that every later stage's
        // per-sentence work stays bounded (linear time on degenerate text).
        close_sentence(t + 1);
        continue;
      }
      const Token& tok = doc.tokens[t];
      std::string_view tt = doc.slice(tok.span);
      const bool dotted_word = tok.kind == TokenKind::kWord && tt.size() > 2 && tt.back() == '.';
      if (!is_terminal(tt) && !dotted_word) continue;
      // Extend over closing quotation marks and brackets.
      uint32_t last = t;
      bool closed_quote = false;
      while (last + 1 < p.end_token &&
             (close_mark[last + 1] || is_closer(doc.slice(doc.tokens[last + 1].span))) &&
             !doc.tokens[last + 1].has(kSpaceBefore)) {
        ++last;
        closed_quote = closed_quote || doc.tokens[last].kind == TokenKind::kQuote;
      }
      if (last + 1 >= p.end_token) break;  // the paragraph end closes it below
      if (in_closed[last + 1]) continue;   // still inside a quotation
      const Token& next = doc.tokens[last + 1];
      std::string_view nt = doc.slice(next.span);
      const FoldedWord w = fw[last + 1];
      const bool next_upper = next.has(kCapitalized) || next.kind == TokenKind::kNumber ||
                              next.kind == TokenKind::kQuote ||
                              (next.kind == TokenKind::kPunct && nt != "," && nt != ";" && nt != ":" &&
                               !(nt.size() == 3 && nt[0] == '\xE2' && nt[1] == '\x80' &&
                                 (nt[2] == '\x93' || nt[2] == '\x94' || nt[2] == '\x95')) && nt != "--");
      if (!next_upper) continue;
      const FoldedWord prev = t > p.first_token ? fw[t - 1] : FoldedWord{};
      // "N.Y", "3.5": a period with text right after it ends no sentence.
      if (tt == "." && !tok.has(kSpaceAfter) && last == t) continue;
      if (tt == "." && t > p.first_token && !tok.has(kSpaceBefore)) {
        const Token& pt = doc.tokens[t - 1];
        if (lex.is(WordClass::kAbbrev, prev)) continue;                                          // Mr. Key
        // "E. Burman"; not a letter closing initials ("A&E. Its president …").
        if (pt.kind == TokenKind::kWord && pt.span.size() == 1 && pt.has(kCapitalized) &&
            !(t >= p.first_token + 2 && !pt.has(kSpaceBefore) && doc.slice(doc.tokens[t - 2].span) == "&"))
          continue;
        if (lex.is(WordClass::kAbbrevEnd, prev) && !lex.is(WordClass::kStarter, w)) continue;
      }
      if (dotted_word && !lex.is(WordClass::kStarter, w)) continue;  // U.S. Senate
      if (closed_quote && tt != ".") {
        // "...?” Trump said" — a name and a speech verb follow.
        bool cue_follows = false;
        for (uint32_t k = last + 1; k < p.end_token && k <= last + 5; ++k) {
          const Token& kt = doc.tokens[k];
          const FoldedWord f = fw[k];
          if (k == last + 1 && (f == "he" || f == "she" || f == "they" || f == "i" || f == "we" || f == "it"))
            break;  // "?” He answered" starts a sentence; the same sentence would say "he"
          const CueEntry* c = lex.cue(f);
          if (c && c->cls == CueClass::kSpeech && k > last + 1) {
            cue_follows = true;
            break;
          }
          if (kt.kind != TokenKind::kWord || !(kt.has(kCapitalized) || lex.is(WordClass::kAbbrev, f))) {
            if (f != ".") break;
          }
        }
        if (cue_follows) continue;
      }
      close_sentence(last + 1);
      t = last;
    }
    if (sent_start < p.end_token) close_sentence(p.end_token);
    p.end_sentence = static_cast<uint32_t>(doc.sentences.size());
  }
}

}  // namespace whosaid

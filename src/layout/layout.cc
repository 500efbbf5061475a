#include "layout/layout.h"

#include <string>

#include "core/utf8.h"

namespace whosaid {
namespace {

// At most this many paragraphs open an article before its running text.
constexpr uint32_t kMaxHeaderParagraphs = 12;
// Running text: a paragraph of at least this many words that is no field.
constexpr int kBodyWords = 15;
// Bylines, stamps and credit lines are short.
constexpr int kMaxShortLineWords = 12;
// Datelines open one of the first paragraphs of running text.
constexpr uint32_t kDatelineParagraphs = 3;
constexpr uint32_t kMaxDatelineTokens = 12;

class Layout {
 public:
  Layout(Document& doc, const Lexicon& lex, const FoldedWords& fw) : doc_(doc), lex_(lex), fw_(fw) {}

  void run() {
    const uint32_t header_end = header_block_end();
    uint32_t body_seen = 0;
    for (uint32_t pi = 0; pi < doc_.paragraphs.size(); ++pi) {
      Paragraph& p = doc_.paragraphs[pi];
      if (p.end_token <= p.first_token) continue;
      const bool header = pi < header_end;
      classify(p, header);
      if (p.kind == ParagraphKind::kBody && body_seen++ < kDatelineParagraphs) mark_dateline(p);
    }
    if (doc_.authors.empty()) author_note();
  }

 private:
  // The first paragraph of running text (or kMaxHeaderParagraphs): paragraphs
  // before it form the header block, where header fields and bylines sit.
  // A long first paragraph with no closing stop is the headline ("My
  // father's hands: a farmer's son on what we lose when farms close").
  uint32_t header_block_end() {
    const auto n = static_cast<uint32_t>(doc_.paragraphs.size());
    for (uint32_t pi = 0; pi < n && pi < kMaxHeaderParagraphs; ++pi) {
      const Paragraph& p = doc_.paragraphs[pi];
      if (words(p.first_token, p.end_token) >= kBodyWords && label_end(p) == 0 && (pi > 0 || ends_with_stop(p)))
        return pi;
    }
    return std::min(n, kMaxHeaderParagraphs);
  }

  // The paragraph's last token that is no quotation mark or bracket is a
  // full stop, a question mark or an exclamation mark.
  bool ends_with_stop(const Paragraph& p) const {
    for (uint32_t t = p.end_token; t-- > p.first_token;) {
      const Token& tk = doc_.tokens[t];
      if (tk.kind == TokenKind::kQuote) continue;
      const std::string_view w = doc_.slice(tk.span);
      if (w == ")") continue;
      return w == "." || w == "?" || w == "!" || w == "…";
    }
    return false;
  }

  void classify(Paragraph& p, bool header) {
    if (const uint32_t colon = label_end(p)) {
      if (label_class_ == WordClass::kLabelPicture) {
        mark(p, ParagraphKind::kCaption);
      } else if (label_class_ == WordClass::kLabelMeta && header) {
        mark(p, ParagraphKind::kMeta);
        if (label_ == "author" || label_ == "authors" || label_ == "byline" || label_ == "by" ||
            label_ == "written by")
          add_authors(colon < p.end_token && fold(colon) == "by" ? colon + 1 : colon, p.end_token);  // "Byline: By …"
      } else {
        // A title field ("Headline: …") or a field label in running text: the
        // label is furniture, what follows it may report a statement.
        if (label_class_ == WordClass::kLabelTitle) p.kind = ParagraphKind::kTitle;
        flag(p.first_token, colon);
      }
      return;
    }
    if (header) {
      if (const uint32_t names = byline(p)) {
        mark(p, ParagraphKind::kMeta);
        add_authors(names, p.end_token);
        return;
      }
      if (stamp(p) || date_line(p)) {
        mark(p, ParagraphKind::kMeta);
        return;
      }
    }
    if (credit(p)) mark(p, ParagraphKind::kCaption);
  }

  // A field label at the paragraph start: one to three words before a colon
  // that name a header, meta or picture field. Returns the token after the
  // colon (0 when there is none) and sets label_ and label_class_.
  uint32_t label_end(const Paragraph& p) {
    label_.clear();
    for (uint32_t t = p.first_token, n = 0; t < p.end_token && n <= 3; ++t) {
      const Token& tok = doc_.tokens[t];
      const std::string_view text = doc_.slice(tok.span);
      if (text == ":" && n > 0) {
        for (WordClass c : {WordClass::kLabelTitle, WordClass::kLabelMeta, WordClass::kLabelPicture})
          if (lex_.is(c, label_)) {
            label_class_ = c;
            return t + 1;
          }
        return 0;
      }
      if (tok.kind != TokenKind::kWord) return 0;
      const FoldedWord word = fw_[t];
      if (!label_.empty() && word != "'s") label_ += ' ';
      label_ += word;
      if (word != "'s") ++n;
    }
    return 0;
  }

  // "By Sarah Jones", "BY SARAH JONES and TOM LEE, Associated Press": a short
  // line of "By" and capitalised words. Returns the token after "By", 0 if none.
  uint32_t byline(const Paragraph& p) {
    const uint32_t b = p.first_token;
    if (b + 1 >= p.end_token || fold(b) != "by" || words(b, p.end_token) > kMaxShortLineWords) return 0;
    const Token& first = doc_.tokens[b + 1];
    if (first.kind != TokenKind::kWord || !first.has(kCapitalized) || lex_.is(WordClass::kDateWord, fold(b + 1)))
      return 0;
    for (uint32_t t = b + 1; t < p.end_token; ++t) {
      const Token& tok = doc_.tokens[t];
      if (tok.kind == TokenKind::kWord) {
        if (tok.has(kCapitalized)) continue;
        const FoldedWord w = fold(t);
        if (w == "and" || w == "in" || w == "for" || w == "of" || w == "the" || w == "'s") continue;
        return 0;
      }
      const std::string_view s = doc_.slice(tok.span);
      if (!(s == "," || s == "&" || s == "|" || s == "." || s == "/" || utf8::is_dash_or_hyphen_token(s))) return 0;
    }
    return b + 1;
  }

  // Authors in [b, e): the first run of capitalised words, and each run after
  // "and" or "&" (a comma, bar or dash ends the names: "…, BBC News").
  void add_authors(uint32_t b, uint32_t e) {
    uint32_t t = b;
    while (t < e) {
      while (t < e && !(doc_.tokens[t].kind == TokenKind::kWord && doc_.tokens[t].has(kCapitalized))) ++t;
      uint32_t end = t;
      while (end < e && ((doc_.tokens[end].kind == TokenKind::kWord && doc_.tokens[end].has(kCapitalized)) ||
                         doc_.slice(doc_.tokens[end].span) == ".")) {
        ++end;
      }
      if (end == t) return;
      doc_.authors.push_back({doc_.tokens[t].span.begin, doc_.tokens[end - 1].span.end});
      if (end >= e) return;
      const std::string_view sep = doc_.slice(doc_.tokens[end].span);
      if (sep != "&" && fold(end) != "and") return;
      t = end + 1;
    }
  }

  // A column names its author at its foot rather than in a byline: "Bill
  // Thompson is a regular commentator on …", "Jane Roe is technology
  // correspondent for …". The last paragraph, short, opening with a given name
  // and one to two more capitalised words, then "is" and, within it, a word
  // for someone who writes: that name is the author (the "I" outside
  // quotation marks, voice.h). Not "Mr Roe is a former minister": no given
  // name, no writer.
  void author_note() {
    uint32_t pi = static_cast<uint32_t>(doc_.paragraphs.size());
    while (pi > 0 && doc_.paragraphs[pi - 1].end_token <= doc_.paragraphs[pi - 1].first_token) --pi;
    if (pi < 2) return;
    const Paragraph& p = doc_.paragraphs[pi - 1];
    if (p.kind != ParagraphKind::kBody || words(p.first_token, p.end_token) > 30) return;
    uint32_t t = p.first_token;
    while (t < p.end_token && doc_.tokens[t].kind != TokenKind::kWord) ++t;  // "- Bill Thompson …"
    const uint32_t name = t;
    if (t >= p.end_token || lex_.given_name_gender(fold(t)) == Gender::kUnknown) return;
    while (t < p.end_token && doc_.tokens[t].kind == TokenKind::kWord && doc_.tokens[t].has(kCapitalized)) ++t;
    if (t - name < 2 || t - name > 3 || t >= p.end_token || fold(t) != "is") return;
    for (uint32_t w = t + 1; w < p.end_token; ++w) {
      const FoldedWord f = fold(w);
      if (f == "." ) return;  // one sentence
      if (f == "columnist" || f == "commentator" || f == "correspondent" || f == "editor" || f == "writer" ||
          f == "contributor" || f == "blogger" || f == "journalist") {
        doc_.authors.push_back({doc_.tokens[name].span.begin, doc_.tokens[t - 1].span.end});
        return;
      }
    }
  }

  // "Updated 14:05 GMT", "Last updated on Tuesday", "Published 3 hours ago".
  bool stamp(const Paragraph& p) {
    if (words(p.first_token, p.end_token) > kMaxShortLineWords) return false;
    const FoldedWord w = fold(p.first_token);
    if (w == "updated" || w == "published" || w == "posted" || w == "modified") return true;
    return (w == "last" || w == "first") && p.first_token + 1 < p.end_token &&
           (fold(p.first_token + 1) == "updated" || fold(p.first_token + 1) == "published");
  }

  // "12 March 2024", "Tuesday, March 12, 2024 5:30 PM": only date words,
  // numbers and punctuation, with at least one of each kind of word.
  bool date_line(const Paragraph& p) {
    bool number = false, date_word = false;
    for (uint32_t t = p.first_token; t < p.end_token; ++t) {
      const Token& tok = doc_.tokens[t];
      if (tok.kind == TokenKind::kNumber) number = true;
      else if (tok.kind == TokenKind::kWord && lex_.is(WordClass::kDateWord, fold(t))) date_word = true;
      else if (tok.kind != TokenKind::kPunct) return false;
    }
    return number && date_word;
  }

  // A picture credit: a caption ending in "(AP Photo/Evan Vucci)", "(Getty
  // Images)", "(Photo: Reuters)"; or a short line ending in an agency after a
  // slash: "Mark Tantrum / Getty", "Dan Kitwood/Getty Images".
  bool credit(const Paragraph& p) {
    uint32_t e = p.end_token;
    if (e > p.first_token && doc_.slice(doc_.tokens[e - 1].span) == ".") --e;
    if (e > p.first_token + 1 && doc_.slice(doc_.tokens[e - 1].span) == ")") {
      uint32_t open = e - 1;
      while (open > p.first_token && e - open <= 8 && doc_.slice(doc_.tokens[open].span) != "(") --open;
      if (doc_.slice(doc_.tokens[open].span) != "(" || open + 1 >= e - 1) return false;
      if (!doc_.tokens[open + 1].has(kCapitalized)) return false;
      for (uint32_t t = open + 1; t + 1 < e; ++t) {
        const FoldedWord w = fold(t);
        if (w.find('/') != std::string::npos || lex_.is(WordClass::kLabelPicture, w) ||
            lex_.is(WordClass::kPictureAgency, w) || w == "getty")
          return open > p.first_token || e - p.first_token <= 8;
      }
      return false;
    }
    if (words(p.first_token, e) > kMaxShortLineWords) return false;
    // The agency: the last word or two, after a slash (in a token or alone).
    for (uint32_t n = 1; n <= 2 && e >= p.first_token + n; ++n) {
      std::string agency;
      for (uint32_t t = e - n; t < e; ++t) {
        if (!agency.empty()) agency += ' ';
        agency += fold(t);
      }
      const size_t slash = agency.rfind('/');
      const bool slashed = slash != std::string::npos ||
                           (e - n > p.first_token && doc_.slice(doc_.tokens[e - n - 1].span) == "/");
      if (slash != std::string::npos) agency = agency.substr(slash + 1);
      if (slashed && lex_.is(WordClass::kPictureAgency, agency)) return true;
    }
    return false;
  }

  // "WASHINGTON (AP) —", "LONDON, March 3 (Reuters) -", "WELLINGTON, New
  // Zealand —": a place in capitals opening the paragraph, then (after a comma)
  // capitalised words, a date and numbers, and an agency in parentheses, up to
  // a dash. "DJ Norman Cook - aka Fatboy Slim - has said" is no dateline: a
  // capitalised word follows the capitals without a comma.
  void mark_dateline(const Paragraph& p) {
    const uint32_t b = p.first_token;
    uint32_t t = b;
    while (t < p.end_token && doc_.tokens[t].kind == TokenKind::kWord && doc_.tokens[t].has(kAllCaps)) ++t;
    if (t == b) return;
    bool after_comma = false;
    int parens = 0;
    for (; t < p.end_token && t < b + kMaxDatelineTokens; ++t) {
      const Token& tok = doc_.tokens[t];
      const std::string_view s = doc_.slice(tok.span);
      if (utf8::is_dash_or_hyphen_token(s) && parens == 0) {
        if (t + 1 < p.end_token) flag(b, t + 1);
        return;
      }
      if (s == "(") {
        if (++parens > 1) return;
      } else if (s == ")") {
        if (--parens < 0) return;
      } else if (s == ",") {
        after_comma = true;
      } else if (tok.kind == TokenKind::kWord) {
        // In parentheses an agency ("AP", "Reuters"); after a comma a state,
        // country or date; else nothing but the capitals.
        if (parens == 0 && !after_comma) return;
        if (!tok.has(kCapitalized) && !lex_.is(WordClass::kDateWord, fold(t))) return;
      } else if (!((tok.kind == TokenKind::kNumber && after_comma) || s == ".")) {
        return;
      }
    }
  }

  void mark(Paragraph& p, ParagraphKind kind) {
    p.kind = kind;
    flag(p.first_token, p.end_token);
  }
  void flag(uint32_t b, uint32_t e) {
    for (uint32_t t = b; t < e; ++t) doc_.tokens[t].flags |= kLayout;
  }

  int words(uint32_t b, uint32_t e) const {
    int n = 0;
    for (uint32_t t = b; t < e; ++t) n += doc_.tokens[t].kind == TokenKind::kWord;
    return n;
  }
  FoldedWord fold(uint32_t t) const { return fw_[t]; }

  Document& doc_;
  const Lexicon& lex_;
  const FoldedWords& fw_;
  std::string label_;
  WordClass label_class_ = WordClass::kLabelTitle;
};

}  // namespace

void mark_layout(Document& doc, const Lexicon& lexicon, const FoldedWords& folded) {
  Layout(doc, lexicon, folded).run();
}

void mark_layout(Document& doc, const Lexicon& lexicon) { mark_layout(doc, lexicon, FoldedWords(doc, lexicon)); }

}  // namespace whosaid

// fuzz/invariants.h — the checks every fuzz target (and tests/properties_test.cc)
// applies to what the pipeline produced. Header-only; no test framework.
//
//   whosaid::Document doc = extractor.extract(text);
//   std::string why = whosaid::fuzz::check_document(doc);   // "" when all hold
//   if (!why.empty()) whosaid::fuzz::fail(why, text);
//
// Invariants (docs/hostile-input.md):
//   * every span (paragraph, sentence, token, quoted region, cue, mention,
//     quote span and fragment, speaker mention) lies inside the text;
//   * when the text is valid UTF-8, every span starts and ends on a code point
//     boundary (never inside a multibyte sequence);
//   * a quote's fragments are non-empty, ordered, disjoint and inside
//     [span.begin, span.end], the first starting at span.begin and the last
//     ending at span.end; quotation marks never lie inside a fragment;
//   * token/sentence index ranges are ordered and inside the vectors;
//   * confidence is in [0, 1]; entity indexes are valid;
//   * documents() compares two runs field by field (determinism).
#pragma once

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/utf8.h"
#include "whosaid/document.h"

namespace whosaid::fuzz {

// Prints the reason and aborts, so libFuzzer saves the input as a crash.
[[noreturn]] inline void fail(const std::string& why, std::string_view input = {}) {
  std::fprintf(stderr, "INVARIANT VIOLATED: %s\n(input: %zu bytes)\n", why.c_str(), input.size());
  std::abort();
}

inline bool is_continuation(std::string_view text, uint32_t offset) {
  return offset < text.size() && (static_cast<unsigned char>(text[offset]) & 0xC0) == 0x80;
}

inline std::string describe(const char* what, size_t index, Span s) {
  return std::string(what) + "[" + std::to_string(index) + "] = [" + std::to_string(s.begin) + ", " +
         std::to_string(s.end) + ")";
}

class Checker {
 public:
  explicit Checker(std::string_view text) : text_(text), valid_utf8_(utf8::valid(text)) {}

  // Span inside the text, begin <= end, on code point boundaries when the text is valid UTF-8.
  void span(const char* what, size_t index, Span s) {
    if (!error_.empty()) return;
    if (s.begin > s.end || s.end > text_.size()) {
      error_ = describe(what, index, s) + " is outside the text of " + std::to_string(text_.size()) + " bytes";
    } else if (valid_utf8_ && (is_continuation(text_, s.begin) || is_continuation(text_, s.end))) {
      error_ = describe(what, index, s) + " cuts a UTF-8 sequence";
    }
  }
  void expect(bool ok, const std::string& why) {
    if (error_.empty() && !ok) error_ = why;
  }
  const std::string& error() const { return error_; }

 private:
  std::string_view text_;
  bool valid_utf8_;
  std::string error_;
};

inline bool is_quote_mark(uint32_t cp) {
  switch (cp) {
    case 0x201C: case 0x201D: case 0x201E: case 0xAB: case 0xBB: case '"':
      return true;
    default:
      return false;
  }
}

// Checks the annotations of a segmented (and possibly fully extracted) document.
// Returns "" when every invariant holds, else the first violation.
inline std::string check_document(const Document& doc) {
  const std::string_view text = doc.text();
  Checker c(text);
  const size_t ntok = doc.tokens.size();
  for (size_t i = 0; i < doc.paragraphs.size(); ++i) {
    const Paragraph& p = doc.paragraphs[i];
    c.span("paragraph", i, p.span);
    c.expect(p.first_token <= p.end_token && p.end_token <= ntok, describe("paragraph tokens", i, {p.first_token, p.end_token}));
    c.expect(p.first_sentence <= p.end_sentence && p.end_sentence <= doc.sentences.size(),
             describe("paragraph sentences", i, {p.first_sentence, p.end_sentence}));
    if (i > 0) c.expect(doc.paragraphs[i - 1].span.end <= p.span.begin, describe("paragraph out of order", i, p.span));
  }
  for (size_t i = 0; i < ntok; ++i) {
    const Token& t = doc.tokens[i];
    c.span("token", i, t.span);
    c.expect(!t.span.empty(), describe("empty token", i, t.span));
    if (i > 0) c.expect(doc.tokens[i - 1].span.end <= t.span.begin, describe("token out of order", i, t.span));
  }
  for (size_t i = 0; i < doc.sentences.size(); ++i) {
    const Sentence& s = doc.sentences[i];
    c.span("sentence", i, s.span);
    c.expect(s.first_token <= s.end_token && s.end_token <= ntok, describe("sentence tokens", i, {s.first_token, s.end_token}));
    c.expect(s.paragraph < doc.paragraphs.size() || doc.paragraphs.empty(), describe("sentence paragraph", i, s.span));
    if (i > 0) c.expect(doc.sentences[i - 1].span.end <= s.span.begin, describe("sentence out of order", i, s.span));
  }
  for (size_t i = 0; i < doc.quoted.size(); ++i) {
    const QuotedRegion& r = doc.quoted[i];
    c.span("quoted.open_mark", i, r.open_mark);
    c.span("quoted.close_mark", i, r.close_mark);
    c.span("quoted.content", i, r.content);
    c.expect(r.first_token <= r.end_token && r.end_token <= ntok, describe("quoted tokens", i, {r.first_token, r.end_token}));
    c.expect(r.open_mark.end <= r.content.begin || r.content.empty(), describe("quoted content before its mark", i, r.content));
    if (r.closed) c.expect(r.content.end <= r.close_mark.begin, describe("quoted content after its close mark", i, r.content));
  }
  for (size_t i = 0; i < doc.cues.size(); ++i) {
    const Cue& q = doc.cues[i];
    c.span("cue", i, q.span);
    c.expect(q.first_token <= q.end_token && q.end_token <= ntok, describe("cue tokens", i, {q.first_token, q.end_token}));
  }
  for (size_t i = 0; i < doc.mentions.size(); ++i) {
    const Mention& m = doc.mentions[i];
    c.span("mention", i, m.span);
    c.span("mention.name", i, m.name);
    c.span("mention.role", i, m.role);
    c.span("mention.org", i, m.org);
    c.expect(m.first_token <= m.end_token && m.end_token <= ntok, describe("mention tokens", i, {m.first_token, m.end_token}));
    c.expect(m.entity < static_cast<int32_t>(doc.entities.size()), describe("mention entity", i, m.span));
  }
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    for (uint32_t m : doc.entities[i].mentions)
      c.expect(m < doc.mentions.size(), "entity " + std::to_string(i) + " names mention " + std::to_string(m));
  }
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    c.span("quote", i, q.span);
    c.expect(!q.spans.empty(), describe("quote without fragments", i, q.span));
    for (size_t k = 0; k < q.spans.size(); ++k) {
      const Span f = q.spans[k];
      c.span("quote fragment", i, f);
      c.expect(!f.empty(), describe("empty quote fragment", i, f));
      c.expect(q.span.contains(f), describe("quote fragment outside [start,end]", i, f));
      if (k > 0) c.expect(q.spans[k - 1].end <= f.begin, describe("quote fragments overlap or are out of order", i, f));
      // No quotation mark inside a fragment's interior is too strong (nested ‘ ’ and
      // quoted words in mixed quotes are content), but the fragment's own edges
      // must not be double quotation marks.
      if (c.error().empty() && !f.empty()) {
        size_t len = 0;
        uint32_t first = utf8::decode(text, f.begin, len);
        c.expect(!is_quote_mark(first) || q.kind != QuoteKind::kDirect,
                 describe("direct quote fragment starts with a quotation mark", i, f));
      }
    }
    if (!q.spans.empty()) {
      c.expect(q.spans.front().begin == q.span.begin && q.spans.back().end == q.span.end,
               describe("quote span is not first..last fragment", i, q.span));
    }
    c.expect(std::isfinite(q.confidence) && q.confidence >= 0.f && q.confidence <= 1.f,
             describe("quote confidence out of [0,1]", i, q.span) + ": " + std::to_string(q.confidence));
    if (q.cue) c.span("quote cue", i, *q.cue);
    if (q.speaker) {
      if (q.speaker->mention) c.span("speaker mention", i, *q.speaker->mention);
      c.expect(q.speaker->entity < static_cast<int32_t>(doc.entities.size()), describe("speaker entity", i, q.span));
    }
  }
  for (size_t i = 0; i < doc.diagnostics.size(); ++i)
    c.expect(doc.diagnostics[i].offset <= text.size(), "diagnostic " + std::to_string(i) + " offset past the text");
  return c.error();
}

// "" when two runs over the same text produced the same annotations, else the first difference.
inline std::string compare_documents(const Document& a, const Document& b) {
  auto same_span = [](Span x, Span y) { return x == y; };
  if (a.text() != b.text()) return "texts differ";
  if (a.tokens.size() != b.tokens.size()) return "token counts differ";
  for (size_t i = 0; i < a.tokens.size(); ++i) {
    const Token &x = a.tokens[i], &y = b.tokens[i];
    if (!same_span(x.span, y.span) || x.kind != y.kind || x.flags != y.flags || x.tag != y.tag || x.in_quote != y.in_quote)
      return "token " + std::to_string(i) + " differs";
  }
  if (a.sentences.size() != b.sentences.size()) return "sentence counts differ";
  for (size_t i = 0; i < a.sentences.size(); ++i)
    if (!same_span(a.sentences[i].span, b.sentences[i].span)) return "sentence " + std::to_string(i) + " differs";
  if (a.quoted.size() != b.quoted.size()) return "quoted region counts differ";
  for (size_t i = 0; i < a.quoted.size(); ++i)
    if (!same_span(a.quoted[i].content, b.quoted[i].content) || a.quoted[i].closed != b.quoted[i].closed)
      return "quoted region " + std::to_string(i) + " differs";
  if (a.cues.size() != b.cues.size()) return "cue counts differ";
  for (size_t i = 0; i < a.cues.size(); ++i)
    if (!same_span(a.cues[i].span, b.cues[i].span)) return "cue " + std::to_string(i) + " differs";
  if (a.mentions.size() != b.mentions.size()) return "mention counts differ";
  for (size_t i = 0; i < a.mentions.size(); ++i)
    if (!same_span(a.mentions[i].span, b.mentions[i].span) || a.mentions[i].entity != b.mentions[i].entity)
      return "mention " + std::to_string(i) + " differs";
  if (a.entities.size() != b.entities.size()) return "entity counts differ";
  for (size_t i = 0; i < a.entities.size(); ++i)
    if (a.entities[i].name != b.entities[i].name || a.entities[i].role != b.entities[i].role)
      return "entity " + std::to_string(i) + " differs";
  if (a.quotes.size() != b.quotes.size()) return "quote counts differ";
  for (size_t i = 0; i < a.quotes.size(); ++i) {
    const Quote &x = a.quotes[i], &y = b.quotes[i];
    if (x.spans != y.spans || x.kind != y.kind || x.confidence != y.confidence || x.cue != y.cue ||
        x.speaker.has_value() != y.speaker.has_value())
      return "quote " + std::to_string(i) + " differs";
    if (x.speaker && (x.speaker->name != y.speaker->name || x.speaker->mention != y.speaker->mention ||
                      a.speaker_role(*x.speaker) != b.speaker_role(*y.speaker) ||
                      a.speaker_org(*x.speaker) != b.speaker_org(*y.speaker) ||
                      x.speaker->entity != y.speaker->entity))
      return "speaker of quote " + std::to_string(i) + " differs";
  }
  if (a.diagnostics.size() != b.diagnostics.size()) return "diagnostic counts differ";
  return "";
}

}  // namespace whosaid::fuzz

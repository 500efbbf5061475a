#include "quotes/quote_finder.h"

#include <algorithm>
#include <string_view>

namespace whosaid {
namespace {

enum class MarkRole { kOpen, kClose, kEither };

struct MarkInfo {
  bool is_double = false;
  MarkRole role = MarkRole::kEither;
};

MarkInfo classify(std::string_view t) {
  if (t == "\xE2\x80\x9C" || t == "\xE2\x80\x9E" || t == "\xC2\xAB" || t == "``") return {true, MarkRole::kOpen};
  if (t == "\xE2\x80\x9D" || t == "\xC2\xBB") return {true, MarkRole::kClose};
  if (t == "\"" || t == "''") return {true, MarkRole::kEither};
  if (t == "\xE2\x80\x98" || t == "`" || t == "\xE2\x80\xB9") return {false, MarkRole::kOpen};
  if (t == "\xE2\x80\x99" || t == "\xE2\x80\xBA") return {false, MarkRole::kClose};
  return {false, MarkRole::kEither};  // '
}

// Which way a mark faces, from the spaces around it.
struct Flank {
  bool left = false;   // space (or start) before, text after: looks like an opener
  bool right = false;  // text before, space/punctuation (or end) after: looks like a closer
};

Flank flank(const Document& doc, uint32_t t, uint32_t para_begin, uint32_t para_end) {
  const Token& tok = doc.tokens[t];
  // An opening bracket or dash before the mark counts as space; sentence
  // punctuation does not ("end." closes, "(" opens).
  bool space_before = t == para_begin || tok.has(kSpaceBefore);
  if (!space_before && doc.tokens[t - 1].kind == TokenKind::kPunct) {
    std::string_view prev = doc.slice(doc.tokens[t - 1].span);
    space_before = prev != "." && prev != "," && prev != "?" && prev != "!";
  }
  bool space_after = t + 1 == para_end || tok.has(kSpaceAfter);
  if (!space_after) {
    const Token& next = doc.tokens[t + 1];
    space_after = next.kind == TokenKind::kPunct || next.kind == TokenKind::kQuote;
  }
  return {space_before && !space_after, !space_before && space_after};
}

void add_region(Document& doc, uint32_t open_tok, int64_t close_tok, uint32_t para_index, bool single,
                uint32_t para_end) {
  QuotedRegion r;
  r.open_mark = doc.tokens[open_tok].span;
  r.paragraph = para_index;
  r.single = single;
  r.first_token = open_tok + 1;
  if (close_tok >= 0) {
    r.close_mark = doc.tokens[close_tok].span;
    r.closed = true;
    r.end_token = static_cast<uint32_t>(close_tok);
  } else {
    r.end_token = para_end;
  }
  if (r.end_token <= r.first_token) return;  // empty quotes: "" or ‘’
  r.content = {doc.tokens[r.first_token].span.begin, doc.tokens[r.end_token - 1].span.end};
  for (uint32_t k = r.first_token; k < r.end_token; ++k) ++doc.tokens[k].in_quote;
  doc.quoted.push_back(r);
}

}  // namespace

void find_quotes(Document& doc) {
  bool previous_open = false;  // the previous paragraph ended inside a quote
  for (uint32_t pi = 0; pi < doc.paragraphs.size(); ++pi) {
    const Paragraph& p = doc.paragraphs[pi];
    const size_t first_region = doc.quoted.size();
    int64_t open = -1;  // token index of the pending double opener
    bool ended_open = false;
    for (uint32_t t = p.first_token; t < p.end_token; ++t) {
      if (doc.tokens[t].kind != TokenKind::kQuote) continue;
      MarkInfo m = classify(doc.slice(doc.tokens[t].span));
      if (!m.is_double) continue;
      Flank f = flank(doc, t, p.first_token, p.end_token);
      MarkRole role = m.role;
      if (role == MarkRole::kEither) {
        if (f.left && !f.right) role = MarkRole::kOpen;
        else if (f.right && !f.left) role = MarkRole::kClose;
        else role = open < 0 ? MarkRole::kOpen : MarkRole::kClose;
      } else if (role == MarkRole::kClose && open < 0 && f.left && !f.right) {
        role = MarkRole::kOpen;  // ” used as an opener
      }
      if (open < 0) {
        if (role == MarkRole::kOpen) open = t;
        continue;  // a stray closer with nothing open is dropped
      }
      if (m.role == MarkRole::kOpen && f.right && !f.left) role = MarkRole::kClose;  // “ typed as a closer
      if (role == MarkRole::kOpen && (m.role == MarkRole::kOpen || (f.left && !f.right))) {
        // An explicit opener while open: the earlier quote was never closed.
        add_region(doc, static_cast<uint32_t>(open), -1, pi, false, t);
        open = t;
        continue;
      }
      add_region(doc, static_cast<uint32_t>(open), t, pi, false, p.end_token);
      open = -1;
    }
    if (open >= 0) {
      add_region(doc, static_cast<uint32_t>(open), -1, pi, false, p.end_token);
      ended_open = true;
    }
    // Top-level ‘…’ pairs (headlines, British style), outside double quotes.
    for (uint32_t t = p.first_token; t < p.end_token; ++t) {
      const Token& tok = doc.tokens[t];
      if (tok.kind != TokenKind::kQuote || tok.in_quote) continue;
      MarkInfo m = classify(doc.slice(tok.span));
      if (m.is_double || m.role != MarkRole::kOpen) continue;
      Flank f = flank(doc, t, p.first_token, p.end_token);
      if (!f.left) continue;
      for (uint32_t u = t + 1; u < p.end_token; ++u) {
        const Token& c = doc.tokens[u];
        if (c.in_quote) break;
        if (c.kind != TokenKind::kQuote) continue;
        MarkInfo cm = classify(doc.slice(c.span));
        if (cm.is_double) break;
        if (cm.role == MarkRole::kOpen) break;
        if (flank(doc, u, p.first_token, p.end_token).right) {
          add_region(doc, t, u, pi, true, p.end_token);
          t = u;
          break;
        }
      }
    }
    if (doc.quoted.size() > first_region && previous_open) {
      QuotedRegion& r = doc.quoted[first_region];
      if (!r.single && r.open_mark.begin == doc.tokens[p.first_token].span.begin) r.continues_previous = true;
    }
    previous_open = ended_open;
  }
  // Keep regions in text order (single-quote regions were appended after double ones).
  std::stable_sort(doc.quoted.begin(), doc.quoted.end(),
                   [](const QuotedRegion& a, const QuotedRegion& b) { return a.open_mark.begin < b.open_mark.begin; });
}

}  // namespace whosaid

#include "io/quote_text.h"

#include <algorithm>

namespace whosaid {
namespace {

// Regions are in text order of their opening marks (quotes/quote_finder.cc).
std::vector<QuotedRegion>::const_iterator first_opening_at(const Document& doc, uint32_t offset) {
  return std::lower_bound(doc.quoted.begin(), doc.quoted.end(), offset,
                          [](const QuotedRegion& r, uint32_t o) { return r.open_mark.begin < o; });
}

// How many regions before a fragment are looked at for a close mark inside it:
// the enclosing quotation and one nested in it. Bounded, so that a paragraph of
// thousands of quotations stays linear.
constexpr int kEnclosingLookBack = 2;

}  // namespace

std::vector<QuoteTextPiece> quote_text_pieces(const Document& doc, const Quote& q) {
  std::vector<QuoteTextPiece> out;
  const SpanList fragments = q.spans.empty() ? SpanList{q.span} : q.spans;
  const auto in_text = [&](Span s) { return s.begin <= s.end && s.end <= doc.text().size(); };
  for (Span s : fragments) {
    if (!in_text(s)) continue;
    if (!out.empty()) out.push_back({{}, true});
    const auto first = first_opening_at(doc, s.begin);
    // A close mark inside the fragment whose opening mark is before it.
    std::vector<Span> opens;
    auto it = first;
    for (int n = 0; n < kEnclosingLookBack && it != doc.quoted.begin(); ++n) {
      const QuotedRegion& r = *--it;
      if (r.closed && s.contains(r.close_mark) && r.open_mark.end <= s.begin) opens.push_back(r.open_mark);
    }
    std::reverse(opens.begin(), opens.end());
    for (Span m : opens) out.push_back({m});
    out.push_back({s});
    // An opening mark inside the fragment whose close mark is after it; the
    // innermost quotation closes first.
    std::vector<Span> closes;
    for (it = first; it != doc.quoted.end() && it->open_mark.begin < s.end; ++it)
      if (it->closed && s.contains(it->open_mark) && it->close_mark.begin >= s.end) closes.push_back(it->close_mark);
    std::sort(closes.begin(), closes.end(), [](Span a, Span b) { return a.begin < b.begin; });
    for (Span m : closes) out.push_back({m});
  }
  return out;
}

std::string quote_text(const Document& doc, const Quote& q) {
  std::string out;
  for (const QuoteTextPiece& p : quote_text_pieces(doc, q)) {
    if (p.joiner) out += kFragmentJoiner;
    else out += doc.slice(p.span);
  }
  return out;
}

}  // namespace whosaid

// parse/tree.h — reading the dependency tree the parser stores in Token::dep and
// Token::head (see parser.h).
//
//   parser.parse(doc, s.first_token, s.end_token);
//   for (uint32_t i = s.first_token; i < s.end_token; ++i)
//     if (doc.tokens[i].dep == dep::kNsubj) {
//       int64_t verb = head_of(doc, i);                  // -1: root or not parsed
//       for_each_child(doc, s.first_token, s.end_token, verb, [&](uint32_t c) { ... });
//       TokenRange subject = subtree(doc, s.first_token, s.end_token, i);
//     }
//
// Trees are projective, so a subtree is a contiguous run of tokens. Children
// and subtrees are looked for inside [first, end), the range that was parsed
// (the sentence). Header-only; nothing here allocates.
#pragma once

#include <cstdint>

#include "parse/relations.h"
#include "whosaid/document.h"

namespace whosaid {

inline bool is_parsed(const Token& t) noexcept { return t.dep != dep::kNone; }
inline bool is_root(const Token& t) noexcept { return t.dep != dep::kNone && t.head == 0; }

// The index of token t's head, or -1 for the root or an unparsed token.
inline int64_t head_of(const Document& doc, uint32_t t) noexcept {
  const Token& tok = doc.tokens[t];
  if (tok.dep == dep::kNone || tok.head == 0) return -1;
  return int64_t{t} + tok.head;
}

// Calls f(child index) for each token of [first, end) whose head is `t`, left to right.
template <typename F>
void for_each_child(const Document& doc, uint32_t first, uint32_t end, int64_t t, F&& f) {
  if (t < 0) return;
  for (uint32_t i = first; i < end && i < doc.tokens.size(); ++i)
    if (head_of(doc, i) == t) f(i);
}

// The first child of `t` in [first, end) with relation `rel`, or -1.
inline int64_t child_with(const Document& doc, uint32_t first, uint32_t end, int64_t t,
                          uint8_t rel) noexcept {
  if (t < 0) return -1;
  for (uint32_t i = first; i < end && i < doc.tokens.size(); ++i)
    if (doc.tokens[i].dep == rel && head_of(doc, i) == t) return i;
  return -1;
}

// True if `a` is `d` or one of its ancestors.
inline bool dominates(const Document& doc, int64_t a, int64_t d) noexcept {
  for (int steps = 0; d >= 0 && steps < 4096; ++steps) {
    if (d == a) return true;
    d = head_of(doc, static_cast<uint32_t>(d));
  }
  return false;
}

// The noun that the relative clause of relative pronoun `t` ("who", "which",
// "that") hangs from: "officials | who said …" → "officials"; -1 when t's
// head is no relative clause (acl:relcl) or t is not parsed.
inline int64_t relative_clause_noun(const Document& doc, uint32_t t) noexcept {
  const int64_t clause = head_of(doc, t);
  if (clause < 0 || doc.tokens[clause].dep != dep::kAclRelcl) return -1;
  return head_of(doc, static_cast<uint32_t>(clause));
}

struct TokenRange {
  uint32_t first = 0, end = 0;  // tokens [first, end)
};

// The tokens of t's subtree (t and everything below it) within [first, end).
inline TokenRange subtree(const Document& doc, uint32_t first, uint32_t end, uint32_t t) noexcept {
  TokenRange r{t, t + 1};
  while (r.first > first && dominates(doc, t, r.first - 1)) --r.first;
  while (r.end < end && dominates(doc, t, r.end)) ++r.end;
  return r;
}

// The byte span of t's subtree.
inline Span subtree_span(const Document& doc, uint32_t first, uint32_t end, uint32_t t) noexcept {
  const TokenRange r = subtree(doc, first, end, t);
  return {doc.tokens[r.first].span.begin, doc.tokens[r.end - 1].span.end};
}

}  // namespace whosaid

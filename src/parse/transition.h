// parse/transition.h — the arc-hybrid transition system and its dynamic oracle.
//
// Internal (used by Parser and ParserTrainer). Words are 0 … n-1; index n is an
// artificial ROOT placed at the END of the buffer (Ballesteros & Nivre 2013), and
// index n+1 is "none", the value of every absent position, so feature code never
// branches on bounds (its word, tag and label are neutral constants).
//
//   SHIFT   moves b0 onto the stack                      (b0 is a word)
//   LEFT    pops s0 and makes b0 its head                (b0 may be ROOT)
//   RIGHT   pops s0 and makes s1 its head
//
// With `single_root`, ROOT takes exactly one dependent: when b0 is ROOT, LEFT is
// legal only for the last stack item. The parse is always projective.
//
// The costs are those of Goldberg & Nivre (2013): the number of gold arcs a move
// makes unreachable. They are exact for projective gold trees when single_root
// is false (then the costs of any complete sequence add up to its errors), and
// zero-cost moves always lead to the gold tree.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "parse/relations.h"

namespace whosaid::parse_detail {

static_assert(dep::kNumRelations <= 64, "child label sets are 64-bit masks");

enum Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };
inline constexpr int kNumMoves = 3;

struct ParseState {
  int32_t n = 0;               // words; n is ROOT, n + 1 is "none"
  int32_t b0 = 0;              // buffer front: words b0 … n-1, then ROOT
  std::vector<int32_t> stack;  // bottom first
  // Per index 0 … n+1:
  std::vector<int32_t> head;   // n+1 until attached (ROOT for the root word)
  std::vector<uint8_t> label;
  std::vector<int32_t> lc1, lc2, rc1, rc2;  // leftmost, 2nd leftmost, rightmost, 2nd rightmost child
  std::vector<uint8_t> nleft, nright;       // numbers of left and right children
  std::vector<uint64_t> left_labels, right_labels;  // bit set of the children's relations

  // Starts a sentence of n words; keeps capacity (no allocation once grown).
  void reset(int32_t words) {
    n = words;
    b0 = 0;
    stack.clear();
    const size_t size = static_cast<size_t>(n) + 2;
    const int32_t none = n + 1;
    head.assign(size, none);
    label.assign(size, 0);
    lc1.assign(size, none);
    lc2.assign(size, none);
    rc1.assign(size, none);
    rc2.assign(size, none);
    nleft.assign(size, 0);
    nright.assign(size, 0);
    left_labels.assign(size, 0);
    right_labels.assign(size, 0);
  }
  int32_t none() const noexcept { return n + 1; }
  int32_t s(size_t k) const noexcept {  // k-th stack item from the top, or none
    return k < stack.size() ? stack[stack.size() - 1 - k] : none();
  }
  bool terminal() const noexcept { return stack.empty() && b0 == n; }

  bool legal(Move m, bool single_root = true) const noexcept {
    switch (m) {
      case kShift: return b0 < n;
      case kLeft: return !stack.empty() && (b0 < n || !single_root || stack.size() == 1);
      case kRight: return stack.size() >= 2;
    }
    return false;
  }
  // The head a move would give s0 (LEFT: b0, RIGHT: s1).
  int32_t arc_head(Move m) const noexcept { return m == kLeft ? b0 : s(1); }

  void apply(Move m, uint8_t rel) {
    if (m == kShift) {
      stack.push_back(b0++);
      return;
    }
    const int32_t d = stack.back();
    stack.pop_back();
    add_arc(m == kLeft ? b0 : stack.back(), d, rel);
  }

  void add_arc(int32_t h, int32_t d, uint8_t rel) {
    head[d] = h;
    label[d] = rel;
    const int32_t none_index = none();
    if (d < h) {
      if (nleft[h] < 255) ++nleft[h];
      left_labels[h] |= uint64_t{1} << rel;
      if (lc1[h] == none_index || d < lc1[h]) lc2[h] = lc1[h], lc1[h] = d;
      else if (lc2[h] == none_index || d < lc2[h]) lc2[h] = d;
    } else {
      if (nright[h] < 255) ++nright[h];
      right_labels[h] |= uint64_t{1} << rel;
      if (rc1[h] == none_index || d > rc1[h]) rc2[h] = rc1[h], rc1[h] = d;
      else if (rc2[h] == none_index || d > rc2[h]) rc2[h] = d;
    }
  }
};

// The legal move with the highest score (ties: SHIFT, LEFT, RIGHT). The state
// must not be terminal.
template <typename Score>
inline Move best_legal_move(const ParseState& s, const Score* scores) noexcept {
  Move best = kShift;
  bool found = false;
  for (Move m : {kShift, kLeft, kRight})
    if (s.legal(m) && (!found || scores[m] > scores[best])) best = m, found = true;
  return best;
}

// The relation of an arc given its scores by relation id: the first of
// kRoot + 1 … kDep with the highest score, but kDep on a tie with it (the
// rule the model was trained with: best = kDep, then best = r for each r whose
// score is greater than best's). The maximum first (a reduction the compiler
// vectorizes), then its place: one loop chained each compare on the previous
// pick.
inline uint8_t best_relation(const int32_t* scores) noexcept {
  static_assert(dep::kDep == dep::kNumRelations - 1, "kDep is the last relation");
  int32_t top = scores[dep::kRoot + 1];
  for (int r = dep::kRoot + 2; r < dep::kNumRelations; ++r) top = scores[r] > top ? scores[r] : top;
  if (scores[dep::kDep] == top) return dep::kDep;
  int best = dep::kRoot + 1;
  while (scores[best] != top) ++best;
  return static_cast<uint8_t>(best);
}

// Gold arcs a move makes unreachable (unlabelled). gold_head[d] is d's head
// (n for the root word). The move must be legal.
int move_cost(const ParseState& s, Move m, const int32_t* gold_head);

// Makes a tree projective by lifting (Kahane et al. 1998): while some arc
// crosses another, the shortest such arc h → d becomes head(h) → d; labels
// are kept. heads[d] is d's head, n for the root. Returns the arcs lifted.
size_t projectivize(std::vector<int32_t>& heads);
bool is_projective(const std::vector<int32_t>& heads);

}  // namespace whosaid::parse_detail

#include "parse/transition.h"

#include <algorithm>
#include <cstdlib>

namespace whosaid::parse_detail {

int move_cost(const ParseState& s, Move m, const int32_t* gold) {
  const int32_t n = s.n;
  int cost = 0;
  if (m == kShift) {
    const int32_t b = s.b0;
    const int32_t s0 = s.s(0);
    for (int32_t x : s.stack) {
      if (gold[x] == b) ++cost;               // a child of b0 left on the stack
      if (gold[b] == x && x != s0) ++cost;    // b0's head below s0
    }
    return cost;
  }
  const int32_t d = s.s(0);
  for (int32_t x = s.b0; x < n; ++x)
    if (gold[x] == d) ++cost;  // s0's children in the buffer
  const int32_t h = gold[d];
  if (m == kLeft) {
    if (h != s.b0 && (h > s.b0 || (s.stack.size() >= 2 && h == s.s(1)))) ++cost;
  } else {
    if (h >= s.b0) ++cost;  // its head (ROOT included) is in the buffer
  }
  return cost;
}

namespace {

bool dominates(const std::vector<int32_t>& heads, int32_t h, int32_t k) {
  const auto n = static_cast<int32_t>(heads.size());
  for (int32_t steps = 0; k != h && k < n && steps <= n; ++steps) k = heads[k];
  return k == h;
}

// A crossing arc of minimal length, or -1.
int32_t shortest_nonprojective(const std::vector<int32_t>& heads) {
  const auto n = static_cast<int32_t>(heads.size());
  int32_t best = -1, best_length = 0;
  for (int32_t d = 0; d < n; ++d) {
    const int32_t h = heads[d];
    if (h >= n) continue;  // ROOT (at the end) dominates everything
    const int32_t lo = std::min(h, d), hi = std::max(h, d);
    for (int32_t k = lo + 1; k < hi; ++k) {
      if (!dominates(heads, h, k)) {
        if (best < 0 || hi - lo < best_length) best = d, best_length = hi - lo;
        break;
      }
    }
  }
  return best;
}

}  // namespace

bool is_projective(const std::vector<int32_t>& heads) { return shortest_nonprojective(heads) < 0; }

size_t projectivize(std::vector<int32_t>& heads) {
  const auto n = static_cast<int32_t>(heads.size());
  size_t lifted = 0;
  for (int32_t d; (d = shortest_nonprojective(heads)) >= 0 && lifted <= size_t(n) * size_t(n); ++lifted)
    heads[d] = heads[heads[d]];
  return lifted;
}

}  // namespace whosaid::parse_detail

// Running the engine over many articles from Python: the worker threads, their
// reused scratch space, and the `threads` argument.
#pragma once

#include <pybind11/pybind11.h>

#include <algorithm>
#include <atomic>
#include <exception>
#include <string>
#include <thread>
#include <vector>

#include "codepoints.h"
#include "whosaid/document.h"

namespace whosaid::python {

namespace py = pybind11;

// Per-thread scratch, reused between documents (no per-document vector growth).
struct Scratch {
  Document doc;
  CodepointMap map;
};

struct Failure {
  size_t index = 0;
  std::exception_ptr error;
  explicit operator bool() const { return error != nullptr; }
};

// `threads` as the Python API takes it: 0 (one per core) to 1024; ValueError otherwise.
void check_threads(int threads);

// Runs fn(i, scratch) for i in [0, n) on `threads` threads (0: one per core).
// Returns the error of the lowest failing index, if any; the others still run.
template <typename Fn>
Failure run_parallel(size_t n, int threads, Fn fn) {
  size_t t = threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
  t = std::min(t, n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    thread_local Scratch scratch;
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        fn(i, scratch);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  if (t <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(t);
    for (size_t k = 0; k < t; ++k) pool.emplace_back(work);
    for (auto& th : pool) th.join();
  }
  for (size_t i = 0; i < n; ++i)
    if (errors[i]) return Failure{i, errors[i]};
  return Failure{};
}

// Rethrows `e` with "WHERE: " in front of a whosaid::Error's message.
[[noreturn]] void rethrow_at(std::exception_ptr e, const std::string& where);

}  // namespace whosaid::python

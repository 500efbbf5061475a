#include "parallel.h"

#include "whosaid/error.h"

namespace whosaid::python {

void check_threads(int threads) {
  if (threads < 0 || threads > 1024)
    throw py::value_error("threads must be between 0 (one per core) and 1024, got " + std::to_string(threads));
}

[[noreturn]] void rethrow_at(std::exception_ptr e, const std::string& where) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    throw Error(err.code(), where + ": " + err.what());
  }
}

}  // namespace whosaid::python

// whosaid/error.h — the one error type thrown across the library boundary.
//
//   try {
//     whosaid::Extractor extractor;
//     auto doc = extractor.extract(text);
//   } catch (const whosaid::Error& e) {
//     std::cerr << e.what() << "\n";         // "input.jsonl:12: bad JSON: ..."
//     return e.code() == whosaid::ErrorCode::kBadInput ? 65 : 1;
//   }
//
// Every function in include/whosaid/ that can fail throws whosaid::Error (never a
// bare std::exception from a dependency). The message says what went wrong, where
// (file, line or byte offset when known) and, where useful, what to do about it.
#pragma once

#include <stdexcept>
#include <string>

namespace whosaid {

enum class ErrorCode {
  kBadInput = 1,   // malformed record, binary file, invalid parameter
  kIo = 2,         // file cannot be opened, read or written
  kModel = 3,      // a lexicon or model file is missing or corrupt
  kStore = 4,      // database errors (corrupt file, newer schema, read-only)
  kInternal = 5,   // a bug: an invariant did not hold
  kNotFound = 6,   // an input file does not exist
};

// Short stable name of a code ("bad-input", "io", ...), for logs and JSON errors.
const char* error_code_name(ErrorCode code) noexcept;

class Error : public std::runtime_error {
 public:
  Error(ErrorCode code, const std::string& message)
      : std::runtime_error(message), code_(code) {}
  ErrorCode code() const noexcept { return code_; }

 private:
  ErrorCode code_;
};

}  // namespace whosaid

#include "whosaid/error.h"

namespace whosaid {

const char* error_code_name(ErrorCode code) noexcept {
  switch (code) {
    case ErrorCode::kBadInput: return "bad-input";
    case ErrorCode::kIo: return "io";
    case ErrorCode::kModel: return "model";
    case ErrorCode::kStore: return "store";
    case ErrorCode::kInternal: return "internal";
    case ErrorCode::kNotFound: return "not-found";
  }
  return "unknown";
}

}  // namespace whosaid

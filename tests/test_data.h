// Where tests find ../shared/data, and how they skip when it is absent.
#pragma once

#include <cstdlib>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

namespace whosaid::testing {

// The shared data folder: $WHOSAID_DATA, else ../shared/data beside the checkout.
inline std::filesystem::path shared_data_dir() {
  if (const char* env = std::getenv("WHOSAID_DATA"); env && *env) return env;
  return WHOSAID_DEFAULT_DATA;
}

// The path of a shared data file, or "" when absent.
inline std::string shared_data_file(const std::string& relative) {
  auto p = shared_data_dir() / relative;
  return std::filesystem::exists(p) ? p.string() : std::string();
}

}  // namespace whosaid::testing

// Skips the current test with a clear message when a shared data file is absent.
#define WHOSAID_REQUIRE_DATA(var, relative)                                   \
  const std::string var = ::whosaid::testing::shared_data_file(relative);    \
  if (var.empty()) {                                                          \
    GTEST_SKIP() << "shared data " << (relative) << " not found under "       \
                 << ::whosaid::testing::shared_data_dir()                     \
                 << " (set WHOSAID_DATA); skipping";                          \
  }

// Running the whosaid binary from a test: its exit status, standard output and
// standard error (e.g. `whosaid train coref …` for the retraining tests).
//
//   const CommandResult r = run_whosaid("train types --gum DIR --out F", "types_retrain");
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace whosaid {

struct CommandResult {
  int status = -1;
  std::string out, err;
};

inline CommandResult run_whosaid(const std::string& args, const std::string& tag) {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("whosaid_cli_" + tag + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string cmd = std::string(WHOSAID_BINARY) + " " + args + " >" + (dir / "out").string() + " 2>" +
                          (dir / "err").string();
  CommandResult r;
  const int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  r.out = read(dir / "out");
  r.err = read(dir / "err");
  fs::remove_all(dir);
  return r;
}

}  // namespace whosaid

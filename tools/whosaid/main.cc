// whosaid — command-line entry point. Subcommands live in *_command.cc.
#include <cerrno>
#include <cstring>
#include <iostream>
#include <new>

#include "commands.h"
#include "whosaid/error.h"

int main(int argc, char** argv) {
  CLI::App app{"whosaid: who said what in the news"};
  app.require_subcommand(1);
  int exit_code = whosaid::cli::kExitOk;
  whosaid::cli::add_extract_command(app, exit_code);
  whosaid::cli::add_eval_command(app, exit_code);
  whosaid::cli::add_train_command(app, exit_code);
  whosaid::cli::add_store_commands(app, exit_code);
  whosaid::cli::add_serve_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  } catch (const whosaid::Error& e) {
    std::cerr << "whosaid: " << e.what() << "\n";
    switch (e.code()) {
      case whosaid::ErrorCode::kBadInput: return whosaid::cli::kExitBadInput;
      case whosaid::ErrorCode::kIo: return whosaid::cli::kExitIo;
      default: return whosaid::cli::kExitFailure;
    }
  } catch (const std::bad_alloc&) {
    std::cerr << "whosaid: out of memory\n";
    return whosaid::cli::kExitFailure;
  } catch (const std::exception& e) {
    std::cerr << "whosaid: " << e.what() << "\n";
    return whosaid::cli::kExitFailure;
  }
  // Output that could not be written (a full disk, a closed pipe, /dev/full)
  // is a failure, never a silent truncation.
  std::cout.flush();
  if (!std::cout) {
    std::cerr << "whosaid: cannot write to standard output: " << std::strerror(errno ? errno : EIO) << "\n";
    return whosaid::cli::kExitIo;
  }
  return exit_code;
}

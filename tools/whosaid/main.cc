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
  app.set_version_flag("--version", std::string("whosaid ") + WHOSAID_VERSION);
  app.add_subcommand("help", "Print this list of commands")->callback([&app] {
    // (app.help() would describe the selected subcommand, "help" itself.)
    std::cout << app.get_formatter()->make_help(&app, app.get_name(), CLI::AppFormatMode::Normal);
  });
  int exit_code = whosaid::cli::kExitOk;
  whosaid::cli::add_extract_command(app, exit_code);
  whosaid::cli::add_eval_command(app, exit_code);
  whosaid::cli::add_train_command(app, exit_code);
  whosaid::cli::add_parse_command(app, exit_code);
  whosaid::cli::add_store_commands(app, exit_code);
  whosaid::cli::add_serve_command(app, exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // --help and --version exit 0; any other mistake on the command line is a
    // usage error (2), with the command list when no command was recognised.
    if (app.exit(e) == 0) return whosaid::cli::kExitOk;
    if (app.get_subcommands().empty()) std::cerr << "\n" << app.help();
    return whosaid::cli::kExitUsage;
  } catch (const whosaid::Error& e) {
    std::cerr << "whosaid: " << e.what() << "\n";
    switch (e.code()) {
      case whosaid::ErrorCode::kBadInput: return whosaid::cli::kExitBadInput;
      case whosaid::ErrorCode::kIo: return whosaid::cli::kExitIo;
      case whosaid::ErrorCode::kNotFound: return whosaid::cli::kExitNoInput;
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

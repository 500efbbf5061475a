// Subcommands of the whosaid CLI. Each add_*_command registers itself on the
// app; its callback returns the process exit status through `exit_code`.
#pragma once

#include <CLI/CLI.hpp>

namespace whosaid::cli {

// Exit codes shared by all subcommands (sysexits-style).
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitSomeRejected = 3;  // batch finished, some records rejected
inline constexpr int kExitBadInput = 65;     // EX_DATAERR
inline constexpr int kExitNoInput = 66;      // EX_NOINPUT
inline constexpr int kExitIo = 74;           // EX_IOERR

void add_extract_command(CLI::App& app, int& exit_code);
void add_eval_command(CLI::App& app, int& exit_code);
void add_train_command(CLI::App& app, int& exit_code);
void add_train_parser_command(CLI::App& train, int& exit_code);  // train parser
void add_train_coref_command(CLI::App& train, int& exit_code);   // train coref
void add_parse_command(CLI::App& app, int& exit_code);

// Writes `bytes` beside `path` and renames, so a failed run never leaves half a
// model. Throws Error(kIo).
void write_model_file(const std::string& path, const std::string& bytes);
void add_store_commands(CLI::App& app, int& exit_code);  // ingest, search, speakers, ...
void add_serve_command(CLI::App& app, int& exit_code);   // serve (JSON API, web pages)

}  // namespace whosaid::cli

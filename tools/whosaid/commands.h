// Subcommands of the whosaid CLI. Each add_*_command registers itself on the
// app; its callback returns the process exit status through `exit_code`.
#pragma once

#include <CLI/CLI.hpp>
#include <chrono>

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
void add_train_types_command(CLI::App& train, int& exit_code);   // train types
void add_parse_command(CLI::App& app, int& exit_code);

// Writes `bytes` beside `path` and renames, so a failed run never leaves half a
// model. Throws Error(kIo).
void write_model_file(const std::string& path, const std::string& bytes);
// write_model_file(), then "wrote PATH: N kB in S s" on standard output, S counted from `start`.
void write_model_file_and_report(const std::string& path, const std::string& bytes,
                                 std::chrono::steady_clock::time_point start);
void add_store_commands(CLI::App& app, int& exit_code);  // ingest, search, speakers, ...
void add_serve_command(CLI::App& app, int& exit_code);   // serve (JSON API, web pages)

}  // namespace whosaid::cli

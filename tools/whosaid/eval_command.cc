// whosaid eval GOLD.jsonl... [--errors FILE] [--format table|json] [--threads N]
//
// Runs the extractor over every gold article of every file (scored together,
// as one set) and prints the scores of docs/eval.md. Bad gold lines are reported as FILE:LINE: reason and skipped;
// the exit status is then kExitSomeRejected.
#include <algorithm>
#include <atomic>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "commands.h"
#include "whosaid/error.h"
#include "whosaid/eval.h"
#include "whosaid/extractor.h"

namespace whosaid::cli {
namespace {

struct EvalOptions {
  std::vector<std::string> golds;
  std::string errors;
  std::string format = "table";
  unsigned threads = 1;
};

// One gold article on its way through extraction.
struct Job {
  uint64_t line = 0;
  eval::GoldDocument gold;
  std::optional<Document> predicted;
  std::string error;  // extraction failure
};

// Extracts every job of the batch, on `threads` threads (this one included).
void extract_batch(const Extractor& extractor, std::vector<Job>& batch, unsigned threads) {
  std::atomic<size_t> next{0};
  auto work = [&] {
    for (size_t i; (i = next.fetch_add(1)) < batch.size();) {
      Job& job = batch[i];
      try {
        job.predicted = extractor.extract(job.gold.text, job.gold.id);
      } catch (const std::exception& e) {
        job.error = e.what();
      }
    }
  };
  std::vector<std::thread> pool;
  const size_t helpers = std::min<size_t>(threads, batch.size());  // this thread is one of them
  for (size_t t = 1; t < helpers; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
}

int run_eval(const EvalOptions& options) {
  // Every file is opened before any work, so a typo fails fast.
  std::vector<std::unique_ptr<std::ifstream>> files;
  for (const std::string& gold : options.golds) {
    auto file = std::make_unique<std::ifstream>();
    if (gold != "-") {
      file->open(gold, std::ios::binary);
      if (!*file) {
        std::cerr << "whosaid eval: cannot open " << gold << ": " << std::strerror(errno) << "\n";
        return kExitNoInput;
      }
    }
    files.push_back(std::move(file));
  }
  std::ofstream errors;
  if (!options.errors.empty()) {
    errors.open(options.errors, std::ios::binary | std::ios::trunc);
    if (!errors) {
      std::cerr << "whosaid eval: cannot write " << options.errors << ": " << std::strerror(errno) << "\n";
      return kExitIo;
    }
  }

  const Extractor extractor;
  eval::Scorer scorer(/*keep_errors=*/!options.errors.empty());
  uint64_t rejected = 0;
  std::string name;  // of the file being read
  const size_t batch_size = 16 * static_cast<size_t>(options.threads);
  std::vector<Job> batch;

  auto flush = [&] {
    extract_batch(extractor, batch, options.threads);
    for (Job& job : batch) {
      if (job.error.empty()) {
        try {
          scorer.add(job.gold, *job.predicted);
          continue;
        } catch (const Error& e) {
          job.error = e.what();
        }
      }
      std::cerr << name << ":" << job.line << ": " << job.error << "\n";
      ++rejected;
    }
    batch.clear();
  };

  for (size_t f = 0; f < files.size(); ++f) {
    name = options.golds[f] == "-" ? "<stdin>" : options.golds[f];
    eval::GoldReader reader(options.golds[f] == "-" ? std::cin : *files[f], name);
    for (;;) {
      Job job;
      try {
        if (!reader.next(job.gold)) break;
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kBadInput) throw;
        std::cerr << e.what() << "\n";
        ++rejected;
        continue;
      }
      job.line = reader.line();
      batch.push_back(std::move(job));
      if (batch.size() >= batch_size) flush();
    }
    flush();  // before the next file: messages name the file being read
  }

  eval::Report report = scorer.report();
  report.rejected_lines = rejected;
  std::cout << (options.format == "json" ? report.to_json() : report.to_table());
  std::cout.flush();

  if (errors.is_open()) {
    scorer.write_errors(errors);
    errors.close();
    if (!errors) {
      std::cerr << "whosaid eval: cannot write " << options.errors << "\n";
      return kExitIo;
    }
  }
  if (rejected > 0) {
    std::cerr << "whosaid eval: " << rejected << " gold line(s) rejected\n";
    return kExitSomeRejected;
  }
  return kExitOk;
}

}  // namespace

void add_eval_command(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<EvalOptions>();
  CLI::App* cmd = app.add_subcommand(
      "eval", "Score extraction against gold attributions (PolNeAR format); see docs/eval.md");
  cmd->add_option("GOLD", options->golds,
                  "gold JSONL file(s), code-point offsets ('-' for stdin); several are scored as one set")
      ->required();
  cmd->add_option("--errors", options->errors,
                  "write missed, spurious and wrong-speaker cases to FILE, one JSON object per line");
  cmd->add_option("--format", options->format, "output: table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->add_option("--threads", options->threads, "extraction threads")
      ->check(CLI::Range(1u, 256u))
      ->capture_default_str();
  cmd->callback([options, &exit_code] { exit_code = run_eval(*options); });
}

}  // namespace whosaid::cli

// whosaid train coref — the speaker coreference model (docs/coref.md).
//
//   whosaid train coref --gum ../shared/data/gum --out data/coref.bin
//   whosaid train coref --gum ../shared/data/gum --eval [--model data/coref.bin]
//
// --gum is the folder of ../shared/data/gum/README.md: coref/{train,dev,test}.conll
// for the chains and attributions/{train,dev,test}.jsonl for the text.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "coref/trainer.h"
#include "whosaid/error.h"

namespace whosaid::cli {
namespace {

struct CorefArgs {
  std::string gum, out, model;
  bool eval = false;
  CorefTrainOptions options;
};

std::vector<CorefDocument> load(const CorefArgs& a, const std::string& split) {
  return read_gum_coref(a.gum + "/coref/" + split + ".conll", a.gum + "/attributions/" + split + ".jsonl");
}

void print_scores(const std::string& split, const CorefScores& s) {
  auto pct = [](uint64_t a, uint64_t b) { return b ? 100.0 * static_cast<double>(a) / static_cast<double>(b) : 0.0; };
  char line[400];
  std::snprintf(line, sizeof line,
                "%-5s pronouns %5.1f%% (%llu/%llu): with an antecedent %5.1f%% (%llu/%llu), none %5.1f%% (%llu/%llu);"
                " nominals %5.1f%% (%llu/%llu)\n",
                split.c_str(), pct(s.pronouns_right, s.pronouns), static_cast<unsigned long long>(s.pronouns_right),
                static_cast<unsigned long long>(s.pronouns), pct(s.with_antecedent_right, s.with_antecedent),
                static_cast<unsigned long long>(s.with_antecedent_right),
                static_cast<unsigned long long>(s.with_antecedent), pct(s.without_right, s.without),
                static_cast<unsigned long long>(s.without_right), static_cast<unsigned long long>(s.without),
                pct(s.nominals_right, s.nominals), static_cast<unsigned long long>(s.nominals_right),
                static_cast<unsigned long long>(s.nominals));
  std::cout << line;
}

int run(const CorefArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  if (a.eval) {
    CorefModel loaded;
    const CorefModel* model = &CorefModel::builtin();
    if (!a.model.empty()) {
      std::ifstream in(a.model, std::ios::binary);
      if (!in) throw Error(ErrorCode::kIo, a.model + ": cannot open model file");
      std::ostringstream s;
      s << in.rdbuf();
      loaded = CorefModel::parse(s.str());
      model = &loaded;
    }
    for (const char* split : {"dev", "test"}) print_scores(split, score_coref(*model, load(a, split)));
    return kExitOk;
  }
  if (a.out.empty()) throw CLI::RequiredError("--out");
  const std::vector<CorefDocument> train = load(a, "train"), dev = load(a, "dev");
  CorefTrainReport r;
  const CorefModel model = train_coref(train, dev, a.options, &r);
  const std::string bytes = model.serialize();
  CorefModel::parse(bytes);  // never write a model we cannot read back
  std::cout << r.anaphors << " training anaphors; " << r.epochs << " epochs chosen on dev (mean of the runs)\n";
  print_scores("train", score_coref(model, train));
  print_scores("dev", score_coref(model, dev));
  write_model_file_and_report(a.out, bytes, start);
  return kExitOk;
}

}  // namespace

void add_train_coref_command(CLI::App& train, int& exit_code) {
  auto args = std::make_shared<CorefArgs>();
  CLI::App* cmd =
      train.add_subcommand("coref", "Speaker coreference from GUM's chains (../shared/data/gum); see docs/coref.md");
  cmd->add_option("--gum", args->gum, "GUM folder with coref/ and attributions/")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--out", args->out, "Where to write the model (e.g. data/coref.bin)");
  cmd->add_option("--epochs", args->options.max_epochs, "At most this many passes (the best on dev is kept)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "Seed for the example order of the first run")->capture_default_str();
  cmd->add_option("--orders", args->options.orders, "Runs over differently shuffled examples, averaged into one model")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  auto* eval = cmd->add_flag("--eval", args->eval, "Instead of training, report pronoun-resolution accuracy on dev and test");
  cmd->add_option("--model", args->model, "Model to evaluate (default: the built-in one)")
      ->check(CLI::ExistingFile)
      ->needs(eval);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace whosaid::cli

// whosaid train types — the mention-type model (docs/types.md).
//
//   whosaid train types --gum ../shared/data/gum --out data/types.bin
//   whosaid train types --gum ../shared/data/gum --eval [--model data/types.bin]
//
// --gum is the folder of ../shared/data/gum/README.md; coref/{train,dev,test}.conll
// give the mentions and their entity types.
#include <chrono>
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "io/read_text.h"
#include "types/trainer.h"
#include "whosaid/error.h"

namespace whosaid::cli {
namespace {

struct TypesArgs {
  std::string gum, out, model;
  bool eval = false;
  TypeTrainOptions options;
};

std::vector<TypeExample> load(const TypesArgs& a, const std::string& split) {
  return read_gum_types(a.gum + "/coref/" + split + ".conll", Lexicon::builtin());
}

void print_scores(const std::string& split, const TypeScores& s) {
  char line[300];
  std::snprintf(line, sizeof line, "%-5s accuracy %5.1f%% (%llu/%llu)", split.c_str(), 100 * s.accuracy(),
                static_cast<unsigned long long>(s.right()), static_cast<unsigned long long>(s.total()));
  std::cout << line;
  for (size_t t = 0; t < kEntityTypes; ++t) {
    const auto type = static_cast<EntityType>(t);
    uint64_t gold = 0;
    for (uint64_t v : s.confusion[t]) gold += v;
    std::snprintf(line, sizeof line, "; %s P %.1f R %.1f (%llu)", entity_type_name(type), 100 * s.precision(type),
                  100 * s.recall(type), static_cast<unsigned long long>(gold));
    std::cout << line;
  }
  std::cout << "\n";
}

int run(const TypesArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  if (a.eval) {
    TypeModel loaded;
    const TypeModel* model = &TypeModel::builtin();
    if (!a.model.empty()) {
      loaded = TypeModel::parse(read_text_bounded(a.model, size_t{1} << 30));
      model = &loaded;
    }
    for (const char* split : {"dev", "test"}) print_scores(split, score_types(*model, load(a, split)));
    return kExitOk;
  }
  if (a.out.empty()) throw CLI::RequiredError("--out");
  const std::vector<TypeExample> train = load(a, "train"), dev = load(a, "dev");
  TypeTrainReport r;
  const TypeModel model = train_types(train, dev, a.options, &r);
  const std::string bytes = model.serialize();
  TypeModel::parse(bytes);  // never write a model we cannot read back
  std::cout << r.examples << " training mentions; " << r.epochs << " epochs chosen on dev\n";
  print_scores("train", score_types(model, train));
  print_scores("dev", score_types(model, dev));
  write_model_file_and_report(a.out, bytes, start);
  return kExitOk;
}

}  // namespace

void add_train_types_command(CLI::App& train, int& exit_code) {
  auto args = std::make_shared<TypesArgs>();
  CLI::App* cmd = train.add_subcommand(
      "types", "Mention types (person, organisation, document, other) from GUM's entity types; see docs/types.md");
  cmd->add_option("--gum", args->gum, "GUM folder with coref/")->required()->check(CLI::ExistingDirectory);
  cmd->add_option("--out", args->out, "Where to write the model (e.g. data/types.bin)");
  cmd->add_option("--epochs", args->options.max_epochs, "At most this many passes (the best on dev is kept)")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--seed", args->options.seed, "Seed for the example order")->capture_default_str();
  auto* eval = cmd->add_flag("--eval", args->eval, "Instead of training, report accuracy on dev and test");
  cmd->add_option("--model", args->model, "Model to evaluate (default: the built-in one)")
      ->check(CLI::ExistingFile)
      ->needs(eval);
  cmd->callback([args, &exit_code] { exit_code = run(*args); });
}

}  // namespace whosaid::cli

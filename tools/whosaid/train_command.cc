// whosaid train — trains the models shipped in data/.
//
//   whosaid train tagger --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu
//                        --out data/tagger.bin [--epochs N] [--seed S] [--min-weight W]
//   whosaid train tagger --eval en_ewt-ud-test.conllu [--model data/tagger.bin] [--join-hyphens]
//   whosaid train parser …   (train_parser_command.cc)
//   whosaid train coref …    (train_coref_command.cc)
//   whosaid train types …    (train_types_command.cc)
//   whosaid train attribution --train polnear/train/docs.jsonl --out data/attribution.bin
//   whosaid train wordnet [--wordnet /usr/share/wordnet] --out data/wordnet.tsv [--nouns data/nouns.tsv]
//                             [--epochs N] [--seed S] [--folds K]
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "attribution/trainer.h"
#include "core/wordnet.h"
#include "commands.h"
#include "tagger/conllu.h"
#include "tagger/trainer.h"
#include "whosaid/error.h"

namespace whosaid::cli {
namespace {

struct TaggerArgs {
  std::string train, dev, out, eval, model;
  int epochs = TrainOptions{}.epochs;
  uint64_t seed = TrainOptions{}.seed;
  int min_weight = TrainOptions{}.min_weight;
  bool join_hyphens = false;
};

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * x);
  return buf;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open model file");
  std::ostringstream s;
  s << in.rdbuf();
  if (!in && !in.eof()) throw Error(ErrorCode::kIo, path + ": read error");
  return s.str();
}

std::vector<TaggedSentence> load(const std::string& path, bool add_joined, bool join_all) {
  std::vector<ConlluSentence> treebank = read_conllu_file(path);
  if (join_all)
    for (ConlluSentence& s : treebank) join_hyphenated(s);
  TaggedCorpusStats stats;
  auto out = to_tagged(treebank, add_joined, &stats);
  std::cerr << path << ": " << stats.sentences << " sentences, " << stats.words << " words";
  if (stats.joined_copies) std::cerr << " (" << stats.joined_copies << " with compounds joined)";
  if (stats.unknown_pairs) std::cerr << ", " << stats.unknown_pairs << " tags outside the tag set";
  std::cerr << "\n";
  return out;
}

}  // namespace

void write_model_file(const std::string& path, const std::string& bytes) {
  const std::string tmp = path + ".tmp";
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(ErrorCode::kIo, tmp + ": cannot create model file");
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.flush();
    if (!out) throw Error(ErrorCode::kIo, tmp + ": write error");
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) throw Error(ErrorCode::kIo, path + ": cannot rename from " + tmp + ": " + ec.message());
}

void write_model_file_and_report(const std::string& path, const std::string& bytes,
                                 std::chrono::steady_clock::time_point start) {
  write_model_file(path, bytes);
  char line[200];
  std::snprintf(line, sizeof line, "wrote %s: %.1f kB in %.1fs\n", path.c_str(), double(bytes.size()) / 1e3,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  std::cout << line;
}

namespace {

void write_model(const std::string& path, const std::string& bytes) { write_model_file(path, bytes); }

struct AttributionArgs {
  std::string train, out;
  AttributionTrainOptions options;
};

int run_train_attribution(const AttributionArgs& a) {
  const auto start = std::chrono::steady_clock::now();
  std::ifstream in(a.train, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, a.train + ": cannot open");
  eval::GoldReader reader(in, a.train);
  AttributionTrainer trainer(a.options);
  eval::GoldDocument gold;
  uint64_t rejected = 0;
  for (;;) {
    try {
      if (!reader.next(gold)) break;
    } catch (const Error& e) {
      std::cerr << e.what() << "\n";
      ++rejected;
      continue;
    }
    trainer.add(gold);
  }
  AttributionTrainReport r;
  const std::string bytes = trainer.train(&r).serialize();
  write_model(a.out, bytes);
  char line[800];
  std::snprintf(line, sizeof line,
                "%llu documents, %llu gold attributions, %llu candidates (%llu right, %llu reported only "
                "at the model's threshold)\n"
                "content ends: %llu choices with a right end; the rules' end right in %llu, the model's in %llu "
                "(out of fold)\n"
                "content starts: %llu choices with a right start; the rules' start right in %llu, the model's in "
                "%llu (out of fold)\n"
                "out-of-fold at threshold %.2f: P %.1f R %.1f F1 %.2f (right attributions; calibration "
                "a=%.3f b=%.3f)\nwrote %s: %.2f MB in %.1fs\n",
                static_cast<unsigned long long>(r.documents), static_cast<unsigned long long>(r.gold),
                static_cast<unsigned long long>(r.candidates), static_cast<unsigned long long>(r.positives),
                static_cast<unsigned long long>(r.gated_candidates), static_cast<unsigned long long>(r.end_choices),
                static_cast<unsigned long long>(r.end_rule_right), static_cast<unsigned long long>(r.end_model_right),
                static_cast<unsigned long long>(r.start_choices), static_cast<unsigned long long>(r.start_rule_right),
                static_cast<unsigned long long>(r.start_model_right), r.threshold, 100 * r.oof_precision,
                100 * r.oof_recall, 100 * r.oof_f1, r.scale, r.shift, a.out.c_str(), double(bytes.size()) / 1e6,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  std::cout << line;
  return rejected ? kExitSomeRejected : kExitOk;
}

int run_eval(const TaggerArgs& a) {
  const Tagger tagger =
      a.model.empty() ? Tagger::builtin() : Tagger::from_bytes(read_file(a.model));
  const auto gold = load(a.eval, false, a.join_hyphens);
  const TagAccuracy acc = evaluate(tagger, gold);
  std::cout << "words " << acc.words << "  UPOS " << percent(acc.upos()) << "  Penn "
            << percent(acc.penn()) << "  both " << percent(acc.both()) << "\n";
  return kExitOk;
}

int run_train(const TaggerArgs& a) {
  if (a.train.empty() || a.out.empty()) {
    std::cerr << "whosaid train tagger: --train and --out are required (or --eval FILE); see --help\n";
    return kExitUsage;
  }
  const auto start = std::chrono::steady_clock::now();
  const auto train = load(a.train, /*add_joined=*/true, false);
  const auto dev = a.dev.empty() ? std::vector<TaggedSentence>{} : load(a.dev, false, false);
  TrainOptions options;
  options.epochs = a.epochs;
  options.seed = a.seed;
  options.min_weight = a.min_weight;
  options.on_epoch = [&](const EpochReport& r) {
    std::cout << "epoch " << r.epoch << "/" << a.epochs << "  train " << percent(r.train_accuracy);
    if (r.dev.words)
      std::cout << "  dev UPOS " << percent(r.dev.upos()) << "  Penn " << percent(r.dev.penn())
                << "  features " << r.features;
    char secs[32];
    std::snprintf(secs, sizeof secs, "  %.1fs", r.seconds);
    std::cout << secs << std::endl;
  };
  TaggerTrainer trainer(options);
  trainer.train(train, dev);
  const std::string bytes = trainer.model_bytes();
  Tagger::from_bytes(bytes);  // never write a model we cannot read back

  // Write beside the target, then rename, so a failed run leaves no half file.
  write_model(a.out, bytes);
  const double secs =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  char line[160];
  std::snprintf(line, sizeof line, "wrote %s: %.2f MB in %.1fs\n", a.out.c_str(),
                double(bytes.size()) / 1e6, secs);
  std::cout << line;
  return kExitOk;
}

}  // namespace

void add_train_command(CLI::App& app, int& exit_code) {
  CLI::App* train = app.add_subcommand("train", "Train or evaluate a model from annotated data");
  train->require_subcommand(1);
  auto args = std::make_shared<TaggerArgs>();
  CLI::App* tagger = train->add_subcommand(
      "tagger", "Part-of-speech tagger from CoNLL-U (UD English EWT); see data/README-tagger.md");
  tagger->add_option("--train", args->train, "Training treebank (CoNLL-U)")->check(CLI::ExistingFile);
  tagger->add_option("--dev", args->dev, "Development treebank, evaluated after each epoch")
      ->check(CLI::ExistingFile);
  tagger->add_option("--out", args->out, "Where to write the model (e.g. data/tagger.bin)");
  tagger->add_option("--epochs", args->epochs, "Passes over the training data")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  tagger->add_option("--seed", args->seed, "Seed for the sentence order")->capture_default_str();
  tagger->add_option("--min-weight", args->min_weight,
                     "Drop quantised weights smaller than this (model size vs accuracy)")
      ->check(CLI::Range(0, 32767))
      ->capture_default_str();
  auto* eval = tagger->add_option("--eval", args->eval,
                                  "Instead of training, report accuracy on this CoNLL-U file")
                   ->check(CLI::ExistingFile);
  tagger->add_option("--model", args->model, "Model to evaluate (default: the built-in one)")
      ->check(CLI::ExistingFile)
      ->needs(eval);
  tagger->add_flag("--join-hyphens", args->join_hyphens,
                   "With --eval: join hyphenated compounds (US - led → US-led) as whosaid's "
                   "tokenizer does")
      ->needs(eval);
  eval->excludes("--train");
  tagger->callback([args, &exit_code] {
    exit_code = args->eval.empty() ? run_train(*args) : run_eval(*args);
  });

  add_train_parser_command(*train, exit_code);
  add_train_coref_command(*train, exit_code);
  add_train_types_command(*train, exit_code);

  auto attr = std::make_shared<AttributionArgs>();
  CLI::App* attribution = train->add_subcommand(
      "attribution", "Attribution model from annotated articles (PolNeAR train); see docs/model.md");
  attribution->add_option("--train", attr->train, "Gold JSON Lines (the format of whosaid eval)")
      ->required()
      ->check(CLI::ExistingFile);
  attribution->add_option("--out", attr->out, "Where to write the model (e.g. data/attribution.bin)")
      ->required();
  attribution->add_option("--epochs", attr->options.epochs, "Passes over the candidates")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  attribution->add_option("--seed", attr->options.seed, "Seed for the example order")->capture_default_str();
  attribution->add_option("--folds", attr->options.folds, "Folds for calibration and the threshold")
      ->check(CLI::Range(2, 100))
      ->capture_default_str();
  attribution->add_option("--orders", attr->options.orders, "Fits over differently shuffled examples, averaged")
      ->check(CLI::Range(1, 64))
      ->capture_default_str();
  attribution->callback([attr, &exit_code] { exit_code = run_train_attribution(*attr); });

  struct WordNetArgs {
    std::string dir = "/usr/share/wordnet", out, nouns;
  };
  auto wn = std::make_shared<WordNetArgs>();
  CLI::App* wordnet = train->add_subcommand(
      "wordnet", "Table of WordNet senses for cue words (data/wordnet.tsv) from Debian's wordnet-base");
  wordnet->add_option("--wordnet", wn->dir, "WordNet 3.0 database directory")
      ->check(CLI::ExistingDirectory)
      ->capture_default_str();
  wordnet->add_option("--out", wn->out, "Where to write the table (e.g. data/wordnet.tsv)")->required();
  wordnet->add_option("--nouns", wn->nouns, "Where to write the noun classes too (e.g. data/nouns.tsv)");
  wordnet->callback([wn, &exit_code] {
    auto write = [](const std::string& path, const std::string& table) {
      write_model(path, table);
      std::cout << "wrote " << path << ": " << std::count(table.begin(), table.end(), '\n') << " lines\n";
    };
    write(wn->out, wordnet::build_table(wn->dir));
    if (!wn->nouns.empty()) write(wn->nouns, wordnet::build_noun_table(wn->dir));
    exit_code = kExitOk;
  });
}

}  // namespace whosaid::cli

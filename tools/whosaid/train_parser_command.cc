// whosaid train parser — trains or evaluates the dependency parser.
//
//   whosaid train parser --train en_ewt-ud-train.conllu,gum/ud/train.conllu
//                        --dev en_ewt-ud-dev.conllu --out data/parser.bin [--epochs N] [--seed S]
//                        [--min-weight W] [--min-relation-weight W]
//   whosaid train parser --eval en_ewt-ud-test.conllu [--model data/parser.bin] [--join-hyphens]
//
// Evaluation uses the tags of the built-in tagger, as the pipeline does;
// training tags its data by jackknifing (--jackknife K, default 4) so that the
// parser learns from tags as wrong as they will be on unseen text.
#include <chrono>
#include <cstring>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "parse/trainer.h"
#include "tagger/trainer.h"
#include "tagger/conllu.h"
#include "whosaid/error.h"

namespace whosaid::cli {
namespace {

struct ParserArgs {
  std::vector<std::string> train, dev;
  std::string out, eval, model;
  int epochs = ParserTrainOptions{}.epochs;
  uint64_t seed = ParserTrainOptions{}.seed;
  int min_weight = ParserTrainOptions{}.min_weight;
  int min_relation_weight = ParserTrainOptions{}.min_relation_weight;
  int min_count = ParserTrainOptions{}.min_count;
  int explore_from = ParserTrainOptions{}.explore_from;
  double explore = ParserTrainOptions{}.explore;
  int ensemble = ParserTrainOptions{}.ensemble;
  bool join_hyphens = false;
  int jackknife = 4;
  std::string tagged_cache;
};

std::string percent(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f%%", 100.0 * x);
  return buf;
}

// Tags with the built-in tagger, or (jackknife > 1) each file's sentences with
// taggers trained on the other folds of all the files.
std::vector<ParsedSentence> load(const std::vector<std::string>& paths, TreebankOptions options,
                                 int jackknife = 0) {
  std::vector<ParsedSentence> all;
  if (jackknife > 1) {
    std::vector<ConlluSentence> treebank;
    for (const std::string& path : paths) {
      auto part = read_conllu_file(path);
      treebank.insert(treebank.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
    }
    TreebankStats stats;
    all = to_parsed_jackknifed(treebank, jackknife, TrainOptions{}.epochs, options, &stats);
    std::cerr << "training treebanks: " << stats.sentences << " sentences, " << stats.words << " words ("
              << stats.joined_copies << " with compounds joined), tagged by " << jackknife
              << "-fold jackknifing\n";
    return all;
  }
  for (const std::string& path : paths) {
    TreebankStats stats;
    auto part = to_parsed(read_conllu_file(path), &Tagger::builtin(), options, &stats);
    std::cerr << path << ": " << stats.sentences << " sentences, " << stats.words << " words";
    if (stats.joined_copies) std::cerr << " (" << stats.joined_copies << " with compounds joined)";
    std::cerr << "\n";
    all.insert(all.end(), std::make_move_iterator(part.begin()), std::make_move_iterator(part.end()));
  }
  return all;
}

// The jackknifed training sentences as a flat file, so that tuning runs skip
// the minutes of tagging: per sentence u32 n, then n × (u32 length, bytes,
// u8 tag, i32 head, u8 relation). Only valid for the same --train files.
void save_sentences(const std::string& path, const std::vector<ParsedSentence>& all) {
  std::string out;
  auto put = [&out](const void* p, size_t n) { out.append(static_cast<const char*>(p), n); };
  for (const ParsedSentence& s : all) {
    const auto n = static_cast<uint32_t>(s.words.size());
    put(&n, 4);
    for (uint32_t i = 0; i < n; ++i) {
      const auto len = static_cast<uint32_t>(s.words[i].size());
      put(&len, 4);
      put(s.words[i].data(), len);
      put(&s.tags[i], 1);
      put(&s.heads[i], 4);
      put(&s.relations[i], 1);
    }
  }
  write_model_file(path, out);
}

bool load_sentences(const std::string& path, std::vector<ParsedSentence>& all) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  const std::string bytes = ss.str();
  size_t at = 0;
  auto get = [&](void* p, size_t n) {
    if (at + n > bytes.size()) throw Error(ErrorCode::kBadInput, path + ": truncated tagged cache");
    std::memcpy(p, bytes.data() + at, n);
    at += n;
  };
  while (at < bytes.size()) {
    ParsedSentence s;
    uint32_t n = 0;
    get(&n, 4);
    s.words.resize(n), s.tags.resize(n), s.heads.resize(n), s.relations.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      uint32_t len = 0;
      get(&len, 4);
      s.words[i].resize(len);
      get(s.words[i].data(), len);
      get(&s.tags[i], 1);
      get(&s.heads[i], 4);
      get(&s.relations[i], 1);
    }
    all.push_back(std::move(s));
  }
  return true;
}

std::string read_model(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open model file");
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

int run_eval(const ParserArgs& a) {
  const Parser parser = a.model.empty() ? Parser::builtin() : Parser::from_bytes(read_model(a.model));
  const auto gold = load({a.eval}, {.join_all = a.join_hyphens});
  const ParseAccuracy acc = evaluate(parser, gold);
  std::cout << "words " << acc.words << "  UAS " << percent(acc.uas()) << "  LAS " << percent(acc.las())
            << "\n";
  return kExitOk;
}

int run_train(const ParserArgs& a) {
  if (a.train.empty() || a.out.empty()) {
    std::cerr << "whosaid train parser: --train and --out are required (or --eval FILE); see --help\n";
    return kExitUsage;
  }
  const auto start = std::chrono::steady_clock::now();
  std::vector<ParsedSentence> train;
  if (a.tagged_cache.empty() || !load_sentences(a.tagged_cache, train)) {
    train = load(a.train, {.add_joined = true}, a.jackknife);
    if (!a.tagged_cache.empty()) save_sentences(a.tagged_cache, train);
  } else {
    std::cerr << "training sentences from " << a.tagged_cache << ": " << train.size() << "\n";
  }
  const auto dev = load(a.dev, {});
  ParserTrainOptions options;
  options.epochs = a.epochs;
  options.seed = a.seed;
  options.min_weight = a.min_weight;
  options.min_relation_weight = a.min_relation_weight;
  options.min_count = a.min_count;
  options.explore_from = a.explore_from;
  options.explore = a.explore;
  options.ensemble = a.ensemble;
  options.on_epoch = [&](const ParserEpochReport& r) {
    char line[200];
    std::snprintf(line, sizeof line, "epoch %d/%d  train UAS %s", r.epoch, a.epochs,
                  percent(r.train_uas).c_str());
    std::cout << line;
    if (r.dev.words)
      std::cout << "  dev UAS " << percent(r.dev.uas()) << "  LAS " << percent(r.dev.las()) << "  features "
                << r.features;
    std::snprintf(line, sizeof line, "  %.1fs", r.seconds);
    std::cout << line << std::endl;
  };
  ParserTrainer trainer(options);
  const ParserTrainStats stats = trainer.train(train, dev);
  std::cout << stats.nonprojective_sentences << " non-projective training trees made projective ("
            << stats.lifted_arcs << " arcs lifted)\n";
  const std::string bytes = trainer.model_bytes();
  Parser::from_bytes(bytes);  // never write a model we cannot read back
  write_model_file(a.out, bytes);
  char line[160];
  std::snprintf(line, sizeof line, "wrote %s: %.2f MB in %.1fs\n", a.out.c_str(), double(bytes.size()) / 1e6,
                std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  std::cout << line;
  return kExitOk;
}

}  // namespace

void add_train_parser_command(CLI::App& train, int& exit_code) {
  auto args = std::make_shared<ParserArgs>();
  CLI::App* cmd = train.add_subcommand(
      "parser", "Dependency parser from CoNLL-U (UD English EWT + GUM); see data/README-parser.md");
  cmd->add_option("--train", args->train, "Training treebanks (CoNLL-U), comma-separated")
      ->delimiter(',')
      ->check(CLI::ExistingFile);
  cmd->add_option("--dev", args->dev, "Development treebanks, evaluated after each epoch")
      ->delimiter(',')
      ->check(CLI::ExistingFile);
  cmd->add_option("--out", args->out, "Where to write the model (e.g. data/parser.bin)");
  cmd->add_option("--epochs", args->epochs, "Passes over the training data")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--seed", args->seed, "Seed for the sentence order and exploration")->capture_default_str();
  cmd->add_option("--min-weight", args->min_weight,
                  "Drop quantised weights smaller than this from the move table (model size vs accuracy)")
      ->check(CLI::Range(0, 32767))
      ->capture_default_str();
  cmd->add_option("--min-relation-weight", args->min_relation_weight,
                  "Drop quantised weights smaller than this from the relation table")
      ->check(CLI::Range(0, 32767))
      ->capture_default_str();
  cmd->add_option("--min-count", args->min_count,
                  "Drop features seen fewer times than this in the training derivations")
      ->check(CLI::Range(1, 1000))
      ->capture_default_str();
  cmd->add_option("--explore-from", args->explore_from,
                  "First epoch that follows the parser's own moves (dynamic oracle exploration)")
      ->capture_default_str();
  cmd->add_option("--explore", args->explore, "Probability of following them from then on")
      ->check(CLI::Range(0.0, 1.0))
      ->capture_default_str();
  cmd->add_option("--ensemble", args->ensemble,
                  "Perceptrons trained with seeds seed, seed+1, … whose weights are summed into the model")
      ->check(CLI::Range(1, 16))
      ->capture_default_str();
  cmd->add_option("--jackknife", args->jackknife,
                  "Tag the training data with taggers trained on the other K folds (1: the built-in tagger)")
      ->check(CLI::Range(1, 50))
      ->capture_default_str();
  cmd->add_option("--tagged-cache", args->tagged_cache,
                  "Tuning: read the tagged training sentences from this file if it exists, else write "
                  "them there (delete it when --train or the tagger change)");
  auto* eval = cmd->add_option("--eval", args->eval,
                               "Instead of training, report UAS and LAS on this CoNLL-U file")
                   ->check(CLI::ExistingFile);
  cmd->add_option("--model", args->model, "Model to evaluate (default: the built-in one)")
      ->check(CLI::ExistingFile)
      ->needs(eval);
  cmd->add_flag("--join-hyphens", args->join_hyphens,
                "With --eval: join hyphenated compounds (US - led → US-led) as whosaid's tokenizer does")
      ->needs(eval);
  eval->excludes("--train");
  cmd->callback([args, &exit_code] { exit_code = args->eval.empty() ? run_train(*args) : run_eval(*args); });
}

}  // namespace whosaid::cli

// parse/trainer.h — training and evaluating the dependency parser.
//
//   auto tb = whosaid::read_conllu_file("en_ewt-ud-train.conllu");
//   auto train = whosaid::to_parsed(tb, &whosaid::Tagger::builtin(), {.add_joined = true});
//   whosaid::ParserTrainer trainer({.epochs = 12, .seed = 1});
//   trainer.train(train, dev);                 // reports each epoch through on_epoch
//   std::string bytes = trainer.model_bytes(); // the format of parser.h
//   whosaid::ParseAccuracy acc = whosaid::evaluate(whosaid::Parser::from_bytes(bytes), test);
//
// Training is deterministic: the same corpus, options and seed give a
// byte-identical model (the randomness is a seeded splitmix64 generator for the
// sentence order and exploration). Both perceptrons learn from a dynamic oracle
// (Goldberg & Nivre 2013): at each step the move with the lowest cost is the
// target; from options.explore_from epoch on, the parser follows its own
// prediction (with probability options.explore) so it learns to recover from
// its mistakes. Non-projective training trees are made projective by lifting
// (transition.h). Weights are averaged over all steps and saved quantised to
// 16 bits, dropping those that round to near zero. With options.ensemble > 1,
// that many perceptrons (seeds seed, seed+1, …) learn side by side and the
// saved model holds the sum of their averaged weights.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "parse/parser.h"
#include "tagger/conllu.h"
#include "tagger/tagger.h"

namespace whosaid {

struct ParsedSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> tags;         // tag ids (tag_set.h)
  std::vector<int32_t> heads;        // 0-based head index; words.size() for the root
  std::vector<uint8_t> relations;    // dep::Relation ids
};

struct TreebankOptions {
  bool add_joined = false;  // also add each sentence with hyphenated compounds joined
  bool join_all = false;    // join hyphenated compounds in every sentence instead
};

struct TreebankStats {
  size_t sentences = 0;
  size_t words = 0;
  size_t joined_copies = 0;
};

// Converts a treebank to parser sentences. Tags are predicted by `tagger`, or
// the gold ones when it is null. Throws Error(kBadInput) naming the sentence
// when a HEAD is out of range.
std::vector<ParsedSentence> to_parsed(const std::vector<ConlluSentence>& treebank,
                                      const Tagger* tagger, TreebankOptions options = {},
                                      TreebankStats* stats = nullptr);

// As to_parsed, but each sentence is tagged by a tagger trained (with the
// built-in tagger's defaults, `tagger_epochs` passes) on the treebank's other
// folds (sentence index % folds), so that training sees tagging errors as
// unseen text will. The result is grouped by fold. Deterministic.
std::vector<ParsedSentence> to_parsed_jackknifed(const std::vector<ConlluSentence>& treebank, int folds,
                                                 int tagger_epochs, TreebankOptions options = {},
                                                 TreebankStats* stats = nullptr);

struct ParseAccuracy {
  size_t words = 0;
  size_t heads_correct = 0;
  size_t both_correct = 0;  // head and relation
  double uas() const { return words ? double(heads_correct) / double(words) : 0.0; }
  double las() const { return words ? double(both_correct) / double(words) : 0.0; }
};

// Parses each sentence with its own tags and compares with the gold tree
// (punctuation included).
ParseAccuracy evaluate(const Parser& parser, const std::vector<ParsedSentence>& gold);

struct ParserEpochReport {
  int epoch = 0;            // 1-based
  double train_uas = 0;     // of the trees built while learning
  ParseAccuracy dev;        // of the averaged, quantised model so far; empty without dev data
  size_t features = 0;      // weight rows in that model
  double seconds = 0;
};

struct ParserTrainOptions {
  int epochs = 12;
  uint64_t seed = 1;
  // Quantised weights (units of each table's max |weight| / 32767) with a
  // smaller magnitude are dropped from the saved model: min_weight in the move
  // table, min_relation_weight in the relation table. The relation rows are
  // summed at every arc, and most of their small weights change no relation:
  // 2000 keeps 91,502 of 477,330 weights (2.7 a row instead of 8.7) at ±0.1
  // LAS on EWT dev and test, and parses ~20% faster.
  int min_weight = 4;
  int min_relation_weight = 2000;
  // Features seen fewer times than this along the gold derivations of the
  // training data get no weights (1: keep all). Smaller, faster, and a little
  // more accurate.
  int min_count = 6;
  int explore_from = 2;  // first epoch that follows the parser's own moves
  double explore = 0.9;  // probability of following them
  // Perceptrons trained side by side (seeds seed, seed+1, …; two at a time on
  // two threads) whose averaged weights are summed into one model: an
  // ensemble at the speed of one parser.
  int ensemble = 4;
  std::function<void(const ParserEpochReport&)> on_epoch;
};

struct ParserTrainStats {
  size_t sentences = 0;
  size_t lifted_arcs = 0;             // arcs lifted to projectivise
  size_t nonprojective_sentences = 0;
};

class ParserTrainer {
 public:
  explicit ParserTrainer(ParserTrainOptions options = {});
  ~ParserTrainer();
  ParserTrainer(const ParserTrainer&) = delete;
  ParserTrainer& operator=(const ParserTrainer&) = delete;

  // Runs options.epochs passes over `train`; `dev` may be empty. Throws
  // Error(kBadInput) when a sentence's vectors differ in length or hold bad ids.
  ParserTrainStats train(const std::vector<ParsedSentence>& train,
                         const std::vector<ParsedSentence>& dev);

  std::string model_bytes() const;  // the averaged, quantised model (parser.h)
  Parser parser() const { return Parser::from_bytes(model_bytes()); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid

// tagger/trainer.h — training and evaluating the part-of-speech tagger.
//
//   auto train = whosaid::to_tagged(whosaid::read_conllu_file("en_ewt-ud-train.conllu"),
//                                   /*add_joined=*/true);
//   auto dev = whosaid::to_tagged(whosaid::read_conllu_file("en_ewt-ud-dev.conllu"));
//   whosaid::TaggerTrainer trainer({.epochs = 10, .seed = 1});
//   trainer.train(train, dev);          // reports each epoch through on_epoch
//   std::ofstream out("tagger.bin", std::ios::binary);
//   trainer.save(out);
//
// Training is deterministic: the same corpus, options and seed give a
// byte-identical model (the only randomness is the seeded sentence order).
// The perceptron learns with the tags it predicts itself as left context (as
// the greedy tagger runs), averages its weights over all updates, and saves
// them quantised to 16 bits, dropping weights that round to near zero. The
// model also keeps a lexicon of frequent words' ambiguity classes (the tags
// each took), built from all training sentences; while learning, each sentence
// sees the lexicon of the other nine tenths only, as unseen text will.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "tagger/conllu.h"
#include "tagger/tagger.h"

namespace whosaid {

struct TaggedSentence {
  std::vector<std::string> words;
  std::vector<uint8_t> tags;  // ids from tag_set.h, one per word
};

struct TaggedCorpusStats {
  size_t sentences = 0;
  size_t words = 0;
  size_t unknown_pairs = 0;     // (UPOS, XPOS) pairs not in the tag set, mapped to UPOS defaults
  size_t joined_copies = 0;     // extra sentences with hyphenated compounds joined
};

// Converts a treebank to tagged sentences. With add_joined, every sentence with
// hyphenated compounds is also added a second time with them joined (see
// join_hyphenated), so the model learns both tokenisations.
std::vector<TaggedSentence> to_tagged(const std::vector<ConlluSentence>& treebank,
                                      bool add_joined = false, TaggedCorpusStats* stats = nullptr);

struct TagAccuracy {
  size_t words = 0;
  size_t upos_correct = 0;
  size_t penn_correct = 0;
  size_t both_correct = 0;
  double upos() const { return words ? double(upos_correct) / double(words) : 0.0; }
  double penn() const { return words ? double(penn_correct) / double(words) : 0.0; }
  double both() const { return words ? double(both_correct) / double(words) : 0.0; }
};

// Tags each sentence's words with `tagger` and compares with the gold tags.
TagAccuracy evaluate(const Tagger& tagger, const std::vector<TaggedSentence>& gold);

struct EpochReport {
  int epoch = 0;           // 1-based
  double train_accuracy = 0;  // of the tags predicted while learning (both UPOS and Penn)
  TagAccuracy dev;         // of the averaged, quantised model so far; empty without dev data
  size_t features = 0;     // weight rows in that model
  double seconds = 0;      // wall time of the epoch, evaluation included
};

struct TrainOptions {
  int epochs = 12;
  uint64_t seed = 1;
  // Quantised weights (units of max |weight| / 32767) with a smaller magnitude
  // are dropped from the saved model; larger values give smaller models.
  int min_weight = 8;
  // Words seen at least this often get an ambiguity class in the lexicon.
  int lexicon_min_count = 3;
  // Tags taking less than this share of a word's occurrences are left out of its class.
  double lexicon_min_share = 0.05;
  // Training sees each sentence with the lexicon of the other folds (1: off).
  int lexicon_folds = 10;
  // Words seen at least this often that took one tag at least this share of
  // the time always get that tag, unscored (faster, and as accurate).
  int sure_min_count = 20;
  double sure_min_share = 0.99;
  std::function<void(const EpochReport&)> on_epoch;
};

class TaggerTrainer {
 public:
  explicit TaggerTrainer(TrainOptions options = {});
  ~TaggerTrainer();
  TaggerTrainer(const TaggerTrainer&) = delete;
  TaggerTrainer& operator=(const TaggerTrainer&) = delete;

  // Runs options.epochs passes over `train` (in a seeded random order each
  // pass); `dev` may be empty. Throws whosaid::Error(kBadInput) if a sentence's
  // words and tags differ in number or a tag id is out of range.
  void train(const std::vector<TaggedSentence>& train, const std::vector<TaggedSentence>& dev);

  // The averaged, quantised model in the format of tagger.h.
  std::string model_bytes() const;
  // Writes model_bytes(); throws whosaid::Error(kIo) if the stream fails.
  void save(std::ostream& out) const;
  Tagger tagger() const { return Tagger::from_bytes(model_bytes()); }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid

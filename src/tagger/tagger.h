// tagger/tagger.h — a fast part-of-speech tagger (UPOS + Penn) for tokenised text.
//
//   const whosaid::Tagger& tagger = whosaid::Tagger::builtin();  // loaded once
//   tagger.tag(doc);   // sets Token::tag for every sentence's tokens
//   if (whosaid::pos::is_verb(doc.tokens[i].tag)) ...           // see tag_set.h
//
//   std::string_view words[] = {"Labour", "'s", "leader", "said", "."};
//   uint8_t tags[5];
//   tagger.tag(words, 5, tags);    // penn_name(tags[1]) == "POS"
//
// A greedy averaged-perceptron tagger: each token's tag is the best-scoring of
// the ids in tag_set.h given hashed features of the word, its neighbours and the
// two tags predicted before it. Input tokens follow Penn Treebank conventions
// (do n't, Labour 's); ’ counts as ', and a quotation mark (“ ” " `` '') is
// always tagged PUNCT/`` or PUNCT/''. Hyphenated words (US-led) may stay whole.
//
// Thread safety: a Tagger is immutable once built; tag() is const and may be
// called from many threads at once. Copies share the model (cheap).
//
// Errors: from_bytes() throws whosaid::Error(kModel) naming what is wrong with a
// corrupt, truncated or incompatible model. tag() does not throw.
//
// Model file (little-endian; written by TaggerTrainer::save, see trainer.h):
//   char[8] "WSDTAGGR"  u32 version  u32 feature_set  u32 num_tags
//   u32 tag_set_checksum  u32 num_features  u32 num_weights  u32 num_words
//   u64 payload_checksum
//   payload: u64 feature_key[num_features] (ascending)  u8 row_size[num_features]
//            u8 tag[num_weights]  i16 weight[num_weights]   (rows in key order)
//            u64 word_key[num_words] (ascending)  u64 word_class[num_words]
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "tagger/tag_set.h"
#include "whosaid/document.h"

namespace whosaid {

class Tagger {
 public:
  // Parses a model (see above). Throws whosaid::Error(kModel) if it is corrupt.
  static Tagger from_bytes(std::string_view model);
  // The model compiled into the library from data/tagger.bin, parsed on first
  // use (thread-safe). Throws whosaid::Error(kModel) if it is missing or
  // corrupt, save for the payload's checksum, which is not recomputed: the
  // bytes are the program's own, and hashing them byte by byte cost every
  // process start milliseconds. A test checks data/tagger.bin's checksum instead.
  static const Tagger& builtin();

  // Tags one sentence: tags_out[i] receives the tag id of words[i].
  void tag(const std::string_view* words, size_t n, uint8_t* tags_out) const;
  // Tags each sentence of `doc` (or all tokens as one sequence when the document
  // has tokens but no sentences). Quotation marks (kQuote tokens) are tagged ``
  // or '': as Document::quoted pairs them when it is filled, else by their form
  // (“ ”), else by the spaces around them ("opens, closes"), else by the model.
  // A single ' or ’ that does not open may also be a possessive (POS).
  void tag(Document& doc) const;
  // Tags the tokens [first, end) of `doc` as one sentence from their words
  // alone (no quotation-mark constraints), as tag(words, …) would; for stages
  // that tag only the few sentences a rule asks about.
  void tag_tokens(Document& doc, uint32_t first, uint32_t end) const;

  size_t num_features() const noexcept;  // weight rows in the model
  size_t num_weights() const noexcept;   // non-zero weights in the model
  size_t num_words() const noexcept;     // words in the model's lexicon

  struct Model;

 private:
  // from_bytes(), skipping the payload's checksum when verify_checksum is false.
  static Tagger from_bytes(std::string_view model, bool verify_checksum);
  explicit Tagger(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  std::shared_ptr<const Model> model_;
};

}  // namespace whosaid

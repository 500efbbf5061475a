// parse/parser.h — a fast dependency parser (UD v2 relations) for tagged text.
//
//   const whosaid::Parser& parser = whosaid::Parser::builtin();   // loaded once
//   parser.parse(doc, sentence.first_token, sentence.end_token);  // sets Token::head, ::dep
//   // then, with parse/tree.h:
//   int64_t h = whosaid::head_of(doc, i);                      // -1 for the root
//   if (doc.tokens[i].dep == whosaid::dep::kNsubj) ...
//
//   std::string_view words[] = {"Hartley", "told", "the", "Times", "."};
//   uint8_t tags[5];  whosaid::Tagger::builtin().tag(words, 5, tags);
//   int32_t heads[5]; uint8_t rels[5];
//   parser.parse(words, tags, 5, heads, rels);   // heads[0] == 1, rels[0] == dep::kNsubj
//
// A greedy arc-hybrid transition parser (parse/transition.h) with two averaged
// perceptrons over hashed features (parse/features.h): one picks the move, the
// other the relation of each arc made. Trees are projective with one root.
// It expects the whosaid tokenizer's tokens (Penn conventions, hyphenated
// compounds whole) and the tags of the whosaid tagger, as it was trained on
// them (see data/README-parser.md).
//
// Thread safety: a Parser is immutable; parse() is const and may run on many
// threads at once. Each thread reuses its own scratch space, so parsing does
// not allocate once the scratch has grown to the longest sentence seen.
// Copies share the model (cheap).
//
// Errors: from_bytes() throws whosaid::Error(kModel) naming what is wrong with a
// corrupt, truncated or incompatible model. parse() does not throw (except
// parse(Document&, …) on untagged tokens: see there).
//
// Model file (little-endian; written by ParserTrainer, see trainer.h):
//   char[8] "WSDPARSR"  u32 version  u32 feature_set  u32 num_tags
//   u32 tag_set_checksum  u32 num_relations  u32 relation_set_checksum
//   u32 move_rows  u32 move_weights  u32 label_rows  u32 label_weights
//   u64 payload_checksum
//   payload: the move table, then the relation table, each:
//            u64 feature_key[rows] (ascending)  u8 row_size[rows]
//            u8 class[weights] (ascending in a row)  i16 weight[weights]
//   (move classes: 0 SHIFT, 1 LEFT, 2 RIGHT; relation classes: dep:: ids)
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

#include "parse/relations.h"
#include "whosaid/document.h"

namespace whosaid {

class Parser {
 public:
  // Parses a model (see above). Throws whosaid::Error(kModel) if it is corrupt.
  static Parser from_bytes(std::string_view model);
  // The model compiled into the library from data/parser.bin, parsed on first
  // use (thread-safe). Throws whosaid::Error(kModel) if it is missing or
  // corrupt, save for the payload's checksum, which is not recomputed: the
  // bytes are the program's own, and hashing them byte by byte cost every
  // process start milliseconds. A test checks data/parser.bin's checksum instead.
  static const Parser& builtin();

  // Parses one sentence of n words with their tag ids (tag_set.h): heads_out[i]
  // receives the index of word i's head in [0, n), or -1 for the root word;
  // relations_out[i] its relation (dep::Relation, dep::kRoot for the root).
  void parse(const std::string_view* words, const uint8_t* tags, size_t n, int32_t* heads_out,
             uint8_t* relations_out) const;

  // Parses the tokens [first, end) of `doc` as one sentence and stores the tree
  // in them: Token::dep (relation) and Token::head (offset to the head token,
  // 0 for the root). Tokens must be tagged; if any has tag 0 the range is first
  // tagged with Tagger::builtin() (which may throw Error(kModel)). Ranges longer
  // than kMaxParseTokens are parsed in pieces of that size.
  void parse(Document& doc, uint32_t first, uint32_t end) const;
  // Parses every sentence of `doc` (all tokens as one sentence when it has none).
  void parse(Document& doc) const;

  static constexpr uint32_t kMaxParseTokens = 4096;

  size_t num_features() const noexcept;  // weight rows (both models)
  size_t num_weights() const noexcept;   // non-zero weights (both models)

  struct Model;

 private:
  // from_bytes(), skipping the payload's checksum when verify_checksum is false.
  static Parser from_bytes(std::string_view model, bool verify_checksum);
  explicit Parser(std::shared_ptr<const Model> model) : model_(std::move(model)) {}
  std::shared_ptr<const Model> model_;
};

}  // namespace whosaid

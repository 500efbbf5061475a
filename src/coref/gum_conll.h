// Reading GUM's coreference files (../shared/data/gum/coref/*.conll): tokens
// and gold mentions, each with its entity id and GUM entity type ("person",
// "organization", "place", "abstract" …). Used by the coreference trainer
// (coref/trainer.h) and the mention-type trainer (types/trainer.h).
//
//   std::vector<ConllDocument> docs = read_gum_conll("gum/coref/train.conll");
//   for (const GoldMention& g : docs[0].mentions) … docs[0].forms[g.first] … g.type
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace whosaid {

struct GoldMention {
  uint32_t first = 0, last = 0;  // token indexes, inclusive
  int32_t entity = -1;           // per document
  std::string type;              // GUM entity type: "person", "organization", "abstract" …
};

struct ConllDocument {
  std::string id;
  std::vector<std::string> forms;
  std::vector<GoldMention> mentions;
};

// Throws Error(kIo) when the file cannot be read, Error(kBadInput) naming the
// line when it is malformed.
std::vector<ConllDocument> read_gum_conll(const std::string& path);

}  // namespace whosaid

// The resolver's tables (entities/resolver.cc), kept per thread from one
// document to the next.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "core/folded.h"
#include "core/word_map.h"

namespace whosaid {

struct NameKey {
  int32_t entity;
  uint32_t token;
};
// The full names with one surname or one given name, in text order.
struct NameList {
  std::vector<NameKey> keys;
  bool ambiguous = false;  // (given names) more than one entity has it
  void clear() {
    keys.clear();
    ambiguous = false;
  }
};

// The resolver's tables, kept per thread from one document to the next: each
// is cleared or assigned before use, and keeps its memory (a resolver that
// built its own allocated some two hundred times a document). After a
// document of more than kKeptMentions mentions they are freed (~Resolver), so
// that what is kept stays bounded.
struct ResolverMemory {
  WordMap<NameList> by_surname, by_given;
  WordMap<int32_t> full, single;
  std::vector<FoldedWord> words;
  std::string key;
  std::vector<int32_t> resolved, ent, quote_of;
  std::vector<bool> done, is_source, person, spokesperson;
  std::vector<std::pair<size_t, size_t>> chain;
  std::vector<uint8_t> personal, called_body;
};

}  // namespace whosaid

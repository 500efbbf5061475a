#include "parse/relations.h"

#include <string>

#include "tagger/features.h"

namespace whosaid::dep {
namespace {

constexpr const char* kNames[kNumRelations] = {
    "", "root", "nsubj", "nsubj:pass", "nsubj:outer", "obj", "iobj", "csubj", "csubj:pass",
    "ccomp", "xcomp", "obl", "obl:agent", "obl:unmarked", "obl:tmod", "vocative", "expl",
    "dislocated", "advcl", "advcl:relcl", "advmod", "discourse", "aux", "aux:pass", "cop", "mark",
    "nmod", "nmod:poss", "nmod:unmarked", "nmod:desc", "nmod:tmod", "appos", "nummod", "acl",
    "acl:relcl", "amod", "det", "det:predet", "clf", "case", "conj", "cc", "cc:preconj", "fixed",
    "flat", "compound", "compound:prt", "list", "parataxis", "orphan", "goeswith", "reparandum",
    "punct", "dep"};

uint8_t exact(std::string_view name) noexcept {
  for (int i = 1; i < kNumRelations; ++i)
    if (name == kNames[i]) return static_cast<uint8_t>(i);
  return kNone;
}

}  // namespace

const char* relation_name(uint8_t id) noexcept { return id < kNumRelations ? kNames[id] : ""; }

uint8_t relation_id(std::string_view name) noexcept {
  if (name.empty() || name == "_") return kNone;
  if (uint8_t r = exact(name)) return r;
  if (size_t colon = name.find(':'); colon != std::string_view::npos)
    if (uint8_t r = exact(name.substr(0, colon))) return r;
  return kDep;
}

uint32_t relation_set_checksum() noexcept {
  std::string all;
  for (const char* n : kNames) (all += n) += '\n';
  return static_cast<uint32_t>(tagger_detail::hash_bytes(all.data(), all.size(), 77));
}

}  // namespace whosaid::dep

// parse/relations.h — the dependency relations the parser predicts (UD v2).
//
//   uint8_t id = whosaid::dep::relation_id("nsubj:pass");   // dep::kNsubjPass
//   const char* name = whosaid::dep::relation_name(id);     // "nsubj:pass"
//   if (whosaid::dep::is_subject(doc.tokens[i].dep)) ...
//
// Ids are stable within a model (a model stores relation_set_checksum() and is
// rejected when the list changes). 0 means "not parsed". The UD basic relations
// are kept with the subtypes that attribution and news text need (nsubj:pass,
// obl:agent, acl:relcl, nmod:poss, compound:prt, ...); any other subtype maps to
// its base relation (obl:tmod → obl, flat:name → flat).
#pragma once

#include <cstdint>
#include <string_view>

namespace whosaid::dep {

enum Relation : uint8_t {
  kNone = 0,
  kRoot, kNsubj, kNsubjPass, kNsubjOuter, kObj, kIobj, kCsubj, kCsubjPass, kCcomp, kXcomp,
  kObl, kOblAgent, kOblUnmarked, kOblTmod, kVocative, kExpl, kDislocated, kAdvcl, kAdvclRelcl,
  kAdvmod, kDiscourse, kAux, kAuxPass, kCop, kMark, kNmod, kNmodPoss, kNmodUnmarked, kNmodDesc,
  kNmodTmod, kAppos, kNummod, kAcl, kAclRelcl, kAmod, kDet, kDetPredet, kClf, kCase, kConj, kCc,
  kCcPreconj, kFixed, kFlat, kCompound, kCompoundPrt, kList, kParataxis, kOrphan, kGoeswith,
  kReparandum, kPunct, kDep,
  kNumRelations
};

// "nsubj:pass"; "" for kNone or an id out of range.
const char* relation_name(uint8_t id) noexcept;
// The id of a UD relation; an unknown subtype gives its base relation, an
// unknown base relation kDep, "" or "_" kNone.
uint8_t relation_id(std::string_view name) noexcept;
// Changes whenever the list above changes (stored in models).
uint32_t relation_set_checksum() noexcept;

inline bool is_subject(uint8_t r) noexcept {  // nsubj, nsubj:pass, nsubj:outer, csubj*
  return r == kNsubj || r == kNsubjPass || r == kNsubjOuter || r == kCsubj || r == kCsubjPass;
}
inline bool is_object(uint8_t r) noexcept { return r == kObj || r == kIobj; }
// ccomp, xcomp, parataxis: what a speech verb's content hangs from.
inline bool is_clausal_complement(uint8_t r) noexcept {
  return r == kCcomp || r == kXcomp || r == kParataxis;
}

}  // namespace whosaid::dep

// tagger/tag_set.h — the part-of-speech tag ids stored in Token::tag.
//
//   if (whosaid::pos::is_proper_noun(tok.tag)) ...
//   std::cout << whosaid::pos::upos_name(tok.tag) << "/" << whosaid::pos::penn_name(tok.tag);
//
// A tag id names one (UPOS, Penn XPOS) pair from a fixed table: every combination
// seen in UD English EWT (111 of them), ordered by UPOS. Id 0 means "not tagged".
// Ids are stable: the table only ever grows at the end, and a model records a
// checksum of the table it was trained for (see tagger.h). All functions accept
// any uint8_t; ids past the table behave like 0.
#pragma once

#include <cstdint>
#include <string_view>

namespace whosaid::pos {

// Universal part-of-speech tags (https://universaldependencies.org/u/pos/).
enum class Upos : uint8_t {
  kNone = 0,  // not tagged
  kADJ, kADP, kADV, kAUX, kCCONJ, kDET, kINTJ, kNOUN, kNUM, kPART, kPRON, kPROPN,
  kPUNCT, kSCONJ, kSYM, kVERB, kX,
};
inline constexpr int kNumUpos = 18;  // including kNone

// Number of tag ids, 0 included: valid ids are 1 .. kNumTags - 1.
inline constexpr int kNumTags = 112;

Upos upos(uint8_t tag) noexcept;
const char* upos_name(uint8_t tag) noexcept;   // "NOUN"; "" for 0
const char* penn_name(uint8_t tag) noexcept;   // "NNS"; "" for 0
const char* upos_name(Upos u) noexcept;        // "NOUN"; "" for kNone

// The id of a (UPOS, Penn) pair, or 0 when the pair is not in the table.
uint8_t tag_id(std::string_view upos, std::string_view penn) noexcept;
// The most frequent id for a UPOS name (NOUN → NOUN/NN), or 0 when unknown.
uint8_t default_tag(std::string_view upos) noexcept;
// A checksum of the table, recorded in models to detect a table mismatch.
uint32_t tag_set_checksum() noexcept;

// Ids of tags the tagger forces for quotation marks.
uint8_t open_quote_tag() noexcept;   // PUNCT/``
uint8_t close_quote_tag() noexcept;  // PUNCT/''

// By UPOS.
inline bool is_noun(uint8_t t) noexcept { return upos(t) == Upos::kNOUN; }
inline bool is_proper_noun(uint8_t t) noexcept { return upos(t) == Upos::kPROPN; }
inline bool is_nominal(uint8_t t) noexcept {  // NOUN or PROPN
  Upos u = upos(t);
  return u == Upos::kNOUN || u == Upos::kPROPN;
}
inline bool is_verb(uint8_t t) noexcept { return upos(t) == Upos::kVERB; }
inline bool is_auxiliary(uint8_t t) noexcept { return upos(t) == Upos::kAUX; }
inline bool is_verbal(uint8_t t) noexcept {  // VERB or AUX
  Upos u = upos(t);
  return u == Upos::kVERB || u == Upos::kAUX;
}
inline bool is_pronoun(uint8_t t) noexcept { return upos(t) == Upos::kPRON; }
inline bool is_determiner(uint8_t t) noexcept { return upos(t) == Upos::kDET; }
inline bool is_adjective(uint8_t t) noexcept { return upos(t) == Upos::kADJ; }
inline bool is_adverb(uint8_t t) noexcept { return upos(t) == Upos::kADV; }
inline bool is_adposition(uint8_t t) noexcept { return upos(t) == Upos::kADP; }
inline bool is_conjunction(uint8_t t) noexcept {  // CCONJ or SCONJ
  Upos u = upos(t);
  return u == Upos::kCCONJ || u == Upos::kSCONJ;
}
inline bool is_particle(uint8_t t) noexcept { return upos(t) == Upos::kPART; }
inline bool is_number(uint8_t t) noexcept { return upos(t) == Upos::kNUM; }
inline bool is_punct(uint8_t t) noexcept { return upos(t) == Upos::kPUNCT; }

// By Penn tag, for distinctions UPOS does not make.
bool is_past_tense(uint8_t t) noexcept;       // VBD
bool is_past_participle(uint8_t t) noexcept;  // VBN
bool is_present_3sg(uint8_t t) noexcept;      // VBZ
bool is_finite_verb(uint8_t t) noexcept;      // VBD VBZ VBP MD
bool is_possessive(uint8_t t) noexcept;       // POS ('s) or PRP$ / WP$ (his, whose)
bool is_wh_word(uint8_t t) noexcept;          // WDT WP WP$ WRB
bool is_plural_noun(uint8_t t) noexcept;      // NNS NNPS

}  // namespace whosaid::pos

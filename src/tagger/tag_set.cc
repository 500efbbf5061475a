#include "tagger/tag_set.h"

#include <array>
#include <cstring>

namespace whosaid::pos {
namespace {

struct TagEntry {
  Upos upos;
  const char* penn;
};

// Append only: a tag's id is its position + 1, stored in models and in Token::tag.
constexpr TagEntry kTags[] = {
    {Upos::kADJ, "JJ"},  //   1, 14759 in UD EWT 2.x
    {Upos::kADJ, "NNP"},  //   2, 789 in UD EWT 2.x
    {Upos::kADJ, "JJS"},  //   3, 618 in UD EWT 2.x
    {Upos::kADJ, "JJR"},  //   4, 606 in UD EWT 2.x
    {Upos::kADJ, "AFX"},  //   5, 9 in UD EWT 2.x
    {Upos::kADJ, "GW"},  //   6, 9 in UD EWT 2.x
    {Upos::kADP, "IN"},  //   7, 20873 in UD EWT 2.x
    {Upos::kADP, "RP"},  //   8, 929 in UD EWT 2.x
    {Upos::kADP, "GW"},  //   9, 6 in UD EWT 2.x
    {Upos::kADP, "NNP"},  //  10, 1 in UD EWT 2.x
    {Upos::kADP, "RB"},  //  11, 1 in UD EWT 2.x
    {Upos::kADV, "RB"},  //  12, 10974 in UD EWT 2.x
    {Upos::kADV, "WRB"},  //  13, 1050 in UD EWT 2.x
    {Upos::kADV, "RBR"},  //  14, 380 in UD EWT 2.x
    {Upos::kADV, "RBS"},  //  15, 135 in UD EWT 2.x
    {Upos::kADV, "FW"},  //  16, 18 in UD EWT 2.x
    {Upos::kADV, "GW"},  //  17, 14 in UD EWT 2.x
    {Upos::kADV, "AFX"},  //  18, 13 in UD EWT 2.x
    {Upos::kADV, "NNP"},  //  19, 5 in UD EWT 2.x
    {Upos::kAUX, "MD"},  //  20, 4049 in UD EWT 2.x
    {Upos::kAUX, "VBZ"},  //  21, 3870 in UD EWT 2.x
    {Upos::kAUX, "VBP"},  //  22, 3409 in UD EWT 2.x
    {Upos::kAUX, "VBD"},  //  23, 2359 in UD EWT 2.x
    {Upos::kAUX, "VB"},  //  24, 1635 in UD EWT 2.x
    {Upos::kAUX, "VBN"},  //  25, 418 in UD EWT 2.x
    {Upos::kAUX, "VBG"},  //  26, 183 in UD EWT 2.x
    {Upos::kAUX, "GW"},  //  27, 2 in UD EWT 2.x
    {Upos::kCCONJ, "CC"},  //  28, 8202 in UD EWT 2.x
    {Upos::kDET, "DT"},  //  29, 19764 in UD EWT 2.x
    {Upos::kDET, "PDT"},  //  30, 215 in UD EWT 2.x
    {Upos::kDET, "WDT"},  //  31, 115 in UD EWT 2.x
    {Upos::kDET, "NNP"},  //  32, 1 in UD EWT 2.x
    {Upos::kDET, "RB"},  //  33, 1 in UD EWT 2.x
    {Upos::kINTJ, "UH"},  //  34, 927 in UD EWT 2.x
    {Upos::kINTJ, "FW"},  //  35, 2 in UD EWT 2.x
    {Upos::kINTJ, "WP"},  //  36, 2 in UD EWT 2.x
    {Upos::kNOUN, "NN"},  //  37, 32706 in UD EWT 2.x
    {Upos::kNOUN, "NNS"},  //  38, 10287 in UD EWT 2.x
    {Upos::kNOUN, "FW"},  //  39, 71 in UD EWT 2.x
    {Upos::kNOUN, "GW"},  //  40, 11 in UD EWT 2.x
    {Upos::kNOUN, "AFX"},  //  41, 9 in UD EWT 2.x
    {Upos::kNUM, "CD"},  //  42, 4904 in UD EWT 2.x
    {Upos::kNUM, "LS"},  //  43, 125 in UD EWT 2.x
    {Upos::kNUM, "NNP"},  //  44, 20 in UD EWT 2.x
    {Upos::kNUM, "GW"},  //  45, 2 in UD EWT 2.x
    {Upos::kPART, "TO"},  //  46, 4019 in UD EWT 2.x
    {Upos::kPART, "RB"},  //  47, 2183 in UD EWT 2.x
    {Upos::kPART, "POS"},  //  48, 842 in UD EWT 2.x
    {Upos::kPRON, "PRP"},  //  49, 15127 in UD EWT 2.x
    {Upos::kPRON, "PRP$"},  //  50, 3689 in UD EWT 2.x
    {Upos::kPRON, "WDT"},  //  51, 1068 in UD EWT 2.x
    {Upos::kPRON, "DT"},  //  52, 994 in UD EWT 2.x
    {Upos::kPRON, "WP"},  //  53, 969 in UD EWT 2.x
    {Upos::kPRON, "NN"},  //  54, 725 in UD EWT 2.x
    {Upos::kPRON, "EX"},  //  55, 466 in UD EWT 2.x
    {Upos::kPRON, "WP$"},  //  56, 16 in UD EWT 2.x
    {Upos::kPRON, "GW"},  //  57, 10 in UD EWT 2.x
    {Upos::kPRON, "CD"},  //  58, 2 in UD EWT 2.x
    {Upos::kPROPN, "NNP"},  //  59, 15355 in UD EWT 2.x
    {Upos::kPROPN, "NNPS"},  //  60, 730 in UD EWT 2.x
    {Upos::kPROPN, "ADD"},  //  61, 420 in UD EWT 2.x
    {Upos::kPROPN, "GW"},  //  62, 57 in UD EWT 2.x
    {Upos::kPUNCT, "."},  //  63, 13271 in UD EWT 2.x
    {Upos::kPUNCT, ","},  //  64, 9833 in UD EWT 2.x
    {Upos::kPUNCT, "-RRB-"},  //  65, 1240 in UD EWT 2.x
    {Upos::kPUNCT, "-LRB-"},  //  66, 1203 in UD EWT 2.x
    {Upos::kPUNCT, ":"},  //  67, 1073 in UD EWT 2.x
    {Upos::kPUNCT, "``"},  //  68, 992 in UD EWT 2.x
    {Upos::kPUNCT, "''"},  //  69, 962 in UD EWT 2.x
    {Upos::kPUNCT, "HYPH"},  //  70, 844 in UD EWT 2.x
    {Upos::kPUNCT, "NFP"},  //  71, 344 in UD EWT 2.x
    {Upos::kPUNCT, "GW"},  //  72, 3 in UD EWT 2.x
    {Upos::kPUNCT, "SYM"},  //  73, 2 in UD EWT 2.x
    {Upos::kSCONJ, "IN"},  //  74, 4599 in UD EWT 2.x
    {Upos::kSCONJ, "GW"},  //  75, 1 in UD EWT 2.x
    {Upos::kSYM, "$"},  //  76, 303 in UD EWT 2.x
    {Upos::kSYM, "SYM"},  //  77, 236 in UD EWT 2.x
    {Upos::kSYM, "NFP"},  //  78, 155 in UD EWT 2.x
    {Upos::kSYM, ","},  //  79, 112 in UD EWT 2.x
    {Upos::kSYM, "NN"},  //  80, 96 in UD EWT 2.x
    {Upos::kSYM, "HYPH"},  //  81, 8 in UD EWT 2.x
    {Upos::kSYM, "IN"},  //  82, 1 in UD EWT 2.x
    {Upos::kSYM, "NNS"},  //  83, 1 in UD EWT 2.x
    {Upos::kVERB, "VB"},  //  84, 10088 in UD EWT 2.x
    {Upos::kVERB, "VBN"},  //  85, 4468 in UD EWT 2.x
    {Upos::kVERB, "VBD"},  //  86, 4096 in UD EWT 2.x
    {Upos::kVERB, "VBG"},  //  87, 3870 in UD EWT 2.x
    {Upos::kVERB, "VBP"},  //  88, 3422 in UD EWT 2.x
    {Upos::kVERB, "VBZ"},  //  89, 1919 in UD EWT 2.x
    {Upos::kVERB, "NNP"},  //  90, 16 in UD EWT 2.x
    {Upos::kVERB, "AFX"},  //  91, 6 in UD EWT 2.x
    {Upos::kVERB, "GW"},  //  92, 3 in UD EWT 2.x
    {Upos::kX, "GW"},  //  93, 227 in UD EWT 2.x
    {Upos::kX, "NN"},  //  94, 64 in UD EWT 2.x
    {Upos::kX, "FW"},  //  95, 56 in UD EWT 2.x
    {Upos::kX, "ADD"},  //  96, 55 in UD EWT 2.x
    {Upos::kX, "AFX"},  //  97, 38 in UD EWT 2.x
    {Upos::kX, "JJ"},  //  98, 17 in UD EWT 2.x
    {Upos::kX, "RB"},  //  99, 16 in UD EWT 2.x
    {Upos::kX, "IN"},  // 100, 7 in UD EWT 2.x
    {Upos::kX, "VB"},  // 101, 6 in UD EWT 2.x
    {Upos::kX, "PRP"},  // 102, 3 in UD EWT 2.x
    {Upos::kX, "NNP"},  // 103, 2 in UD EWT 2.x
    {Upos::kX, "VBN"},  // 104, 2 in UD EWT 2.x
    {Upos::kX, "WRB"},  // 105, 2 in UD EWT 2.x
    {Upos::kX, "-LRB-"},  // 106, 1 in UD EWT 2.x
    {Upos::kX, "-RRB-"},  // 107, 1 in UD EWT 2.x
    {Upos::kX, "MD"},  // 108, 1 in UD EWT 2.x
    {Upos::kX, "VBD"},  // 109, 1 in UD EWT 2.x
    {Upos::kX, "VBZ"},  // 110, 1 in UD EWT 2.x
    {Upos::kX, "WP"},  // 111, 1 in UD EWT 2.x
};
static_assert(std::size(kTags) + 1 == kNumTags, "update kNumTags with the table");

constexpr const char* kUposNames[kNumUpos] = {
    "",     "ADJ",  "ADP",   "ADV",   "AUX",   "CCONJ", "DET",   "INTJ", "NOUN",
    "NUM",  "PART", "PRON",  "PROPN", "PUNCT", "SCONJ", "SYM",   "VERB", "X",
};

const TagEntry* entry(uint8_t tag) noexcept {
  return tag >= 1 && tag < kNumTags ? &kTags[tag - 1] : nullptr;
}

bool penn_is(uint8_t tag, std::initializer_list<const char*> names) noexcept {
  const TagEntry* e = entry(tag);
  if (!e) return false;
  for (const char* n : names)
    if (std::strcmp(e->penn, n) == 0) return true;
  return false;
}

}  // namespace

Upos upos(uint8_t tag) noexcept {
  const TagEntry* e = entry(tag);
  return e ? e->upos : Upos::kNone;
}
const char* upos_name(Upos u) noexcept {
  auto i = static_cast<size_t>(u);
  return i < kNumUpos ? kUposNames[i] : "";
}
const char* upos_name(uint8_t tag) noexcept { return upos_name(upos(tag)); }
const char* penn_name(uint8_t tag) noexcept {
  const TagEntry* e = entry(tag);
  return e ? e->penn : "";
}

uint8_t tag_id(std::string_view upos_str, std::string_view penn) noexcept {
  for (size_t i = 0; i < std::size(kTags); ++i)
    if (penn == kTags[i].penn && upos_str == upos_name(kTags[i].upos))
      return static_cast<uint8_t>(i + 1);
  return 0;
}

uint8_t default_tag(std::string_view upos_str) noexcept {
  // The table lists each UPOS's most frequent pair first.
  for (size_t i = 0; i < std::size(kTags); ++i)
    if (upos_str == upos_name(kTags[i].upos)) return static_cast<uint8_t>(i + 1);
  return 0;
}

uint32_t tag_set_checksum() noexcept {
  uint32_t h = 2166136261u;  // FNV-1a over "UPOS/PENN\n" lines
  auto add = [&h](const char* s) {
    for (; *s; ++s) h = (h ^ static_cast<unsigned char>(*s)) * 16777619u;
  };
  for (const TagEntry& e : kTags) {
    add(upos_name(e.upos));
    add("/");
    add(e.penn);
    add("\n");
  }
  return h;
}

uint8_t open_quote_tag() noexcept {
  static const uint8_t id = tag_id("PUNCT", "``");
  return id;
}
uint8_t close_quote_tag() noexcept {
  static const uint8_t id = tag_id("PUNCT", "''");
  return id;
}

namespace {

// One bit per Penn-tag predicate below, for every tag id: the predicates run in
// the attributor's inner loops, so they are table look-ups, not string compares.
enum PennClass : uint8_t {
  kPastTense = 1 << 0, kPastParticiple = 1 << 1, kPresent3sg = 1 << 2, kFinite = 1 << 3,
  kPossessive = 1 << 4, kWhWord = 1 << 5, kPluralNoun = 1 << 6,
};

struct PennClasses {
  uint8_t bits[kNumTags] = {};
  PennClasses() {
    for (int t = 1; t < kNumTags; ++t) {
      const auto id = static_cast<uint8_t>(t);
      uint8_t b = 0;
      if (penn_is(id, {"VBD"})) b |= kPastTense;
      if (penn_is(id, {"VBN"})) b |= kPastParticiple;
      if (penn_is(id, {"VBZ"})) b |= kPresent3sg;
      if (penn_is(id, {"VBD", "VBZ", "VBP", "MD"})) b |= kFinite;
      if (penn_is(id, {"POS", "PRP$", "WP$"})) b |= kPossessive;
      if (penn_is(id, {"WDT", "WP", "WP$", "WRB"})) b |= kWhWord;
      if (penn_is(id, {"NNS", "NNPS"})) b |= kPluralNoun;
      bits[t] = b;
    }
  }
};

bool penn_class(uint8_t t, PennClass c) noexcept {
  static const PennClasses table;
  return t < kNumTags && (table.bits[t] & c) != 0;
}

}  // namespace

bool is_past_tense(uint8_t t) noexcept { return penn_class(t, kPastTense); }
bool is_past_participle(uint8_t t) noexcept { return penn_class(t, kPastParticiple); }
bool is_present_3sg(uint8_t t) noexcept { return penn_class(t, kPresent3sg); }
bool is_finite_verb(uint8_t t) noexcept { return penn_class(t, kFinite); }
bool is_possessive(uint8_t t) noexcept { return penn_class(t, kPossessive); }
bool is_wh_word(uint8_t t) noexcept { return penn_class(t, kWhWord); }
bool is_plural_noun(uint8_t t) noexcept { return penn_class(t, kPluralNoun); }

}  // namespace whosaid::pos

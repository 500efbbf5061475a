// The strict name rule of docs/eval.md ("Names"): normalising a name to words,
// comparing two names, and judging a prediction against a gold name.
#include <algorithm>
#include <array>
#include <string>
#include <vector>

#include "eval/chars.h"
#include "whosaid/eval.h"

namespace whosaid::eval {
namespace {

// Titles, honorifics and forms of address dropped from the front of a name,
// repeatedly ("Prime Minister John Key" → john key). Lower case, sorted.
// "The" is here so that "The Independent" is "Independent". Royal titles are
// here too ("King Charles" → charles).
constexpr auto kNameTitles = std::to_array<std::string_view>({
    "adm", "ambassador", "archbishop", "bishop", "capt", "captain", "cardinal", "chancellor",
    "chief", "col", "colonel", "commissioner", "congressman", "congresswoman", "dame", "deputy",
    "dr", "father", "former", "gen", "general", "gov", "governor", "judge", "justice", "king",
    "lady", "lord", "lt", "mayor", "minister", "miss", "mr", "mrs", "ms", "mx", "pope", "premier",
    "president", "prime", "prince", "princess", "prof", "professor", "queen", "rep",
    "representative", "rev", "reverend", "secretary", "sen", "senator", "sgt", "sir", "the", "vice",
});
static_assert(std::is_sorted(kNameTitles.begin(), kNameTitles.end()));

// Generational suffixes and post-nominal letters dropped from the end.
constexpr auto kNameSuffixes = std::to_array<std::string_view>({"esq", "jr", "kc", "md", "mp", "phd", "qc", "sr"});

// Personal, possessive, reflexive, relative, interrogative and demonstrative
// pronouns. Lower case, sorted.
constexpr auto kPronouns = std::to_array<std::string_view>({
    "he",         "her",   "hers",     "herself", "him",      "himself",  "his",   "i",
    "it",         "its",   "itself",   "me",      "mine",     "my",       "myself", "one",
    "oneself",    "our",   "ours",     "ourselves", "she",    "that",     "their", "theirs",
    "them",       "themselves", "these", "they",  "this",     "those",    "us",    "we",
    "what",       "which", "who",      "whoever", "whom",     "whose",    "you",   "your",
    "yours",      "yourself",
});
static_assert(std::is_sorted(kPronouns.begin(), kPronouns.end()));

static_assert(std::is_sorted(kNameSuffixes.begin(), kNameSuffixes.end()));

template <size_t N>
bool in(const std::array<std::string_view, N>& sorted, std::string_view word) {
  return std::binary_search(sorted.begin(), sorted.end(), word);
}

// Simple lower case for the scripts names here use; other code points unchanged.
uint32_t fold(uint32_t c) noexcept {
  if (c >= 'A' && c <= 'Z') return c + 0x20;
  if (c < 0xC0) return c;
  if (c <= 0xDE) return c == 0xD7 ? c : c + 0x20;                      // À..Þ
  if (c >= 0x100 && c <= 0x137) return c | 1;                          // Ā..ķ: even upper
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) {      // Ĺ..ň, Ź..ž: odd upper
    return (c & 1) ? c + 1 : c;
  }
  if (c >= 0x14A && c <= 0x177) return c | 1;                          // Ŋ..ŷ: even upper
  if (c >= 0x391 && c <= 0x3AB && c != 0x3A2) return c + 0x20;         // Greek
  if (c >= 0x410 && c <= 0x42F) return c + 0x20;                       // Cyrillic А..Я
  if (c >= 0x400 && c <= 0x40F) return c + 0x50;                       // Ѐ..Џ
  return c;
}

void append_utf8(std::string& out, uint32_t c) {
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
}

bool is_apostrophe(uint32_t c) { return c == '\'' || c == 0x2019 || c == 0x2018 || c == 0x02BC; }

// Words before titles and suffixes are dropped.
std::vector<std::string> raw_words(std::string_view s) {
  std::vector<std::string> out;
  std::string word;
  auto flush = [&] {
    if (!word.empty()) out.push_back(std::move(word));
    word.clear();
  };
  size_t i = 0;
  while (i < s.size()) {
    const chars::CodePoint cp = chars::decode(s, i);
    if (chars::is_word_char(cp.value)) {
      append_utf8(word, fold(cp.value));
    } else if (is_apostrophe(cp.value) && !word.empty()) {
      // Possessive 's (followed by no letter or digit) ends the word; any other
      // apostrophe is deleted: "Key's" → key, "Galois'" → galois, "O'Neill" → oneill.
      const size_t next = i + cp.size;
      if (next < s.size() && (s[next] == 's' || s[next] == 'S')) {
        const size_t after = next + 1;
        if (after >= s.size() || !chars::is_word_char(chars::decode(s, after).value)) {
          flush();
          i = after;
          continue;
        }
      }
    } else {
      flush();
    }
    i += cp.size;
  }
  flush();
  return out;
}

// Drops one-letter words that are neither first nor last (middle initials).
std::vector<std::string> without_middle_initials(const std::vector<std::string>& words) {
  if (words.size() <= 2) return words;
  std::vector<std::string> out{words.front()};
  for (size_t i = 1; i + 1 < words.size(); ++i) {
    if (chars::decode(words[i], 0).size < words[i].size()) out.push_back(words[i]);  // more than one code point
  }
  out.push_back(words.back());
  return out;
}

}  // namespace

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words = raw_words(name);
  size_t first = 0;
  while (first < words.size() && in(kNameTitles, words[first])) ++first;
  size_t last = words.size();
  while (last > first && in(kNameSuffixes, words[last - 1])) --last;
  return {words.begin() + static_cast<std::ptrdiff_t>(first), words.begin() + static_cast<std::ptrdiff_t>(last)};
}

bool is_pronoun_name(std::string_view name) {
  const std::vector<std::string> words = raw_words(name);
  return words.size() == 1 && in(kPronouns, words.front());
}

bool same_person(std::string_view gold, std::string_view predicted) {
  const std::vector<std::string> g = name_words(gold), p = name_words(predicted);
  if (g.empty() || p.empty()) return false;
  if (g == p) return true;
  if (g.size() == 1 || p.size() == 1) return g.back() == p.back();
  return without_middle_initials(g) == without_middle_initials(p);
}

NameVerdict judge_name(std::string_view gold_name, const Quote& predicted) {
  if (!predicted.speaker) return NameVerdict::kPronounOrEmpty;
  const std::string& name = predicted.speaker->name;
  if (is_pronoun_name(name) || name_words(name).empty()) return NameVerdict::kPronounOrEmpty;
  return same_person(gold_name, name) ? NameVerdict::kExact : NameVerdict::kWrong;
}

bool named_gold(const GoldAttribution& gold) {
  return gold.speaker && gold.speaker_is_name && !name_words(*gold.speaker).empty();
}

}  // namespace whosaid::eval

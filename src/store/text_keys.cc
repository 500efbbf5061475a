#include "store/text_keys.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <unordered_set>

namespace whosaid::store {

using namespace std::literals;

uint64_t fnv1a64(std::string_view s, uint64_t seed) {
  uint64_t h = seed;
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ull;
  }
  return h;
}

namespace {

// Decodes one UTF-8 code point at s[i], advancing i; invalid bytes give U+FFFD.
char32_t next_code_point(std::string_view s, size_t& i) {
  unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) { ++i; return c; }
  int len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) { ++i; return 0xFFFD; }
  char32_t cp = c & (0x7F >> len);
  for (int k = 1; k < len; ++k) {
    unsigned char d = static_cast<unsigned char>(s[i + k]);
    if ((d & 0xC0) != 0x80) { ++i; return 0xFFFD; }
    cp = (cp << 6) | (d & 0x3F);
  }
  i += len;
  return cp;
}

// Base letters of U+00C0..U+017F ('\0' = not a letter), lower case.
constexpr std::string_view kLatin1 =
    "aaaaaaaceeeeiiii"  // C0-CF (C6 Æ → a)
    "dnooooo\0ouuuuyts"  // D0-DF (D7 × not a letter, DE Þ → t, DF ß → s)
    "aaaaaaaceeeeiiii"  // E0-EF
    "dnooooo\0ouuuuyty"sv;  // F0-FF (F7 ÷)
constexpr std::string_view kLatinA =
    "aaaaaaccccccccdd"  // 0100
    "ddeeeeeeeeeegggg"  // 0110
    "gggghhhhiiiiiiii"  // 0120
    "iiiijjkkklllllll"  // 0130
    "lllnnnnnnnnnoooo"  // 0140
    "oooorrrrrrssssss"  // 0150
    "ssttttttuuuuuuuu"  // 0160
    "uuuuwwyyyzzzzzzs"sv;  // 0170

// What a code point becomes in a key: a letter, '\0' to drop it, ' ' to split.
char fold_char(char32_t cp) {
  if (cp < 0x80) {
    char c = static_cast<char>(cp);
    if (c >= 'A' && c <= 'Z') return static_cast<char>(c - 'A' + 'a');
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) return c;
    if (c == '\'' || c == '.' || c == '`' || c == '"') return '\0';
    return ' ';
  }
  if (cp >= 0xC0 && cp <= 0xFF) {
    char b = kLatin1[cp - 0xC0];
    return b ? b : ' ';
  }
  if (cp >= 0x100 && cp <= 0x17F) return kLatinA[cp - 0x100];
  switch (cp) {
    case 0x2018: case 0x2019: case 0x201B: case 0x02BC: case 0x00B4:  // ‘ ’ ‛ ʼ ´
    case 0x201C: case 0x201D: case 0x201E: case 0x00AB: case 0x00BB:  // “ ” „ « »
    case 0x00AD: case 0x200B:  // soft hyphen, zero-width space
      return '\0';
    default:
      break;
  }
  // Other letters (Greek, Cyrillic, CJK...) are kept as they are by the caller.
  return 1;
}

}  // namespace

std::string fold_key(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  bool space = true;  // suppress leading spaces
  for (size_t i = 0; i < s.size();) {
    size_t start = i;
    char32_t cp = next_code_point(s, i);
    char f = fold_char(cp);
    if (f == '\0') continue;
    if (f == ' ') {
      if (!space) out.push_back(' ');
      space = true;
      continue;
    }
    if (f == 1) {
      // Non-Latin: punctuation blocks split words, anything else is kept verbatim.
      if ((cp >= 0x2000 && cp <= 0x206F) || (cp >= 0x3000 && cp <= 0x303F) || cp == 0xFFFD ||
          (cp >= 0x00A0 && cp <= 0x00BF)) {
        if (!space) out.push_back(' ');
        space = true;
        continue;
      }
      out.append(s.substr(start, i - start));
    } else {
      out.push_back(f);
    }
    space = false;
  }
  if (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

std::vector<std::string> key_words(std::string_view s) {
  std::vector<std::string> words;
  std::string key = fold_key(s);
  size_t i = 0;
  while (i < key.size()) {
    size_t j = key.find(' ', i);
    if (j == std::string::npos) j = key.size();
    words.emplace_back(key.substr(i, j - i));
    i = j + 1;
  }
  return words;
}

namespace {

const std::unordered_set<std::string_view>& pronouns() {
  static const std::unordered_set<std::string_view> set = {
      "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her",
      "hers", "it", "its", "they", "them", "their", "who", "whom", "whose", "which", "that",
      "this", "these", "those", "one", "someone", "somebody", "everyone", "anyone",
      "himself", "herself", "themselves", "itself", "myself", "ourselves"};
  return set;
}

// Titles dropped before a name; gender is 'm'/'f' for gendered ones.
struct Title {
  std::string_view word;
  char gender;
};
constexpr std::array kTitles = {
    Title{"mr", 'm'}, Title{"mister", 'm'}, Title{"sir", 'm'}, Title{"lord", 'm'},
    Title{"king", 'm'}, Title{"prince", 'm'}, Title{"father", 'm'}, Title{"brother", 'm'},
    Title{"mrs", 'f'}, Title{"ms", 'f'}, Title{"miss", 'f'}, Title{"dame", 'f'},
    Title{"lady", 'f'}, Title{"queen", 'f'}, Title{"princess", 'f'}, Title{"sister", 'f'},
    Title{"madam", 'f'}, Title{"mx", 0}, Title{"dr", 0}, Title{"doctor", 0},
    Title{"prof", 0}, Title{"professor", 0}, Title{"rev", 0}, Title{"reverend", 0},
    Title{"hon", 0}, Title{"honourable", 0}, Title{"honorable", 0}, Title{"the", 0},
    Title{"president", 0}, Title{"prime", 0}, Title{"minister", 0}, Title{"senator", 0},
    Title{"sen", 0}, Title{"rep", 0}, Title{"representative", 0}, Title{"governor", 0},
    Title{"gov", 0}, Title{"mayor", 0}, Title{"judge", 0}, Title{"justice", 0},
    Title{"chancellor", 0}, Title{"secretary", 0}, Title{"general", 0}, Title{"gen", 0},
    Title{"colonel", 0}, Title{"col", 0}, Title{"captain", 0}, Title{"capt", 0},
    Title{"commissioner", 0}, Title{"chief", 0}, Title{"inspector", 0},
    Title{"detective", 0}, Title{"sergeant", 0}, Title{"sgt", 0}, Title{"constable", 0},
    Title{"officer", 0}, Title{"deputy", 0}, Title{"premier", 0}, Title{"leader", 0},
    Title{"councillor", 0}, Title{"cr", 0}, Title{"ambassador", 0}, Title{"coach", 0},
    Title{"superintendent", 0}, Title{"supt", 0}, Title{"bishop", 0},
    Title{"archbishop", 0}, Title{"pope", 0}, Title{"cardinal", 0}, Title{"rabbi", 0},
    Title{"imam", 0}, Title{"speaker", 0}, Title{"mp", 0}, Title{"vice", 0},
    Title{"acting", 0}, Title{"former", 0}, Title{"foreign", 0}, Title{"finance", 0},
    Title{"health", 0}, Title{"defence", 0}, Title{"defense", 0}, Title{"attorney", 0},
    Title{"state", 0}, Title{"labour", 0}, Title{"national", 0}, Title{"green", 0},
    Title{"party", 0}, Title{"co", 0}, Title{"opposition", 0}, Title{"associate", 0},
    Title{"assistant", 0}, Title{"education", 0}, Title{"police", 0}, Title{"of", 0},
    Title{"ceo", 0}, Title{"chairman", 0}, Title{"chairwoman", 0}, Title{"chair", 0},
    Title{"director", 0}, Title{"spokesman", 0}, Title{"spokeswoman", 0},
    Title{"spokesperson", 0}, Title{"chairperson", 0}, Title{"executive", 0},
};
constexpr std::array<std::string_view, 10> kSuffixes = {"jr", "jnr", "sr", "snr", "ii", "iii",
                                                        "iv", "qc", "kc", "mp"};
constexpr std::array<std::string_view, 14> kParticles = {
    "van", "von", "der", "den", "de", "del", "della", "da", "di", "du", "le", "la", "bin", "al"};

const Title* find_title(std::string_view w) {
  for (const Title& t : kTitles)
    if (t.word == w) return &t;
  return nullptr;
}

bool is_suffix(std::string_view w) {
  return std::find(kSuffixes.begin(), kSuffixes.end(), w) != kSuffixes.end();
}
bool is_particle(std::string_view w) {
  return std::find(kParticles.begin(), kParticles.end(), w) != kParticles.end();
}

// True when the raw name starts with an upper-case letter (ASCII or Latin-1/A)
// once leading punctuation is skipped: "the spokesman" is not a name.
bool starts_capitalised(std::string_view name) {
  for (size_t i = 0; i < name.size();) {
    char32_t cp = next_code_point(name, i);
    if (cp < 0x80) {
      if (cp >= 'A' && cp <= 'Z') return true;
      if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) return false;
      continue;
    }
    if (cp >= 0xC0 && cp <= 0xDE) return true;
    if (cp >= 0x100 && cp <= 0x17F) return cp % 2 == 0;  // even: upper case in Latin A
    return true;  // other scripts: give the benefit of the doubt
  }
  return false;
}

// Two or more capital letters and nothing else ("US", "IT"): an acronym, not
// the pronoun its letters spell.
bool acronym(std::string_view w) {
  return w.size() >= 2 && std::all_of(w.begin(), w.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
}

}  // namespace

bool is_pronoun(std::string_view word) {
  return !acronym(trim(word)) && pronouns().count(fold_key(word)) > 0;
}

PersonName parse_person_name(std::string_view name) {
  PersonName p;
  // Words of the raw name, so that capitalisation tells titles from names.
  std::vector<std::string> raw;
  {
    std::string cur;
    for (char c : name) {
      if (c == ' ' || c == '\t' || c == '\n' || c == ',') {
        if (!cur.empty()) raw.push_back(std::move(cur)), cur.clear();
      } else {
        cur.push_back(c);
      }
    }
    if (!cur.empty()) raw.push_back(std::move(cur));
  }
  std::vector<std::string> words;
  for (const std::string& r : raw)
    for (std::string& w : key_words(r)) words.push_back(std::move(w));
  // A surname whose particle is written in lower case ("da Silva", "de
  // Vabres": the resolver drops the title before it) is a name too.
  const bool particle_first = raw.size() >= 2 && is_particle(fold_key(raw[0])) && starts_capitalised(raw[1]) &&
                              !raw[0].empty() && raw[0][0] >= 'a' && raw[0][0] <= 'z';
  if (words.empty() || !(starts_capitalised(name) || particle_first)) return p;
  if (words.size() == 1 && pronouns().count(words[0]) && !(raw.size() == 1 && acronym(raw[0]))) return p;
  for (const std::string& w : words)
    if (pronouns().count(w) && words.size() <= 2) return p;  // "He himself"

  size_t b = 0, e = words.size();
  // Titles in front, while at least one word remains.
  while (b + 1 < e) {
    const Title* t = find_title(words[b]);
    if (!t) break;
    if (t->gender && !p.gender) p.gender = t->gender;
    ++b;
  }
  while (e - b > 1 && is_suffix(words[e - 1])) --e;
  if (b == e) return p;
  if (find_title(words[b]) && e - b == 1) {
    // Only a title left ("the Minister"): not a person.
    if (words.size() == 1 || words[b] == "minister" || words[b] == "president") return p;
  }
  size_t s = e - 1;
  while (s > b && is_particle(words[s - 1])) --s;
  for (size_t i = s; i < e; ++i) {
    if (i > s) p.surname_key += ' ';
    p.surname_key += words[i];
  }
  for (size_t i = b; i < s; ++i) {
    if (i > b) p.given_key += ' ';
    p.given_key += words[i];
  }
  p.full_key = p.given_key.empty() ? p.surname_key : p.given_key + " " + p.surname_key;
  p.valid = true;
  return p;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

std::string display_name(std::string_view name, const PersonName& pn) {
  std::string n = trim(name);
  if (pn.given_key.empty()) return n;
  // Drop leading words while the rest still folds to the full key.
  std::string rest = n;
  while (true) {
    size_t sp = rest.find(' ');
    if (sp == std::string::npos) break;
    std::string shorter = rest.substr(sp + 1);
    if (fold_key(shorter).find(pn.full_key) == std::string::npos) break;
    rest = shorter;
  }
  return rest;
}

namespace {
// One party that news names two ways: "the Tories" and "the Conservatives",
// "the GOP" and "the Republicans" (the keys after party_form()).
std::string_view party_alias(std::string_view k) {
  static constexpr std::pair<std::string_view, std::string_view> kAliases[] = {{"tory", "conservative"},
                                                                               {"gop", "republican"}};
  for (const auto& [alias, name] : kAliases)
    if (k == alias) return name;
  return k;
}

// "Labour Party" is "Labour"; "the Conservatives", "a Conservative" and "the
// Conservative Party" one party: a last word "party" is left out, and a
// plural last word made singular ("tories" -> "tory").
void party_form(std::string& k) {
  if (k.size() > 6 && k.ends_with(" party")) k.resize(k.size() - 6);
  if (k.size() > 4 && k.ends_with("ies")) k.replace(k.size() - 3, 3, "y");
  else if (k.size() > 3 && k.back() == 's' && !k.ends_with("ss") && !k.ends_with("us") && !k.ends_with("is"))
    k.pop_back();
}
}  // namespace

std::string organisation_key(std::string_view name) {
  while (!name.empty() && name.front() == ' ') name.remove_prefix(1);
  if (name.size() > 4 && (name.substr(0, 4) == "the " || name.substr(0, 4) == "The "))
    name.remove_prefix(4);
  if (!starts_capitalised(name)) return {};
  std::string k = fold_key(name);
  if (k.rfind("the ", 0) == 0) k.erase(0, 4);
  if (pronouns().count(k) && !acronym(name)) return {};
  party_form(k);
  return std::string(party_alias(k));
}

bool abbreviates(std::string_view short_key, std::string_view long_key) {
  const std::vector<std::string> a = key_words(short_key), b = key_words(long_key);
  if (a.size() < 2 || a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    const std::string& s = a[i];
    const std::string& l = b[i];
    if (s.size() >= l.size() || s.front() != l.front()) return false;
    size_t at = 0;
    for (const char c : l)
      if (at < s.size() && c == s[at]) ++at;
    if (at != s.size()) return false;
  }
  return true;
}

namespace {
std::string role_key(std::string_view s) {
  // "Labour" and "Labour Party", "the Greens" and "Green Party" agree.
  static constexpr std::array<std::string_view, 5> kNoise = {"the", "party", "former", "of", "s"};
  std::string out;
  for (std::string& w : key_words(s)) {
    if (std::find(kNoise.begin(), kNoise.end(), w) != kNoise.end()) continue;
    if (w.size() > 2 && w.back() == 's') w.pop_back();  // Greens → green
    if (!out.empty()) out.push_back(' ');
    out += w;
  }
  return out;
}
}  // namespace

bool roles_agree(std::string_view a, std::string_view b) {
  std::string ka = role_key(a), kb = role_key(b);
  if (ka.empty() || kb.empty()) return false;
  return ka.size() >= kb.size() ? contains_words(ka, kb) : contains_words(kb, ka);
}

std::string statement_key(std::string_view quote_text) { return fold_key(quote_text); }

size_t word_count(std::string_view key) {
  if (key.empty()) return 0;
  return static_cast<size_t>(std::count(key.begin(), key.end(), ' ')) + 1;
}

bool contains_words(std::string_view outer, std::string_view inner) {
  if (inner.empty() || inner.size() > outer.size()) return false;
  size_t pos = 0;
  while ((pos = outer.find(inner, pos)) != std::string_view::npos) {
    bool left = pos == 0 || outer[pos - 1] == ' ';
    size_t end = pos + inner.size();
    bool right = end == outer.size() || outer[end] == ' ';
    if (left && right) return true;
    ++pos;
  }
  return false;
}

std::vector<int64_t> statement_anchors(std::string_view key) {
  constexpr size_t kShingle = 4, kWindow = 6;
  std::vector<size_t> starts;
  for (size_t i = 0; i < key.size(); ++i)
    if (i == 0 || key[i - 1] == ' ') starts.push_back(i);
  std::vector<int64_t> out;
  if (starts.size() < kShingle) return out;
  std::vector<uint64_t> hashes;
  for (size_t w = 0; w + kShingle <= starts.size(); ++w) {
    size_t b = starts[w];
    size_t e = w + kShingle < starts.size() ? starts[w + kShingle] - 1 : key.size();
    hashes.push_back(fnv1a64(key.substr(b, e - b)));
  }
  // Winnowing: the minimum hash of every window of kWindow shingles (rightmost on
  // ties). Short texts have one window.
  size_t windows = hashes.size() >= kWindow ? hashes.size() - kWindow + 1 : 1;
  size_t width = std::min(kWindow, hashes.size());
  for (size_t w = 0; w < windows; ++w) {
    size_t best = w;
    for (size_t i = w; i < w + width; ++i)
      if (hashes[i] <= hashes[best]) best = i;
    // Keep 63 bits so the value is a positive SQLite integer.
    int64_t v = static_cast<int64_t>(hashes[best] >> 1);
    if (out.empty() || out.back() != v) out.push_back(v);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace whosaid::store

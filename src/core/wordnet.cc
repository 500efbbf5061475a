#include "core/wordnet.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <vector>

#include "whosaid/error.h"

namespace whosaid {

namespace {

constexpr std::string_view kClassNames[] = {"-",          "communication", "cognition", "emotion",
                                            "perception", "social",        "stative",   "other"};

// Lexicographer file numbers (lexnames(5WN)) to the classes that matter here.
SenseClass verb_class(int lexfile) {
  switch (lexfile) {
    case 31: return SenseClass::kCognition;
    case 32: return SenseClass::kCommunication;
    case 37: return SenseClass::kEmotion;
    case 39: return SenseClass::kPerception;
    case 41: return SenseClass::kSocial;
    case 42: return SenseClass::kStative;
    default: return SenseClass::kOther;
  }
}

SenseClass noun_class(int lexfile) {
  switch (lexfile) {
    case 9: return SenseClass::kCognition;
    case 10: return SenseClass::kCommunication;
    case 12: return SenseClass::kEmotion;
    case 26: return SenseClass::kStative;
    default: return SenseClass::kOther;
  }
}

// lexnames(5WN): noun files 3–28.
constexpr std::string_view kNounFiles[] = {
    "Tops",     "act",       "animal",  "artifact",   "attribute", "body",         "cognition",
    "communication", "event", "feeling", "food",      "group",     "location",     "motive",
    "object",   "person",    "phenomenon", "plant",   "possession", "process",     "quantity",
    "relation", "shape",     "state",   "substance",  "time"};
constexpr uint8_t kFirstNounFile = 3;

}  // namespace

uint8_t noun_lexfile_named(std::string_view name) noexcept {
  for (size_t i = 0; i < std::size(kNounFiles); ++i)
    if (kNounFiles[i] == name) return static_cast<uint8_t>(i + kFirstNounFile);
  return 0;
}

std::string_view noun_lexfile_name(uint8_t lexfile) noexcept {
  if (lexfile < kFirstNounFile || lexfile >= kFirstNounFile + std::size(kNounFiles)) return {};
  return kNounFiles[lexfile - kFirstNounFile];
}

std::string_view sense_class_name(SenseClass c) noexcept {
  const size_t i = static_cast<size_t>(c);
  return i < std::size(kClassNames) ? kClassNames[i] : "-";
}

SenseClass sense_class_named(std::string_view name) noexcept {
  for (size_t i = 0; i < std::size(kClassNames); ++i)
    if (kClassNames[i] == name) return static_cast<SenseClass>(i);
  return SenseClass::kNone;
}

namespace wordnet {
namespace {

// Splits on single spaces; WordNet's fields never hold one.
class Fields {
 public:
  explicit Fields(std::string_view line) : line_(line) {}
  std::string_view next() {
    while (pos_ < line_.size() && line_[pos_] == ' ') ++pos_;
    if (pos_ >= line_.size()) throw std::runtime_error("line ends early");
    const size_t b = pos_;
    while (pos_ < line_.size() && line_[pos_] != ' ') ++pos_;
    return line_.substr(b, pos_ - b);
  }
  uint32_t number(int base = 10) {
    const std::string_view f = next();
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(f.data(), f.data() + f.size(), v, base);
    if (ec != std::errc() || p != f.data() + f.size())
      throw std::runtime_error("expected a number, found '" + std::string(f.substr(0, 40)) + "'");
    return v;
  }

 private:
  std::string_view line_;
  size_t pos_ = 0;
};

bool header_or_blank(std::string_view line) { return line.empty() || line[0] == ' '; }

}  // namespace

bool parse_data_line(std::string_view line, DataLine& out) {
  if (header_or_blank(line)) return false;
  const size_t bar = line.find(" | ");
  Fields f(line.substr(0, bar));
  out = DataLine{};
  out.offset = f.number();
  out.lexfile = static_cast<int>(f.number());
  if (out.lexfile > 44) throw std::runtime_error("lexicographer file " + std::to_string(out.lexfile) + " > 44");
  f.next();  // ss_type
  const uint32_t words = f.number(16);
  if (words == 0) throw std::runtime_error("synset without words");
  for (uint32_t i = 0; i < words; ++i) {
    const std::string_view w = f.next();
    f.next();  // lex_id
    if (out.num_words < static_cast<int>(std::size(out.words))) out.words[out.num_words++] = std::string(w);
  }
  const uint32_t pointers = f.number();
  if (pointers > 10000) throw std::runtime_error("implausible pointer count " + std::to_string(pointers));
  for (uint32_t i = 0; i < pointers; ++i) {
    const std::string_view symbol = f.next();
    const uint32_t target = f.number();
    const std::string_view pos = f.next();
    f.next();  // source/target word numbers
    if (symbol == "+" && pos == "v" && out.num_derived < static_cast<int>(std::size(out.derived_verbs)))
      out.derived_verbs[out.num_derived++] = target;
    if ((symbol == "@" || symbol == "@i") && out.num_hypernyms < static_cast<int>(std::size(out.hypernyms)))
      out.hypernyms[out.num_hypernyms++] = target;
  }
  return true;
}

bool parse_index_line(std::string_view line, IndexLine& out) {
  if (header_or_blank(line)) return false;
  Fields f(line);
  out = IndexLine{};
  out.lemma = std::string(f.next());
  f.next();  // pos
  const uint32_t synsets = f.number();
  const uint32_t pointer_kinds = f.number();
  if (pointer_kinds > 100) throw std::runtime_error("implausible pointer count " + std::to_string(pointer_kinds));
  for (uint32_t i = 0; i < pointer_kinds; ++i) f.next();
  f.number();  // sense_cnt (same as synset_cnt)
  f.number();  // tagsense_cnt
  if (synsets == 0) throw std::runtime_error("lemma without synsets");
  for (uint32_t i = 0; i < synsets; ++i) {
    const std::string_view o = f.next();
    uint32_t v = 0;
    auto [p, ec] = std::from_chars(o.data(), o.data() + o.size(), v);
    if (ec != std::errc() || p != o.data() + o.size())
      throw std::runtime_error("expected a synset offset, found '" + std::string(o.substr(0, 40)) + "'");
    if (out.num_offsets < WordSenses::kSenses) out.offsets[out.num_offsets++] = v;
  }
  return true;
}

namespace {

// Calls fn(line) for each line of dir/name, turning parse errors into
// Error(kBadInput) that name the file and line.
template <typename Fn>
void for_each_line(const std::string& dir, const char* name, Fn fn) {
  const std::string path = dir + "/" + name;
  std::ifstream in(path, std::ios::binary);
  if (!in) throw Error(ErrorCode::kIo, path + ": cannot open (install Debian's wordnet-base)");
  std::string line;
  size_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    try {
      fn(std::string_view(line));
    } catch (const std::exception& e) {
      throw Error(ErrorCode::kBadInput, path + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
}

// A single lower-case word: the forms a token can have.
bool plain_word(std::string_view w) {
  if (w.size() < 2) return false;
  for (char c : w)
    if (!((c >= 'a' && c <= 'z') || c == '-')) return false;
  return w.front() != '-' && w.back() != '-';
}

bool vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

// Ends consonant-vowel-consonant ("quip", "admit"): the final consonant may double.
bool doubles(std::string_view w) {
  const size_t n = w.size();
  if (n < 3) return false;
  const char c = w[n - 1];
  const bool consonant_before = !vowel(w[n - 3]) || (n >= 4 && w[n - 3] == 'u' && w[n - 4] == 'q');  // "quip"
  return !vowel(c) && c != 'w' && c != 'x' && c != 'y' && vowel(w[n - 2]) && consonant_before;
}

std::string plural(std::string_view w) {
  const std::string s(w);
  if (w.ends_with("s") || w.ends_with("x") || w.ends_with("z") || w.ends_with("ch") || w.ends_with("sh"))
    return s + "es";
  if (w.size() > 1 && w.back() == 'y' && !vowel(w[w.size() - 2])) return s.substr(0, s.size() - 1) + "ies";
  return s + "s";
}

std::vector<std::string> verb_forms(std::string_view w) {
  const std::string s(w);
  std::vector<std::string> out = {s, plural(w)};
  if (w.back() == 'e') {
    out.push_back(s + "d");
    if (w.ends_with("ie")) out.push_back(s.substr(0, s.size() - 2) + "ying");
    else if (w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe")) out.push_back(s + "ing");
    else out.push_back(s.substr(0, s.size() - 1) + "ing");
  } else if (w.back() == 'y' && !vowel(w[w.size() - 2])) {
    out.push_back(s.substr(0, s.size() - 1) + "ied");
    out.push_back(s + "ing");
  } else {
    out.push_back(s + "ed");
    out.push_back(s + "ing");
    if (doubles(w)) {
      out.push_back(s + w.back() + "ed");
      out.push_back(s + w.back() + "ing");
    }
  }
  return out;
}

struct Entry {
  std::string lemma;
  bool noun = false;
  SenseClass first[WordSenses::kSenses] = {};
  int speech_or_thought() const {
    int n = 0;
    for (SenseClass c : first) n += c == SenseClass::kCommunication || c == SenseClass::kCognition;
    return n;
  }
};

// Lemmas of one part of speech with the classes of their first senses.
std::map<std::string, Entry> read_index(const std::string& dir, const char* index, bool noun,
                                         const std::unordered_map<uint32_t, int>& lexfile_of) {
  std::map<std::string, Entry> out;
  IndexLine il;
  for_each_line(dir, index, [&](std::string_view line) {
    if (!parse_index_line(line, il) || !plain_word(il.lemma)) return;
    Entry e;
    e.lemma = il.lemma;
    e.noun = noun;
    for (int i = 0; i < il.num_offsets; ++i) {
      auto it = lexfile_of.find(il.offsets[i]);
      if (it == lexfile_of.end()) throw std::runtime_error("synset " + std::to_string(il.offsets[i]) + " is not in the data file");
      e.first[i] = noun ? noun_class(it->second) : verb_class(it->second);
    }
    if (e.speech_or_thought() > 0) out.emplace(il.lemma, std::move(e));
  });
  return out;
}

// form → lemma pairs from an exception list ("said say").
std::vector<std::pair<std::string, std::string>> read_exceptions(const std::string& dir, const char* name) {
  std::vector<std::pair<std::string, std::string>> out;
  for_each_line(dir, name, [&](std::string_view line) {
    if (line.empty()) return;
    Fields f(line);
    const std::string form(f.next());
    const std::string lemma(f.next());
    out.emplace_back(form, lemma);
  });
  return out;
}

}  // namespace

std::string build_table(const std::string& dir) {
  // Verbs: every lemma with a sense of communication or cognition.
  std::unordered_map<uint32_t, int> verb_lexfile, noun_lexfile;
  std::set<std::string> nominalisations;  // nouns derived from a verb of speech or thought
  DataLine dl;
  for_each_line(dir, "data.verb", [&](std::string_view line) {
    if (parse_data_line(line, dl)) verb_lexfile[dl.offset] = dl.lexfile;
  });
  for_each_line(dir, "data.noun", [&](std::string_view line) {
    if (!parse_data_line(line, dl)) return;
    noun_lexfile[dl.offset] = dl.lexfile;
    const SenseClass c = noun_class(dl.lexfile);
    if (c != SenseClass::kCommunication && c != SenseClass::kCognition) return;
    for (int i = 0; i < dl.num_derived; ++i) {
      auto it = verb_lexfile.find(dl.derived_verbs[i]);
      if (it == verb_lexfile.end()) continue;
      const SenseClass vc = verb_class(it->second);
      if (vc != SenseClass::kCommunication && vc != SenseClass::kCognition) continue;
      for (int w = 0; w < dl.num_words; ++w) nominalisations.insert(dl.words[w]);
      break;
    }
  });
  const std::map<std::string, Entry> verbs = read_index(dir, "index.verb", false, verb_lexfile);
  std::map<std::string, Entry> nouns = read_index(dir, "index.noun", true, noun_lexfile);
  std::erase_if(nouns, [&](const auto& kv) { return !nominalisations.count(kv.first); });

  // Every form of every lemma; a form two lemmas share goes to the verb before
  // the noun, then to an irregular form of WordNet's exception lists ("found"
  // is find's before it is a verb of its own), then to the lemma with more
  // senses of speech or thought, then to the lemma spelled like the form, then
  // to the first in alphabetical order.
  std::map<std::string, const Entry*> forms;
  std::set<std::pair<std::string, const Entry*>> irregular;
  auto better = [&](const std::string& form, const Entry* a, const Entry* b) {
    if (a->noun != b->noun) return !a->noun;
    const bool ia = irregular.count({form, a}), ib = irregular.count({form, b});
    if (ia != ib) return ia;
    if (a->speech_or_thought() != b->speech_or_thought()) return a->speech_or_thought() > b->speech_or_thought();
    if ((a->lemma == form) != (b->lemma == form)) return a->lemma == form;
    return a->lemma < b->lemma;
  };
  auto add = [&](const std::string& form, const Entry* e) {
    auto [it, inserted] = forms.emplace(form, e);
    if (!inserted && better(form, e, it->second)) it->second = e;
  };
  const auto verb_exc = read_exceptions(dir, "verb.exc");
  const auto noun_exc = read_exceptions(dir, "noun.exc");
  for (const auto& [form, lemma] : verb_exc)
    if (auto it = verbs.find(lemma); it != verbs.end()) irregular.emplace(form, &it->second);
  for (const auto& [form, lemma] : noun_exc)
    if (auto it = nouns.find(lemma); it != nouns.end()) irregular.emplace(form, &it->second);
  for (const auto& [lemma, e] : verbs)
    for (const std::string& f : verb_forms(lemma)) add(f, &e);
  for (const auto& [lemma, e] : nouns) {
    add(lemma, &e);
    add(plural(lemma), &e);
  }
  for (const auto& [form, e] : irregular)
    if (plain_word(form)) add(form, e);

  std::string out =
      "# WordNet 3.0 senses of the words that can report speech or thought (src/core/wordnet.h),\n"
      "# made by `whosaid train wordnet` from Debian's wordnet-base. WordNet 3.0 Copyright 2006 by\n"
      "# Princeton University. All rights reserved. (Licence: data/README.md.)\n"
      "# form\tlemma\tpos\tclasses of the first senses, most frequent first\n";
  for (const auto& [form, e] : forms) {
    out += form;
    out += '\t';
    out += e->lemma;
    out += e->noun ? "\tn\t" : "\tv\t";
    for (int i = 0; i < WordSenses::kSenses && e->first[i] != SenseClass::kNone; ++i) {
      if (i) out += ' ';
      out += sense_class_name(e->first[i]);
    }
    out += '\n';
  }
  return out;
}

std::string build_noun_table(const std::string& dir) {
  std::unordered_map<uint32_t, int> lexfile;
  std::unordered_map<uint32_t, std::vector<uint32_t>> hypernyms;
  DataLine dl;
  for_each_line(dir, "data.noun", [&](std::string_view line) {
    if (!parse_data_line(line, dl)) return;
    lexfile[dl.offset] = dl.lexfile;
    hypernyms[dl.offset].assign(dl.hypernyms, dl.hypernyms + dl.num_hypernyms);
  });
  // organization#1 ("a group of people who work together") and inhabitant#1
  // ("a person who inhabits a particular place": American, Scot, Romanian),
  // and whether each synset lies under one, by a walk up the hypernyms
  // (iterative; WordNet's noun hierarchy has no cycles, and a visited mark
  // guards against one).
  uint32_t organisation = 0, inhabitant = 0;
  IndexLine il;
  for_each_line(dir, "index.noun", [&](std::string_view line) {
    if (!parse_index_line(line, il) || il.num_offsets == 0) return;
    if (il.lemma == "organization") organisation = il.offsets[0];
    if (il.lemma == "inhabitant") inhabitant = il.offsets[0];
  });
  struct Under {
    uint32_t root;
    std::unordered_map<uint32_t, bool> memo;
  };
  auto is_under = [&](Under& u, uint32_t synset) {
    if (!u.root) return false;
    std::vector<uint32_t> stack = {synset}, seen;
    bool found = false;
    while (!stack.empty() && !found) {
      const uint32_t s = stack.back();
      stack.pop_back();
      if (s == u.root) found = true;
      else if (auto m = u.memo.find(s); m != u.memo.end()) found = m->second;
      else if (std::find(seen.begin(), seen.end(), s) == seen.end()) {
        seen.push_back(s);
        if (auto h = hypernyms.find(s); h != hypernyms.end()) stack.insert(stack.end(), h->second.begin(), h->second.end());
      }
    }
    if (!found)
      for (uint32_t s : seen) u.memo[s] = false;  // every synset walked reaches no root
    u.memo[synset] = found;
    return found;
  };
  Under bodies{organisation, {}}, inhabitants{inhabitant, {}};
  std::map<std::string, NounSenses> rows;
  for_each_line(dir, "index.noun", [&](std::string_view line) {
    if (!parse_index_line(line, il) || !plain_word(il.lemma)) return;
    NounSenses n;
    for (int i = 0; i < il.num_offsets && i < NounSenses::kSenses; ++i) {
      auto it = lexfile.find(il.offsets[i]);
      if (it == lexfile.end()) throw std::runtime_error("synset " + std::to_string(il.offsets[i]) + " is not in the data file");
      if (noun_lexfile_name(static_cast<uint8_t>(it->second)).empty())
        throw std::runtime_error("lexicographer file " + std::to_string(it->second) + " is not a noun file");
      n.lexfile[i] = static_cast<uint8_t>(it->second);
    }
    n.body = il.num_offsets > 0 && is_under(bodies, il.offsets[0]);
    n.inhabitant = il.num_offsets > 0 && is_under(inhabitants, il.offsets[0]);
    rows.emplace(il.lemma, n);
  });
  // Irregular plurals ("spokesmen spokesman"); a form that is a noun of its own keeps its own row.
  for (const auto& [form, lemma] : read_exceptions(dir, "noun.exc")) {
    auto it = rows.find(lemma);
    if (it != rows.end() && plain_word(form) && !rows.count(form)) rows.emplace(form, it->second);
  }
  std::string out =
      "# WordNet 3.0 classes of one-word nouns (src/core/wordnet.h), made by `whosaid train wordnet`\n"
      "# from Debian's wordnet-base. WordNet 3.0 Copyright 2006 by Princeton University. All rights\n"
      "# reserved. (Licence: data/README.md.)\n"
      "# noun\tlexicographer files of its first senses, most frequent first\t\"body\" when the first is an\n"
      "# organization, \"inhabitant\" when it is one (a native or inhabitant of a place)\n";
  for (const auto& [form, n] : rows) {
    out += form;
    out += '\t';
    for (int i = 0; i < NounSenses::kSenses && n.lexfile[i]; ++i) {
      if (i) out += ' ';
      out += noun_lexfile_name(n.lexfile[i]);
    }
    if (n.body) out += "\tbody";
    if (n.inhabitant) out += "\tinhabitant";
    out += '\n';
  }
  return out;
}

}  // namespace wordnet
}  // namespace whosaid

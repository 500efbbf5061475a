#include "core/lexicon.h"

#include <algorithm>
#include <atomic>
#include <cstring>
#include <memory>

#include "core/utf8.h"
#include "whosaid/error.h"

extern "C" const char whosaid_res_cues[];
extern "C" const unsigned long long whosaid_res_cues_size;
extern "C" const char whosaid_res_words[];
extern "C" const unsigned long long whosaid_res_words_size;
extern "C" const char whosaid_res_names[];
extern "C" const unsigned long long whosaid_res_names_size;
extern "C" const char whosaid_res_wordnet[];
extern "C" const unsigned long long whosaid_res_wordnet_size;
extern "C" const char whosaid_res_nouns[];
extern "C" const unsigned long long whosaid_res_nouns_size;

namespace whosaid {
namespace {

// Calls fn(line_number, fields) for each non-comment, non-blank line.
template <typename Fn>
void for_each_row(std::string_view file, std::string_view name, Fn fn) {
  size_t line_no = 0;
  std::vector<std::string_view> fields;  // of each row in turn (one buffer for 70k rows)
  while (!file.empty()) {
    size_t nl = file.find('\n');
    std::string_view line = file.substr(0, nl);
    file = nl == std::string_view::npos ? std::string_view() : file.substr(nl + 1);
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    fields.clear();
    size_t start = 0;
    for (size_t i = 0; i <= line.size(); ++i) {
      if (i == line.size() || line[i] == '\t') {
        fields.push_back(line.substr(start, i - start));
        start = i + 1;
      }
    }
    try {
      fn(fields);
    } catch (const std::exception& e) {
      throw Error(ErrorCode::kModel, std::string(name) + ":" + std::to_string(line_no) + ": " + e.what());
    }
  }
}

// Calls fn(token) for each space-separated token of a list field.
template <typename Fn>
void for_each_token(std::string_view list, Fn fn) {
  size_t i = 0;
  while (i < list.size()) {
    while (i < list.size() && list[i] == ' ') ++i;
    size_t j = i;
    while (j < list.size() && list[j] != ' ') ++j;
    if (j > i) fn(list.substr(i, j - i));
    i = j;
  }
}

// A list of words, '_' standing for the space inside a phrase.
template <typename Fn>
void for_each_word(std::string_view list, Fn fn) {
  for_each_token(list, [&](std::string_view t) {
    std::string w(t);
    std::replace(w.begin(), w.end(), '_', ' ');
    fn(std::move(w));
  });
}

WordClass class_named(std::string_view name) {
  static const std::pair<std::string_view, WordClass> kNames[] = {
      {"abbrev", WordClass::kAbbrev}, {"abbrev_end", WordClass::kAbbrevEnd},
      {"honorific_m", WordClass::kHonorificM}, {"honorific_f", WordClass::kHonorificF},
      {"honorific", WordClass::kHonorific}, {"role", WordClass::kRole},
      {"pronoun_m", WordClass::kPronounM}, {"pronoun_f", WordClass::kPronounF},
      {"pronoun_pl", WordClass::kPronounPlural}, {"pronoun_n", WordClass::kPronounNeuter},
      {"pronoun_1", WordClass::kPronounFirst}, {"pronoun_rel", WordClass::kPronounRelative},
      {"nominal", WordClass::kNominal}, {"org_head", WordClass::kOrgHead},
      {"skip", WordClass::kSkip}, {"time", WordClass::kTime}, {"document", WordClass::kDocument}, {"starter", WordClass::kStarter},
      {"conj", WordClass::kConj}, {"clause_end", WordClass::kClauseEnd},
      {"label_title", WordClass::kLabelTitle}, {"label_meta", WordClass::kLabelMeta},
      {"label_picture", WordClass::kLabelPicture}, {"date_word", WordClass::kDateWord},
      {"picture_agency", WordClass::kPictureAgency}, {"role_modifier", WordClass::kRoleModifier},
      {"publish_verb", WordClass::kPublishVerb},
  };
  for (const auto& [n, c] : kNames)
    if (n == name) return c;
  throw std::runtime_error("unknown word class '" + std::string(name) + "'");
}

}  // namespace

// Priors of the cues only WordNet names (data/cues.tsv's priors are the share
// of a word's occurrences in PolNeAR train that were cues; a word never
// annotated there is rarely one, and the model weighs its senses).
constexpr float kWordNetSpeechPrior = 0.25f;
constexpr float kWordNetBeliefPrior = 0.15f;

Lexicon::Lexicon(std::string_view cues_tsv, std::string_view words_tsv, std::string_view names_tsv,
                 std::string_view wordnet_tsv, std::string_view nouns_tsv) {
  nouns_text_.assign(nouns_tsv.begin(), nouns_tsv.end());
  for_each_row(std::string_view(nouns_text_.data(), nouns_text_.size()), "data/nouns.tsv",
               [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2) throw std::runtime_error("expected noun and classes");
    if (!nouns_.empty() && !(nouns_.back().first < f[0])) throw std::runtime_error("nouns out of order");
    NounSenses n;
    int i = 0;
    for_each_token(f[1], [&](std::string_view t) {
      const uint8_t lf = noun_lexfile_named(t);
      if (!lf) throw std::runtime_error("unknown noun class '" + std::string(t) + "'");
      if (i < NounSenses::kSenses) n.lexfile[i++] = lf;
    });
    for (size_t k = 2; k < f.size(); ++k) {
      if (f[k] == "body") n.body = true;
      else if (f[k] == "inhabitant") n.inhabitant = true;
      else throw std::runtime_error("unknown noun flag '" + std::string(f[k]) + "'");
    }
    nouns_.emplace_back(f[0], n);
    noun_forms_.intern(f[0]);  // id == row: the rows are distinct
  });
  for_each_row(wordnet_tsv, "data/wordnet.tsv", [&](const std::vector<std::string_view>& f) {
    if (f.size() < 4 || (f[2] != "v" && f[2] != "n")) throw std::runtime_error("expected form, lemma, v|n, classes");
    WordSenses s;
    s.lemma = std::string(f[1]);
    s.noun = f[2] == "n";
    int i = 0;
    for_each_token(f[3], [&](std::string_view t) {
      const SenseClass c = sense_class_named(t);
      if (c == SenseClass::kNone) throw std::runtime_error("unknown sense class '" + std::string(t) + "'");
      if (i < WordSenses::kSenses) s.first[i++] = c;
    });
    senses_.emplace(std::string(f[0]), std::move(s));
  });
  for_each_row(cues_tsv, "data/cues.tsv", [&](const std::vector<std::string_view>& f) {
    if (f.size() < 4) throw std::runtime_error("expected form, lemma, class, prior");
    CueEntry e;
    e.lemma = std::string(f[1]);
    if (f[2] == "speech") e.cls = CueClass::kSpeech;
    else if (f[2] == "belief") e.cls = CueClass::kBelief;
    else throw std::runtime_error("unknown cue class '" + std::string(f[2]) + "'");
    e.prior = std::stof(std::string(f[3]));
    auto sense = senses_.find(f[0]);
    e.senses = sense == senses_.end() ? nullptr : &sense->second;
    cues_.emplace(std::string(f[0]), std::move(e));
  });
  for (const auto& [form, s] : senses_) {
    if (s.noun || cues_.count(form)) continue;
    const SenseClass first = s.first[0];
    if (first != SenseClass::kCommunication && first != SenseClass::kCognition) continue;
    CueEntry e;
    e.lemma = s.lemma;
    e.cls = first == SenseClass::kCommunication ? CueClass::kSpeech : CueClass::kBelief;
    e.prior = first == SenseClass::kCommunication ? kWordNetSpeechPrior : kWordNetBeliefPrior;
    e.listed = false;
    e.senses = &s;
    wordnet_cues_.emplace(form, std::move(e));
  }
  // The vocabulary: every listed word, with what each list says of it.
  for (const auto& [form, s] : senses_) entry(form).senses = &s;
  for (const auto& [form, e] : wordnet_cues_) entry(form).any_cue = &e;
  for (const auto& [form, e] : cues_) {
    WordInfo& w = entry(form);
    w.cue = w.any_cue = &e;
  }
  role_end_.push_back(false);  // the trie's root
  for_each_row(words_tsv, "data/words.tsv", [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2) throw std::runtime_error("expected class and words");
    const uint32_t bit = 1u << static_cast<unsigned>(class_named(f[0]));
    const bool role = f[0] == "role";
    for_each_word(f[1], [&](std::string w) {
      entry(w).classes |= bit;
      if (!role) return;
      max_role_words_ = std::max<size_t>(max_role_words_, 1 + std::count(w.begin(), w.end(), ' '));
      uint32_t node = 0;
      size_t start = 0;
      for (size_t i = 0; i <= w.size(); ++i) {
        if (i < w.size() && w[i] != ' ') continue;
        const std::string_view word = std::string_view(w).substr(start, i - start);
        WordInfo& info = entry(word);
        if (start == 0) info.role_start = true;
        const uint64_t key = uint64_t{node} << 32 | index(id(word));
        auto [it, added] = role_next_.emplace(key, static_cast<uint32_t>(role_end_.size()));
        if (added) role_end_.push_back(false);
        node = it->second;
        start = i + 1;
      }
      role_end_[node] = true;
    });
  });
  StringMap<Gender> names;
  for_each_row(names_tsv, "data/names.tsv", [&](const std::vector<std::string_view>& f) {
    if (f.size() < 2 || (f[0] != "m" && f[0] != "f")) throw std::runtime_error("expected m|f and names");
    Gender g = f[0] == "m" ? Gender::kMale : Gender::kFemale;
    for_each_word(f[1], [&](std::string w) {
      auto [it, inserted] = names.emplace(std::move(w), g);
      if (!inserted && it->second != g) it->second = Gender::kUnknown;  // unisex
    });
  });
  for (const auto& [name, g] : names) entry(name).given_name = g;
}

const WordInfo Lexicon::kUnknownWord{};

WordInfo& Lexicon::entry(std::string_view word) {
  const uint32_t i = vocabulary_.intern(word);
  if (i >= info_.size()) info_.resize(i + 1);
  return info_[i];
}

const Lexicon& Lexicon::builtin() {
  static const Lexicon lexicon(
      std::string_view(whosaid_res_cues, whosaid_res_cues_size),
      std::string_view(whosaid_res_words, whosaid_res_words_size),
      std::string_view(whosaid_res_names, whosaid_res_names_size),
      std::string_view(whosaid_res_wordnet, whosaid_res_wordnet_size),
      std::string_view(whosaid_res_nouns, whosaid_res_nouns_size));
  return lexicon;
}

uint64_t Lexicon::next_serial() noexcept {
  static std::atomic<uint64_t> counter{0};
  return ++counter;
}

NounSenses Lexicon::noun_senses(std::string_view w) const {
  // The stages ask some 70 times an article, mostly of a few words (heads,
  // the words before names), and a form WordNet lacks costs up to five
  // probes of a megabyte table: recent answers are kept per thread, in a
  // direct-mapped cache that stays in L2, by the word's bytes (exact). 4096
  // entries (224 KB) miss 24k of news-bench's 157k questions, 1024 did 37k.
  struct Entry {
    uint64_t lexicon = 0;  // serial_ of the lexicon that answered, 0: empty
    uint64_t hash = 0;
    uint32_t size = 0;
    char word[20];
    NounSenses senses;
  };
  constexpr size_t kEntries = 4096;
  thread_local std::unique_ptr<Entry[]> cache(new Entry[kEntries]);
  const uint64_t h = WordTable::hash(w);
  if (w.empty()) return noun_senses_uncached(w, h);  // (its data() may be null: no memcmp/memcpy)
  Entry& e = cache[h & (kEntries - 1)];
  if (e.lexicon == serial_ && e.hash == h && e.size == w.size() && std::memcmp(e.word, w.data(), w.size()) == 0)
    return e.senses;
  const NounSenses senses = noun_senses_uncached(w, h);
  if (w.size() <= sizeof e.word) {
    e.lexicon = serial_, e.hash = h, e.size = static_cast<uint32_t>(w.size());
    std::memcpy(e.word, w.data(), w.size());
    e.senses = senses;
  }
  return senses;
}

NounSenses Lexicon::noun_senses_uncached(std::string_view w, uint64_t h) const {
  // The form itself, then the singulars of a regular plural, in this order
  // (companies → company, bosses → boss, firms → firm, spokesmen →
  // spokesman): the first that WordNet has. Each probe of the megabyte table
  // waits for memory, so all the candidates' slots are loaded together first.
  std::string_view forms[5];
  uint64_t hashes[5];
  size_t n = 0;
  const auto add = [&](std::string_view form) {
    forms[n] = form;
    hashes[n] = n == 0 ? h : WordTable::hash(form);
    noun_forms_.prefetch(hashes[n]);
    ++n;
  };
  add(w);
  // The two forms that are no prefix of w are spelled in buffers on the stack
  // (in strings past kMaxForm bytes).
  constexpr size_t kMaxForm = 64;
  char short_forms[2][kMaxForm];
  std::string long_forms[2];
  const auto spelled = [&](int slot, std::string_view stem, std::string_view ending) {
    const size_t size = stem.size() + ending.size();
    char* p = short_forms[slot];
    if (size > kMaxForm) {
      long_forms[slot].resize(size);
      p = long_forms[slot].data();
    }
    std::memcpy(p, stem.data(), stem.size());
    std::memcpy(p + stem.size(), ending.data(), ending.size());
    return std::string_view(p, size);
  };
  if (w.size() > 4 && w.ends_with("ies")) add(spelled(0, w.substr(0, w.size() - 3), "y"));
  if (w.size() > 3 && w.ends_with("es")) add(w.substr(0, w.size() - 2));
  if (w.size() > 2 && w.ends_with("s") && !w.ends_with("ss")) add(w.substr(0, w.size() - 1));
  if (w.size() > 4 && w.ends_with("men")) add(spelled(1, w.substr(0, w.size() - 3), "man"));  // spokesmen
  for (size_t k = 0; k < n; ++k)
    if (const uint32_t row = noun_forms_.find(forms[k], hashes[k]); row != WordTable::kNone) return nouns_[row].second;
  return NounSenses{};
}

size_t Lexicon::match_role_from(const FoldedWords& words, size_t from) const {
  if (words.any_space()) return match_role_text(words, from);
  size_t best = 0;
  uint32_t node = 0;
  for (size_t n = 1; n <= max_role_words_ && from + n <= words.size(); ++n) {
    auto it = role_next_.find(uint64_t{node} << 32 | index(words.id(from + n - 1)));
    if (it == role_next_.end()) break;
    node = it->second;
    if (role_end_[node]) best = n;
  }
  return best;
}

// Phrases joined as strings, for tokens that hold a space (a phrase of them
// does not split into the trie's words).
size_t Lexicon::match_role_text(const FoldedWords& words, size_t from) const {
  std::string phrase;
  size_t best = 0;
  for (size_t n = 1; n <= max_role_words_ && from + n <= words.size(); ++n) {
    if (n > 1) phrase.push_back(' ');
    phrase += words[from + n - 1];
    if (is(WordClass::kRole, phrase)) best = n;
  }
  return best;
}

std::string folded(const Document& doc, const Token& t) {
  std::string out;
  utf8::fold(doc.slice(t.span), out);
  return out;
}

}  // namespace whosaid

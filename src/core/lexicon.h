// The word lists every stage shares: attribution cues, word classes, given
// names. Loaded once from the data files compiled into the binary (data/*.tsv),
// immutable afterwards and safe to share across threads.
//
// Every word the lists hold has an id in one vocabulary, and one WordInfo row
// (its classes as bits, its cue, senses, given-name gender). A stage that has
// the document's FoldedWords asks by id, an array index:
//   lexicon.is(WordClass::kOrgHead, fw.id(t));  lexicon.cue(fw.id(t));
// Asking by string (a folded word that is no token) hashes it once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/folded.h"
#include "core/wordnet.h"
#include "whosaid/document.h"

namespace whosaid {

enum class CueClass : uint8_t { kSpeech, kBelief };

struct CueEntry {
  std::string lemma;
  CueClass cls = CueClass::kSpeech;
  float prior = 0.5f;
  // Listed in data/cues.tsv (a cue word of PolNeAR train); false for a verb
  // that only WordNet names as one of speech or thought.
  bool listed = true;
  const WordSenses* senses = nullptr;  // its WordNet senses (data/wordnet.tsv), if any
};

enum class WordClass : uint8_t {
  kAbbrev, kAbbrevEnd, kHonorificM, kHonorificF, kHonorific, kRole,
  kPronounM, kPronounF, kPronounPlural, kPronounNeuter, kPronounFirst, kPronounRelative,
  kNominal, kOrgHead, kSkip, kTime, kStarter, kConj, kClauseEnd,
  // Article furniture (layout/layout.h): labels of header fields before a colon
  // (title: the text after it may hold statements; meta: the line holds none;
  // picture: a caption or credit, anywhere), date words, picture agencies.
  kLabelTitle, kLabelMeta, kLabelPicture, kDateWord, kPictureAgency,
  // Heads of documents and publications credited as sources ("the report", "a
  // study"): the mention-type model's document type (types/mention_type.h).
  kDocument,
  // Words that qualify a role without naming a body: portfolios and ranks
  // ("Home Secretary", "Shadow chancellor", "Double Olympic champion"), so
  // that they are no organisation (mentions/mention_finder.cc).
  kRoleModifier,
  // Verbs that make a document its subject's or agent's ("X released a
  // report", "published", "commissioned", "carried out", a lawsuit "filed"),
  // every inflected form (entities/document_author.h).
  kPublishVerb,
  kCount
};

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>{}(s); }
};
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;
template <typename V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;

// What the lexicon knows of one word (one row per vocabulary id).
struct WordInfo {
  uint32_t classes = 0;  // bit c set: the word is in WordClass c
  Gender given_name = Gender::kUnknown;
  bool role_start = false;  // the first word of a role phrase
  const CueEntry* cue = nullptr;      // cue()
  const CueEntry* any_cue = nullptr;  // any_cue()
  const WordSenses* senses = nullptr;  // senses()
  bool is(WordClass c) const noexcept { return classes >> static_cast<unsigned>(c) & 1u; }
};
static_assert(static_cast<size_t>(WordClass::kCount) <= 32);

class Lexicon {
 public:
  // The lexicon built from the embedded data files. Throws Error(kModel) if
  // they do not parse (a build problem, never user input).
  static const Lexicon& builtin();

  // Parses the TSV files; throws Error(kModel) naming file and line.
  Lexicon(std::string_view cues_tsv, std::string_view words_tsv, std::string_view names_tsv,
          std::string_view wordnet_tsv = {}, std::string_view nouns_tsv = {});
  // Cue entries point into the sense table: moves keep them, copies would not.
  Lexicon(const Lexicon&) = delete;
  Lexicon& operator=(const Lexicon&) = delete;
  Lexicon(Lexicon&&) = default;

  // The words of every list (cues, senses, classes, names, the words of role
  // phrases), each with its id.
  const WordTable& vocabulary() const noexcept { return vocabulary_; }
  // The id of a folded word in the vocabulary, kNoWord if it has none.
  WordId id(std::string_view folded) const noexcept {
    const uint32_t i = vocabulary_.find(folded);
    return i == WordTable::kNone ? kNoWord : WordId{i};
  }
  // What the lists say of a word; all empty for an id past the vocabulary (a
  // document's own word, kNoWord).
  const WordInfo& info(WordId w) const noexcept {
    return index(w) < info_.size() ? info_[index(w)] : kUnknownWord;
  }

  // Look-ups take a folded word (utf8::fold: ASCII lower case, ’ as '), or
  // its id (FoldedWords::id()), or both (a FoldedWord: by id).
  // A cue word of data/cues.tsv (the words other stages treat as cues).
  const CueEntry* cue(std::string_view folded) const noexcept { return info(id(folded)).cue; }
  const CueEntry* cue(WordId w) const noexcept { return info(w).cue; }
  const CueEntry* cue(const FoldedWord& w) const noexcept { return cue(w.id); }
  // A listed cue word, or else a verb whose most frequent WordNet sense is one
  // of communication (a speech cue) or cognition (a belief cue), with a low
  // prior and listed == false: the cue finder's candidates.
  const CueEntry* any_cue(std::string_view folded) const noexcept { return info(id(folded)).any_cue; }
  const CueEntry* any_cue(WordId w) const noexcept { return info(w).any_cue; }
  const CueEntry* any_cue(const FoldedWord& w) const noexcept { return any_cue(w.id); }
  // The WordNet senses of a form (data/wordnet.tsv), null if it has none of
  // speech or thought.
  const WordSenses* senses(std::string_view folded) const noexcept { return info(id(folded)).senses; }
  const WordSenses* senses(WordId w) const noexcept { return info(w).senses; }
  const WordSenses* senses(const FoldedWord& w) const noexcept { return senses(w.id); }
  // The WordNet classes of a noun (data/nouns.tsv): of the form itself, else of
  // the singular of a regular plural ("firms", "companies", "bosses",
  // "spokesmen"); all
  // zero when WordNet has no such noun.
  NounSenses noun_senses(std::string_view folded) const;
  bool is(WordClass c, std::string_view folded) const noexcept { return info(id(folded)).is(c); }
  bool is(WordClass c, WordId w) const noexcept { return info(w).is(c); }
  bool is(WordClass c, const FoldedWord& w) const noexcept { return info(w.id).is(c); }
  Gender given_name_gender(std::string_view folded) const noexcept { return info(id(folded)).given_name; }
  Gender given_name_gender(WordId w) const noexcept { return info(w).given_name; }
  Gender given_name_gender(const FoldedWord& w) const noexcept { return info(w.id).given_name; }
  // Longest role phrase in `folded_words` starting at index `from` (words
  // joined by spaces on the data side); returns the number of words matched,
  // 0 if none.
  size_t match_role(const FoldedWords& folded_words, size_t from) const {
    // (Inline: find_mentions asks at nearly every word, and few start a role.)
    if (!folded_words.any_space() && !info(folded_words.id(from)).role_start) return 0;
    return match_role_from(folded_words, from);
  }

 private:
  static const WordInfo kUnknownWord;
  static uint64_t next_serial() noexcept;
  // noun_senses() without its cache; h = WordTable::hash(w).
  NounSenses noun_senses_uncached(std::string_view w, uint64_t h) const;
  // The row of `word`, added to the vocabulary if new.
  WordInfo& entry(std::string_view word);
  size_t match_role_from(const FoldedWords& folded_words, size_t from) const;
  size_t match_role_text(const FoldedWords& folded_words, size_t from) const;

  WordTable vocabulary_;
  std::vector<WordInfo> info_;  // per vocabulary id
  // Role phrases as a trie over word ids: node 0 is the root; the child of
  // node n by word w is role_next_[n << 32 | w]; role_end_[n] marks a phrase.
  std::unordered_map<uint64_t, uint32_t> role_next_;
  std::vector<bool> role_end_;
  StringMap<CueEntry> cues_;
  StringMap<CueEntry> wordnet_cues_;
  StringMap<WordSenses> senses_;
  // data/nouns.tsv: its bytes, and (noun, classes) rows pointing into them,
  // in byte order (the file's own). A flat table: 58k nouns in one allocation.
  std::vector<char> nouns_text_;
  std::vector<std::pair<std::string_view, NounSenses>> nouns_;
  WordTable noun_forms_;  // the nouns, id = row of nouns_
  size_t max_role_words_ = 1;
  // Distinct for every lexicon built in the process: noun_senses()'s
  // per-thread cache tells whose answers it holds.
  uint64_t serial_ = next_serial();
};

// Folds the token's text for lexicon look-ups.
std::string folded(const Document& doc, const Token& t);

}  // namespace whosaid

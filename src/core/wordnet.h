// WordNet 3.0 senses of the words that can report speech or thought.
//
//   // at training time, from Debian's wordnet-base (/usr/share/wordnet):
//   std::string tsv = whosaid::wordnet::build_table("/usr/share/wordnet");   // data/wordnet.tsv
//   // at run time the lexicon (core/lexicon.h) reads that table:
//   const whosaid::WordSenses* s = lexicon.senses("surmised");  // verb "surmise": cognition, communication
//
// The table lists every inflected form of each one-word verb that has a sense
// among communication or cognition, and of each noun of communication or
// cognition derived from such a verb (its nominalisation: "statement",
// "warning"), with the lexicographer files of its first senses in WordNet's
// order (most frequent first). Forms are made from the lemma by the regular
// English rules, both with and without a doubled final consonant, plus
// WordNet's own exception lists (verb.exc, noun.exc); a form that several
// lemmas share goes to the lemma whose senses are most often speech or thought.
//
// Why: the cue lexicon (data/cues.tsv) holds the cue words of PolNeAR train;
// WordNet's classes let the attribution model weigh a word it never saw as a
// cue by its meaning, and tell it which listed cue words are rarely speech.
//
// Errors: build_table() throws Error(kIo) when a file is missing and
// Error(kBadInput) naming file and line when one does not parse.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace whosaid {

// WordNet's lexicographer files for verbs and nouns (numbers from lexnames(5WN)).
enum class SenseClass : uint8_t {
  kNone = 0,
  kCommunication,  // verb.communication (32), noun.communication (10)
  kCognition,      // verb.cognition (31), noun.cognition (9)
  kEmotion,        // verb.emotion (37), noun.feeling (12)
  kPerception,     // verb.perception (39)
  kSocial,         // verb.social (41)
  kStative,        // verb.stative (42), noun.state (26)
  kOther,
};
std::string_view sense_class_name(SenseClass c) noexcept;
// The class of a name as written in data/wordnet.tsv; kNone if unknown.
SenseClass sense_class_named(std::string_view name) noexcept;

struct WordSenses {
  static constexpr int kSenses = 4;
  std::string lemma;                 // the verb or noun this form inflects
  bool noun = false;                 // a nominalisation, not a verb
  SenseClass first[kSenses] = {};   // classes of the first senses, kNone past the last
  int count(SenseClass c) const noexcept {
    int n = 0;
    for (SenseClass s : first) n += s == c;
    return n;
  }
  bool speech_or_thought() const noexcept {
    return count(SenseClass::kCommunication) + count(SenseClass::kCognition) > 0;
  }
};

// The WordNet classes of a noun: the lexicographer files (lexnames(5WN), 3
// noun.Tops … 28 noun.time) of its first senses, most frequent first; 0 past
// the last. From data/nouns.tsv (Lexicon::noun_senses).
struct NounSenses {
  static constexpr int kSenses = 3;
  static constexpr uint8_t kAct = 4, kAnimal = 5, kArtifact = 6, kBody = 8, kCognition = 9, kCommunication = 10,
                           kFood = 13, kGroup = 14, kLocation = 15, kPerson = 18, kSubstance = 27, kTime = 28;
  uint8_t lexfile[kSenses] = {};
  // The first sense is a kind of organisation (a hyponym of WordNet's
  // organization#1: "company", "firm", "club", "ministry"; not "industry").
  bool body = false;
  // The first sense is an inhabitant#1 (a native or inhabitant of a place:
  // "American", "Scot", "Romanian"): capitalised, a description, not a name.
  bool inhabitant = false;
  bool first_is(uint8_t f) const noexcept { return lexfile[0] == f; }
  bool any_is(uint8_t f) const noexcept {
    for (uint8_t l : lexfile)
      if (l == f) return true;
    return false;
  }
};
// lexnames(5WN) names without "noun." ("person", "group") ↔ file numbers; 0 if unknown.
uint8_t noun_lexfile_named(std::string_view name) noexcept;
std::string_view noun_lexfile_name(uint8_t lexfile) noexcept;

namespace wordnet {

// Reads index.verb, data.verb, verb.exc, index.noun, data.noun and noun.exc in
// `dir` and returns the table (see above; data/wordnet.tsv), sorted and
// deterministic for a given database.
std::string build_table(const std::string& dir);

// Reads index.noun, data.noun and noun.exc in `dir` and returns data/nouns.tsv:
// each one-word noun (and each irregular plural of noun.exc) with the
// lexicographer files of its first NounSenses::kSenses senses and "body" when
// its first sense is a hyponym of organization#1, sorted and
// deterministic. Regular plurals are not listed: Lexicon::noun_senses folds
// them. The mention stages read it to tell people ("singer", "striker") and
// bodies ("firm", "ministry") from things, places and times.
std::string build_noun_table(const std::string& dir);

// One line of a data.* file: its synset offset, lexicographer file number and
// the offsets of the verbs its derivational pointers ("+") lead to. Returns
// false for the licence header and blank lines; throws std::runtime_error on
// a malformed line. Exposed for the fuzzer.
struct DataLine {
  uint32_t offset = 0;
  int lexfile = -1;
  std::string words[8];
  int num_words = 0;
  uint32_t derived_verbs[16];
  int num_derived = 0;
  uint32_t hypernyms[16];  // "@" and "@i" pointers to synsets of the same part of speech
  int num_hypernyms = 0;
};
bool parse_data_line(std::string_view line, DataLine& out);

// One line of an index.* file: the lemma and its synset offsets in sense
// order. Same contract as parse_data_line.
struct IndexLine {
  std::string lemma;
  uint32_t offsets[WordSenses::kSenses];
  int num_offsets = 0;  // at most kSenses
};
bool parse_index_line(std::string_view line, IndexLine& out);

}  // namespace wordnet
}  // namespace whosaid

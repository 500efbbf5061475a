// whosaid/eval.h — scores extracted quotes against hand-annotated gold.
//
//   std::ifstream in("dev/docs.jsonl");
//   whosaid::eval::GoldReader reader(in, "dev/docs.jsonl");
//   whosaid::eval::Scorer scorer;
//   whosaid::Extractor extractor;
//   whosaid::eval::GoldDocument gold;
//   for (;;) {
//     try {
//       if (!reader.next(gold)) break;
//     } catch (const whosaid::Error& e) {     // "dev/docs.jsonl:7: attribution E3: ..."
//       std::cerr << e.what() << "\n";        // the bad line is skipped; carry on
//       continue;
//     }
//     scorer.add(gold, extractor.extract(gold.text, gold.id));
//   }
//   std::cout << scorer.report().to_table();
//   scorer.write_errors(errors_file);         // one JSON case per line
//
// The gold format is the one of ../shared/data/polnear (JSON Lines, one article
// per line, offsets in Unicode code points). GoldReader converts every offset to
// UTF-8 byte offsets, so gold and predictions share whosaid::Span.
//
// What is counted, and how gold and predicted quotes are matched, is defined in
// docs/eval.md; the functions at the end of this header are those rules, one
// function each, exposed so that tests and other tools apply the same ones.
//
// Threading: parsing functions are pure. A Scorer is not thread-safe; extract in
// as many threads as you like but call add() from one thread (in input order if
// you want the error file in input order). Errors: parsing throws
// whosaid::Error(kBadInput) with the reason; Scorer::add throws
// whosaid::Error(kBadInput) when the predicted document's text is not the gold's.
#pragma once

#include <array>
#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.h"
#include "whosaid/quote.h"
#include "whosaid/span.h"

namespace whosaid::eval {

// ---------------------------------------------------------------- gold data

// One annotated attribution, offsets already converted to UTF-8 bytes.
struct GoldAttribution {
  std::string id;                 // brat event id ("E12"); may be empty
  std::vector<Span> content;      // content fragments, sorted; never empty
  std::vector<Span> source;       // source fragments; empty: no source
  std::vector<Span> cue;          // cue fragments; may be empty
  QuoteKind quote_type = QuoteKind::kIndirect;
  std::optional<std::string> speaker;  // resolved name (seed; GUM: from the coreference chain)
  // GUM's `speaker_is_name`: false when `speaker` names no person or
  // organisation ("Google Analytics", an abstract entity). Absent: true.
  bool speaker_is_name = true;

  // direct or mixed: the "quoted subset" of docs/eval.md.
  bool quoted() const noexcept { return quote_type != QuoteKind::kIndirect; }
};

struct GoldDocument {
  std::string id;
  std::string text;                          // UTF-8, exactly as in the gold file
  std::vector<GoldAttribution> attributions;
  std::vector<Span> discard;                 // out-of-scope boilerplate, in bytes
  uint32_t skipped_attributions = 0;         // attributions with no content, left out
};

// Byte offset of every code point of `utf8`, plus text.size() at the end:
// result[i] is where code point i begins, result.size() == code points + 1.
// A code point is counted at every byte that is not a UTF-8 continuation byte
// (10xxxxxx), which for valid UTF-8 is Python's str indexing.
std::vector<uint32_t> codepoint_to_byte_offsets(std::string_view utf8);

// Parses one gold JSON line. Throws whosaid::Error(kBadInput) with the reason
// ("attribution E3: content [5, 900] is outside the text (800 code points)").
GoldDocument parse_gold_line(std::string_view line);

// Reads a gold JSONL stream line by line, skipping blank lines.
class GoldReader {
 public:
  // `name` is used in messages, normally the file path. `in` must outlive this.
  GoldReader(std::istream& in, std::string name);

  // Reads the next document into `doc` and returns true, or returns false at
  // the end of the stream. A bad line throws whosaid::Error(kBadInput) whose
  // message starts with "NAME:LINE: "; the line has been consumed, so calling
  // next() again continues with the following one.
  bool next(GoldDocument& doc);

  // Number of the last line read (1-based; 0 before the first).
  uint64_t line() const noexcept { return line_; }
  const std::string& name() const noexcept { return name_; }

 private:
  std::istream* in_;
  std::string name_;
  uint64_t line_ = 0;
  std::string buffer_;
};

// ----------------------------------------------------------------- metrics

// Precision/recall counts. For the quoted subset the numerators of P and R
// differ (matched quoted predictions vs matched quoted gold), so both are kept.
struct Counts {
  uint64_t tp_precision = 0;  // predictions counted correct
  uint64_t predicted = 0;
  uint64_t tp_recall = 0;     // gold items counted found
  uint64_t gold = 0;

  double precision() const noexcept;  // 0 when nothing was predicted
  double recall() const noexcept;     // 0 when there is no gold
  double f1() const noexcept;
  Counts& operator+=(const Counts& other) noexcept;
};

struct Accuracy {
  uint64_t correct = 0;
  uint64_t total = 0;
  double value() const noexcept;  // 0 when total is 0
  Accuracy& operator+=(const Accuracy& other) noexcept;
};

// One column of the report: all attributions, or the quoted subset.
// The strict name measure of docs/eval.md ("Names"), over gold attributions
// that name their speaker (named_gold()).
struct NameScores {
  uint64_t named_gold = 0;        // gold attributions that name their speaker
  uint64_t matched = 0;           // … whose content is matched (one-to-one)
  uint64_t exact = 0;             // … matched, predicted name is that person (same_person)
  uint64_t pronoun_or_empty = 0;  // … matched, predicted name a pronoun, empty or no speaker

  double accuracy() const noexcept;                // exact / matched
  double pronoun_or_empty_share() const noexcept;  // pronoun_or_empty / matched
  double recall() const noexcept;                  // exact / named_gold ("named recall")
  NameScores& operator+=(const NameScores& other) noexcept;
};

struct SubsetScores {
  Counts content;                 // content overlap match (Jaccard >= 0.5)
  Accuracy speaker;               // speaker correct / matched pairs
  NameScores names;               // strict names; quoted: gold direct|mixed
  Counts end_to_end;              // matched and speaker correct
  Counts content_fragment_exact;  // exact content fragments after trimming
  Counts source_exact;            // exact gold source vs predicted mention
};

struct Report {
  uint64_t documents = 0;
  uint64_t ignored_predictions = 0;  // predictions inside discard spans
  uint64_t skipped_gold = 0;         // gold attributions without content, left out
  uint64_t rejected_lines = 0;       // not set by Scorer; the caller fills it in
  SubsetScores all;
  SubsetScores quoted;               // gold direct|mixed / predicted direct|mixed
  // Content recall by gold quote_type, indexed by QuoteKind (direct, mixed,
  // indirect): correct = matched gold, total = gold.
  std::array<Accuracy, 3> recall_by_type{};

  // Everything above as one JSON object (field names in docs/eval.md).
  std::string to_json() const;
  // A readable table: metric rows × {all, quoted} × {P, R, F1}, then counts;
  // the name rows only when some gold attribution names its speaker.
  std::string to_table() const;
};

// Accumulates scores over documents.
class Scorer {
 public:
  // With keep_errors false, write_errors() writes nothing and no memory is
  // spent on error cases.
  explicit Scorer(bool keep_errors = true);
  ~Scorer();
  Scorer(Scorer&&) noexcept;
  Scorer& operator=(Scorer&&) noexcept;

  // Scores `predicted.quotes` against `gold`. The texts must be identical.
  void add(const GoldDocument& gold, const Document& predicted);

  const Report& report() const noexcept { return report_; }

  // The missed, spurious and wrong-speaker cases so far, one JSON object per
  // line, in the order documents were added (fields in docs/eval.md).
  void write_errors(std::ostream& out) const;
  uint64_t error_count() const noexcept { return errors_.size(); }

 private:
  bool keep_errors_;
  Report report_;
  std::vector<std::string> errors_;
};

// ------------------------------------------------ the rules, one at a time

// Matching threshold on content Jaccard.
inline constexpr double kMinJaccard = 0.5;

// Characters that count for content overlap: every code point of `text` except
// white space and quotation marks. Answers "how many counted characters are in
// these byte ranges" in O(1) per range.
class CharCounter {
 public:
  explicit CharCounter(std::string_view text);
  // Counted characters in [span.begin, span.end); the span is clamped to the text.
  uint64_t count(Span span) const noexcept;
  // Counted characters in the union of `spans` (overlaps counted once).
  uint64_t count(const std::vector<Span>& spans) const;
  // Counted characters in the intersection of the unions of `a` and `b`.
  uint64_t count_common(const std::vector<Span>& a, const std::vector<Span>& b) const;

 private:
  std::vector<uint32_t> prefix_;  // prefix_[i]: counted characters in [0, i)
};

// Jaccard of counted characters between two unions of spans; 0 when the union
// has no counted character.
double content_jaccard(const CharCounter& counter, const std::vector<Span>& gold,
                       const std::vector<Span>& predicted);

// The content fragments of a prediction: quote.spans, or {quote.span} when empty.
std::vector<Span> predicted_content(const Quote& quote);

// True when a prediction lies in discard spans: at least half of its counted
// characters (of its bytes, when it has no counted character) are inside them.
bool in_discard(const CharCounter& counter, const std::vector<Span>& content,
                const std::vector<Span>& discard);

// The speaker rule of docs/eval.md for a matched pair.
bool speaker_correct(std::string_view text, const GoldAttribution& gold, const Quote& predicted);

// Name normalisation for seed speakers: ASCII lower case, runs of white space
// (including no-break space) to one space, trimmed, ’ as '.
std::string normalize_name(std::string_view name);

// ------------------------------------------------- strict names (docs/eval.md)
//
//   same_person("Charles Kennedy", "Mr Kennedy")            → true  (surname)
//   same_person("Kennedy", "Charles Kennedy")               → true
//   same_person("Charles Kennedy", "Harrogate Mr Kennedy")  → false
//   same_person("Jonathan M. Stan", "Jonathan Stan")        → true  (middle initial)
//   judge_name("John Key", quote resolved to "he")          → kPronounOrEmpty

// The words of a name as compared: ’ read as ', a possessive 's or final '
// removed, other apostrophes deleted (O'Neill → oneill), every other character
// that is not a letter or digit a word break (J.K. → j k; al-Assad → al assad),
// case folded (ASCII, Latin-1, Latin Extended-A, Greek, Cyrillic), then leading
// titles and honorifics (kNameTitles in src/eval/names.cc: mr, dr, president,
// prime, minister, the, …) and trailing suffixes (jr, sr, phd, …) dropped.
std::vector<std::string> name_words(std::string_view name);

// True when the name is one personal, possessive, reflexive, relative or
// demonstrative pronoun ("He", "they", "who", "that", "this", "I").
bool is_pronoun_name(std::string_view name);

// True when both names denote the same person under the strict rule: equal
// words; or equal after dropping one-letter middle words (initials) on both
// sides; or one side is one word equal to the other's last word. Symmetric.
// False when either side has no words.
bool same_person(std::string_view gold, std::string_view predicted);

enum class NameVerdict { kExact, kPronounOrEmpty, kWrong };

// The verdict on a prediction for a gold name: kPronounOrEmpty when it has no
// speaker, an empty name, a name of titles only or a pronoun; else kExact when
// same_person, else kWrong.
NameVerdict judge_name(std::string_view gold_name, const Quote& predicted);

// True when the gold attribution names its speaker: `speaker` is set,
// `speaker_is_name` is true and name_words(speaker) is not empty.
bool named_gold(const GoldAttribution& gold);

// The span without surrounding white space, quotation marks and . , ; : ! ? … — –
// at either end (repeatedly). May return an empty span.
Span trim_for_exact_match(std::string_view text, Span span);

}  // namespace whosaid::eval

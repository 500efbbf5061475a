// Adversarial texts for the hostile-input tests (docs/hostile-input.md): the
// span-invariant and linear-time tests (tests/properties_test.cc) and the
// memory test (tests/hostile_test.cc) build their inputs here.
//
//   for (const Adversary& a : adversaries()) extract(a.make(1 << 20));  // about 1 MB of each shape
#pragma once

#include <functional>
#include <random>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid::testing {

// Adversarial texts of about `bytes` bytes, also used for the linear-time test.
struct Adversary {
  const char* name;
  std::function<std::string(size_t bytes)> make;
  bool timed = true;  // also in the linear-time test
};

inline std::string repeat(std::string_view unit, size_t bytes) {
  std::string out;
  out.reserve(bytes + unit.size());
  while (out.size() < bytes) out += unit;
  return out;
}

inline std::string nested_parentheses(size_t bytes) {
  // 10,000 nested parentheses around a sentence with a cue, repeated.
  std::string unit = std::string(10000, '(') + "He said the plan works" + std::string(10000, ')') + " ";
  return repeat(unit, bytes);
}

// A random mix of abbreviations that may or may not end a sentence (fixed seed).
inline std::string abbreviations(size_t bytes) {
  static const char* kPieces[] = {"e.g. ", "Sen. ", "Mr. "};
  std::mt19937 rng(5);
  std::uniform_int_distribution<int> pick(0, 2);
  std::string out;
  out.reserve(bytes + 8);
  while (out.size() < bytes) out += kPieces[pick(rng)];
  return out;
}

inline const std::vector<Adversary>& adversaries() {
  static const std::vector<Adversary> a = {
      {"straight_quotes", [](size_t n) { return repeat("\"", n); }},
      {"all_quote_marks",
       [](size_t n) { return repeat("\"\xE2\x80\x9C\xE2\x80\x9D'\xE2\x80\x98\xE2\x80\x99\xC2\xAB\xC2\xBB\xE2\x80\x9E``''", n); }},
      {"alternating_curly", [](size_t n) { return repeat("\xE2\x80\x9C\xE2\x80\x9D", n); }},
      {"alternating_curly_words", [](size_t n) { return repeat("\xE2\x80\x9C Yes \xE2\x80\x9D said ", n); }},
      {"opening_curly_only", [](size_t n) { return repeat("\xE2\x80\x9C", n); }},
      {"no_spaces", [](size_t n) { return repeat("abcdefghijKLMNOP", n); }},
      {"no_spaces_punctuated", [](size_t n) { return repeat("Mr.Key,said:\"no\"", n); }},
      {"one_giant_sentence", [](size_t n) { return repeat("the minister said that the committee would ", n); }},
      {"nested_parentheses", nested_parentheses},
      {"cue_words", [](size_t n) { return repeat("said told warned says according to ", n); }},
      {"capitalised_names", [](size_t n) { return repeat("John Key Phil Goff Mr Smith Prime Minister Helen Clark ", n); }},
      {"names_and_pronouns", [](size_t n) { return repeat("John Key said he told her she said they ", n); }},
      {"quotes_one_paragraph",
       [](size_t n) { return repeat("\xE2\x80\x9CYes,\xE2\x80\x9D he said. \xE2\x80\x9CNo,\xE2\x80\x9D Mr Key said. ", n); }},
      {"unclosed_quote_paragraphs", [](size_t n) { return repeat("\xE2\x80\x9CStill going, he said\n", n); }},
      {"sentences_with_speakers", [](size_t n) { return repeat("Mr Key said the bill passed. ", n); }},
      {"colons", [](size_t n) { return repeat("Key: ", n); }},
      {"dashes", [](size_t n) { return repeat("\xE2\x80\x94 ", n); }},
      {"initials", [](size_t n) { return repeat("J. R. R. ", n); }},
      {"newlines", [](size_t n) { return repeat("\n", n); }},
      {"invalid_utf8", [](size_t n) { return repeat("\xFF\xC3(\xE2\x80", n); }},
      // Ordinary-looking text that was quadratic (docs/hostile-input.md).
      {"senator_nominals", [](size_t n) { return repeat("Senator X Y spoke. The senator said yes. ", n); }},
      {"interview_lines", [](size_t n) { return repeat("NAME: We agree on this, and he said it would pass.\n", n); }},
      {"abbreviations", abbreviations},
      {"speaker_quote_no_end", [](size_t n) { return repeat("Name: \"no\" Name: ", n); }},
      {"dense_attribution", [](size_t n) { return repeat("He said \"yes, and no\" and then ", n); }},
      // A token for every byte or two: the most annotations per input byte
      // (memory test, tests/hostile_test.cc).
      {"commas", [](size_t n) { return repeat(",", n); }, false},
      {"comma_words", [](size_t n) { return repeat("a, ", n); }, false},
  };
  return a;
}

}  // namespace whosaid::testing

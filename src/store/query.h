// The search box → FTS5: what a person types ("don't", "co-leader", "U.S.",
// "9/11", "Mr. Blair", "tax OR", "NOT tax", an unbalanced quote) becomes an FTS5
// MATCH expression that SQLite always accepts. Pure function, no SQLite.
//
//   store::ParsedQuery p = store::parse_query("\"SIS bill\" Kilroy-Silk gov* NOT tax");
//   // p.fts5 == "\"SIS bill\" \"Kilroy Silk\" \"gov\"* NOT \"tax\""
//
// Rules (docs/store.md, "Search"):
//   * words are split at spaces; inside a word every character that is not a
//     letter or digit (hyphen, period, apostrophe, slash, %, ?) only separates
//     its parts, which must then appear next to each other: "co-leader" is the
//     phrase "co leader", "U.S." is "u s", "don't" is "don t" — exactly how the
//     unicode61 tokenizer indexed the quote text;
//   * "a phrase" in double quotes (an unclosed quote runs to the end);
//   * a trailing * makes the last part a prefix — only when that part has at
//     least kMinPrefixChars characters and for the first kMaxPrefixTerms
//     prefixes (each prefix expands to every indexed word it starts: "t*" ×333
//     once took 32 s); otherwise the * is ignored and the word matched whole;
//   * AND, OR and NOT (upper case) are operators only between two terms; any
//     other place ("NOT tax", "tax OR", "AND") makes them ordinary words;
//   * at most kMaxTerms terms; later ones are ignored (ParsedQuery::truncated);
//   * anything else (parentheses, ^, :, +, control characters, invalid UTF-8) is
//     a separator. Words with no letter or digit ("?", "--") are dropped.
//
// The output quotes every term, so no user text is ever FTS5 syntax; the
// property test in tests/store_search_test.cc and fuzz/search_query_fuzzer.cc check
// that SQLite accepts every output.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace whosaid::store {

inline constexpr size_t kMaxTerms = 32;
inline constexpr size_t kMaxPrefixTerms = 4;
inline constexpr size_t kMinPrefixChars = 3;  // code points of the prefix part

struct ParsedQuery {
  std::string fts5;        // the MATCH expression; empty: nothing to search for
  size_t terms = 0;        // words and phrases kept
  size_t prefixes = 0;     // terms ending in *
  bool truncated = false;  // terms beyond kMaxTerms were dropped
};

ParsedQuery parse_query(std::string_view text);

}  // namespace whosaid::store

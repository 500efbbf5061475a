// Keys the store compares by: folded names, parsed person names, normalised
// statement text and its containment anchors. Pure functions, unit-tested in
// tests/store_text_keys_test.cc.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace whosaid::store {

// 64-bit FNV-1a.
uint64_t fnv1a64(std::string_view s, uint64_t seed = 0xcbf29ce484222325ull);

// Lower-cases ASCII and Latin-1/Latin Extended-A letters, strips their accents,
// maps quotation marks, apostrophes and periods to nothing and every other run of
// non-alphanumeric characters to one space; trims. "José  O’Brien-Smith" →
// "jose obrien smith".
std::string fold_key(std::string_view s);

// Words of fold_key(s).
std::vector<std::string> key_words(std::string_view s);

bool is_pronoun(std::string_view word);  // "he", "She", "they", "I", "who", ...

// A speaker name taken apart. Titles ("Mr", "Prime Minister") and suffixes ("Jr")
// are dropped from the keys; particles stay with the surname ("von der Leyen").
struct PersonName {
  bool valid = false;        // false for pronouns, common nouns, empty names
  std::string full_key;      // "john key", or "key" when only the surname is known
  std::string given_key;     // "john"; empty when only the surname is known
  std::string surname_key;   // "key"
  char gender = 0;           // 'm'/'f' from a gendered title, else 0
};
PersonName parse_person_name(std::string_view name);

// `s` without leading and trailing white space.
std::string trim(std::string_view s);

// A name's display form: the name as written without leading titles, unless only
// a surname would remain ("Mr Key" stays "Mr Key"; "Prime Minister John Key" is
// "John Key"). `pn` is parse_person_name(name).
std::string display_name(std::string_view name, const PersonName& pn);

// Organisations: the folded name without a leading "the". Empty when not a name.
std::string organisation_key(std::string_view name);

// Whether organisation key `short_key` is a clipped form of `long_key`
// (organisation_key() of each): as many words, two or more, each one differing
// from its counterpart, starting with the same letter and written within it
// in order ("lib dems" of "liberal democrats", "man utd" of "manchester
// united"; not "bbc news" of "bbc newsnight", where one word is the same).
bool abbreviates(std::string_view short_key, std::string_view long_key);

// Role/party comparison: both non-empty and one's folded words contain the
// other's ("Prime Minister" ~ "prime minister of new zealand"; "Labour" ~
// "Labour Party").
bool roles_agree(std::string_view a, std::string_view b);

// Statement text: fold_key() of the quote; words counted.
std::string statement_key(std::string_view quote_text);
size_t word_count(std::string_view key);
// True when `inner` occurs in `outer` at word boundaries (both statement keys).
bool contains_words(std::string_view outer, std::string_view inner);
// Winnowed 4-word shingle hashes (window 6): two keys sharing a run of at least
// kMinContainedWords words share at least one anchor.
std::vector<int64_t> statement_anchors(std::string_view key);

}  // namespace whosaid::store

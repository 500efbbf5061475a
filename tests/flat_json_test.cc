// The fast path of JsonlReader (io/flat_json.h) against nlohmann::json::parse:
// every line it accepts must read as the full parser reads it.
#include "io/flat_json.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace whosaid {
namespace {

constexpr const char* kKeyNames[kNumFlatFields] = {"id", "url", "outlet", "date", "title", "text"};

// Whether the fast path accepted `line`; when it did, its fields equal the
// full parser's.
bool AgreesWithFullParser(const std::string& line) {
  std::string_view fields[kNumFlatFields];
  std::string scratch;
  if (!read_flat_object(line, fields, scratch)) return false;
  const nlohmann::json j = nlohmann::json::parse(line);  // throws if the fast path accepted bad JSON
  EXPECT_TRUE(j.is_object()) << line;
  for (int f = 0; f < kNumFlatFields; ++f) {
    auto it = j.find(kKeyNames[f]);
    if (it == j.end()) {
      EXPECT_EQ(fields[f].data(), nullptr) << line << " key " << kKeyNames[f];
    } else {
      EXPECT_TRUE(it->is_string()) << line;
      EXPECT_EQ(std::string(fields[f]), it->get<std::string>()) << line << " key " << kKeyNames[f];
    }
  }
  return true;
}

TEST(FlatJson, ReadsFlatObjectsOfStringsAsTheFullParser) {
  const std::vector<std::string> accepted = {
      R"({"id":"a/1","text":"Hello\n\n\"Quoted,\" he said.\\ \/ \t\r\b\f"})",
      R"(  { "text" : "x" , "title":"T", "url":"http://e/x", "other":"ignored", "outlet":"O", "date":"2024" }  )",
      "{\"text\":\"caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xF0\x9F\x98\x80 long enough to take the eight-byte path\"}",
      R"({"text":""})",
      R"({})",
  };
  for (const auto& line : accepted) EXPECT_TRUE(AgreesWithFullParser(line)) << line;
}

TEST(FlatJson, LeavesEverythingElseToTheFullParser) {
  const std::vector<std::string> refused = {
      R"({"id":7,"text":"x"})",                  // a number
      R"({"text":"x","meta":{"a":"b"}})",        // an object
      R"({"text":null})",
      R"({"text":"\u00e9"})",                    // \u escapes
      R"({"text":"a","text":"b"})",              // a known key twice
      R"({"text":"x"} trailing)",
      R"({"text":"x",})",
      R"({"text":"x")",
      R"(["text"])",
      "{\"text\":\"tab\there\"}",                 // a raw control character
      "{\"text\":\"\xC0\xAF\"}",                  // overlong
      "{\"text\":\"\xED\xA0\x80\"}",              // a surrogate
      "{\"text\":\"\xF4\x90\x80\x80\"}",          // above U+10FFFF
      "{\"text\":\"cut \xE2\x80\"}",              // truncated sequence
      "\xEF\xBB\xBF{\"text\":\"x\"}",             // a byte-order mark
      R"({"text":"\x"})",
  };
  for (const auto& line : refused) EXPECT_FALSE(AgreesWithFullParser(line)) << line;
}

}  // namespace
}  // namespace whosaid

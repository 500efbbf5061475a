// Fuzzes the whole pipeline (whosaid::Extractor) and the JSON writer: span
// invariants (fuzz/invariants.h), determinism (run twice, compare), and that
// the JSON printed for the document parses back with the same offsets.
#include <cstddef>
#include <cstdint>
#include <string>

#include <nlohmann/json.hpp>

#include "invariants.h"
#include "io/quote_json.h"
#include "whosaid/extractor.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const whosaid::Extractor extractor;
  const std::string text(reinterpret_cast<const char*>(data), size);
  whosaid::Document first = extractor.extract(text, "fuzz");
  if (std::string why = whosaid::fuzz::check_document(first); !why.empty()) whosaid::fuzz::fail(why, text);
  whosaid::Document second = extractor.extract(text, "fuzz");
  if (std::string why = whosaid::fuzz::compare_documents(first, second); !why.empty())
    whosaid::fuzz::fail("not deterministic: " + why, text);
  // run() on a used Document clears old annotations first.
  extractor.run(second);
  if (std::string why = whosaid::fuzz::compare_documents(first, second); !why.empty())
    whosaid::fuzz::fail("run() on a used document differs: " + why, text);

  std::string json;
  whosaid::append_document_json(first, "\"fuzz\"", json);
  nlohmann::json parsed;
  try {
    parsed = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    whosaid::fuzz::fail(std::string("document JSON does not parse: ") + e.what(), text);
  }
  const auto& quotes = parsed.at("quotes");
  if (quotes.size() != first.quotes.size()) whosaid::fuzz::fail("JSON quote count differs", text);
  for (size_t i = 0; i < quotes.size(); ++i) {
    if (quotes[i].at("start").get<uint32_t>() != first.quotes[i].span.begin ||
        quotes[i].at("end").get<uint32_t>() != first.quotes[i].span.end)
      whosaid::fuzz::fail("JSON offsets differ from the quote's", text);
  }
  return 0;
}

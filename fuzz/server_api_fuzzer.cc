// Fuzzes the HTTP API's parameter and body handling (src/server/api.h, the part
// of `whosaid serve` free of HTTP) over a small real database: every call
// returns a JSON body or throws ApiError with a 4xx status, whose error body
// (error_json) is JSON too; nothing else escapes. The database is built once
// per process in a temporary folder from the store fixtures.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "invariants.h"
#include "server/api.h"
#include "whosaid/extractor.h"
#include "whosaid/store.h"

namespace {

const char* const kNames[] = {"q",    "speaker", "role",   "outlet", "from", "to",     "kind",
                              "limit", "offset", "top",    "latest", "text", "indirect", "min_confidence"};

whosaid::server::Api& api() {
  static std::unique_ptr<whosaid::server::Api> instance = [] {
    std::string dir = std::filesystem::temp_directory_path() / ("whosaid-api-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    whosaid::ServerOptions options;
    options.db_path = dir + "/news.db";
    {
      whosaid::Extractor extractor;
      whosaid::Store store(options.db_path);
      const char* texts[] = {
          "\xE2\x80\x9CThe SIS legislation is necessary,\xE2\x80\x9D Labour MP Phil Goff said on Friday.\n\n"
          "Green Party co-leader Russel Norman said the bill went too far.",
          "\xE2\x80\x9CWe will build it,\xE2\x80\x9D Mayor Len Brown said. Mr Brown said the harbour "
          "crossing report was delayed. \xE2\x80\x9CIt is late,\xE2\x80\x9D he said.",
          "Prime Minister John Key said the Government would decide. \xE2\x80\x9CThe SIS legislation is "
          "necessary,\xE2\x80\x9D Mr Key said."};
      int n = 0;
      for (const char* t : texts) {
        whosaid::ArticleInfo info;
        info.url = "https://news.example.org/" + std::to_string(++n);
        info.outlet = n % 2 ? "Example News" : "Other Times";
        info.date = "2014-0" + std::to_string(n) + "-02";
        info.title = "Story " + std::to_string(n);
        store.add(info, extractor.extract(t));
      }
    }
    options.query_timeout_ms = 2000;
    return std::make_unique<whosaid::server::Api>(options);
  }();
  return *instance;
}

void expect_json(const std::string& body, const std::string& input) {
  if (nlohmann::json::parse(body, nullptr, false).is_discarded())
    whosaid::fuzz::fail("response is not JSON: " + body.substr(0, 200), input);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 1) return 0;
  const std::string input(reinterpret_cast<const char*>(data), size);
  // Byte 0: endpoint. Then NUL-separated key, value, key, value...; a one-byte
  // key 1..14 names a known parameter. The last piece is also the POST body.
  std::vector<std::string> pieces;
  size_t start = 1;
  while (start <= input.size()) {
    size_t nul = input.find('\0', start);
    if (nul == std::string::npos) nul = input.size();
    pieces.push_back(input.substr(start, nul - start));
    start = nul + 1;
  }
  whosaid::server::Params params;
  for (size_t i = 0; i + 1 < pieces.size(); i += 2) {
    std::string key = pieces[i];
    const auto k = key.size() == 1 ? static_cast<unsigned char>(key[0]) : 0;
    if (k >= 1 && k <= std::size(kNames)) key = kNames[k - 1];
    params.emplace(key, pieces[i + 1]);
  }
  const std::string& last = pieces.empty() ? input : pieces.back();
  try {
    std::string body;
    switch (data[0] % 8) {
      case 0: body = api().search(params); break;
      case 1: body = api().speakers(params); break;
      case 2: body = api().speaker(last, params); break;
      case 3: body = api().article(last, params); break;
      case 4: body = api().conflicts(params); break;
      case 5: body = api().stats(params); break;
      case 6: body = api().extract(last, "application/json", params); break;
      default: body = api().extract(last.substr(0, 4096), "text/plain", {}); break;
    }
    expect_json(body, input);
  } catch (const whosaid::server::ApiError& e) {
    if (e.status < 400 || e.status >= 500)
      whosaid::fuzz::fail("ApiError with status " + std::to_string(e.status) + ": " + e.what(), input);
    expect_json(whosaid::server::error_json(e.status, e.what(), e.parameter), input);
  }
  return 0;
}

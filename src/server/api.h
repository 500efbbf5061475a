// The JSON API behind whosaid::Server, free of HTTP: each endpoint takes the
// decoded query parameters (and body) and returns the response body as JSON
// text, or throws ApiError with the HTTP status to send. docs/api.md documents
// every response; web/openapi.json describes the same in OpenAPI 3.
//
// Thread-safe: each call borrows a database connection (a read-only
// whosaid::Store and an ArticleSource) from a pool, creating one when none is
// idle; extraction uses shared const Extractors.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "whosaid/server.h"

namespace whosaid {
class Extractor;
}

namespace whosaid::server {

using Params = std::multimap<std::string, std::string>;

// An error to send as {"error": message, "code": status[, "parameter": parameter]}.
struct ApiError : std::runtime_error {
  ApiError(int status, const std::string& message, std::string parameter = {})
      : std::runtime_error(message), status(status), parameter(std::move(parameter)) {}
  int status;
  std::string parameter;
};

// The error body for `status` and `message`.
std::string error_json(int status, const std::string& message, const std::string& parameter = {});

class Api {
 public:
  explicit Api(const ServerOptions& options);
  ~Api();

  std::string search(const Params& p);
  std::string speakers(const Params& p);
  std::string speaker(const std::string& id, const Params& p);
  std::string article(const std::string& id, const Params& p);
  std::string conflicts(const Params& p);
  std::string stats(const Params& p);
  // `content_type` "application/json" (any case, parameters ignored): {"text": "...", "indirect": bool,
  // "min_confidence": number}; anything else: the body is the text.
  std::string extract(const std::string& body, const std::string& content_type, const Params& p);
  std::string health();
  // Whether a page's id names a stored article or speaker (false for non-ids).
  enum Kind { kArticle, kSpeaker };
  bool exists(Kind kind, const std::string& id);

  struct Connection;
  class Pool;

 private:
  const ServerOptions options_;
  std::unique_ptr<Pool> pool_;
  std::unique_ptr<const Extractor> extractor_, direct_only_;
  std::once_flag direct_only_once_;

  // Small TTL cache for the aggregate endpoints (stats, speakers, conflicts).
  std::mutex cache_mutex_;
  std::map<std::string, std::pair<std::chrono::steady_clock::time_point, std::string>> cache_;
  template <typename Fn>
  std::string cached(const std::string& key, Fn&& compute);
};

}  // namespace whosaid::server

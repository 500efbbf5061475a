// Read-only queries the server needs beyond whosaid::Store's API: one article
// with its text and quotes, and a few overview figures. One connection, opened
// with SQLITE_OPEN_READONLY; every statement binds its values; each query is
// interrupted after `timeout_ms`, or when the request's Deadline expires. Not thread-safe: one per thread (see Api).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "whosaid/store.h"

struct sqlite3;

namespace whosaid::server {

struct StoredArticle {
  int64_t id = 0;
  std::string source_id, url, outlet, date, title, text;
  std::vector<StoredQuote> quotes;  // in text order; article fields left empty
};

struct ArchiveFacts {
  int64_t outlets = 0;
  std::string first_date, last_date;
  std::vector<std::pair<std::string, int64_t>> top_outlets;  // outlet → articles
};

class ArticleSource {
 public:
  ArticleSource(const std::string& path, int timeout_ms);
  ~ArticleSource();
  ArticleSource(const ArticleSource&) = delete;
  ArticleSource& operator=(const ArticleSource&) = delete;

  std::optional<StoredArticle> article(int64_t id);
  enum Table { kArticles, kSpeakers };
  bool exists(Table table, int64_t id);  // an article or speaker with this id
  ArchiveFacts facts(size_t top_outlets);
  // Speakers whose name, a word of the name, or an alias starts with `prefix`
  // (ASCII case ignored; % and _ are plain characters), most quoted first.
  std::vector<int64_t> speakers_starting(const std::string& prefix, size_t limit);
  // The earliest article in which statement `statement` is attributed to
  // `speaker` (0 when none).
  int64_t article_attributing(int64_t statement, int64_t speaker);

 private:
  sqlite3* db_ = nullptr;
  std::string path_;
  int timeout_ms_;
  int64_t deadline_ms_ = 0;
  static int progress(void* self);
  void start_clock();
};

}  // namespace whosaid::server

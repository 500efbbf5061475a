// Fuzzes the search-box parser (src/store/query.h): for any bytes the FTS5
// expression it writes is accepted by SQLite's FTS5 (an in-memory table), has
// at most kMaxTerms terms and kMaxPrefixTerms prefixes, and parsing is
// deterministic.
#include <sqlite3.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string>

#include "invariants.h"
#include "store/query.h"

namespace {

sqlite3* fts_db() {
  static sqlite3* db = [] {
    sqlite3* d = nullptr;
    sqlite3_open(":memory:", &d);
    sqlite3_exec(d,
                 "CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2');"
                 "INSERT INTO t VALUES ('co-leader Kilroy-Silk don''t U.S. 9/11 the tax');",
                 nullptr, nullptr, nullptr);
    return d;
  }();
  return db;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  whosaid::store::ParsedQuery p = whosaid::store::parse_query(input);
  if (p.terms > whosaid::store::kMaxTerms) whosaid::fuzz::fail("too many terms", input);
  if (p.prefixes > whosaid::store::kMaxPrefixTerms ||
      static_cast<size_t>(std::count(p.fts5.begin(), p.fts5.end(), '*')) != p.prefixes)
    whosaid::fuzz::fail("prefixes not bounded: " + p.fts5, input);
  if (whosaid::store::parse_query(input).fts5 != p.fts5) whosaid::fuzz::fail("not deterministic", input);
  if (p.fts5.empty()) return 0;
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(fts_db(), "SELECT count(*) FROM t WHERE t MATCH ?", -1, &st, nullptr);
  sqlite3_bind_text(st, 1, p.fts5.data(), static_cast<int>(p.fts5.size()), SQLITE_TRANSIENT);
  int rc = sqlite3_step(st);
  std::string why = rc == SQLITE_ROW ? "" : sqlite3_errmsg(fts_db());
  sqlite3_finalize(st);
  if (!why.empty()) whosaid::fuzz::fail("FTS5 refused \"" + p.fts5 + "\": " + why, input);
  return 0;
}

// Thin RAII wrappers over the SQLite C API, private to whosaid_store. Every
// failure becomes whosaid::Error(kStore) naming the database file.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "whosaid/error.h"

namespace whosaid::store {

[[noreturn]] void throw_sqlite(sqlite3* db, int rc, std::string_view what);

class Statement {
 public:
  Statement() = default;
  Statement(sqlite3* db, std::string_view sql);
  ~Statement();
  Statement(Statement&& o) noexcept : db_(o.db_), stmt_(o.stmt_) { o.stmt_ = nullptr; }
  Statement& operator=(Statement&& o) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binding (1-based). Text is copied by SQLite (SQLITE_TRANSIENT).
  Statement& bind(int i, int64_t v);
  Statement& bind(int i, int v) { return bind(i, static_cast<int64_t>(v)); }
  Statement& bind(int i, double v);
  Statement& bind(int i, std::string_view v);
  Statement& bind(int i, const char* v) { return bind(i, std::string_view(v)); }
  Statement& bind(int i, const std::string& v) { return bind(i, std::string_view(v)); }
  Statement& bind_null(int i);
  // Binds NULL for an empty string.
  Statement& bind_opt(int i, std::string_view v) { return v.empty() ? bind_null(i) : bind(i, v); }
  Statement& bind_opt(int i, int64_t v) { return v == 0 ? bind_null(i) : bind(i, v); }

  // Returns true while a row is available.
  bool step();
  // Runs to completion, ignoring rows.
  void run();
  void reset();

  int64_t int64(int col) const { return sqlite3_column_int64(stmt_, col); }
  double real(int col) const { return sqlite3_column_double(stmt_, col); }
  std::string text(int col) const;
  bool is_null(int col) const { return sqlite3_column_type(stmt_, col) == SQLITE_NULL; }

  sqlite3_stmt* get() const { return stmt_; }

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs SQL without results (may hold several statements).
void exec(sqlite3* db, const char* sql);

}  // namespace whosaid::store

#include "store/sqlite.h"

namespace whosaid::store {

void throw_sqlite(sqlite3* db, int rc, std::string_view what) {
  const char* file = db ? sqlite3_db_filename(db, "main") : nullptr;
  std::string msg = (file && *file) ? std::string(file) + ": " : std::string();
  msg += std::string(what) + ": " + (db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
  int primary = rc & 0xff;
  if (primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
    msg += " (the database file is damaged or not a whosaid database; restore it from a "
           "backup or ingest into a new file)";
  else if (primary == SQLITE_READONLY)
    msg += " (the database or its folder is read-only; choose a writable --db path)";
  else if (primary == SQLITE_FULL)
    msg += " (disk full)";
  else if (primary == SQLITE_BUSY)
    msg += " (another process holds the write lock)";
  else if (primary == SQLITE_INTERRUPT)
    msg += " (interrupted: past its time limit, or cancelled)";
  ErrorCode code = (primary == SQLITE_CANTOPEN || primary == SQLITE_IOERR) ? ErrorCode::kIo
                                                                          : ErrorCode::kStore;
  throw Error(code, msg);
}

Statement::Statement(sqlite3* db, std::string_view sql) : db_(db) {
  int rc = sqlite3_prepare_v3(db, sql.data(), static_cast<int>(sql.size()),
                              SQLITE_PREPARE_PERSISTENT, &stmt_, nullptr);
  if (rc != SQLITE_OK) throw_sqlite(db, rc, "preparing query");
}

Statement::~Statement() {
  if (stmt_) sqlite3_finalize(stmt_);
}

Statement& Statement::operator=(Statement&& o) noexcept {
  if (this != &o) {
    if (stmt_) sqlite3_finalize(stmt_);
    db_ = o.db_;
    stmt_ = o.stmt_;
    o.stmt_ = nullptr;
  }
  return *this;
}

Statement& Statement::bind(int i, int64_t v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, double v) {
  sqlite3_bind_double(stmt_, i, v);
  return *this;
}
Statement& Statement::bind(int i, std::string_view v) {
  sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}
Statement& Statement::bind_null(int i) {
  sqlite3_bind_null(stmt_, i);
  return *this;
}

bool Statement::step() {
  int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  // Keep the message before reset() clears it.
  std::string what = "running \"" + std::string(sqlite3_sql(stmt_)).substr(0, 60) + "…\"";
  sqlite3_reset(stmt_);
  throw_sqlite(db_, rc, what);
}

void Statement::run() {
  while (step()) {
  }
  reset();
}

void Statement::reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
}

std::string Statement::text(int col) const {
  const unsigned char* p = sqlite3_column_text(stmt_, col);
  if (!p) return {};
  return std::string(reinterpret_cast<const char*>(p),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, col)));
}

void exec(sqlite3* db, const char* sql) {
  char* err = nullptr;
  int rc = sqlite3_exec(db, sql, nullptr, nullptr, &err);
  if (rc != SQLITE_OK) {
    sqlite3_free(err);  // sqlite3_errmsg(db) still holds the message
    throw_sqlite(db, rc, "running SQL");
  }
}

}  // namespace whosaid::store

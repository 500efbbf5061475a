// The store's schema and its migrations. docs/store.md describes every table;
// keep it in step with kMigrations in schema.cc.
#pragma once

#include <sqlite3.h>

#include <string>

namespace whosaid::store {

// PRAGMA application_id of a whosaid database: "WHOS".
inline constexpr int kApplicationId = 0x57484F53;

// Opens `path` (after checking that an existing file is an SQLite file), sets
// the connection pragmas, and on a read-write connection creates or migrates the
// schema to Store::kSchemaVersion. Throws whosaid::Error; never writes to a file
// that is not a whosaid database or whose schema is newer.
sqlite3* open_database(const std::string& path, bool read_only, bool create);

// Given a read-only connection `db` to `path`: when it cannot read because the
// database's folder or mount is read-only (WAL mode needs to create the -shm
// file), closes it and returns a connection that reads the file as immutable;
// otherwise returns `db`. Used by every read-only opener (Store, the server's
// article source).
sqlite3* open_read_only_fallback(const std::string& path, sqlite3* db);

}  // namespace whosaid::store

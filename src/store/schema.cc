#include "store/schema.h"

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <memory>

#include "store/sqlite.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid::store {
namespace {

// kMigrations[i] takes a database from user_version i to i + 1. Never edit a
// released migration; append a new one and bump Store::kSchemaVersion.
constexpr const char* kMigrations[] = {
    // 0 → 1: the first schema.
    R"sql(
CREATE TABLE articles (
  id          INTEGER PRIMARY KEY,
  key         TEXT NOT NULL UNIQUE,       -- identity: 'url:…', 'id:…' or 'sha:…'
  source_id   TEXT,
  url         TEXT,
  outlet      TEXT,
  date        TEXT,                       -- ISO 8601, may be NULL
  title       TEXT,
  text        TEXT NOT NULL,
  text_hash   TEXT NOT NULL,
  origin      TEXT,                       -- where it was read: 'file:line', 'file@offset'
  added_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);
CREATE INDEX articles_text_hash ON articles(text_hash);
CREATE INDEX articles_date ON articles(date);
CREATE INDEX articles_outlet ON articles(outlet COLLATE NOCASE);

CREATE TABLE speakers (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,              -- display name, the fullest form seen
  kind        TEXT NOT NULL DEFAULT 'person' CHECK (kind IN ('person', 'organisation')),
  full_key    TEXT NOT NULL,              -- folded name without titles: 'john key'
  given_key   TEXT,                       -- 'john'; NULL when only the surname is known
  surname_key TEXT NOT NULL,              -- 'key' ('' for organisations)
  gender      TEXT CHECK (gender IN ('m', 'f'))
);
CREATE INDEX speakers_surname ON speakers(surname_key);

CREATE TABLE speaker_aliases (
  id          INTEGER PRIMARY KEY,
  speaker     INTEGER NOT NULL REFERENCES speakers(id),
  alias       TEXT NOT NULL,              -- as written: 'Mr Key', 'John Key'
  alias_key   TEXT NOT NULL,              -- full_key of the alias
  UNIQUE (alias, speaker)
);
CREATE INDEX speaker_aliases_key ON speaker_aliases(alias_key);
CREATE INDEX speaker_aliases_speaker ON speaker_aliases(speaker);

CREATE TABLE speaker_roles (
  speaker     INTEGER NOT NULL REFERENCES speakers(id),
  role        TEXT NOT NULL DEFAULT '',
  org         TEXT NOT NULL DEFAULT '',
  first_seen  TEXT,
  last_seen   TEXT,
  quotes      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (speaker, role, org)
) WITHOUT ROWID;

CREATE TABLE speaker_outlets (
  speaker     INTEGER NOT NULL REFERENCES speakers(id),
  outlet      TEXT NOT NULL,
  quotes      INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (speaker, outlet)
) WITHOUT ROWID;

CREATE TABLE statements (
  id          INTEGER PRIMARY KEY,
  norm_text   TEXT NOT NULL               -- folded text of the longest version seen
);

CREATE TABLE statement_anchors (
  anchor      INTEGER NOT NULL,           -- >= 0: winnowed 4-word shingle hash;
                                          -- < 0: hash of a whole folded version
  statement   INTEGER NOT NULL REFERENCES statements(id),
  PRIMARY KEY (anchor, statement)
) WITHOUT ROWID;

CREATE TABLE quotes (
  id          INTEGER PRIMARY KEY,
  article     INTEGER NOT NULL REFERENCES articles(id),
  start       INTEGER NOT NULL,           -- byte offsets into articles.text
  end         INTEGER NOT NULL,
  spans       TEXT NOT NULL,              -- JSON [[begin, end], ...]
  text        TEXT NOT NULL,              -- fragments joined by ' … '
  kind        TEXT NOT NULL CHECK (kind IN ('direct', 'indirect', 'mixed')),
  cue         TEXT,
  confidence  REAL NOT NULL DEFAULT 0,
  speaker     INTEGER REFERENCES speakers(id),       -- NULL: no person
  alias       INTEGER REFERENCES speaker_aliases(id),
  speaker_name TEXT,                      -- the name the extractor gave
  mention     TEXT,                       -- the words naming the source
  role        TEXT,
  org         TEXT,
  statement   INTEGER REFERENCES statements(id)      -- NULL: too short to link
);
CREATE INDEX quotes_article ON quotes(article);
CREATE INDEX quotes_speaker ON quotes(speaker);
CREATE INDEX quotes_alias ON quotes(alias);
CREATE INDEX quotes_statement ON quotes(statement);

CREATE VIRTUAL TABLE quotes_fts USING fts5(
  text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER quotes_fts_insert AFTER INSERT ON quotes BEGIN
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER quotes_fts_delete AFTER DELETE ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER quotes_fts_update AFTER UPDATE OF text ON quotes BEGIN
  INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
  INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
END;
)sql",
    // 1 → 2: outlet + date in one index, so "--outlet X --from D" newest-first
    // reads the index backwards and stops after --limit rows.
    R"sql(
DROP INDEX articles_outlet;
CREATE INDEX articles_outlet_date ON articles(outlet COLLATE NOCASE, date);
)sql",
    // 2 → 3: the anchors of one statement, so that replacing an article deletes
    // its orphan statements' anchors without scanning the table (the primary
    // key starts with the anchor).
    R"sql(
CREATE INDEX statement_anchors_statement ON statement_anchors(statement);
)sql",
    // 3 → 4: what every JSON output writes for a quote (README "Output schema"):
    // the offsets of the speaker's mention and of the cue, and the speaker's
    // type. NULL for quotes stored before.
    R"sql(
ALTER TABLE quotes ADD COLUMN mention_start INTEGER;
ALTER TABLE quotes ADD COLUMN mention_end INTEGER;
ALTER TABLE quotes ADD COLUMN speaker_type TEXT;
ALTER TABLE quotes ADD COLUMN cue_start INTEGER;
ALTER TABLE quotes ADD COLUMN cue_end INTEGER;
)sql",
    // 4 → 5: search visits every quote a text query matches (to count the
    // statements) and the newest 2,000 (to rank them). Reading quote rows and
    // article rows for that (texts inline, hundreds of MB) cost ~1 µs a visit:
    // 30-60 ms for a common word over a million quotes. These narrow covering
    // indexes hold what the visits read (see store/search.cc). The statement
    // index gains the article, so "also in N articles" reads only the index,
    // and the speaker index what a speaker's listing sorts and counts by.
    R"sql(
CREATE INDEX quotes_search ON quotes(id, statement, article, kind, confidence, speaker);
CREATE INDEX articles_search ON articles(id, date, outlet);
CREATE INDEX quotes_statement_article ON quotes(statement, article);
DROP INDEX quotes_statement;
DROP INDEX quotes_speaker;
CREATE INDEX quotes_speaker ON quotes(speaker, article, start, statement);
)sql",
};
constexpr int kMigrationCount = sizeof(kMigrations) / sizeof(kMigrations[0]);
static_assert(kMigrationCount == Store::kSchemaVersion,
              "one migration per schema version");

int pragma_int(sqlite3* db, const char* sql) {
  Statement s(db, sql);
  return s.step() ? static_cast<int>(s.int64(0)) : 0;
}

// Refuses files that exist but are not SQLite databases before SQLite sees them:
// opening such a file read-write could otherwise end with it being overwritten.
void check_header(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec)) return;
  if (std::filesystem::is_directory(path, ec))
    throw Error(ErrorCode::kIo, path + ": is a directory, not a database file");
  std::ifstream in(path, std::ios::binary);
  if (!in)
    throw Error(ErrorCode::kIo, path + ": cannot read the database file (check permissions)");
  char header[16] = {};
  in.read(header, sizeof header);
  auto n = in.gcount();
  if (n == 0) return;  // an empty file becomes a new database
  if (n < 16 || std::memcmp(header, "SQLite format 3", 16) != 0)
    throw Error(ErrorCode::kStore,
                path + ": not a whosaid database (not an SQLite file); it was left untouched. "
                       "Choose another --db path.");
}

// Returns the schema version of a database this build may write to; throws for
// any other file, without writing to it.
int validate(sqlite3* db, const std::string& path) {
  int version = pragma_int(db, "PRAGMA user_version");
  int app = pragma_int(db, "PRAGMA application_id");
  if (version > Store::kSchemaVersion)
    throw Error(ErrorCode::kStore,
                path + ": database schema version " + std::to_string(version) +
                    " is newer than this whosaid supports (" +
                    std::to_string(Store::kSchemaVersion) + "); upgrade whosaid to use this file");
  if (version == 0) {
    int tables = pragma_int(db, "SELECT count(*) FROM sqlite_schema");
    if (tables > 0 || (app != 0 && app != kApplicationId))
      throw Error(ErrorCode::kStore,
                  path + ": an SQLite database of another program, not a whosaid database; "
                         "it was left untouched. Choose another --db path.");
  } else if (app != kApplicationId) {
    throw Error(ErrorCode::kStore, path + ": not a whosaid database (application id differs); "
                                          "it was left untouched. Choose another --db path.");
  }
  return version;
}

void migrate(sqlite3* db, const std::string& path) {
  // Take the write lock before reading the version, so that two processes
  // creating the same file do not both run the migrations.
  exec(db, "BEGIN IMMEDIATE");
  try {
    int version = validate(db, path);
    for (int v = version; v < Store::kSchemaVersion; ++v) {
      exec(db, kMigrations[v]);
      exec(db, ("PRAGMA user_version = " + std::to_string(v + 1)).c_str());
    }
    if (version == 0)
      exec(db, ("PRAGMA application_id = " + std::to_string(kApplicationId)).c_str());
    exec(db, "COMMIT");
  } catch (...) {
    sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
    throw;
  }
}

void check_version_read_only(sqlite3* db, const std::string& path) {
  int version = pragma_int(db, "PRAGMA user_version");
  int app = pragma_int(db, "PRAGMA application_id");
  if (version > Store::kSchemaVersion)
    throw Error(ErrorCode::kStore, path + ": database schema version " +
                                       std::to_string(version) +
                                       " is newer than this whosaid supports (" +
                                       std::to_string(Store::kSchemaVersion) +
                                       "); upgrade whosaid to use this file");
  if (app != kApplicationId || version == 0)
    throw Error(ErrorCode::kStore, path + ": not a whosaid database (or an empty one); run "
                                          "`whosaid ingest --db " + path + " …` first");
  if (version < Store::kSchemaVersion)
    throw Error(ErrorCode::kStore,
                path + ": database schema version " + std::to_string(version) +
                    " is older than this whosaid's; open it once for writing (for example "
                    "with `whosaid ingest --db " + path + "`) to migrate it");
}

// "file:" URI of a path, with the characters URIs give a meaning escaped.
std::string file_uri(const std::string& path, const char* query) {
  std::string out = "file:";
  for (char c : path) {
    if (c == '%' || c == '?' || c == '#') {
      char buf[4];
      std::snprintf(buf, sizeof buf, "%%%02X", static_cast<unsigned char>(c));
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "?" + query;
}

// The first read of a connection: SQLITE_OK, or why it failed.
int probe_read(sqlite3* db) {
  sqlite3_stmt* st = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema", -1, &st, nullptr);
  if (rc == SQLITE_OK) {
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) rc = SQLITE_OK;
  }
  sqlite3_finalize(st);
  return rc;
}

}  // namespace

sqlite3* open_read_only_fallback(const std::string& path, sqlite3* db) {
  int rc = probe_read(db);
  int primary = rc & 0xff;
  if (primary != SQLITE_READONLY && primary != SQLITE_CANTOPEN && primary != SQLITE_IOERR)
    return db;
  // A WAL database on a read-only mount or in a read-only folder: its -shm
  // file cannot be created. Nothing can write to such a file, so read it as
  // immutable (no locks, no -shm; a leftover -wal is not read).
  sqlite3* raw = nullptr;
  int rc2 = sqlite3_open_v2(file_uri(path, "immutable=1").c_str(), &raw,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc2 != SQLITE_OK || probe_read(raw) != SQLITE_OK) {
    sqlite3_close_v2(raw);
    return db;  // the first error is the one to report
  }
  sqlite3_close_v2(db);
  return raw;
}

sqlite3* open_database(const std::string& path, bool read_only, bool create) {
  // SQLite counts every allocation under one process-wide mutex unless told
  // not to, before it starts: `serve` runs a search per thread. Nothing here
  // reads the counts. Too late (SQLite already in use, e.g. by Python's
  // sqlite3 module in the same process) is harmless: it stays on.
  static const int no_memstatus = sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
  (void)no_memstatus;
  check_header(path);
  std::error_code ec;
  bool exists = std::filesystem::exists(path, ec);
  if (!exists && (read_only || !create))
    throw Error(ErrorCode::kIo, path + ": no such database; create it with `whosaid ingest "
                                       "--db " + path + " INPUT…`");
  if (!exists) {
    auto dir = std::filesystem::absolute(path, ec).parent_path();
    if (!std::filesystem::is_directory(dir, ec))
      throw Error(ErrorCode::kIo, path + ": cannot create the database: folder " + dir.string() +
                                      " does not exist");
  }
  int flags = read_only ? SQLITE_OPEN_READONLY
                        : (SQLITE_OPEN_READWRITE | (create ? SQLITE_OPEN_CREATE : 0));
  flags |= SQLITE_OPEN_NOMUTEX;
  sqlite3* raw = nullptr;
  int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  std::unique_ptr<sqlite3, int (*)(sqlite3*)> db(raw, sqlite3_close_v2);
  if (rc != SQLITE_OK) {
    std::string why = raw ? sqlite3_errmsg(raw) : sqlite3_errstr(rc);
    if ((rc & 0xff) == SQLITE_CANTOPEN)
      throw Error(ErrorCode::kIo, path + ": cannot open the database (" + why +
                                      "); check that the file and its folder exist and are "
                                      "writable");
    throw_sqlite(raw, rc, "opening the database");
  }
  if (read_only) {
    raw = open_read_only_fallback(path, db.release());
    db.reset(raw);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, 30000);
  {
    if (read_only) {
      check_version_read_only(raw, path);
      exec(raw, "PRAGMA query_only = ON");
    } else {
      // A read-only file or folder: say so before anything else fails obscurely.
      if (sqlite3_db_readonly(raw, "main") == 1)
        throw Error(ErrorCode::kStore, path + ": the database file is read-only; choose a "
                                              "writable --db path");
      validate(raw, path);  // before WAL mode changes anything in the file
      {
        Statement s(raw, "PRAGMA journal_mode = WAL");
        std::string mode = s.step() ? s.text(0) : "";
        if (mode != "wal")
          throw Error(ErrorCode::kStore, path + ": cannot switch the database to WAL mode (got '" +
                                             mode + "'); is the folder writable?");
      }
      exec(raw, "PRAGMA synchronous = NORMAL");
      migrate(raw, path);
    }
    exec(raw, "PRAGMA foreign_keys = ON");
    exec(raw, "PRAGMA temp_store = MEMORY");
    exec(raw, "PRAGMA cache_size = -65536");  // 64 MiB
    // Reads through the OS page cache without a copy and a system call per page.
    exec(raw, "PRAGMA mmap_size = 4294967296");
  }
  return db.release();
}

}  // namespace whosaid::store

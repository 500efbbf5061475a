// Unit tests of the store's database file: the schema and its migrations, files
// that are not whosaid databases, damaged or read-only files and folders.
#include <fcntl.h>
#include <linux/fs.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>

#include <gtest/gtest.h>

#include "store_test_util.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid {
namespace {

using namespace whosaid::testing;
namespace fs = std::filesystem;

TEST(StoreSchema, NewDatabaseIsVersionedAndInWalMode) {
  TempDir dir;
  std::string path = dir.file("w.db");
  { Store s(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  auto pragma = [&](const char* sql) {
    sqlite3_stmt* st = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &st, nullptr);
    sqlite3_step(st);
    std::string v = reinterpret_cast<const char*>(sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    return v;
  };
  EXPECT_EQ(pragma("PRAGMA user_version"), std::to_string(Store::kSchemaVersion));
  EXPECT_EQ(pragma("PRAGMA journal_mode"), "wal");
  EXPECT_EQ(pragma("PRAGMA application_id"), std::to_string(0x57484F53));
  EXPECT_EQ(pragma("SELECT count(*) FROM sqlite_schema WHERE name IN ('articles', 'quotes', "
                   "'speakers', 'speaker_aliases', 'speaker_roles', 'statements', 'quotes_fts')"),
            "7");
  sqlite3_close(db);
  Store again(path);  // reopening is fine
  EXPECT_EQ(again.integrity_check(), "ok");
}

TEST(StoreSchema, NonSqliteFileIsRefusedAndLeftUntouched) {
  TempDir dir;
  std::string path = dir.file("notes.db");
  std::ofstream(path) << "these are my notes, not a database\n";
  std::string before = read_file(path);
  expect_error(ErrorCode::kStore, "not a whosaid database", [&] { Store s(path); });
  EXPECT_EQ(read_file(path), before);
  EXPECT_FALSE(fs::exists(path + "-wal"));
}

TEST(StoreSchema, OtherProgramsSqliteDatabaseIsRefused) {
  TempDir dir;
  std::string path = dir.file("other.db");
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  std::string before = read_file(path);
  expect_error(ErrorCode::kStore, "another program", [&] { Store s(path); });
  EXPECT_EQ(read_file(path), before);
}

TEST(StoreSchema, NewerSchemaIsRefused) {
  TempDir dir;
  std::string path = dir.file("future.db");
  { Store s(path); }
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  sqlite3_exec(db, "PRAGMA user_version = 99", nullptr, nullptr, nullptr);
  sqlite3_close(db);
  for (bool ro : {false, true}) {
    SCOPED_TRACE(ro ? "read-only" : "read-write");
    expect_error(ErrorCode::kStore, "newer", [&] { Store s(path, StoreOptions{.read_only = ro}); });
  }
}

TEST(StoreSchema, OlderSchemaIsMigratedKeepingTheData) {
  TempDir dir;
  std::string path = dir.file("old.db");
  {
    Store s(path);
    s.add(info("https://a.test/1", "Herald", "2014-05-02"),
          make_doc({{"We will build the bridge next year", "John Key"}}));
  }
  // Turn the file back into a version 1 database.
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, "DROP INDEX quotes_search; DROP INDEX articles_search; DROP INDEX "
                             "quotes_statement_article; CREATE INDEX quotes_statement ON "
                             "quotes(statement); DROP INDEX quotes_speaker; CREATE INDEX "
                             "quotes_speaker ON quotes(speaker); "
                             "DROP INDEX articles_outlet_date; CREATE INDEX articles_outlet ON "
                             "articles(outlet COLLATE NOCASE); DROP INDEX "
                             "statement_anchors_statement; ALTER TABLE quotes DROP COLUMN "
                             "mention_start; ALTER TABLE quotes DROP COLUMN mention_end; ALTER "
                             "TABLE quotes DROP COLUMN speaker_type; ALTER TABLE quotes DROP "
                             "COLUMN cue_start; ALTER TABLE quotes DROP COLUMN cue_end; PRAGMA "
                             "user_version = 1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  // A read-only connection cannot migrate.
  expect_error(std::nullopt, "older", [&] { Store ro(path, StoreOptions{.read_only = true}); });
  Store s(path);
  EXPECT_EQ(s.stats().quotes, 1);
  // What the old schema did not keep is unknown (null in JSON), not made up.
  auto hits = s.search(SearchQuery{});
  ASSERT_EQ(hits.size(), 1u);
  EXPECT_EQ(hits[0].speaker, "John Key");
  EXPECT_FALSE(hits[0].mention_span);
  EXPECT_FALSE(hits[0].cue_span);
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version), (SELECT count(*) "
                         "FROM sqlite_schema WHERE name IN ('articles_outlet_date', "
                         "'statement_anchors_statement'))",
                     -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), Store::kSchemaVersion);
  EXPECT_EQ(sqlite3_column_int(st, 1), 2);
  sqlite3_finalize(st);
  sqlite3_close(db);
}

// Schema 5 only adds the indexes search reads through (store/search.cc); a
// version 4 file keeps every row and answers every search as before.
TEST(StoreSchema, Version4IsMigratedToTheSearchIndexesWithTheSameResults) {
  TempDir dir;
  std::string path = dir.file("v4.db");
  const std::vector<std::pair<std::string, std::string>> said = {
      {"We will build the bridge next year whatever it costs", "John Key"},
      {"The harbour plan is a waste of public money", "Phil Goff"},
      {"any timing", "John Key"},
      {"We will build the bridge next year whatever it costs us", "John Key"},
  };
  {
    Store s(path);
    for (int i = 0; i < 12; ++i) {
      std::vector<Q> qs;
      for (size_t k = 0; k < said.size(); ++k)
        if ((i + k) % 3 != 0) qs.push_back({said[k].first, said[k].second});
      s.add(info("https://a.test/" + std::to_string(i), i % 2 ? "Herald" : "Press",
                 "2014-0" + std::to_string(1 + i % 9) + "-02"),
            make_doc(qs));
    }
  }
  auto results = [&] {
    Store s(path, StoreOptions{.read_only = true});
    std::vector<std::string> out;
    for (const char* text : {"", "bridge", "harbour OR timing", "we will", "zzz"}) {
      for (SearchOrder order : {SearchOrder::kRelevance, SearchOrder::kDate, SearchOrder::kConfidence}) {
        for (const char* outlet : {"", "herald"}) {
          SearchQuery q;
          q.text = text;
          q.order = order;
          q.outlet = outlet;
          q.limit = 3;
          q.offset = 1;
          SearchResults r = s.search_page(q);
          std::string line = std::string(text) + "|" + outlet + "|" +
                             std::to_string(r.total) + (r.has_more ? "+" : "") + ":";
          for (const StoredQuote& h : r.hits)
            line += " " + std::to_string(h.id) + "/" + std::to_string(h.other_articles) + "/" +
                    std::to_string(h.score);
          out.push_back(line);
        }
      }
    }
    return out;
  };
  const std::vector<std::string> before = results();
  const int64_t quotes = Store(path, StoreOptions{.read_only = true}).stats().quotes;
  sqlite3* db = nullptr;
  sqlite3_open(path.c_str(), &db);
  ASSERT_EQ(sqlite3_exec(db, "DROP INDEX quotes_search; DROP INDEX articles_search; DROP INDEX "
                             "quotes_statement_article; CREATE INDEX quotes_statement ON "
                             "quotes(statement); DROP INDEX quotes_speaker; CREATE INDEX "
                             "quotes_speaker ON quotes(speaker); PRAGMA user_version = 4;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  expect_error(std::nullopt, "older", [&] { Store ro(path, StoreOptions{.read_only = true}); });
  { Store s(path); }  // a read-write open migrates
  EXPECT_EQ(Store(path, StoreOptions{.read_only = true}).stats().quotes, quotes);
  EXPECT_EQ(results(), before);
  sqlite3_open(path.c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_schema WHERE name IN ('quotes_search', "
                         "'articles_search', 'quotes_statement_article', 'quotes_statement')",
                     -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 3);
  sqlite3_finalize(st);
  sqlite3_prepare_v2(db, "SELECT count(*) FROM pragma_index_info('quotes_speaker')", -1, &st,
                     nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  EXPECT_EQ(sqlite3_column_int(st, 0), 4);  // speaker, article, start, statement
  sqlite3_finalize(st);
  sqlite3_close(db);
}

TEST(StoreSchema, CorruptFileGivesAClearErrorAndIsNotOverwritten) {
  TempDir dir;
  std::string path = dir.file("corrupt.db");
  {
    Store s(path);
    for (int i = 0; i < 30; ++i)
      s.add(info("https://x.test/" + std::to_string(i), "X", "2014-01-01"),
            make_doc({{"We will look at it carefully number " + std::to_string(i), "John Key"}}));
  }
  ASSERT_TRUE(fs::remove(path + "-wal") || true);
  std::string bytes = read_file(path);
  ASSERT_GT(bytes.size(), 8192u);
  // Keep the 100-byte header, scribble over the schema page and the next ones.
  for (size_t i = 100; i < 8192; ++i) bytes[i] = static_cast<char>(i * 7);
  std::ofstream(path, std::ios::binary | std::ios::trunc) << bytes;
  expect_error(ErrorCode::kStore, "damaged", [&] {
    Store s(path);
    s.stats();
  });
  EXPECT_EQ(read_file(path), bytes);
}

TEST(StoreSchema, UncreatableLocationGivesAnIoError) {
  expect_error(ErrorCode::kIo, "does not exist", [] { Store s("/nonexistent-folder/sub/w.db"); });
  expect_error(ErrorCode::kIo, "", [] { Store s("/proc/whosaid-test.db"); });
}

TEST(StoreSchema, ReadOnlyFileGivesAClearError) {
  if (geteuid() == 0) GTEST_SKIP() << "root ignores file permissions";
  TempDir dir;
  std::string path = dir.file("ro.db");
  { Store s(path); }
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read);
  expect_error(std::nullopt, "read-only", [&] { Store s(path); });
}

TEST(StoreSchema, MissingDatabaseOpenedReadOnlyIsAnIoError) {
  TempDir dir;
  expect_error(ErrorCode::kIo, "whosaid ingest",
               [&] { Store s(dir.file("none.db"), StoreOptions{.read_only = true}); });
  EXPECT_FALSE(fs::exists(dir.file("none.db")));
}

// Replacing an article deleted its orphan statements' anchors by scanning the
// whole table (the primary key starts with the anchor).
TEST(StoreSchema, StatementAnchorsAreIndexedByStatement) {
  TempDir dir;
  std::string path = dir.file("w.db");
  { Store s(path); }
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &db), SQLITE_OK);
  sqlite3_stmt* st = nullptr;
  ASSERT_EQ(sqlite3_prepare_v2(db, "EXPLAIN QUERY PLAN DELETE FROM statement_anchors WHERE "
                                   "statement = 1", -1, &st, nullptr), SQLITE_OK);
  std::string plan;
  while (sqlite3_step(st) == SQLITE_ROW)
    plan += reinterpret_cast<const char*>(sqlite3_column_text(st, 3)) + std::string("\n");
  sqlite3_finalize(st);
  sqlite3_close(db);
  EXPECT_NE(plan.find("statement_anchors_statement"), std::string::npos) << plan;
  EXPECT_EQ(plan.find("SCAN"), std::string::npos) << plan;
}

// ---------------------------------------------------------------- read-only media

// A read-only folder (or mount) for the life of the object: chmod for a normal
// user; for root, who ignores permissions, the immutable attribute (chattr +i).
class ReadOnlyFolder {
 public:
  explicit ReadOnlyFolder(std::string dir) : dir_(std::move(dir)) {
    ok_ = geteuid() == 0 ? set_immutable(true)
                         : (fs::permissions(dir_, fs::perms::owner_read | fs::perms::owner_exec),
                            true);
  }
  ~ReadOnlyFolder() {
    if (geteuid() == 0) set_immutable(false);
    else fs::permissions(dir_, fs::perms::owner_all);
  }
  bool ok() const { return ok_; }

 private:
  bool set_immutable(bool on) {
    int fd = open(dir_.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return false;
    int flags = 0;
    bool done = ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
    if (done) {
      flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
      done = ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
    }
    close(fd);
    return done;
  }
  std::string dir_;
  bool ok_ = false;
};

// A WAL database in a read-only folder: its -shm (and -wal) file cannot be
// created, and every read failed with "unable to open database file".
TEST(StoreSchema, ReadOnlyFolderIsReadAsImmutable) {
  TempDir dir;
  std::string folder = dir.file("media");
  fs::create_directory(folder);
  std::string path = folder + "/w.db";
  {
    Store s(path);
    s.add(info("u1", "Herald", "2014-01-01"),
          make_doc({{"The harbour will be dredged next winter", "Phil Goff"}}));
  }
  ASSERT_FALSE(fs::exists(path + "-shm"));
  ReadOnlyFolder ro_folder(folder);
  if (!ro_folder.ok()) GTEST_SKIP() << "cannot make a folder read-only here (chattr +i refused)";
  ASSERT_FALSE(std::ofstream(folder + "/probe")) << "the folder is still writable";
  Store ro(path, StoreOptions{.read_only = true});
  EXPECT_EQ(ro.stats().quotes, 1);
  SearchQuery q;
  q.text = "harbour";
  EXPECT_EQ(ro.search(q).size(), 1u);
  // Writing is still refused with a clear error.
  expect_error(std::nullopt, "", [&] { Store rw(path); });
}

}  // namespace
}  // namespace whosaid

// CLI-level tests: run the built whosaid binary (WHOSAID_BINARY) for ingest,
// search, speakers, speaker, conflicts and export, including SIGKILL during
// ingest. Assertions about quotes hold whatever the extractor's exact output is
// (filters are checked on every hit); store logic is unit-tested in store_test.
#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <random>
#include <set>
#include <sstream>
#include <thread>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "store_fixtures.h"
#include "whosaid/document.h"
#include "whosaid/store.h"

extern char** environ;

namespace whosaid {
namespace {

using nlohmann::json;
using testing::TempDir;

const std::string kFixtures = std::string(WHOSAID_FIXTURES) + "/store";

struct Result {
  int rc = -1;
  std::string out, err;
};

pid_t spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
            const std::string& in = "/dev/null") {
  std::vector<std::string> full = {WHOSAID_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<char*> argv;
  for (auto& a : full) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  posix_spawn_file_actions_addopen(&fa, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  pid_t pid = 0;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  EXPECT_EQ(rc, 0) << "cannot run " << WHOSAID_BINARY;
  return pid;
}

class Cli : public ::testing::Test {
 protected:
  Result run(const std::vector<std::string>& args, const std::string& in = "/dev/null") {
    std::string out = dir_.file("stdout"), err = dir_.file("stderr");
    pid_t pid = spawn(args, out, err, in);
    int status = 0;
    waitpid(pid, &status, 0);
    Result r;
    r.rc = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    r.out = testing::read_file(out);
    r.err = testing::read_file(err);
    return r;
  }
  // One number from the database.
  static int64_t count(const std::string& db, const std::string& sql) {
    sqlite3* h = nullptr;
    sqlite3_open_v2(db.c_str(), &h, SQLITE_OPEN_READONLY, nullptr);
    sqlite3_stmt* st = nullptr;
    int64_t v = -1;
    if (sqlite3_prepare_v2(h, sql.c_str(), -1, &st, nullptr) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
      v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(h);
    return v;
  }
  // The fixtures plus a WARC.gz of three articles, two bad records and skipped ones.
  std::string corpus() {
    std::string root = dir_.file("corpus");
    std::filesystem::create_directories(root + "/articles/nested");
    for (const char* f : {"feed.jsonl", "page.html", "articles/bridge.txt",
                          "articles/nested/tax.txt", "articles/.hidden.txt"})
      std::filesystem::copy_file(kFixtures + "/" + f, root + "/" + f);
    using namespace testing;
    std::string ok1 = news_page("Port strike", "2017-03-04",
                                "<p>\u201CThe strike will go ahead on Monday,\u201D union "
                                "secretary Mike Wells said.</p>");
    std::string ok2 = news_page("Rates rise", "2017-03-05",
                                "<p>\u201CRates will rise by four percent this year,\u201D Mayor "
                                "Len Brown said.</p>");
    std::string ok3 = news_page("Quiet day", "",
                                "<p>Nothing much happened in the city on Sunday.</p>");
    write_warc(root + "/crawl.warc.gz",
               {warc_record("warcinfo", "", "2017-03-06T00:00:00Z", "x: y\r\n",
                            "application/warc-fields"),
                warc_record("response", "https://port.example/strike", "2017-03-06T00:00:00Z",
                            http_response(200, "text/html", ok1)),
                "garbage\r\n\r\n",
                warc_record("response", "https://port.example/rates", "2017-03-06T00:00:01Z",
                            http_response(200, "text/html; charset=utf-8", ok2)),
                warc_record("response", "https://port.example/bad", "2017-03-06T00:00:01Z",
                            "no http here"),
                warc_record("response", "https://port.example/quiet", "2017-03-07T10:00:00Z",
                            http_response(200, "text/html", ok3))},
               true);
    return root;
  }
  TempDir dir_;
};

TEST_F(Cli, IngestEveryFormatThenRerunAddsNothing) {
  std::string db = dir_.file("w.db"), in = corpus();
  Result r = run({"ingest", "--db", db, in});
  EXPECT_EQ(r.rc, 3) << r.err;  // kExitSomeRejected
  EXPECT_NE(r.err.find("feed.jsonl:3: bad JSON"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("feed.jsonl:5: no \"text\" field"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("crawl.warc.gz@"), std::string::npos) << r.err;
  // 2 text files + 4 JSONL records + 1 HTML page + 3 WARC responses.
  EXPECT_NE(r.err.find("10 articles (10 added, 0 replaced, 0 unchanged)"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("4 rejected"), std::string::npos) << r.err;
  EXPECT_EQ(count(db, "SELECT count(*) FROM articles"), 10);
  EXPECT_EQ(count(db, "SELECT count(*) FROM articles WHERE url = 'https://port.example/rates' "
                      "AND date = '2017-03-05' AND outlet = 'port.example'"),
            1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM articles WHERE outlet = 'The Daily Example'"), 1);
  int64_t quotes = count(db, "SELECT count(*) FROM quotes");
  EXPECT_GT(quotes, 0);

  Result again = run({"ingest", "--db", db, in});
  EXPECT_EQ(again.rc, 3);
  EXPECT_NE(again.err.find("10 articles (0 added, 0 replaced, 10 unchanged), 0 quotes"),
            std::string::npos)
      << again.err;
  EXPECT_EQ(count(db, "SELECT count(*) FROM articles"), 10);
  EXPECT_EQ(count(db, "SELECT count(*) FROM quotes"), quotes);
}

TEST_F(Cli, ChangedTextReplacesQuotesAndStdinWorks) {
  std::string db = dir_.file("w.db"), feed = dir_.file("f.jsonl");
  auto line = [](const std::string& text) {
    return json{{"url", "https://x.example/a"}, {"outlet", "X"}, {"date", "2020-01-02"},
                {"text", text}}.dump() + "\n";
  };
  testing::write_file(feed, line("Budget\n\n\"The budget is balanced for the first time in "
                                 "a decade,\" Finance Minister Grant Robertson said."));
  Result r = run({"ingest", "--db", db, "-"}, feed);
  EXPECT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.err.find("1 added"), std::string::npos) << r.err;
  testing::write_file(feed, line("Budget\n\n\"The deficit will be gone within two years,\" "
                                 "Finance Minister Grant Robertson said."));
  r = run({"ingest", "--db", db, "--quiet", feed});
  EXPECT_EQ(r.rc, 0);
  EXPECT_EQ(r.err, "");  // --quiet: no progress, no summary
  EXPECT_EQ(count(db, "SELECT count(*) FROM articles"), 1);
  EXPECT_EQ(count(db, "SELECT count(*) FROM quotes WHERE text LIKE '%balanced%'"), 0);
  EXPECT_EQ(count(db, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'balanced'"), 0);
  r = run({"ingest", "--db", db, feed});
  EXPECT_NE(r.err.find("1 unchanged"), std::string::npos) << r.err;
  // Ingesting the folder that holds the database skips the database's own files.
  std::string sub = dir_.file("data");
  std::filesystem::create_directories(sub);
  std::filesystem::copy_file(feed, sub + "/f.jsonl");
  for (int i = 0; i < 2; ++i) {
    r = run({"ingest", "--db", sub + "/w.db", sub});
    EXPECT_EQ(r.rc, 0) << r.err;  // no "binary file" rejection of w.db, w.db-wal, w.db-shm
    EXPECT_NE(r.err.find("ingest: 1 articles"), std::string::npos) << r.err;
  }
  EXPECT_EQ(r.err.find('\r'), std::string::npos);  // no progress bar when not a terminal
}

TEST_F(Cli, ThreadCountDoesNotChangeTheResult) {
  std::string in = corpus();
  std::string db1 = dir_.file("one.db"), db2 = dir_.file("two.db");
  run({"ingest", "--db", db1, "--threads", "1", in});
  run({"ingest", "--db", db2, "--threads", "3", in});
  Result e1 = run({"export", "--db", db1});
  Result e2 = run({"export", "--db", db2});
  EXPECT_EQ(e1.rc, 0);
  EXPECT_FALSE(e1.out.empty());
  EXPECT_EQ(e1.out, e2.out);
}

// Ten thousand threads exhausted file descriptors and the error blamed the
// input folder: the option itself is refused, naming it, before any work.
TEST_F(Cli, ImpossibleThreadCountIsRefusedAsTheOption) {
  const std::string db = dir_.file("threads.db");
  Result r = run({"ingest", "--db", db, "--threads", "10000", corpus()});
  EXPECT_EQ(r.rc, 2) << r.err;
  EXPECT_NE(r.err.find("--threads"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("10000"), std::string::npos) << r.err;
  EXPECT_FALSE(std::filesystem::exists(db));
}

// Articles with quotes by a small cast, so that speakers and statements recur.
std::string crash_corpus(const std::string& path, int n) {
  const char* names[] = {"John Key", "Helen Clark", "Phil Goff", "Bill English", "Len Brown",
                         "Amy Adams", "Russel Norman", "Judith Collins"};
  const char* roles[] = {"Prime Minister", "Labour leader", "Labour MP", "Finance Minister",
                         "Mayor", "Justice Minister", "Green co-leader", "Police Minister"};
  const char* lines[] = {"We will build the harbour crossing before the next election",
                         "The budget is balanced for the first time in a decade",
                         "Nobody in this government has read the report",
                         "The police will get more funding next year",
                         "Rates will not rise by more than three percent"};
  std::string out;
  for (int i = 0; i < n; ++i) {
    int a = i % 8, b = (i * 3 + 1) % 8;
    std::string text = "Story number " + std::to_string(i) + "\n\n\"" + lines[i % 5] + ",\" " +
                       roles[a] + " " + names[a] + " said on day " + std::to_string(i) +
                       ".\n\n" + names[b] + " disagreed. \"This is story " + std::to_string(i) +
                       " and it is about " + lines[(i + 2) % 5] + ",\" " + names[b] +
                       " said.\n\nMore text follows here for article " + std::to_string(i) +
                       " so that the extractor has some work to do on every paragraph.";
    json j = {{"text", text}, {"date", "2014-0" + std::to_string(1 + i % 9) + "-1" +
                                           std::to_string(i % 10)}};
    if (i % 3 == 0) j["url"] = "https://crash.example/" + std::to_string(i);
    if (i % 3 == 1) j["id"] = "crash-" + std::to_string(i);
    // i % 3 == 2: identified by the text hash only.
    out += j.dump() + "\n";
  }
  testing::write_file(path, out);
  return path;
}

TEST_F(Cli, KilledIngestLeavesAConsistentDatabaseAndRerunCompletesIt) {
  const int kArticles = 5000, kKills = 24;
  std::string feed = crash_corpus(dir_.file("crash.jsonl"), kArticles);
  std::string ref = dir_.file("ref.db"), db = dir_.file("crash.db");
  auto t0 = std::chrono::steady_clock::now();
  Result full = run({"ingest", "--db", ref, "--threads", "2", feed});
  ASSERT_EQ(full.rc, 0) << full.err;
  double full_ms =
      std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  ASSERT_EQ(count(ref, "SELECT count(*) FROM articles"), kArticles);

  std::mt19937 rng(12345);
  std::uniform_real_distribution<double> when(0.0, 1.0);
  double slice = 10 + full_ms * 1.5 / kKills;
  int64_t last = 0;
  int killed = 0, partial = 0;
  std::string trace;
  for (int k = 0; k < kKills; ++k) {
    pid_t pid = spawn({"ingest", "--db", db, "--threads", "2", "--batch", "50", feed},
                      dir_.file("o"), dir_.file("e"));
    // Early kills hit startup and schema creation; later ones hit batches.
    // Each later run gets a random slice of about `slice` ms; the slice grows
    // while kills land before anything is committed (a loaded machine starts
    // slowly) and shrinks when runs finish first.
    double ms = k < 3 ? 3.0 * k : slice * (0.5 + when(rng));
    std::this_thread::sleep_for(std::chrono::microseconds(static_cast<int64_t>(ms * 1000)));
    if (kill(pid, SIGKILL) == 0) ++killed;
    int status = 0;
    waitpid(pid, &status, 0);
    if (!std::filesystem::exists(db)) {
      if (k >= 3) slice = std::min(slice * 1.6, 3 * full_ms);
      continue;
    }
    sqlite3* h = nullptr;
    ASSERT_EQ(sqlite3_open(db.c_str(), &h), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(st, 0)), "ok") << "kill " << k;
    sqlite3_finalize(st);
    sqlite3_close(h);
    int64_t n = count(db, "SELECT count(*) FROM articles");
    if (n >= 0) {
      EXPECT_GE(n, last) << "committed articles went missing after kill " << k;
      if (n > 0 && n < kArticles) ++partial;
      if (k >= 3 && n == last) slice = std::min(slice * 1.6, 3 * full_ms);
      if (n == kArticles) slice = std::max(slice / 2, 5.0);
      trace += " " + std::to_string(n) + "@" + std::to_string(static_cast<int>(ms));
      last = n;
      // Every stored article has exactly its quotes: compare with the reference.
      EXPECT_EQ(count(db, "SELECT count(*) FROM quotes"),
                count(ref, "SELECT count(*) FROM quotes WHERE article <= " + std::to_string(n)))
          << "kill " << k;
    }
  }
  std::cerr << "full run " << full_ms << " ms; articles after each kill:" << trace << "\n";
  EXPECT_GE(killed, kKills / 2) << "the runs finished before they could be killed";
  EXPECT_GE(partial, 3) << "too few kills landed mid-ingest:" << trace;
  Result done = run({"ingest", "--db", db, feed});
  EXPECT_EQ(done.rc, 0) << done.err;
  EXPECT_EQ(count(db, "SELECT count(*) FROM articles"), kArticles);
  EXPECT_EQ(count(db, "SELECT count(DISTINCT key) FROM articles"), kArticles);
  EXPECT_EQ(count(db, "SELECT count(*) FROM quotes"), count(ref, "SELECT count(*) FROM quotes"));
  EXPECT_EQ(count(db, "SELECT count(*) FROM speakers"), count(ref, "SELECT count(*) FROM speakers"));
  Result check = run({"export", "--db", db});
  Result expect = run({"export", "--db", ref});
  EXPECT_EQ(check.out, expect.out) << "the resumed database differs from an uninterrupted run";
  EXPECT_EQ(count(db, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'harbour'"),
            count(ref, "SELECT count(*) FROM quotes_fts WHERE quotes_fts MATCH 'harbour'"));
}

TEST_F(Cli, BadDatabaseFilesAreRefusedAndLeftAlone) {
  std::string page = kFixtures + "/page.html";
  std::string notes = dir_.file("notes.db");
  testing::write_file(notes, "my notes\n");
  Result r = run({"ingest", "--db", notes, page});
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.err.find("not a whosaid database"), std::string::npos) << r.err;
  EXPECT_EQ(testing::read_file(notes), "my notes\n");
  r = run({"search", "--db", notes, "x"});
  EXPECT_EQ(r.rc, 1);

  std::string future = dir_.file("future.db");
  ASSERT_EQ(run({"ingest", "--db", future, page}).rc, 0);
  sqlite3* h = nullptr;
  sqlite3_open(future.c_str(), &h);
  sqlite3_exec(h, "PRAGMA user_version = 42", nullptr, nullptr, nullptr);
  sqlite3_close(h);
  r = run({"ingest", "--db", future, page});
  EXPECT_EQ(r.rc, 1);
  EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;
  r = run({"search", "--db", future, "bill"});
  EXPECT_NE(r.err.find("newer"), std::string::npos) << r.err;

  r = run({"ingest", "--db", dir_.file("no/such/folder/w.db"), page});
  EXPECT_EQ(r.rc, 74);
  EXPECT_NE(r.err.find("does not exist"), std::string::npos) << r.err;
  r = run({"search", "--db", dir_.file("absent.db"), "x"});
  EXPECT_EQ(r.rc, 74);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("absent.db")));
}

class CliQueries : public Cli {
 protected:
  void SetUp() override {
    db_ = dir_.file("w.db");
    Result r = run({"ingest", "--db", db_, corpus()});
    ASSERT_EQ(r.rc, 3) << r.err;
  }
  json search(std::vector<std::string> args) {
    std::vector<std::string> full = {"search", "--db", db_, "--format", "json", "--limit", "0"};
    full.insert(full.end(), args.begin(), args.end());
    Result r = run(full);
    EXPECT_EQ(r.rc, 0) << r.err;
    return json::parse(r.out);
  }
  std::string db_;
};

TEST_F(CliQueries, EveryFilterIsRespected) {
  json all = search({});
  ASSERT_GE(all.size(), 5u);
  auto check = [&](std::vector<std::string> args, auto pred, const char* what) {
    json hits = search(args);
    size_t expected = 0;
    for (const auto& h : all) expected += pred(h) ? 1 : 0;
    // At least: a statement that the full listing shows once (its best copy)
    // may show another copy when a filter leaves that one out.
    EXPECT_GE(hits.size(), expected) << what;
    for (const auto& h : hits) EXPECT_TRUE(pred(h)) << what << ": " << h.dump();
    return hits.size();
  };
  EXPECT_GT(check({"--outlet", "example news"},
                  [](const json& h) { return h["article"]["outlet"] == "Example News"; },
                  "outlet"),
            0u);
  EXPECT_GT(check({"--from", "2015", "--to", "2016-12"},
                  [](const json& h) {
                    std::string d = h["article"]["date"].is_string() ? h["article"]["date"] : "";
                    return !d.empty() && d >= "2015" && d.substr(0, 7) <= "2016-12";
                  },
                  "dates"),
            0u);
  EXPECT_GT(check({"--kind", "direct"}, [](const json& h) { return h["kind"] == "direct"; },
                  "kind"),
            0u);
  check({"--kind", "indirect"}, [](const json& h) { return h["kind"] == "indirect"; }, "kind");
  check({"--role", "mayor"},
        [](const json& h) {
          auto low = [](const json& v) {
            std::string s = v.is_string() ? v.get<std::string>() : "";
            for (char& c : s) c = static_cast<char>(std::tolower(c));
            return s;
          };
          const json& sp = h["speaker"];
          return sp.is_object() && (low(sp["role"]).find("mayor") != std::string::npos ||
                                    low(sp["org"]).find("mayor") != std::string::npos);
        },
        "role");
  // A speaker that the extractor found: filtering by its id finds exactly its quotes.
  int64_t sid = 0;
  for (const auto& h : all)
    if (h["speaker_id"].is_number()) sid = h["speaker_id"];
  ASSERT_GT(sid, 0);
  check({"--speaker", "#" + std::to_string(sid)},
        [&](const json& h) { return h["speaker_id"] == sid; }, "speaker");

  json limited = search({"--limit", "2"});
  EXPECT_EQ(limited.size(), 2u);
  // Full text: every hit contains the word; full statements, then fragments
  // (fewer than 6 words), each in bm25 order.
  json hits = search({"harbour OR legislation"});
  ASSERT_GT(hits.size(), 0u);
  auto fragment = [](const json& h) {
    std::string t = h["text"];
    return std::count(t.begin(), t.end(), ' ') < 5;
  };
  for (size_t i = 0; i < hits.size(); ++i) {
    std::string t = hits[i]["text"];
    for (char& c : t) c = static_cast<char>(std::tolower(c));
    EXPECT_TRUE(t.find("harbour") != std::string::npos || t.find("legislation") != std::string::npos);
    if (i) EXPECT_LE(fragment(hits[i - 1]), fragment(hits[i]));
    if (i && fragment(hits[i - 1]) == fragment(hits[i]))
      EXPECT_LE(hits[i - 1]["score"].get<double>(), hits[i]["score"].get<double>());
  }
  Result bad = run({"search", "--db", db_, "--raw", "\"unbalanced"});
  EXPECT_EQ(bad.rc, 65);
  EXPECT_NE(bad.err.find("bad raw FTS5 query"), std::string::npos);
}

// Ordinary queries failed as FTS5 syntax errors (exit 65, "bad search query
// \"co-leader\": leader"); they are words now, and only --raw takes FTS5.
TEST_F(CliQueries, WhatPeopleTypeIsNeverASyntaxError) {
  for (const char* text : {"don't", "Blair's", "U.S.", "co-leader", "Kilroy-Silk", "e-mail", "50%",
                           "9/11", "Mr. Blair", "what?", "NOT tax", "tax OR", "\"unbalanced",
                           "AND", "(", "*", "col:umn"}) {
    Result r = run({"search", "--db", db_, text});
    EXPECT_EQ(r.rc, 0) << text << ": " << r.err;
    EXPECT_EQ(r.err.find("bad search query"), std::string::npos) << r.err;
  }
}

TEST_F(CliQueries, BadLimitAndDatesNameTheOption) {
  Result r = run({"search", "--db", db_, "--limit", "-1"});
  EXPECT_NE(r.rc, 0);
  EXPECT_NE(r.err.find("--limit"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("-1"), std::string::npos) << r.err;
  r = run({"search", "--db", db_, "--from", "2014-13"});
  EXPECT_NE(r.rc, 0);
  EXPECT_NE(r.err.find("--from"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("YYYY-MM-DD"), std::string::npos) << r.err;
  r = run({"search", "--db", db_, "--to", "yesterday"});
  EXPECT_NE(r.err.find("--to"), std::string::npos) << r.err;
  r = run({"search", "--db", db_, "--from", "2016", "--to", "2015"});
  EXPECT_EQ(r.rc, 65);
  EXPECT_NE(r.err.find("before"), std::string::npos) << r.err;
  r = run({"search", "--db", db_, "--min-confidence", "2"});
  EXPECT_NE(r.err.find("--min-confidence"), std::string::npos) << r.err;
}

TEST_F(CliQueries, TotalOnStderrAndCopiesShownOnce) {
  Result r = run({"search", "--db", db_, "--limit", "1"});
  ASSERT_EQ(r.rc, 0) << r.err;
  EXPECT_NE(r.err.find(" results; showing 1–1 (--offset 1 for more)"), std::string::npos) << r.err;
  json hits = search({"--sort", "confidence"});
  for (size_t i = 1; i < hits.size(); ++i)
    EXPECT_GE(hits[i - 1]["confidence"].get<double>(), hits[i]["confidence"].get<double>());
  std::set<int64_t> statements;
  for (const auto& h : search({}))
    if (h["statement_id"].is_number())
      EXPECT_TRUE(statements.insert(h["statement_id"].get<int64_t>()).second) << h.dump();
}

// export and search --format json|jsonl died with SIGABRT (nlohmann
// type_error.316) on stored text that is not valid UTF-8.
TEST_F(Cli, InvalidUtf8InTheDatabaseIsWrittenAsReplacementCharacters) {
  std::string db = dir_.file("bad.db");
  {
    std::string text = "\xFF\xFE intro.\n\n\"Bad bytes \xC3 here in the harbour quote,\" Jo Bloggs said.";
    Document doc(text);
    Quote q;
    size_t b = text.find("Bad"), e = text.find(",\"");
    q.span = Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
    q.spans = {q.span};
    q.confidence = 0.5f;
    doc.quotes.push_back(q);
    ArticleInfo info;
    info.url = "https://bad.example/\xFF";
    info.title = "Title \xFF";
    Store(db).add(info, doc);
  }
  for (std::vector<std::string> args :
       {std::vector<std::string>{"export", "--db", db},
        {"export", "--db", db, "--format", "csv"},
        {"search", "--db", db, "--format", "json"},
        {"search", "--db", db, "--format", "jsonl", "harbour"},
        {"search", "--db", db}}) {
    Result r = run(args);
    EXPECT_EQ(r.rc, 0) << args[0] << " " << args.back() << ": " << r.err;
    EXPECT_NE(r.out.find("\xEF\xBF\xBD"), std::string::npos) << args.back() << ": " << r.out;
    EXPECT_EQ(r.out.find("\xC3 "), std::string::npos) << args.back();
  }
}

TEST_F(CliQueries, OutputFormats) {
  Result table = run({"search", "--db", db_, "--limit", "3"});
  EXPECT_EQ(table.rc, 0);
  EXPECT_EQ(std::count(table.out.begin(), table.out.end(), '\n'), 3);
  Result jsonl = run({"search", "--db", db_, "--limit", "3", "--format", "jsonl"});
  std::istringstream lines(jsonl.out);
  std::string line;
  int n = 0;
  while (std::getline(lines, line)) {
    json j = json::parse(line);
    EXPECT_TRUE(j.contains("text") && j.contains("article") && j.contains("spans"));
    ++n;
  }
  EXPECT_EQ(n, 3);
  Result csv = run({"search", "--db", db_, "--limit", "3", "--format", "csv"});
  EXPECT_EQ(csv.out.rfind("id,text,kind,speaker,", 0), 0u);

  int64_t quotes = count(db_, "SELECT count(*) FROM quotes");
  Result ex = run({"export", "--db", db_, "--format", "jsonl"});
  EXPECT_EQ(std::count(ex.out.begin(), ex.out.end(), '\n'), quotes);
  std::string csv_file = dir_.file("all.csv");
  Result exc = run({"export", "--db", db_, "--format", "csv", "-o", csv_file});
  EXPECT_EQ(exc.rc, 0);
  EXPECT_EQ(testing::read_file(csv_file).rfind("id,text,", 0), 0u);
}

TEST_F(CliQueries, SpeakersMergeSplitAndProfile) {
  Result list = run({"speakers", "--db", db_, "--format", "json", "--top", "0"});
  ASSERT_EQ(list.rc, 0) << list.err;
  json people = json::parse(list.out);
  ASSERT_GE(people.size(), 2u);
  int64_t a = people[0]["id"], b = people[1]["id"];
  int64_t qa = people[0]["quotes"], qb = people[1]["quotes"];
  std::string bname = people[1]["name"];

  Result prof = run({"speaker", "--db", db_, "#" + std::to_string(a)});
  EXPECT_EQ(prof.rc, 0);
  EXPECT_NE(prof.out.find("aliases:"), std::string::npos);

  Result m = run({"speakers", "merge", "--db", db_, "#" + std::to_string(a), "#" + std::to_string(b)});
  ASSERT_EQ(m.rc, 0) << m.err;
  json after = json::parse(run({"speakers", "--db", db_, "--format", "json", "--top", "0"}).out);
  EXPECT_EQ(after.size(), people.size() - 1);
  json merged = json::parse(run({"speaker", "--db", db_, "--format", "json",
                                 "#" + std::to_string(a)}).out);
  ASSERT_EQ(merged.size(), 1u);
  EXPECT_EQ(merged[0]["quotes"], qa + qb);

  // Split the merged-in name back off.
  Result s = run({"speakers", "split", "--db", db_, "#" + std::to_string(a), bname});
  ASSERT_EQ(s.rc, 0) << s.err;
  json restored = json::parse(run({"speakers", "--db", db_, "--format", "json", "--top", "0"}).out);
  EXPECT_EQ(restored.size(), people.size());
  json back = json::parse(run({"speaker", "--db", db_, "--format", "json",
                               "#" + std::to_string(a)}).out);
  EXPECT_EQ(back[0]["quotes"], qa);

  Result none = run({"speaker", "--db", db_, "Nobody Anywhere"});
  EXPECT_EQ(none.rc, 65);
  Result self = run({"speakers", "merge", "--db", db_, "#" + std::to_string(a), "#" + std::to_string(a)});
  EXPECT_EQ(self.rc, 65);
}

TEST_F(CliQueries, ConflictsListStatementsWithTwoSpeakers) {
  Result r = run({"conflicts", "--db", db_, "--format", "json"});
  ASSERT_EQ(r.rc, 0) << r.err;
  json list = json::parse(r.out);
  ASSERT_TRUE(list.is_array());
  // The fixtures give one sentence to Helen Clark (bridge.txt) and to Len Brown
  // (feed.jsonl); whenever both are attributed, it must be flagged.
  json hits = search({"\"final report on the harbour crossing\""});
  std::set<int64_t> speakers;
  for (const auto& h : hits)
    if (h["speaker_id"].is_number()) speakers.insert(h["speaker_id"].get<int64_t>());
  if (speakers.size() >= 2) {
    ASSERT_GE(list.size(), 1u);
  }
  for (const auto& c : list) {
    ASSERT_GE(c["speakers"].size(), 2u);
    EXPECT_NE(c["speakers"][0]["speaker_id"], c["speakers"][1]["speaker_id"]);
  }
}

}  // namespace
}  // namespace whosaid

// Unit tests of whosaid::Store over hand-built documents, so that they do not
// depend on how well the extractor finds quotes.
#include "whosaid/store.h"

#include <fcntl.h>
#include <linux/fs.h>
#include <sqlite3.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <optional>
#include <random>
#include <source_location>
#include <sstream>
#include <string_view>

#include <gtest/gtest.h>

#include "store/query.h"
#include "store/text_keys.h"
#include "whosaid/error.h"

namespace whosaid {
namespace {

namespace fs = std::filesystem;

// A fresh temporary folder per test.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = fs::temp_directory_path() / ("whosaid-store-test-" + std::to_string(rd()));
    fs::create_directories(path_);
  }
  ~TempDir() { fs::remove_all(path_); }
  std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  fs::path path_;
};

struct Q {
  std::string text;
  std::string speaker;  // empty: no speaker
  std::string role, org;
  QuoteKind kind = QuoteKind::kDirect;
  MentionKind entity_kind = MentionKind::kName;
  bool resolved = true;  // has an entity
  Gender gender = Gender::kUnknown;
};

// “TEXT,” SPEAKER said.  — one paragraph per quote, after an optional lead.
Document make_doc(const std::vector<Q>& qs, const std::string& lead = "") {
  std::string text = lead.empty() ? "" : lead + "\n\n";
  struct Pos {
    Span quote, mention;
  };
  std::vector<Pos> pos;
  for (const Q& q : qs) {
    Pos p;
    text += "\u201C";
    p.quote.begin = static_cast<uint32_t>(text.size());
    text += q.text;
    p.quote.end = static_cast<uint32_t>(text.size());
    text += ",\u201D ";
    p.mention.begin = static_cast<uint32_t>(text.size());
    text += q.speaker.empty() ? "it was" : q.speaker;
    p.mention.end = static_cast<uint32_t>(text.size());
    text += " said.\n\n";
    pos.push_back(p);
  }
  Document doc(text);
  for (size_t i = 0; i < qs.size(); ++i) {
    const Q& q = qs[i];
    Quote quote;
    quote.span = pos[i].quote;
    quote.spans = {pos[i].quote};
    quote.kind = q.kind;
    quote.confidence = 0.8f;
    quote.cue = Span{pos[i].mention.end + 1, pos[i].mention.end + 5};
    if (!q.speaker.empty()) {
      Speaker sp;
      sp.name = q.speaker;
      sp.mention = pos[i].mention;
      sp.role = q.role;
      sp.org = q.org;
      if (q.resolved) {
        Entity e;
        e.name = q.speaker;
        e.role = q.role;
        e.org = q.org;
        e.kind = q.entity_kind;
        e.gender = q.gender;
        sp.entity = static_cast<int32_t>(doc.entities.size());
        doc.entities.push_back(e);
      }
      quote.speaker = sp;
    }
    doc.quotes.push_back(quote);
  }
  return doc;
}

ArticleInfo info(const std::string& url, const std::string& outlet, const std::string& date) {
  ArticleInfo a;
  a.url = url;
  a.outlet = outlet;
  a.date = date;
  a.title = "Title of " + url;
  return a;
}

int64_t speaker_of(const Store& s, const std::string& text) {
  SearchQuery q;
  q.text = "\"" + text + "\"";
  auto hits = s.search(q);
  EXPECT_EQ(hits.size(), 1u) << text;
  return hits.empty() ? -1 : hits[0].speaker_id;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// Expects `fn` to throw whosaid::Error with `code` (any code: nullopt) and a
// message containing `needle` (any message: empty). Failures name the caller's
// line. Any other exception escapes and fails the test.
template <typename Fn>
void expect_error(std::optional<ErrorCode> code, std::string_view needle, Fn&& fn,
                  std::source_location where = std::source_location::current()) {
  ::testing::ScopedTrace trace(where.file_name(), static_cast<int>(where.line()), "expect_error");
  try {
    fn();
  } catch (const Error& e) {
    if (code) EXPECT_EQ(e.code(), *code) << e.what();
    if (!needle.empty())
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)
          << "no \"" << needle << "\" in: " << e.what();
    return;
  }
  ADD_FAILURE() << "no whosaid::Error was thrown";
}

// ---------------------------------------------------------------- text keys

TEST(TextKeys, FoldKeyIgnoresCasePunctuationAndAccents) {
  EXPECT_EQ(store::fold_key("José  O’Brien-Smith"), "jose obrien smith");
  EXPECT_EQ(store::fold_key("  “We will NOT back down!” "), "we will not back down");
  EXPECT_EQ(store::fold_key("U.S.-led"), "us led");
  EXPECT_EQ(store::fold_key("Zoë Ōtautahi"), "zoe otautahi");
}

TEST(TextKeys, ParsePersonNameDropsTitlesAndKeepsParticles) {
  auto pm = store::parse_person_name("Prime Minister John Key");
  ASSERT_TRUE(pm.valid);
  EXPECT_EQ(pm.full_key, "john key");
  EXPECT_EQ(pm.given_key, "john");
  EXPECT_EQ(pm.surname_key, "key");

  auto mr = store::parse_person_name("Mr Key");
  ASSERT_TRUE(mr.valid);
  EXPECT_EQ(mr.full_key, "key");
  EXPECT_TRUE(mr.given_key.empty());
  EXPECT_EQ(mr.gender, 'm');
  EXPECT_EQ(store::parse_person_name("Ms Key").gender, 'f');

  auto vdl = store::parse_person_name("Ursula von der Leyen");
  EXPECT_EQ(vdl.surname_key, "von der leyen");
  EXPECT_EQ(vdl.given_key, "ursula");
  EXPECT_EQ(store::parse_person_name("Martin Luther King Jr.").surname_key, "king");
}

TEST(TextKeys, PronounsAndCommonNounsAreNotNames) {
  for (const char* n : {"he", "She", "they", "I", "We", "the spokesman", "a minister", "",
                        "the Minister"})
    EXPECT_FALSE(store::parse_person_name(n).valid) << n;
}

TEST(TextKeys, RolesAgree) {
  EXPECT_TRUE(store::roles_agree("Prime Minister", "prime minister"));
  EXPECT_TRUE(store::roles_agree("Labour", "Labour Party"));
  EXPECT_TRUE(store::roles_agree("the Greens", "Green Party"));
  EXPECT_FALSE(store::roles_agree("Labour MP", "Prime Minister"));
  EXPECT_FALSE(store::roles_agree("", "Prime Minister"));
}

TEST(TextKeys, AnchorsOfAContainedTextAreASubset) {
  std::string inner = store::statement_key("the bill gives the agency no new powers to spy on anyone");
  std::string outer = store::statement_key(
      "Let me be clear: the bill gives the agency no new powers to spy on anyone, and it never "
      "will while I am here");
  ASSERT_TRUE(store::contains_words(outer, inner));
  auto a = store::statement_anchors(inner), b = store::statement_anchors(outer);
  ASSERT_FALSE(a.empty());
  bool shared = false;
  for (int64_t x : a)
    if (std::find(b.begin(), b.end(), x) != b.end()) shared = true;
  EXPECT_TRUE(shared);
  EXPECT_FALSE(store::contains_words("the bill gives", "bill give"));
}

// ---------------------------------------------------------------- schema, files

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
  ASSERT_EQ(sqlite3_exec(db, "DROP INDEX articles_outlet_date; CREATE INDEX articles_outlet ON "
                             "articles(outlet COLLATE NOCASE); DROP INDEX "
                             "statement_anchors_statement; PRAGMA user_version = 1;",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(db);
  // A read-only connection cannot migrate.
  expect_error(std::nullopt, "older", [&] { Store ro(path, StoreOptions{.read_only = true}); });
  Store s(path);
  EXPECT_EQ(s.stats().quotes, 1);
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

// ---------------------------------------------------------------- articles

TEST(StoreArticles, SameUrlAndTextAddsNothing) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"We will build the bridge next year", "John Key"}});
  EXPECT_EQ(s.add(info("https://a.test/1", "Herald", "2014-05-02"), doc), AddOutcome::kAdded);
  EXPECT_TRUE(s.contains(info("https://a.test/1", "Herald", "2014-05-02"), doc.text()));
  EXPECT_EQ(s.add(info("https://a.test/1", "Herald", "2014-05-02"), doc), AddOutcome::kUnchanged);
  EXPECT_EQ(s.add(info("https://a.test/1#comments", "Herald", "2014-05-02"), doc),
            AddOutcome::kUnchanged);
  auto st = s.stats();
  EXPECT_EQ(st.articles, 1);
  EXPECT_EQ(st.quotes, 1);
}

TEST(StoreArticles, ChangedTextReplacesItsQuotes) {
  TempDir dir;
  Store s(dir.file("w.db"));
  auto a = info("https://a.test/1", "Herald", "2014-05-02");
  s.add(a, make_doc({{"We will build the bridge next year", "John Key"},
                     {"The bridge is a waste of money", "Helen Clark"}}));
  Document v2 = make_doc({{"We will build the tunnel next year", "John Key"}});
  EXPECT_FALSE(s.contains(a, v2.text()));
  EXPECT_EQ(s.add(a, v2), AddOutcome::kReplaced);
  auto st = s.stats();
  EXPECT_EQ(st.articles, 1);
  EXPECT_EQ(st.quotes, 1);
  SearchQuery q;
  q.text = "bridge";
  EXPECT_TRUE(s.search(q).empty());  // the FTS index followed the delete
  q.text = "tunnel";
  EXPECT_EQ(s.search(q).size(), 1u);
  EXPECT_EQ(s.integrity_check(), "ok");
  // Helen Clark has no quotes left, so she is not listed.
  auto people = s.speakers();
  ASSERT_EQ(people.size(), 1u);
  EXPECT_EQ(people[0].name, "John Key");
}

TEST(StoreArticles, WithoutUrlIdentityIsTheSourceIdElseTheTextHash) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"Nothing has been decided yet on this", "Helen Clark"}});
  ArticleInfo none;
  EXPECT_EQ(s.add(none, doc), AddOutcome::kAdded);
  EXPECT_EQ(s.add(none, doc), AddOutcome::kUnchanged);
  ArticleInfo a, b;
  a.source_id = "politics/001";
  b.source_id = "politics/002";
  EXPECT_EQ(s.add(a, doc), AddOutcome::kAdded);
  EXPECT_EQ(s.add(b, doc), AddOutcome::kAdded);  // same text, another record
  EXPECT_EQ(s.add(b, doc), AddOutcome::kUnchanged);
  EXPECT_EQ(s.stats().articles, 3);
  EXPECT_EQ(Store::article_key(a, doc.text()), "id:/politics/001");
  EXPECT_EQ(Store::article_key(none, doc.text()).rfind("sha:", 0), 0u);
}

TEST(StoreArticles, RolledBackBatchLeavesNothing) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.begin();
  s.add(info("https://a.test/1", "H", "2014"), make_doc({{"one two three four five", "A Bee"}}));
  s.rollback();
  EXPECT_EQ(s.stats().articles, 0);
  s.begin();
  s.add(info("https://a.test/1", "H", "2014"), make_doc({{"one two three four five", "A Bee"}}));
  s.commit();
  EXPECT_EQ(s.stats().articles, 1);
}

TEST(StoreArticles, QuoteFieldsRoundTrip) {
  TempDir dir;
  Store s(dir.file("w.db"));
  Document doc = make_doc({{"The economy is growing faster than expected", "Bill English",
                            "Finance Minister", "National", QuoteKind::kMixed}});
  s.add(info("https://a.test/e", "Stuff", "2015-03-04"), doc);
  std::vector<StoredQuote> all;
  s.for_each_quote([&](const StoredQuote& q) {
    all.push_back(q);
    return true;
  });
  ASSERT_EQ(all.size(), 1u);
  const StoredQuote& q = all[0];
  EXPECT_EQ(q.text, "The economy is growing faster than expected");
  EXPECT_EQ(q.kind, QuoteKind::kMixed);
  EXPECT_EQ(q.speaker, "Bill English");
  EXPECT_EQ(q.role, "Finance Minister");
  EXPECT_EQ(q.org, "National");
  EXPECT_EQ(q.cue, "said");
  EXPECT_EQ(q.mention, "Bill English");
  EXPECT_EQ(q.outlet, "Stuff");
  EXPECT_EQ(q.date, "2015-03-04");
  ASSERT_EQ(q.spans.size(), 1u);
  EXPECT_EQ(doc.slice(q.spans[0]), q.text);
  EXPECT_NEAR(q.confidence, 0.8f, 1e-6);
}

// ---------------------------------------------------------------- speakers

TEST(StoreSpeakers, FullNameWithAndWithoutTitleIsOnePerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National"}}));
  s.add(info("u2", "Stuff", "2014-02-01"),
        make_doc({{"The legislation strikes the right balance", "Prime Minister John Key"}}));
  int64_t a = speaker_of(s, "committed to the SIS reforms");
  int64_t b = speaker_of(s, "strikes the right balance");
  EXPECT_GT(a, 0);
  EXPECT_EQ(a, b);
  auto p = s.speaker(a);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->summary.name, "John Key");
  EXPECT_EQ(p->summary.quotes, 2);
  EXPECT_EQ(p->aliases.size(), 2u);
}

TEST(StoreSpeakers, SurnameWithAgreeingRoleJoinsThePerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National"}}));
  s.add(info("u2", "Radio NZ", "2014-03-01"),
        make_doc({{"I have full confidence in the director", "Mr Key", "Prime Minister"}}));
  EXPECT_EQ(speaker_of(s, "committed to the SIS reforms"), speaker_of(s, "full confidence"));
}

TEST(StoreSpeakers, SurnameInTheSameOutletJoinsTheOnlyPersonOfThatName) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister"}}));
  s.add(info("u2", "Herald", "2014-03-01"), make_doc({{"That is simply not true at all", "Mr Key"}}));
  s.add(info("u3", "Otago Daily Times", "2014-03-01"),
        make_doc({{"The harbour needs dredging this winter", "Mr Key"}}));
  int64_t john = speaker_of(s, "committed to the SIS reforms");
  EXPECT_EQ(speaker_of(s, "simply not true"), john);
  // Another outlet and nothing else in common: not enough evidence.
  EXPECT_NE(speaker_of(s, "harbour needs dredging"), john);
}

TEST(StoreSpeakers, DifferentFirstNamesTitlesOrRolesStayApart) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National",
                   QuoteKind::kDirect, MentionKind::kName, true, Gender::kMale}}));
  s.add(info("u2", "Herald", "2014-01-02"),
        make_doc({{"The school will reopen on Monday morning", "Jane Key", "principal"}}));
  s.add(info("u3", "Herald", "2014-01-03"),
        make_doc({{"Our caucus will vote against the bill", "Ms Key", "Labour MP", "Labour"}}));
  int64_t john = speaker_of(s, "committed to the SIS reforms");
  int64_t jane = speaker_of(s, "school will reopen");
  int64_t ms = speaker_of(s, "caucus will vote against");
  EXPECT_NE(john, jane);
  EXPECT_NE(john, ms);
  EXPECT_NE(jane, ms);  // a principal is not a Labour MP
}

TEST(StoreSpeakers, SurnameOnlyPersonIsUpgradedByAFullNameWithTheSameRole) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"Our caucus will vote against the bill", "Ms Key", "Labour MP"}}));
  s.add(info("u2", "Stuff", "2014-01-05"),
        make_doc({{"We were never consulted on any of it", "Jane Key", "Labour MP"}}));
  int64_t a = speaker_of(s, "caucus will vote against");
  EXPECT_EQ(a, speaker_of(s, "never consulted"));
  EXPECT_EQ(s.speaker(a)->summary.name, "Jane Key");
}

TEST(StoreSpeakers, PronounsAndCommonNounsNeverCreateAPerson) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"It is far too early to say anything", "he", "", "", QuoteKind::kDirect,
                   MentionKind::kName, /*resolved=*/false},
                  {"We have nothing more to add today", "She", "", "", QuoteKind::kDirect,
                   MentionKind::kPronoun},
                  {"The matter is before the courts now", "a spokesman", "", "",
                   QuoteKind::kDirect, MentionKind::kNominal},
                  {"The figures speak for themselves here", ""}}));
  EXPECT_EQ(s.stats().quotes, 4);
  EXPECT_EQ(s.stats().speakers, 0);
  EXPECT_TRUE(s.speakers().empty());
  EXPECT_EQ(speaker_of(s, "far too early"), 0);
}

TEST(StoreSpeakers, OrganisationsAreSpeakersByName) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"Safety is our first priority always", "the Ministry of Health", "", "",
                   QuoteKind::kDirect, MentionKind::kOrganisation}}));
  s.add(info("u2", "Stuff", "2014-01-01"),
        make_doc({{"All staff have been told to stay home", "Ministry of Health", "", "",
                   QuoteKind::kDirect, MentionKind::kOrganisation}}));
  EXPECT_EQ(speaker_of(s, "first priority"), speaker_of(s, "stay home"));
  EXPECT_GT(speaker_of(s, "first priority"), 0);
}

TEST(StoreSpeakers, MergeAndSplit) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister"}}));
  s.add(info("u2", "Otago Daily Times", "2014-02-01"),
        make_doc({{"The harbour needs dredging this winter", "Mr Key"}}));
  int64_t john = speaker_of(s, "committed to the SIS reforms");
  int64_t mr = speaker_of(s, "harbour needs dredging");
  ASSERT_NE(john, mr);
  s.merge_speakers(john, mr);
  EXPECT_EQ(speaker_of(s, "harbour needs dredging"), john);
  EXPECT_FALSE(s.speaker(mr));
  EXPECT_EQ(s.speaker(john)->summary.quotes, 2);
  EXPECT_EQ(s.speaker(john)->summary.name, "John Key");
  // The next "Mr Key" in that outlet now finds John Key there.
  s.add(info("u3", "Otago Daily Times", "2014-03-01"),
        make_doc({{"The port company must pay for it", "Mr Key"}}));
  EXPECT_EQ(speaker_of(s, "port company must pay"), john);

  int64_t fresh = s.split_speaker(john, {"Mr Key"});
  EXPECT_NE(fresh, john);
  EXPECT_EQ(speaker_of(s, "harbour needs dredging"), fresh);
  EXPECT_EQ(speaker_of(s, "port company must pay"), fresh);
  EXPECT_EQ(speaker_of(s, "committed to the SIS reforms"), john);
  EXPECT_EQ(s.speaker(john)->summary.quotes, 1);
  EXPECT_EQ(s.speaker(fresh)->summary.name, "Mr Key");

  EXPECT_THROW(s.split_speaker(john, {"John Key"}), Error);       // nothing would be left
  EXPECT_THROW(s.split_speaker(john, {"Helen Clark"}), Error);    // not an alias
  EXPECT_THROW(s.merge_speakers(john, john), Error);
  EXPECT_THROW(s.merge_speakers(john, 9999), Error);
  EXPECT_EQ(s.integrity_check(), "ok");
}

// Found by fuzz/server_api_fuzzer: "#2144…442" (past int64) threw std::out_of_range.
TEST(StoreSpeakers, HugeSpeakerIdFindsNobodyAndDoesNotThrow) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-10"), make_doc({{"We are committed to the reforms", "John Key"}}));
  EXPECT_TRUE(s.find_speakers("#" + std::string(120, '4')).empty());
  EXPECT_TRUE(s.find_speakers("99999999999999999999").empty());
}

TEST(StoreSpeakers, FindAndProfile) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-10"),
        make_doc({{"We are committed to the SIS reforms", "John Key", "Prime Minister", "National"}}));
  s.add(info("u2", "Stuff", "2014-03-02"),
        make_doc({{"I have full confidence in the director", "Mr Key", "Prime Minister"},
                  {"The bill will pass with support", "John Key", "National leader"}}));
  auto ids = s.find_speakers("john key");
  ASSERT_EQ(ids.size(), 1u);
  EXPECT_EQ(s.find_speakers("Key"), ids);
  EXPECT_EQ(s.find_speakers("#" + std::to_string(ids[0])), ids);
  EXPECT_TRUE(s.find_speakers("Helen Clark").empty());
  auto p = s.speaker(ids[0]);
  ASSERT_TRUE(p);
  EXPECT_EQ(p->summary.quotes, 3);
  EXPECT_EQ(p->summary.articles, 2);
  EXPECT_EQ(p->summary.first_seen, "2014-01-10");
  EXPECT_EQ(p->summary.last_seen, "2014-03-02");
  ASSERT_EQ(p->per_month.size(), 2u);
  EXPECT_EQ(p->per_month[0], (std::pair<std::string, int64_t>{"2014-01", 1}));
  EXPECT_EQ(p->per_month[1], (std::pair<std::string, int64_t>{"2014-03", 2}));
  ASSERT_EQ(p->outlets.size(), 2u);
  EXPECT_EQ(p->outlets[0].first, "Stuff");
  EXPECT_GE(p->roles.size(), 2u);
  EXPECT_EQ(p->roles[0].role, "Prime Minister");
  EXPECT_EQ(p->roles[0].first_seen, "2014-01-10");
}

// ---------------------------------------------------------------- statements

TEST(StoreStatements, NearIdenticalQuotesAcrossArticlesAreOneStatement) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-05-02"),
        make_doc({{"We will not be raising GST this term, full stop.", "John Key"}}));
  s.add(info("u2", "Stuff", "2014-05-01"),
        make_doc({{"we will NOT be raising  GST this term — full stop", "John Key"}}));
  s.add(info("u3", "Radio NZ", "2014-05-03"),
        make_doc({{"Let me say this again: we will not be raising GST this term full stop, "
                   "whatever the critics claim",
                   "John Key"}}));
  s.add(info("u4", "Radio NZ", "2014-05-03"),
        make_doc({{"We will be raising the pension age", "John Key"}, {"Yes", "John Key"}}));
  std::map<std::string, int64_t> st;
  s.for_each_quote([&](const StoredQuote& q) {
    st[q.text] = q.statement_id;
    return true;
  });
  int64_t gst = st["We will not be raising GST this term, full stop."];
  EXPECT_GT(gst, 0);
  EXPECT_EQ(st["we will NOT be raising  GST this term — full stop"], gst);
  EXPECT_EQ(st["Let me say this again: we will not be raising GST this term full stop, whatever "
               "the critics claim"],
            gst);
  EXPECT_NE(st["We will be raising the pension age"], gst);
  EXPECT_EQ(st["Yes"], 0);  // too short to link
  auto info = s.statement(gst);
  ASSERT_TRUE(info);
  EXPECT_EQ(info->quotes, 3);
  EXPECT_EQ(info->first_seen, "2014-05-01");
  EXPECT_EQ(info->outlets.size(), 3u);
  EXPECT_TRUE(s.conflicts().empty());  // one speaker only
}

TEST(StoreStatements, SameStatementByDifferentPeopleIsAConflict) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-05-02"),
        make_doc({{"A week is a long time in politics, as they say", "John Key"}}));
  s.add(info("u2", "Stuff", "2014-05-04"),
        make_doc({{"A week is a long time in politics as they say", "Helen Clark"}}));
  s.add(info("u3", "Radio NZ", "2014-05-05"),
        make_doc({{"A week is a long time in politics, as they say!", "Helen Clark"}}));
  s.add(info("u4", "Radio NZ", "2014-05-05"),
        make_doc({{"There will be no new taxes this term", "Helen Clark"}}));
  auto c = s.conflicts();
  ASSERT_EQ(c.size(), 1u);
  ASSERT_EQ(c[0].sides.size(), 2u);
  EXPECT_EQ(c[0].sides[0].speaker, "Helen Clark");
  EXPECT_EQ(c[0].sides[0].quotes, 2);
  EXPECT_EQ(c[0].sides[1].speaker, "John Key");
  EXPECT_EQ(c[0].first_seen, "2014-05-02");
  EXPECT_NE(c[0].text.find("long time in politics"), std::string::npos);
  // Merging the two people (if they were one) resolves the conflict.
  s.merge_speakers(c[0].sides[0].speaker_id, c[0].sides[1].speaker_id);
  EXPECT_TRUE(s.conflicts().empty());
}

TEST(StoreStatements, TwoSpeakersInOneArticleAreNotAConflict) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-05-02"),
        make_doc({{"A week is a long time in politics, as they say", "John Key"},
                  {"A week is a long time in politics, as they say", "Helen Clark"}}));
  s.add(info("u2", "Stuff", "2014-05-03"),
        make_doc({{"There will be no new taxes in this term", "John Key"}}));
  EXPECT_TRUE(s.conflicts().empty());
  s.add(info("u3", "Stuff", "2014-05-04"),
        make_doc({{"A week is a long time in politics as they say!", "Helen Clark"}}));
  EXPECT_EQ(s.conflicts().size(), 1u);
}

TEST(StoreStatements, ReplacedArticleDropsOrphanStatements) {
  TempDir dir;
  Store s(dir.file("w.db"));
  auto a = info("u1", "Herald", "2014-05-02");
  s.add(a, make_doc({{"There will be no new taxes this term", "Helen Clark"}}));
  EXPECT_EQ(s.stats().statements, 1);
  s.add(a, make_doc({{"There will be several new taxes next term", "Helen Clark"}}));
  EXPECT_EQ(s.stats().statements, 1);
  EXPECT_EQ(s.integrity_check(), "ok");
}

// ---------------------------------------------------------------- search

class StoreSearch : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<Store>(dir_.file("w.db"));
    Store& s = *store_;
    s.add(info("u1", "Herald", "2014-02-10"),
          make_doc({{"The SIS legislation is necessary to keep New Zealanders safe", "Phil Goff",
                     "Labour MP", "Labour"},
                    {"Spy agencies need oversight", "Phil Goff", "Labour MP", "Labour",
                     QuoteKind::kIndirect}}));
    s.add(info("u2", "Stuff", "2015-06-01"),
          make_doc({{"This SIS legislation goes too far and the legislation must change",
                     "Russel Norman", "co-leader", "Green Party"}}));
    s.add(info("u3", "Herald", "2016-09-30"),
          make_doc({{"We have reviewed the SIS legislation carefully", "Phil Goff", "Mayor",
                     "", QuoteKind::kMixed}}));
    s.add(info("u4", "Radio NZ", "2013-01-01"),
          make_doc({{"The harbour will be dredged next winter", "Phil Goff", "Labour MP"}}));
  }
  std::vector<std::string> texts(SearchQuery q) {
    std::vector<std::string> out;
    for (auto& h : store_->search(q)) out.push_back(h.text.substr(0, 20));
    return out;
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreSearch, TextIsRankedByBm25) {
  SearchQuery q;
  q.text = "legislation";
  auto hits = store_->search(q);
  ASSERT_EQ(hits.size(), 3u);
  // Two occurrences rank first.
  EXPECT_EQ(hits[0].speaker, "Russel Norman");
  for (size_t i = 1; i < hits.size(); ++i) EXPECT_LE(hits[i - 1].score, hits[i].score);
  EXPECT_EQ(hits[0].url, "u2");
  EXPECT_EQ(hits[0].outlet, "Stuff");
}

TEST_F(StoreSearch, Fts5SyntaxWorks) {
  SearchQuery q;
  q.text = "\"SIS legislation\" NOT safe";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.text = "harb*";
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.text = "spy OR harbour";
  EXPECT_EQ(store_->search(q).size(), 2u);
}

TEST_F(StoreSearch, BadRawSyntaxIsABadInputError) {
  SearchQuery q;
  q.raw = true;
  q.text = "\"unbalanced";
  expect_error(ErrorCode::kBadInput, "raw", [&] { store_->search(q); });
  q.text = "NEAR(spy oversight)";
  EXPECT_EQ(store_->search(q).size(), 1u);
}

// Found by fuzz/server_api_fuzzer: the query "Ydamaged::" (an unknown column
// filter) was taken for database damage because the error echoed the query.
TEST_F(StoreSearch, QueryWordDamagedIsStillABadQueryNotDamage) {
  SearchQuery q;
  q.raw = true;
  q.text = "Ydamaged::";
  expect_error(ErrorCode::kBadInput, "", [&] { store_->search(q); });
  q.raw = false;  // typed into the box: an ordinary word
  EXPECT_TRUE(store_->search(q).empty());
}

TEST_F(StoreSearch, EachFilter) {
  SearchQuery q;
  q.text = "legislation";
  q.speaker = "Goff";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.speaker = "Phil Goff";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.speaker = "Nobody Atall";
  EXPECT_EQ(store_->search(q).size(), 0u);

  q = {};
  q.text = "legislation";
  q.role = "labour";  // matches the party too
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.role = "Mayor";
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.role = "Green";
  EXPECT_EQ(store_->search(q).size(), 1u);

  q = {};
  q.text = "legislation";
  q.outlet = "herald";
  EXPECT_EQ(store_->search(q).size(), 2u);

  q = {};
  q.from = "2015";
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.to = "2015";
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.from = "2014-02";
  q.to = "2014-02-10";
  EXPECT_EQ(store_->search(q).size(), 2u);

  q = {};
  q.kind = QuoteKind::kIndirect;
  ASSERT_EQ(store_->search(q).size(), 1u);
  EXPECT_EQ(store_->search(q)[0].text, "Spy agencies need oversight");
  q.kind = QuoteKind::kMixed;
  EXPECT_EQ(store_->search(q).size(), 1u);
  q.kind = QuoteKind::kDirect;
  EXPECT_EQ(store_->search(q).size(), 3u);

  q = {};
  q.limit = 2;
  auto newest = store_->search(q);
  ASSERT_EQ(newest.size(), 2u);  // without text: newest first
  EXPECT_EQ(newest[0].date, "2016-09-30");
  EXPECT_EQ(newest[1].date, "2015-06-01");
}

TEST_F(StoreSearch, SpeakersListIsMostQuotedFirst) {
  auto all = store_->speakers();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Phil Goff");
  EXPECT_EQ(all[0].quotes, 4);
  EXPECT_EQ(all[0].role, "Mayor");  // most recent
  EXPECT_EQ(store_->speakers(1).size(), 1u);
}

TEST_F(StoreSearch, ReadOnlyConnectionSeesCommittedData) {
  Store ro(dir_.file("w.db"), StoreOptions{.read_only = true});
  EXPECT_EQ(ro.stats().articles, 4);
  EXPECT_THROW(ro.add(info("u9", "", ""), make_doc({})), Error);
}


// ---------------------------------------------------------------- what people type

TEST(SearchQueryParser, WordsWithPunctuationArePhrasesOfTheirParts) {
  using store::parse_query;
  EXPECT_EQ(parse_query("co-leader").fts5, "\"co leader\"");
  EXPECT_EQ(parse_query("U.S.").fts5, "\"U S\"");
  EXPECT_EQ(parse_query("don't").fts5, "\"don t\"");
  EXPECT_EQ(parse_query("Blair\u2019s").fts5, "\"Blair s\"");
  EXPECT_EQ(parse_query("9/11 50%").fts5, "\"9 11\" \"50\"");
  EXPECT_EQ(parse_query("Mr. Blair").fts5, "\"Mr\" \"Blair\"");
  EXPECT_EQ(parse_query("what?").fts5, "\"what\"");
  EXPECT_EQ(parse_query("\"SIS bill\" passes").fts5, "\"SIS bill\" \"passes\"");
  EXPECT_EQ(parse_query("\"unbalanced phrase").fts5, "\"unbalanced phrase\"");
  EXPECT_EQ(parse_query("? -- ...").fts5, "");
}

TEST(SearchQueryParser, OperatorsOnlyBetweenTwoTerms) {
  using store::parse_query;
  EXPECT_EQ(parse_query("spy OR harbour").fts5, "\"spy\" OR \"harbour\"");
  EXPECT_EQ(parse_query("spy NOT harbour").fts5, "\"spy\" NOT \"harbour\"");
  EXPECT_EQ(parse_query("NOT tax").fts5, "\"NOT\" \"tax\"");
  EXPECT_EQ(parse_query("tax OR").fts5, "\"tax\" \"OR\"");
  EXPECT_EQ(parse_query("AND").fts5, "\"AND\"");
  EXPECT_EQ(parse_query("a AND OR b").fts5, "\"a\" \"AND\" OR \"b\"");
  EXPECT_EQ(parse_query("tax or spend").fts5, "\"tax\" \"or\" \"spend\"");
}

// "t* t* t* …" ×333 once ran 32 s: prefixes are bounded in number and length.
TEST(SearchQueryParser, PrefixesAreBounded) {
  using store::parse_query;
  EXPECT_EQ(parse_query("harb*").fts5, "\"harb\"*");
  EXPECT_EQ(parse_query("co-lead*").fts5, "\"co lead\"*");
  EXPECT_EQ(parse_query("t*").fts5, "\"t\"");  // too short: the whole word
  std::string many;
  for (int i = 0; i < 333; ++i) many += "t* ";
  store::ParsedQuery p = parse_query(many);
  EXPECT_EQ(p.prefixes, 0u);
  EXPECT_EQ(p.terms, store::kMaxTerms);
  EXPECT_TRUE(p.truncated);
  many.clear();
  for (int i = 0; i < 333; ++i) many += "tax" + std::to_string(i) + "* ";
  p = parse_query(many);
  EXPECT_EQ(p.prefixes, store::kMaxPrefixTerms);
  EXPECT_EQ(std::count(p.fts5.begin(), p.fts5.end(), '*'), 4);
}

TEST(StoreQueries, WhatPeopleTypeFindsTheQuote) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2004-11-02"),
        make_doc({{"Don't e-mail the U.S. about 9/11: 50% of Mr. Blair's co-leader Kilroy-Silk "
                   "votes say what? Not tax or spending",
                   "Robert Kilroy-Silk"}}));
  for (const char* text : {"don't", "Blair's", "U.S.", "co-leader", "Kilroy-Silk", "e-mail",
                           "50%", "9/11", "Mr. Blair", "what?", "NOT tax", "tax OR",
                           "\"co-leader Kilroy\"", "kilroy-sil*", "blair AND tax",
                           "\"U.S. about"}) {
    SearchQuery q;
    q.text = text;
    std::vector<StoredQuote> hits;
    EXPECT_NO_THROW(hits = s.search(q)) << text;
    EXPECT_EQ(hits.size(), 1u) << text;
  }
  SearchQuery q;
  q.text = "blair NOT tax";
  EXPECT_TRUE(s.search(q).empty());
  q.text = "?";
  EXPECT_TRUE(s.search(q).empty());
}

// Property: any string typed into the search box gives results, never an
// error (the FTS5 expression is always valid) and never a crash.
TEST(StoreQueries, RandomQueriesNeverFail) {
  TempDir dir;
  Store s(dir.file("w.db"));
  s.add(info("u1", "Herald", "2014-01-01"),
        make_doc({{"The SIS legislation is necessary, co-leader Kilroy-Silk said", "Phil Goff"}}));
  const std::vector<std::string> pieces = {
      "\"", "\"", "*", "-", "'", ".", "(", ")", ":", "^", "+", "/", "%", "?", " ", " ", "  ",
      "AND", "OR", "NOT", "NEAR", "NEAR(", "{", "}", ",", "\\", "\t", std::string(1, '\0'),
      "\xFF", "\xE2\x80", "\xE2\x80\x9C", "\u2019", "\u00E9", "\u6F22", "\U0001F600", "sis",
      "legis", "co", "t", "x", "9", "col:", "text:", "rowid", "a_b", ";", "--", "'; DROP"};
  std::mt19937 rng(20240611);
  for (int i = 0; i < 1500; ++i) {
    std::string text;
    size_t n = rng() % 12;
    for (size_t k = 0; k < n; ++k) text += pieces[rng() % pieces.size()];
    store::ParsedQuery p = store::parse_query(text);
    EXPECT_LE(p.prefixes, store::kMaxPrefixTerms) << text;
    EXPECT_LE(p.terms, store::kMaxTerms) << text;
    SearchQuery q;
    q.text = text;
    EXPECT_NO_THROW(s.search_page(q)) << "query: " << text << "\nfts5: " << p.fts5;
  }
}

// ---------------------------------------------------------------- relevance, listing

class StoreListing : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<Store>(dir_.file("w.db"));
    // One statement copied by three outlets, a fragment and a full statement.
    const char* statement = "The budget will return to surplus by the end of the year";
    int n = 0;
    for (const char* outlet : {"Herald", "Stuff", "Radio NZ"}) {
      Document d = make_doc({{statement, "Bill English", "Finance Minister"}});
      d.quotes[0].confidence = 0.9f;
      store_->add(info("copy" + std::to_string(++n), outlet, "2014-05-0" + std::to_string(n)), d);
    }
    Document frag = make_doc({{"any budget", "Grant Robertson"}});
    frag.quotes[0].confidence = 0.3f;
    store_->add(info("frag", "Herald", "2014-06-01"), frag);
    Document full = make_doc({{"This budget does nothing for families who are struggling with rent",
                               "Grant Robertson", "Labour finance spokesman"}});
    full.quotes[0].confidence = 0.6f;
    store_->add(info("full", "Herald", "2014-05-20"), full);
  }
  TempDir dir_;
  std::unique_ptr<Store> store_;
};

TEST_F(StoreListing, CopiesOfOneStatementAppearOnceWithTheirCount) {
  SearchQuery q;
  q.text = "surplus";
  SearchResults r = store_->search_page(q);
  ASSERT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 1);
  EXPECT_EQ(r.hits[0].other_articles, 2);
  q.text = "";  // listing folds copies too
  r = store_->search_page(q);
  EXPECT_EQ(r.hits.size(), 3u);
  EXPECT_EQ(r.total, 3);
}

TEST_F(StoreListing, TotalCountsEveryResultNotThePage) {
  SearchQuery q;
  q.text = "budget";
  q.limit = 1;
  SearchResults r = store_->search_page(q);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_EQ(r.total, 3);
  EXPECT_TRUE(r.has_more);
  q.offset = 2;
  r = store_->search_page(q);
  EXPECT_EQ(r.hits.size(), 1u);
  EXPECT_FALSE(r.has_more);
}

// bm25 favours short texts: "any budget" outscored every full statement.
TEST_F(StoreListing, FragmentsRankBelowFullStatements) {
  SearchQuery q;
  q.text = "budget";
  auto hits = store_->search(q);
  ASSERT_EQ(hits.size(), 3u);
  EXPECT_EQ(hits.back().text, "any budget");
}

TEST_F(StoreListing, MinimumConfidenceAndSortOrders) {
  SearchQuery q;
  q.text = "budget";
  q.min_confidence = 0.5f;
  EXPECT_EQ(store_->search(q).size(), 2u);
  q.min_confidence = 0;
  q.order = SearchOrder::kDate;
  auto by_date = store_->search(q);
  ASSERT_EQ(by_date.size(), 3u);
  EXPECT_EQ(by_date[0].date, "2014-06-01");
  EXPECT_EQ(by_date[1].date, "2014-05-20");
  q.order = SearchOrder::kConfidence;
  auto by_confidence = store_->search(q);
  ASSERT_EQ(by_confidence.size(), 3u);
  EXPECT_FLOAT_EQ(by_confidence[0].confidence, 0.9f);
  EXPECT_FLOAT_EQ(by_confidence[2].confidence, 0.3f);
  q = {};
  q.role = "finance";
  EXPECT_EQ(store_->search(q).size(), 2u);
}

TEST_F(StoreListing, BadDatesAndConfidenceNameTheParameter) {
  SearchQuery q;
  q.from = "2014-13";
  expect_error(ErrorCode::kBadInput, "from", [&] { store_->search(q); });
  q = {};
  q.to = "May 2014";
  expect_error(ErrorCode::kBadInput, "to", [&] { store_->search(q); });
  q = {};
  q.min_confidence = 1.5f;
  expect_error(ErrorCode::kBadInput, "min_confidence", [&] { store_->search(q); });
  EXPECT_TRUE(is_search_date("2014-05-02"));
  EXPECT_FALSE(is_search_date("2014-5-2"));
}

// ---------------------------------------------------------------- robustness

// --role "%" matched every quote with a role: LIKE wildcards were not escaped.
TEST_F(StoreListing, RoleWildcardsAreLiteral) {
  SearchQuery q;
  q.role = "%";
  EXPECT_TRUE(store_->search(q).empty());
  q.role = "_";
  EXPECT_TRUE(store_->search(q).empty());
  q.role = "Finance_Minister";
  EXPECT_TRUE(store_->search(q).empty());
  q.role = "Finance Minister";
  EXPECT_EQ(store_->search(q).size(), 1u);  // one statement, three articles
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

// whosaid/store.h — the quote store: articles, quotes, speakers and statements in
// one embedded database file, with full-text search over what was said.
//
//   whosaid::Extractor extractor;
//   whosaid::Store store("news.db");                  // creates or migrates the file
//   whosaid::ArticleInfo info{.url = "https://example.org/a1", .outlet = "NZ Herald",
//                             .date = "2014-05-02", .title = "SIS bill passes"};
//   whosaid::Document doc = extractor.extract(text);
//   store.add(info, doc);                             // idempotent; see AddOutcome
//
//   whosaid::SearchQuery q;
//   q.text = "SIS legislation";                       // what a person types; see SearchQuery
//   q.speaker = "Phil Goff";
//   q.from = "2014";
//   whosaid::SearchResults r = store.search_page(q);
//   std::cout << r.total << " results\n";
//   for (const whosaid::StoredQuote& hit : r.hits)
//     std::cout << hit.date << " " << hit.speaker << ": " << hit.text << "\n";
//
// Identity of an article: its URL when it has one, else its source id (the "id"
// of a JSONL record, qualified by outlet), else the hash of its text. Adding an
// article whose identity is stored with the same text changes nothing; with a
// different text its old quotes are replaced.
//
// Speakers: each quote's speaker is resolved to one row per real person across
// articles — same full name ("John Key" = "Prime Minister John Key"), or a bare
// surname ("Mr Key") whose role, party or outlet agrees with exactly one person
// of that surname. Different first names, a contradicting title (Mr/Ms) or a
// contradicting role keep people apart. Pronouns and common nouns ("he", "a
// spokesman") never create a person. merge_speakers()/split_speaker() fix
// mistakes, and later articles follow the fix (resolution goes through aliases).
//
// Statements: quotes whose normalised text (case, punctuation, whitespace) is the
// same, or where one contains the other (≥ kMinContainedWords words), are linked
// as one statement; conflicts() lists statements attributed to different people.
//
// Threading: a Store is one database connection and is not thread-safe; give each
// thread its own Store on the same path. Any number of readers may work while one
// writer commits (WAL mode); a second writer waits up to 30 s for the lock.
//
// Durability: every add() outside begin()/commit() is its own transaction; inside,
// nothing is visible or kept until commit(). A process killed at any point (kill -9)
// leaves the file consistent, holding exactly the committed transactions.
//
// Errors: throws whosaid::Error with ErrorCode::kStore for database problems (not a
// whosaid database, corrupt file, schema newer than this build, read-only file)
// and ErrorCode::kBadInput for a bad search parameter (a date that is not one,
// a confidence outside 0..1, FTS5 syntax errors in a raw query; an ordinary
// query never fails) and ErrorCode::kIo when the file cannot be
// opened or created. A file that is not a whosaid database is never written to.
// The full schema is described in docs/store.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.h"
#include "whosaid/quote.h"

namespace whosaid {

// Metadata that travels with an article's text. All fields are optional.
struct ArticleInfo {
  std::string source_id;  // the record's own id ("business/001"), or a file path
  std::string url;
  std::string outlet;     // "NZ Herald"
  std::string date;       // ISO 8601: "2014-05-02" or "2014-05-02T09:30:00Z"
  std::string title;
  std::string origin;     // where it was read ("feed.jsonl:12"); kept, not identity
};

enum class AddOutcome {
  kAdded,      // a new article
  kReplaced,   // same identity, new text: old quotes replaced
  kUnchanged,  // same identity and text: nothing written
};

struct StoreOptions {
  bool read_only = false;  // open for queries only; never creates or migrates
  bool create = true;      // create the file when it does not exist (read-write only)
};

enum class SearchOrder {
  kRelevance,   // full statements before fragments, then bm25, then newest
  kDate,        // newest first
  kConfidence,  // most confident attribution first
};

// True for "2014", "2014-05" and "2014-05-02" (month 01-12, day 01-31).
bool is_search_date(std::string_view date);

// A search over stored quotes. Empty fields do not filter.
struct SearchQuery {
  // What a person types: words (any punctuation inside a word: "co-leader",
  // "U.S.", "don't", "9/11"), "a phrase", a trailing * (prefix, ≥ 3 letters, at
  // most 4), AND / OR / NOT between two terms; never a syntax error. Empty: all
  // quotes. The rules are in docs/store.md ("Search").
  std::string text;
  bool raw = false;     // text is FTS5 syntax, passed as is (errors are kBadInput)
  std::string speaker;  // a speaker's name or alias ("Key", "John Key") or "#id"
  std::string role;     // substring of the role or party written with the quote
  std::string outlet;   // exact outlet, case-insensitive
  std::string from;     // dates: "2014", "2014-05" or "2014-05-02", both inclusive
  std::string to;
  std::optional<QuoteKind> kind;
  float min_confidence = 0.0f;  // 0..1: quotes attributed at least this confidently
  SearchOrder order = SearchOrder::kRelevance;
  size_t limit = 20;    // 0: no limit
  size_t offset = 0;    // results to skip (pages)
  // The newest `max_ranked` matches that pass the filters (in storage order) are
  // ranked, folded into statements and sorted; beyond that a query like "the"
  // would cost ~1 µs per match. Results are exact whenever a query matches
  // fewer quotes. 0: rank every match.
  size_t max_ranked = 2000;
};

// One stored quote with its article and speaker, as queries return it.
struct StoredQuote {
  int64_t id = 0;
  std::string text;            // the quote text of every output (fragments joined by " … ")
  std::vector<Span> spans;     // byte ranges into the article text
  QuoteKind kind = QuoteKind::kDirect;
  std::string cue;             // "said", "according to", ...; may be empty
  float confidence = 0.0f;
  int64_t speaker_id = 0;      // 0: no person (unattributed or a pronoun only)
  std::string speaker;         // the person's display name, else the name as written
  std::string mention;         // the words naming the source in the article
  std::optional<Span> mention_span;  // its bytes; none for quotes stored before schema 4
  std::string speaker_type;    // "person", "organisation", "document"; empty: unresolved
  std::optional<Span> cue_span;      // the cue's bytes; none before schema 4
  std::string role, org;       // as written with this quote
  int64_t statement_id = 0;    // 0: too short to be linked
  int64_t article_id = 0;
  std::string source_id, url, outlet, date, title;
  double score = 0.0;          // bm25 (lower is better); 0 without a text query
  // Other articles holding the same statement (near-identical copies), which
  // search shows once: "also in N articles". 0 for a quote without statement.
  int64_t other_articles = 0;
};

// One page of search results.
struct SearchResults {
  std::vector<StoredQuote> hits;  // one per statement, in SearchQuery::order
  int64_t total = 0;              // results of the whole query (statements counted once)
  // Counting stopped after Store::kMaxCounted matching quotes: total is a
  // lower bound ("565+"), the statements among them or the end of this page.
  bool total_capped = false;
  bool has_more = false;          // another page follows this one
};

struct SpeakerSummary {
  int64_t id = 0;
  std::string name;
  int64_t quotes = 0, articles = 0;
  std::string first_seen, last_seen;  // article dates
  std::string role, org;              // the most quoted in the latest year seen
};

struct SpeakerAlias {
  int64_t id = 0;
  std::string alias;  // as written: "Mr Key", "John Key"
  int64_t quotes = 0;
};

struct SpeakerRole {
  std::string role, org;
  std::string first_seen, last_seen;
  int64_t quotes = 0;
};

struct SpeakerProfile {
  SpeakerSummary summary;
  std::vector<SpeakerAlias> aliases;
  std::vector<SpeakerRole> roles;                             // by first_seen
  std::vector<std::pair<std::string, int64_t>> per_month;     // "2014-05" → quotes
  std::vector<std::pair<std::string, int64_t>> outlets;       // outlet → quotes
};

// One statement attributed to more than one person.
struct StatementConflict {
  int64_t statement_id = 0;
  std::string text;        // the longest version seen
  std::string first_seen;  // earliest article date
  struct Side {
    int64_t speaker_id = 0;
    std::string speaker;
    int64_t quotes = 0;
    std::vector<std::string> outlets;
    std::string first_seen;
    std::string example_url;  // or source id when there is no URL
  };
  std::vector<Side> sides;  // ≥ 2, most quotes first
};

struct StatementInfo {
  int64_t id = 0;
  std::string text;
  std::string first_seen;
  int64_t quotes = 0;
  std::vector<std::string> outlets;
};

struct StoreStats {
  int64_t articles = 0, quotes = 0, speakers = 0, statements = 0;
};

class Store {
 public:
  static constexpr int kSchemaVersion = 5;
  static constexpr int kMinStatementWords = 4;   // shorter quotes get no statement
  static constexpr int kMinContainedWords = 9;   // shortest quote linked by containment
  static constexpr int kFragmentWords = 6;       // shorter quotes rank after full ones
  static constexpr int64_t kMaxCounted = 10000;  // matching quotes SearchResults::total counts

  // Opens (creating and migrating as needed) the database at `path`.
  explicit Store(const std::string& path, StoreOptions options = {});
  ~Store();
  Store(Store&&) noexcept;
  Store& operator=(Store&&) noexcept;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& path() const noexcept;

  // ---- Writing ----
  // The identity key and text hash add() uses (see the top of this file).
  static std::string article_key(const ArticleInfo& info, std::string_view text);
  static std::string text_hash(std::string_view text);
  // True when an article with this identity and text is already stored: callers
  // can skip extraction. Cheap (one index lookup); usable on a read-only Store.
  bool contains(const ArticleInfo& info, std::string_view text) const;
  // Stores the article and its quotes (doc.quotes, resolved against doc.entities).
  AddOutcome add(const ArticleInfo& info, const Document& doc);
  // Group many add() calls in one transaction (much faster). Not nestable.
  void begin();
  void commit();
  void rollback();
  bool in_transaction() const noexcept;
  // Refreshes the query planner's statistics (approximate ANALYZE, bounded
  // cost). Ingest calls it after loading; call it after large add() batches.
  void analyze();

  // ---- Speakers ----
  // Speakers matching `name`: "#12" or "12" (an id), else an exact alias or full
  // name (case- and accent-insensitive), else a surname.
  std::vector<int64_t> find_speakers(std::string_view name) const;
  std::vector<SpeakerSummary> speakers(size_t top = 0) const;  // most quoted first
  std::optional<SpeakerProfile> speaker(int64_t id) const;
  // Moves everything of `from` into `into` and deletes `from`.
  void merge_speakers(int64_t into, int64_t from);
  // Moves the given aliases of `speaker` (and their quotes) to a new speaker;
  // returns its id. Throws kBadInput when an alias is not the speaker's, or when
  // the aliases are all it has.
  int64_t split_speaker(int64_t speaker, const std::vector<std::string>& aliases);

  // ---- Queries ----
  // Near-identical copies of one statement are one result (the best ranked,
  // with StoredQuote::other_articles); quotes shorter than kFragmentWords words
  // rank after full statements.
  SearchResults search_page(const SearchQuery& query) const;
  std::vector<StoredQuote> search(const SearchQuery& query) const;  // search_page().hits
  std::vector<StatementConflict> conflicts(size_t limit = 0) const;
  std::optional<StatementInfo> statement(int64_t id) const;
  // Calls `fn` for every quote in article order; stops when it returns false.
  void for_each_quote(const std::function<bool(const StoredQuote&)>& fn) const;
  StoreStats stats() const;
  // "ok", or SQLite's description of the damage.
  std::string integrity_check() const;

  // While any query of this Store runs, `should_stop` is called every hundred
  // SQLite steps (microseconds apart); when it returns true
  // the query stops and throws Error(kStore) whose message ends "(interrupted:
  // past its time limit, or cancelled)". The server uses it for per-request
  // deadlines and to give up when the client has gone. Empty: never stops.
  // Called on the thread running the query.
  void set_interrupt(std::function<bool()> should_stop);

  struct Impl;

 private:
  std::unique_ptr<Impl> impl_;
};

}  // namespace whosaid

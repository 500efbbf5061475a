#include "server/article_source.h"

#include <sqlite3.h>

#include <chrono>
#include <optional>

#include <nlohmann/json.hpp>

#include "server/deadline.h"
#include "store/schema.h"
#include "whosaid/error.h"

namespace whosaid::server {
namespace {

int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// A prepared statement that finalises itself.
class Query {
 public:
  Query(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) fail();
  }
  ~Query() { sqlite3_finalize(stmt_); }
  Query(const Query&) = delete;
  Query& operator=(const Query&) = delete;

  void bind(int i, int64_t v) { sqlite3_bind_int64(stmt_, i, v); }
  void bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  }
  bool step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    fail();
  }
  int64_t int64(int c) const { return sqlite3_column_int64(stmt_, c); }
  double real(int c) const { return sqlite3_column_double(stmt_, c); }
  // Columns c and c + 1 as a Span within `size` bytes; none when NULL.
  std::optional<Span> span(int c, size_t size) const {
    if (sqlite3_column_type(stmt_, c) == SQLITE_NULL || sqlite3_column_type(stmt_, c + 1) == SQLITE_NULL)
      return std::nullopt;
    int64_t b = int64(c), e = int64(c + 1);
    if (b < 0 || e < b || static_cast<uint64_t>(e) > size) return std::nullopt;
    return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
  }
  std::string text(int c) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return p ? std::string(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))) : std::string();
  }

 private:
  [[noreturn]] void fail() {
    int rc = sqlite3_errcode(db_);
    if (rc == SQLITE_INTERRUPT)
      throw Error(ErrorCode::kStore, "the query took too long and was stopped");
    throw Error(ErrorCode::kStore, std::string("database error: ") + sqlite3_errmsg(db_));
  }
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

QuoteKind parse_kind(const std::string& k) {
  if (k == "indirect") return QuoteKind::kIndirect;
  if (k == "mixed") return QuoteKind::kMixed;
  return QuoteKind::kDirect;
}

}  // namespace

ArticleSource::ArticleSource(const std::string& path, int timeout_ms)
    : path_(path), timeout_ms_(timeout_ms) {
  int rc = sqlite3_open_v2(path.c_str(), &db_, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX,
                           nullptr);
  if (rc != SQLITE_OK) {
    std::string msg = db_ ? sqlite3_errmsg(db_) : "out of memory";
    sqlite3_close(db_);
    db_ = nullptr;
    throw Error(ErrorCode::kIo, path + ": cannot open the database read-only: " + msg);
  }
  db_ = store::open_read_only_fallback(path, db_);  // a read-only folder or mount
  sqlite3_busy_timeout(db_, 5000);
  sqlite3_exec(db_, "PRAGMA query_only = 1", nullptr, nullptr, nullptr);
  sqlite3_progress_handler(db_, 1000, &ArticleSource::progress, this);
}

ArticleSource::~ArticleSource() { sqlite3_close(db_); }

int ArticleSource::progress(void* self) {
  auto* s = static_cast<ArticleSource*>(self);
  if (s->deadline_ms_ && now_ms() > s->deadline_ms_) return 1;
  Deadline* request = Deadline::current();
  return request && request->expired() ? 1 : 0;
}

void ArticleSource::start_clock() { deadline_ms_ = timeout_ms_ > 0 ? now_ms() + timeout_ms_ : 0; }

bool ArticleSource::exists(Table table, int64_t id) {
  start_clock();
  Query q(db_, table == kArticles ? "SELECT 1 FROM articles WHERE id = ?"
                                  : "SELECT 1 FROM speakers WHERE id = ?");
  q.bind(1, id);
  return q.step();
}

std::vector<int64_t> ArticleSource::speakers_starting(const std::string& prefix, size_t limit) {
  start_clock();
  std::string like;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '\\') like += '\\';
    like += c;
  }
  like += '%';
  Query q(db_,
          "SELECT s.id FROM speakers s WHERE s.name LIKE ?1 ESCAPE '\\' OR s.name LIKE '% ' || ?1 "
          "ESCAPE '\\' OR EXISTS (SELECT 1 FROM speaker_aliases a WHERE a.speaker = s.id AND "
          "a.alias LIKE ?1 ESCAPE '\\') ORDER BY (SELECT sum(quotes) FROM speaker_roles r WHERE "
          "r.speaker = s.id) DESC, s.name LIMIT ?2");
  q.bind(1, like);
  q.bind(2, static_cast<int64_t>(limit));
  std::vector<int64_t> out;
  while (q.step()) out.push_back(q.int64(0));
  return out;
}

int64_t ArticleSource::article_attributing(int64_t statement, int64_t speaker) {
  start_clock();
  Query q(db_,
          "SELECT a.id FROM quotes q JOIN articles a ON a.id = q.article WHERE q.statement = ? AND "
          "q.speaker = ? ORDER BY a.date IS NULL, a.date, a.id LIMIT 1");
  q.bind(1, statement);
  q.bind(2, speaker);
  return q.step() ? q.int64(0) : 0;
}

std::optional<StoredArticle> ArticleSource::article(int64_t id) {
  start_clock();
  Query a(db_,
          "SELECT id, coalesce(source_id, ''), coalesce(url, ''), coalesce(outlet, ''), "
          "coalesce(date, ''), coalesce(title, ''), text FROM articles WHERE id = ?");
  a.bind(1, id);
  if (!a.step()) return std::nullopt;
  StoredArticle out;
  out.id = a.int64(0);
  out.source_id = a.text(1);
  out.url = a.text(2);
  out.outlet = a.text(3);
  out.date = a.text(4);
  out.title = a.text(5);
  out.text = a.text(6);

  Query q(db_,
          "SELECT q.id, q.spans, q.text, q.kind, coalesce(q.cue, ''), q.confidence, "
          "coalesce(q.speaker, 0), coalesce(s.name, q.speaker_name, ''), coalesce(q.mention, ''), "
          "coalesce(q.role, ''), coalesce(q.org, ''), coalesce(q.statement, 0), "
          "q.mention_start, q.mention_end, coalesce(q.speaker_type, ''), q.cue_start, q.cue_end "
          "FROM quotes q LEFT JOIN speakers s ON s.id = q.speaker "
          "WHERE q.article = ? ORDER BY q.start, q.id");
  q.bind(1, id);
  while (q.step()) {
    StoredQuote sq;
    sq.id = q.int64(0);
    auto spans = nlohmann::json::parse(q.text(1), nullptr, /*allow_exceptions=*/false);
    if (spans.is_array()) {
      for (const auto& s : spans) {
        if (!s.is_array() || s.size() != 2 || !s[0].is_number_unsigned() ||
            !s[1].is_number_unsigned())
          continue;
        Span span{s[0].get<uint32_t>(), s[1].get<uint32_t>()};
        if (span.begin <= span.end && span.end <= out.text.size()) sq.spans.push_back(span);
      }
    }
    sq.text = q.text(2);
    sq.kind = parse_kind(q.text(3));
    sq.cue = q.text(4);
    sq.confidence = static_cast<float>(q.real(5));
    sq.speaker_id = q.int64(6);
    sq.speaker = q.text(7);
    sq.mention = q.text(8);
    sq.role = q.text(9);
    sq.org = q.text(10);
    sq.statement_id = q.int64(11);
    sq.mention_span = q.span(12, out.text.size());
    sq.speaker_type = q.text(14);
    sq.cue_span = q.span(15, out.text.size());
    sq.article_id = out.id;
    out.quotes.push_back(std::move(sq));
  }
  return out;
}

ArchiveFacts ArticleSource::facts(size_t top_outlets) {
  start_clock();
  ArchiveFacts f;
  {
    Query q(db_, "SELECT min(date), max(date) FROM articles WHERE date IS NOT NULL AND date != ''");
    if (q.step()) {
      f.first_date = q.text(0);
      f.last_date = q.text(1);
    }
  }
  Query q(db_,
          "SELECT outlet, count(*) AS n FROM articles WHERE outlet IS NOT NULL AND outlet != '' "
          "GROUP BY outlet COLLATE NOCASE ORDER BY n DESC, outlet");
  while (q.step()) {
    ++f.outlets;
    if (f.top_outlets.size() < top_outlets) f.top_outlets.emplace_back(q.text(0), q.int64(1));
  }
  return f;
}

}  // namespace whosaid::server

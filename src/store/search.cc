#include "store/search.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cmath>
#include <string>
#include <variant>
#include <vector>

#include "store/query.h"
#include "whosaid/error.h"

namespace whosaid {

bool is_search_date(std::string_view s) {
  auto digits = [&](size_t b, size_t n) {
    for (size_t i = b; i < b + n; ++i)
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  bool ok = (s.size() == 4 || s.size() == 7 || s.size() == 10) && digits(0, 4);
  if (ok && s.size() >= 7)
    ok = s[4] == '-' && digits(5, 2) && s.substr(5, 2) >= "01" && s.substr(5, 2) <= "12";
  if (ok && s.size() == 10)
    ok = s[7] == '-' && digits(8, 2) && s.substr(8, 2) >= "01" && s.substr(8, 2) <= "31";
  return ok;
}

namespace store {
namespace {

QuoteKind kind_from(std::string_view s) {
  if (s == "mixed") return QuoteKind::kMixed;
  if (s == "indirect") return QuoteKind::kIndirect;
  return QuoteKind::kDirect;
}

std::vector<Span> parse_spans(std::string_view json) {
  std::vector<Span> out;
  uint32_t nums[2];
  int n = 0;
  uint64_t cur = 0;
  bool in_num = false;
  for (char c : json) {
    if (c >= '0' && c <= '9') {
      cur = cur * 10 + static_cast<uint64_t>(c - '0');
      in_num = true;
    } else if (in_num) {
      nums[n++] = static_cast<uint32_t>(cur);
      cur = 0;
      in_num = false;
      if (n == 2) {
        out.push_back(Span{nums[0], nums[1]});
        n = 0;
      }
    }
  }
  return out;
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// LIKE pattern for "contains `s`": % and _ typed by a person are themselves.
std::string like_contains(std::string_view s) {
  std::string out = "%";
  for (char c : s) {
    if (c == '%' || c == '_' || c == '\\') out += '\\';
    out += c;
  }
  return out + "%";
}

std::string checked_date(const std::string& value, const char* name) {
  std::string d = trim(value);
  if (!d.empty() && !is_search_date(d))
    throw Error(ErrorCode::kBadInput, std::string(name) +
                                          ": not a date; use YYYY, YYYY-MM or YYYY-MM-DD "
                                          "(got \"" + d.substr(0, 40) + "\")");
  return d;
}

// A quote shorter than Store::kFragmentWords words ("any timing") is a
// fragment: it has fewer than kFragmentWords - 1 spaces, that is, it does not
// match the GLOB '* * * * * *' (1 for true, 0 for false, as the comparison of
// lengths it replaces, length(text) - length(replace(text, ' ', '')) < 5, whose
// copy of every candidate's text cost ~1 µs, a fifth of ranking one).
std::string fragment_sql() {
  std::string glob = "*";
  for (int i = 1; i < Store::kFragmentWords; ++i) glob += " *";
  return "(q.text NOT GLOB '" + glob + "')";
}
const std::string kFragment = fragment_sql();

// The columns a result is ordered by, as SQL expressions in one scope.
struct OrderColumns {
  std::string fragment, score, confidence, date, article, start, id;
};

// The quotes and articles tables themselves (q and a).
OrderColumns table_columns(const std::string& score) {
  return {kFragment, score, "q.confidence", "a.date", "a.id", "q.start", "q.id"};
}

// ORDER BY terms over `c`. Every order ends with the quote id, so it is total:
// two statements that order the same rows give them in the same order.
std::string order_by(SearchOrder order, bool fts, const OrderColumns& c) {
  const std::string newest = c.date + " DESC, " + c.article + " DESC, " + c.start + ", " + c.id;
  const std::string ranked = c.fragment + ", " + c.score + ", ";
  switch (order) {
    case SearchOrder::kDate: return newest;
    case SearchOrder::kConfidence:
      return c.confidence + " DESC, " + (fts ? ranked : std::string()) + newest;
    case SearchOrder::kRelevance: break;
  }
  return fts ? ranked + newest : newest;
}

}  // namespace

const char* kind_name(QuoteKind k) {
  switch (k) {
    case QuoteKind::kDirect: return "direct";
    case QuoteKind::kMixed: return "mixed";
    case QuoteKind::kIndirect: return "indirect";
  }
  return "direct";
}

const char* const kQuoteColumns =
    "q.id, q.text, q.spans, q.kind, q.cue, q.confidence, q.speaker, "
    "coalesce(s.name, q.speaker_name), q.mention, q.role, q.org, q.statement, "
    "a.id, a.source_id, a.url, a.outlet, a.date, a.title, "
    "q.mention_start, q.mention_end, q.speaker_type, q.cue_start, q.cue_end";

std::optional<Span> span_from(const Statement& r, int begin_col) {
  if (r.is_null(begin_col) || r.is_null(begin_col + 1)) return std::nullopt;
  const int64_t b = r.int64(begin_col), e = r.int64(begin_col + 1);
  if (b < 0 || e < b || e > UINT32_MAX) return std::nullopt;
  return Span{static_cast<uint32_t>(b), static_cast<uint32_t>(e)};
}

StoredQuote row_to_quote(const Statement& r) {
  StoredQuote q;
  q.id = r.int64(0);
  q.text = r.text(1);
  q.spans = parse_spans(r.text(2));
  q.kind = kind_from(r.text(3));
  q.cue = r.text(4);
  q.confidence = static_cast<float>(r.real(5));
  q.speaker_id = r.int64(6);
  q.speaker = r.text(7);
  q.mention = r.text(8);
  q.role = r.text(9);
  q.org = r.text(10);
  q.statement_id = r.int64(11);
  q.article_id = r.int64(12);
  q.source_id = r.text(13);
  q.url = r.text(14);
  q.outlet = r.text(15);
  q.date = r.text(16);
  q.title = r.text(17);
  q.mention_span = span_from(r, 18);
  q.speaker_type = r.text(20);
  q.cue_span = span_from(r, 21);
  return q;
}

SearchResults search(sqlite3* db, const Store& store, const SearchQuery& query) {
  SearchResults out;
  std::string from = checked_date(query.from, "from"), to = checked_date(query.to, "to");
  if (!from.empty() && !to.empty() && to < from.substr(0, to.size()))
    throw Error(ErrorCode::kBadInput, "to: " + to + " is before from: " + from);
  if (!(query.min_confidence >= 0.0f && query.min_confidence <= 1.0f))
    throw Error(ErrorCode::kBadInput, "min_confidence: must be a number from 0 to 1");

  std::string match;
  if (query.raw) {
    match = trim(query.text);
  } else if (!trim(query.text).empty()) {
    match = parse_query(query.text).fts5;
    if (match.empty()) return out;  // only punctuation: nothing can match
  }
  const bool fts = !match.empty();

  // Filters, written against q (quotes) and a (articles).
  std::string where;
  bool article_filter = false;  // a filter reads a (else the count need not join it)
  std::vector<std::variant<std::string, double>> args;
  if (fts) args.emplace_back(match);
  if (!trim(query.speaker).empty()) {
    std::vector<int64_t> ids = store.find_speakers(query.speaker);
    if (ids.empty()) {
      where += "AND q.speaker_name LIKE ? ESCAPE '\\' ";
      args.emplace_back(like_contains(trim(query.speaker)));
    } else {
      where += "AND q.speaker IN (";
      for (size_t i = 0; i < ids.size(); ++i) {
        if (i) where += ',';
        where += std::to_string(ids[i]);
      }
      where += ") ";
    }
  }
  if (!trim(query.role).empty()) {
    where += "AND (q.role LIKE ? ESCAPE '\\' OR q.org LIKE ? ESCAPE '\\') ";
    args.emplace_back(like_contains(trim(query.role)));
    args.push_back(args.back());
  }
  if (!trim(query.outlet).empty()) {
    where += "AND a.outlet = ? COLLATE NOCASE ";
    args.emplace_back(trim(query.outlet));
    article_filter = true;
  }
  if (!from.empty()) {
    where += "AND a.date >= ? ";
    args.emplace_back(from);
    article_filter = true;
  }
  if (!to.empty()) {
    // Inclusive: "2014" covers "2014-12-31T23:59Z" ('~' sorts after every date character).
    where += "AND a.date <= ? ";
    args.emplace_back(to + "~");
    article_filter = true;
  }
  if (query.kind) {
    where += "AND q.kind = ? ";
    args.emplace_back(std::string(kind_name(*query.kind)));
  }
  if (query.min_confidence > 0) {
    where += "AND q.confidence >= ? ";
    args.emplace_back(static_cast<double>(query.min_confidence));
  }
  // A text query visits up to kMaxCounted matches to count them and the newest
  // ones to rank them. Each visit reads the quote and its article through the narrow
  // covering indexes of schema 5 (a few MB that stay in cache) rather than the
  // rows, which hold the texts (~1 µs per row over the 1M-quote bench database).
  // The count joins the article only when a filter reads it: every quote has
  // its article (quotes.article is NOT NULL REFERENCES articles, and every
  // connection that writes enforces foreign keys).
  const std::string fts_quotes =
      "FROM quotes_fts JOIN quotes q INDEXED BY quotes_search ON q.id = quotes_fts.rowid ";
  const std::string fts_articles =
      "JOIN articles a INDEXED BY articles_search ON a.id = q.article ";
  const std::string from_fts = fts_quotes + fts_articles + "WHERE quotes_fts MATCH ? ";
  // The count visits the newest kMaxCounted + 1 matches at most: counting every
  // match of a common word cost 30-60 ms, most of a request, over a million
  // quotes, and copies of one statement make distinct statements a poor bound
  // on the work (on the bench database 31,122 matches of "government" are 719
  // statements). Filters apply to the visited matches. (?1: the bound match
  // stays parameter 1 although it appears twice, so the filters follow.)
  const std::string count_from_fts =
      "FROM (SELECT rowid AS id FROM quotes_fts WHERE quotes_fts MATCH ?1 ORDER BY rowid DESC "
      "LIMIT " + std::to_string(Store::kMaxCounted + 1) + ") m JOIN quotes q INDEXED BY "
      "quotes_search ON q.id = m.id " + (article_filter ? fts_articles : "") + "WHERE 1 ";
  const std::string from_all = "FROM quotes q JOIN articles a ON a.id = q.article WHERE 1 ";

  // Candidates: the newest max_ranked matches (bm25 costs ~1 µs per match; FTS5
  // walks rowids backwards and stops), or the first ones in listing order.
  size_t page_end = query.limit ? query.offset + query.limit : 0;
  size_t cap = query.max_ranked && page_end ? std::max(query.max_ranked, page_end) : 0;
  std::string cand;
  if (fts) {
    cand = "SELECT quotes_fts.rowid AS id, bm25(quotes_fts) AS score " + from_fts + where;
    if (cap) cand += "ORDER BY quotes_fts.rowid DESC LIMIT " + std::to_string(cap);
  } else {
    cand = "SELECT q.id AS id, 0.0 AS score " + from_all + where;
    if (cap)
      cand += "ORDER BY " + order_by(query.order, false, table_columns("0")) + " LIMIT " +
              std::to_string(cap);
  }
  // r: one row per statement, its best-placed quote, with the columns the page
  // is ordered by. p: the page (+1 row: has_more), chosen before anything else
  // is read, so that only its rows have their texts loaded and their copies
  // in other articles counted (not every statement among the candidates).
  const OrderColumns in_r{"r.fragment", "r.score", "r.confidence", "r.date",
                          "r.article", "r.start", "r.id"};
  std::string sql =
      "WITH c AS MATERIALIZED (" + cand + "), r AS (SELECT c.id AS id, c.score AS score, " +
      kFragment + " AS fragment, q.confidence AS confidence, a.date AS date, a.id AS article, "
      "q.start AS start, row_number() OVER (PARTITION BY coalesce(q.statement, -q.id) ORDER BY " +
      order_by(query.order, fts, table_columns("c.score")) + ") AS rank FROM c JOIN quotes q ON "
      "q.id = c.id JOIN articles a INDEXED BY articles_search ON a.id = q.article), "
      "p AS MATERIALIZED (SELECT r.id AS id, r.score AS score FROM r WHERE r.rank = 1 ORDER BY " +
      order_by(query.order, fts, in_r) + " LIMIT " +
      std::to_string(query.limit ? static_cast<int64_t>(query.limit) + 1 : -1) + " OFFSET " +
      std::to_string(query.offset) + ") SELECT " + kQuoteColumns + ", p.score, CASE WHEN "
      "q.statement IS NULL THEN 0 ELSE (SELECT count(DISTINCT x.article) FROM quotes x WHERE "
      "x.statement = q.statement) - 1 END FROM p JOIN quotes q ON q.id = p.id JOIN articles a "
      "ON a.id = q.article LEFT JOIN speakers s ON s.id = q.speaker ORDER BY " +
      order_by(query.order, fts, table_columns("p.score"));
  // Statements counted, and quotes visited: more than kMaxCounted means the
  // count stopped (a listing without text stops after that many quotes).
  std::string count_sql =
      fts ? "SELECT count(DISTINCT coalesce(q.statement, -q.id)), (SELECT count(*) FROM "
            "(SELECT 1 FROM quotes_fts WHERE quotes_fts MATCH ?1 LIMIT " +
                std::to_string(Store::kMaxCounted + 1) + ")) " + count_from_fts + where
          : "SELECT count(DISTINCT k), count(*) FROM (SELECT coalesce(q.statement, -q.id) AS k " +
                from_all + where + "LIMIT " + std::to_string(Store::kMaxCounted + 1) + ")";

  auto bind_all = [&](Statement& s) {
    int i = 1;
    for (const auto& a : args) {
      if (const auto* text = std::get_if<std::string>(&a)) s.bind(i++, *text);
      else s.bind(i++, std::get<double>(a));
    }
  };
  try {
    Statement s(db, sql);
    bind_all(s);
    while (s.step()) {
      out.hits.push_back(row_to_quote(s));
      out.hits.back().score = s.real(kQuoteColumnCount);
      out.hits.back().other_articles = s.int64(kQuoteColumnCount + 1);
    }
    if (query.limit && out.hits.size() > query.limit) {
      out.hits.pop_back();
      out.has_more = true;
    }
    Statement c(db, count_sql);
    bind_all(c);
    if (c.step()) {
      out.total = std::min(c.int64(0), Store::kMaxCounted);
      out.total_capped = c.int64(1) > Store::kMaxCounted;
    }
    // A stopped count is a lower bound, and so is the end of a page with results.
    if (out.total_capped && !out.hits.empty())
      out.total = std::max<int64_t>(
          out.total, static_cast<int64_t>(query.offset + out.hits.size()) + (out.has_more ? 1 : 0));
  } catch (const Error& e) {
    if (!query.raw) throw;
    std::string msg = e.what();
    // Any plain SQL error from a raw MATCH query is its syntax; damage, locking,
    // a full disk and read-only files end with their own hint (see
    // throw_sqlite). Look at the end only: the message also echoes the query
    // text, which may contain any word (a query "Ydamaged::" is bad syntax).
    const bool hinted = msg.ends_with("ingest into a new file)") ||
                        msg.ends_with("choose a writable --db path)") ||
                        msg.ends_with("(disk full)") || msg.ends_with("holds the write lock)") ||
                        msg.ends_with("or cancelled)");
    if (e.code() == ErrorCode::kStore && !hinted)
      throw Error(ErrorCode::kBadInput,
                  "bad raw FTS5 query \"" + query.text + "\": " + msg.substr(msg.rfind(": ") + 2) +
                      " (raw syntax: words, \"a phrase\", AND, OR, NOT, NEAR(), prefix*; without "
                      "raw any text works)");
    throw;
  }
  return out;
}

}  // namespace store
}  // namespace whosaid

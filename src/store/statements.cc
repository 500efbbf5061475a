// Statements: copies of one quotation across articles (near-identical texts,
// or one contained in another) share a statements row, found through the
// winnowed anchors of text_keys.h; conflicts are statements that different
// articles attribute to different people (docs/store.md, "Statements and
// conflicts").
#include <set>
#include <string>
#include <vector>

#include "store/store_impl.h"
#include "store/text_keys.h"

namespace whosaid {

using store::Statement;

namespace {

// "a,b,c" (an SQL group_concat) → {"a", "b", "c"}.
std::vector<std::string> split_commas(const std::string& list) {
  std::vector<std::string> out;
  for (size_t b = 0; b < list.size();) {
    size_t e = list.find(',', b);
    if (e == std::string::npos) e = list.size();
    out.push_back(list.substr(b, e - b));
    b = e + 1;
  }
  return out;
}

}  // namespace

int64_t Store::Impl::link_statement(const std::string& text) {
  std::string key = store::statement_key(text);
  size_t words = store::word_count(key);
  if (words < static_cast<size_t>(kMinStatementWords)) return 0;
  int64_t exact = -static_cast<int64_t>(store::fnv1a64(key) >> 1) - 1;
  Statement& find = st(kAnchorStatements,
                       "SELECT statement FROM statement_anchors WHERE anchor = ? LIMIT 64");
  find.bind(1, exact);
  int64_t id = find.step() ? find.int64(0) : 0;
  find.reset();
  if (id) return id;

  std::vector<int64_t> anchors;
  if (words >= static_cast<size_t>(kMinContainedWords)) {
    anchors = store::statement_anchors(key);
    std::set<int64_t> seen;
    for (int64_t a : anchors) {
      find.bind(1, a);
      std::vector<int64_t> cands;
      while (find.step()) cands.push_back(find.int64(0));
      find.reset();
      for (int64_t c : cands) {
        if (!seen.insert(c).second) continue;
        Statement& t = st(kStatementText, "SELECT norm_text FROM statements WHERE id = ?");
        t.bind(1, c);
        std::string other = t.step() ? t.text(0) : std::string();
        t.reset();
        if (store::contains_words(other, key)) {
          id = c;
        } else if (store::word_count(other) >= static_cast<size_t>(kMinContainedWords) &&
                   store::contains_words(key, other)) {
          st(kExtendStatement, "UPDATE statements SET norm_text = ? WHERE id = ?")
              .bind(1, key).bind(2, c).run();
          id = c;
        }
        if (id) break;
      }
      if (id) break;
    }
  }
  if (!id) {
    st(kInsertStatement, "INSERT INTO statements(norm_text) VALUES (?)").bind(1, key).run();
    id = sqlite3_last_insert_rowid(db);
  }
  Statement& ins = st(kInsertAnchor,
                      "INSERT OR IGNORE INTO statement_anchors(anchor, statement) VALUES (?, ?)");
  ins.bind(1, exact).bind(2, id).run();
  for (int64_t a : anchors) ins.bind(1, a).bind(2, id).run();
  return id;
}

std::vector<StatementConflict> Store::conflicts(size_t limit) const {
  std::vector<StatementConflict> out;
  Statement q(impl_->db,
              // Candidates: statements with two people; kept when two of its quotes in
              // different articles name different people (one article naming two
              // people for one sentence is an extraction matter, not a conflict).
              "WITH cand AS (SELECT statement FROM quotes WHERE statement IS NOT NULL AND "
              "speaker IS NOT NULL GROUP BY statement HAVING count(DISTINCT speaker) > 1 AND "
              "count(DISTINCT article) > 1), "
              "c AS (SELECT statement FROM cand WHERE EXISTS (SELECT 1 FROM quotes x JOIN "
              "quotes y ON y.statement = x.statement AND y.article != x.article AND y.speaker "
              "!= x.speaker WHERE x.statement = cand.statement)) "
              "SELECT q.statement, st.norm_text, q.speaker, s.name, count(*) AS n, "
              "group_concat(DISTINCT a.outlet), min(a.date), "
              "min(coalesce(a.url, a.source_id, a.origin)) FROM quotes q "
              "JOIN c ON c.statement = q.statement JOIN statements st ON st.id = q.statement "
              "JOIN speakers s ON s.id = q.speaker JOIN articles a ON a.id = q.article "
              "GROUP BY q.statement, q.speaker ORDER BY q.statement, n DESC, q.speaker");
  while (q.step()) {
    int64_t sid = q.int64(0);
    if (out.empty() || out.back().statement_id != sid) {
      if (limit && out.size() == limit) break;
      out.push_back({});
      out.back().statement_id = sid;
      out.back().text = q.text(1);
    }
    StatementConflict::Side side;
    side.speaker_id = q.int64(2);
    side.speaker = q.text(3);
    side.quotes = q.int64(4);
    side.outlets = split_commas(q.text(5));
    side.first_seen = q.text(6);
    side.example_url = q.text(7);
    StatementConflict& c = out.back();
    if (!side.first_seen.empty() && (c.first_seen.empty() || side.first_seen < c.first_seen))
      c.first_seen = side.first_seen;
    c.sides.push_back(std::move(side));
  }
  // The longest original wording reads better than the folded key.
  for (StatementConflict& c : out) {
    Statement t(impl_->db,
                "SELECT text FROM quotes WHERE statement = ? ORDER BY length(text) DESC LIMIT 1");
    t.bind(1, c.statement_id);
    if (t.step()) c.text = t.text(0);
  }
  return out;
}

std::optional<StatementInfo> Store::statement(int64_t id) const {
  Statement q(impl_->db,
              "SELECT st.id, max(q.text), min(a.date), count(q.id), group_concat(DISTINCT "
              "a.outlet) FROM statements st JOIN quotes q ON q.statement = st.id JOIN articles "
              "a ON a.id = q.article WHERE st.id = ? GROUP BY st.id");
  q.bind(1, id);
  if (!q.step()) return std::nullopt;
  StatementInfo info;
  info.id = q.int64(0);
  info.text = q.text(1);
  info.first_seen = q.text(2);
  info.quotes = q.int64(3);
  info.outlets = split_commas(q.text(4));
  return info;
}

}  // namespace whosaid

// Opening a store, transactions, search and the checks over the whole store.
// Store::Impl (store_impl.h) lists where the rest of Store lives.
#include "whosaid/store.h"

#include <string>
#include <vector>

#include "store/schema.h"
#include "store/search.h"
#include "store/store_impl.h"

namespace whosaid {

using store::Statement;
using store::kQuoteColumns;
using store::row_to_quote;

Store::Store(const std::string& path, StoreOptions options) : impl_(std::make_unique<Impl>()) {
  impl_->path = path;
  impl_->read_only = options.read_only;
  impl_->db = store::open_database(path, options.read_only, options.create);
}

Store::~Store() = default;

void Store::set_interrupt(std::function<bool()> should_stop) {
  impl_->interrupt = std::move(should_stop);
  // Every 100 virtual machine steps: microseconds apart, so that even a short
  // statement looks at least once.
  if (impl_->interrupt) sqlite3_progress_handler(impl_->db, 100, &Impl::progress, impl_.get());
  else sqlite3_progress_handler(impl_->db, 0, nullptr, nullptr);
}
Store::Store(Store&&) noexcept = default;
Store& Store::operator=(Store&&) noexcept = default;

const std::string& Store::path() const noexcept { return impl_->path; }

void Store::begin() {
  impl_->require_writable();
  if (impl_->in_tx) throw Error(ErrorCode::kInternal, "Store::begin(): already in a transaction");
  store::exec(impl_->db, "BEGIN IMMEDIATE");
  impl_->in_tx = true;
}

void Store::commit() {
  if (!impl_->in_tx) throw Error(ErrorCode::kInternal, "Store::commit(): no transaction");
  impl_->in_tx = false;
  store::exec(impl_->db, "COMMIT");
}

void Store::analyze() {
  impl_->require_writable();
  store::exec(impl_->db, "PRAGMA analysis_limit = 1000");
  store::exec(impl_->db, "ANALYZE");
}

void Store::rollback() {
  if (!impl_->in_tx) return;
  impl_->in_tx = false;
  sqlite3_exec(impl_->db, "ROLLBACK", nullptr, nullptr, nullptr);
}

bool Store::in_transaction() const noexcept { return impl_->in_tx; }

SearchResults Store::search_page(const SearchQuery& query) const {
  return store::search(impl_->db, *this, query);
}

std::vector<StoredQuote> Store::search(const SearchQuery& query) const {
  return search_page(query).hits;
}

void Store::for_each_quote(const std::function<bool(const StoredQuote&)>& fn) const {
  std::string sql = "SELECT ";
  sql += kQuoteColumns;
  sql += ", 0 FROM quotes q JOIN articles a ON a.id = q.article LEFT JOIN speakers s ON "
         "s.id = q.speaker ORDER BY q.article, q.start, q.id";
  Statement s(impl_->db, sql);
  while (s.step())
    if (!fn(row_to_quote(s))) break;
}

StoreStats Store::stats() const {
  StoreStats st;
  Statement s(impl_->db,
              "SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM quotes), "
              "(SELECT count(DISTINCT speaker) FROM quotes), "
              "(SELECT count(DISTINCT statement) FROM quotes)");
  if (s.step()) {
    st.articles = s.int64(0);
    st.quotes = s.int64(1);
    st.speakers = s.int64(2);
    st.statements = s.int64(3);
  }
  return st;
}

std::string Store::integrity_check() const {
  Statement s(impl_->db, "PRAGMA integrity_check");
  std::string out;
  while (s.step()) {
    if (!out.empty()) out += "\n";
    out += s.text(0);
  }
  if (!impl_->read_only) {
    // The full-text index against its content table (a write statement in FTS5).
    try {
      Statement(impl_->db, "INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)")
          .run();
    } catch (const Error& e) {
      out = (out == "ok" ? std::string() : out + "\n") + "fts: " + e.what();
    }
  }
  return out;
}

}  // namespace whosaid

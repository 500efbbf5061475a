// Store::search_page(): the query (src/store/query.h) and the filters become one
// SQL statement; near-identical copies of a statement fold into one result.
// Also the row → StoredQuote mapping shared with the store's other listings.
#pragma once

#include <sqlite3.h>

#include <optional>
#include <string_view>

#include "store/sqlite.h"
#include "whosaid/store.h"

namespace whosaid::store {

const char* kind_name(QuoteKind k);

// Column list of every query that returns StoredQuote (see row_to_quote): the
// aliases are q (quotes), a (articles) and s (speakers, LEFT JOIN).
extern const char* const kQuoteColumns;
constexpr int kQuoteColumnCount = 23;  // the first column after them
// Two nullable offset columns as a Span (none when either is NULL or reversed).
std::optional<Span> span_from(const Statement& r, int begin_col);
StoredQuote row_to_quote(const Statement& r);

SearchResults search(sqlite3* db, const Store& store, const SearchQuery& query);

}  // namespace whosaid::store

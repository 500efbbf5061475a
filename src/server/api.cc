#include "server/api.h"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <set>

#include <nlohmann/json.hpp>

#include "server/article_source.h"
#include "server/deadline.h"
#include "io/quote_json.h"
#include "server/export.h"
#include "server/text_offsets.h"
#include "store/hit_json.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"
#include "whosaid/store.h"

namespace whosaid::server {

using json = nlohmann::ordered_json;  // keys in the order written: the quote schema's order

namespace {

constexpr size_t kMaxSearchLimit = 100;
constexpr size_t kMaxSearchOffset = 10000;
constexpr size_t kMaxTextParam = 1000;  // bytes in one query parameter

std::string dump(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

// ---- parameters ----

void check_known(const Params& p, std::initializer_list<const char*> known) {
  std::set<std::string> seen;
  for (const auto& entry : p) {
    const std::string& k = entry.first;  // not a structured binding: clang 14 cannot capture those
    if (std::find_if(known.begin(), known.end(), [&](const char* n) { return k == n; }) ==
        known.end()) {
      std::string list;
      for (const char* n : known) list += std::string(list.empty() ? "" : ", ") + n;
      throw ApiError(400,
                     "unknown parameter '" + k + "'" +
                         (list.empty() ? "; this endpoint takes none" : "; expected: " + list),
                     k);
    }
    if (!seen.insert(k).second)
      throw ApiError(400, "parameter '" + k + "' given more than once", k);
  }
}

std::string get_text(const Params& p, const char* name) {
  auto it = p.find(name);
  if (it == p.end()) return {};
  if (it->second.size() > kMaxTextParam)
    throw ApiError(400, std::string("parameter '") + name + "' is longer than " +
                            std::to_string(kMaxTextParam) + " bytes", name);
  return valid_utf8(it->second);
}

int64_t parse_int(const std::string& s, const std::string& name, int64_t min, int64_t max) {
  int64_t v = 0;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || end != s.data() + s.size() || v < min || v > max)
    throw ApiError(400,
                   "parameter '" + name + "' must be an integer from " + std::to_string(min) +
                       " to " + std::to_string(max) + ", got \"" + valid_utf8(s.substr(0, 40)) +
                       "\"",
                   name);
  return v;
}

int64_t get_int(const Params& p, const char* name, int64_t def, int64_t min, int64_t max) {
  auto it = p.find(name);
  return it == p.end() ? def : parse_int(it->second, name, min, max);
}

// "2014", "2014-05" or "2014-05-02".
std::string get_date(const Params& p, const char* name) {
  auto it = p.find(name);
  if (it == p.end() || it->second.empty()) return {};
  const std::string& s = it->second;
  auto digits = [&](size_t b, size_t n) {
    for (size_t i = b; i < b + n; ++i)
      if (i >= s.size() || s[i] < '0' || s[i] > '9') return false;
    return true;
  };
  bool ok = (s.size() == 4 || s.size() == 7 || s.size() == 10) && digits(0, 4);
  if (ok && s.size() >= 7) ok = s[4] == '-' && digits(5, 2) && s.substr(5, 2) >= "01" &&
                                s.substr(5, 2) <= "12";
  if (ok && s.size() == 10) ok = s[7] == '-' && digits(8, 2) && s.substr(8, 2) >= "01" &&
                                 s.substr(8, 2) <= "31";
  if (!ok)
    throw ApiError(400, std::string("parameter '") + name +
                            "' must be a date: YYYY, YYYY-MM or YYYY-MM-DD", name);
  return s;
}

// A number from 0 to 1 ("0.5"); 0 when absent.
double get_fraction(const Params& p, const char* name) {
  auto it = p.find(name);
  if (it == p.end() || it->second.empty()) return 0;
  const std::string& s = it->second;
  double v = -1;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || end != s.data() + s.size() || !(v >= 0 && v <= 1))
    throw ApiError(400, std::string("parameter '") + name + "' must be a number from 0 to 1, got \"" +
                            valid_utf8(s.substr(0, 40)) + "\"", name);
  return v;
}

// Raw FTS5 (raw=1) is checked here; typed text is bounded by the query parser
// (store/query.h). A prefix term ("gov*") costs one pass over every indexed word it starts;
// "t* t* t* …" made a 33 s query. At most kMaxPrefixTerms of them, each with
// at least kMinPrefixChars characters before the '*'.
constexpr int kMaxPrefixTerms = 4;
constexpr size_t kMinPrefixChars = 2;

void check_search_cost(const std::string& q) {
  int prefixes = 0;
  size_t word_start = 0;
  for (size_t i = 0; i < q.size(); ++i) {
    char c = q[i];
    if (c == ' ' || c == '\t' || c == '"' || c == '(' || c == ')' || c == '^' || c == '+') {
      word_start = i + 1;
      continue;
    }
    if (c != '*') continue;
    ++prefixes;
    size_t chars = 0;  // code points before the '*'
    for (size_t j = word_start; j < i; ++j) chars += (static_cast<unsigned char>(q[j]) & 0xC0) != 0x80;
    if (chars < kMinPrefixChars)
      throw ApiError(400, "parameter 'q': a prefix search needs at least " +
                              std::to_string(kMinPrefixChars) + " characters before '*'", "q");
    if (prefixes > kMaxPrefixTerms)
      throw ApiError(400, "parameter 'q' has more than " + std::to_string(kMaxPrefixTerms) +
                              " prefix terms (word*)", "q");
    word_start = i + 1;
  }
}

int64_t path_id(const std::string& s, const char* what) {
  return parse_int(s, what, 1, INT64_MAX);
}

// ---- JSON views ----

json opt_id(int64_t id) { return id ? json(id) : json(nullptr); }

// A search hit: store/hit_json.h, the object of `whosaid search --format json`.
json hit_value(const StoredQuote& q) { return json::parse(hit_json(q)); }

// The text with its quotes, for the article page and /api/extract. Each quote
// is the quote object (io/quote_json.h) with "id", "speaker_id" and
// "statement_id" (null for /api/extract), UTF-16 spans into "text" and an
// index into "speakers" (one entry per distinct speaker, in order of first
// quote) for colouring.
json annotated_text(std::string_view raw, std::vector<json> quotes) {
  Utf16Text t(raw);
  json speakers = json::array();
  std::map<std::string, size_t> index;
  for (json& q : quotes) {
    json spans16 = json::array();
    for (const json& s : q["spans"]) spans16.push_back({t.unit(s[0].get<uint32_t>()), t.unit(s[1].get<uint32_t>())});
    q["spans16"] = std::move(spans16);
    int64_t speaker_index = -1;
    const json& sp = q["speaker"];
    if (sp.is_object() && sp["name"].is_string()) {
      const json& id = q["speaker_id"];
      std::string key = id.is_number() ? "#" + std::to_string(id.get<int64_t>()) : "=" + sp["name"].get<std::string>();
      auto [it, fresh] = index.emplace(key, speakers.size());
      if (fresh)
        speakers.push_back({{"id", id}, {"name", sp["name"]}, {"role", sp["role"]}, {"org", sp["org"]}, {"quotes", 0}});
      json& entry = speakers[it->second];
      entry["quotes"] = entry["quotes"].get<int64_t>() + 1;
      if (entry["role"].is_null()) entry["role"] = sp["role"];
      if (entry["org"].is_null()) entry["org"] = sp["org"];
      speaker_index = static_cast<int64_t>(it->second);
    }
    q["speaker_index"] = speaker_index;
  }
  return {{"text", t.text()}, {"length16", t.size16()}, {"quotes", std::move(quotes)},
          {"speakers", speakers}};
}

// An article's stored quotes as annotated_text() takes them.
std::vector<json> stored_quotes(const std::vector<StoredQuote>& stored) {
  std::vector<json> out;
  for (const StoredQuote& q : stored) {
    json j = hit_value(q);
    for (const char* k : {"article", "score", "other_articles"}) j.erase(k);
    out.push_back(std::move(j));
  }
  return out;
}

// A Document's quotes as annotated_text() takes them: what `whosaid extract`
// prints, with the store's ids null.
std::vector<json> document_quotes(const Document& doc, float min_confidence) {
  std::vector<json> out;
  for (const Quote& q : doc.quotes) {
    if (q.confidence < min_confidence) continue;
    std::string s;
    append_quote_json(doc, q, s);
    json j = {{"id", nullptr}};  // the order of a stored quote's fields
    j.update(json::parse(s));
    j["speaker_id"] = nullptr;
    j["statement_id"] = nullptr;
    out.push_back(std::move(j));
  }
  return out;
}

}  // namespace

std::string error_json(int status, const std::string& message, const std::string& parameter) {
  json j = {{"error", message}, {"code", status}};
  if (!parameter.empty()) j["parameter"] = parameter;
  return dump(j);
}

// ---- connections ----

struct Api::Connection {
  Connection(const std::string& path, int timeout_ms)
      : store(path, StoreOptions{.read_only = true, .create = false}), source(path, timeout_ms) {
    store.set_interrupt([] {
      Deadline* d = Deadline::current();
      return d && d->expired();
    });
  }
  Store store;
  ArticleSource source;
};

class Api::Pool {
 public:
  Pool(std::string path, int timeout_ms) : path_(std::move(path)), timeout_ms_(timeout_ms) {}

  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> c) : pool_(pool), c_(std::move(c)) {}
    ~Lease() { pool_.give_back(std::move(c_)); }
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Connection* operator->() { return c_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Connection> c_;
  };

  Lease take() {
    {
      std::lock_guard lock(mutex_);
      if (!idle_.empty()) {
        auto c = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(c));
      }
    }
    return Lease(*this, std::make_unique<Connection>(path_, timeout_ms_));
  }

 private:
  void give_back(std::unique_ptr<Connection> c) {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(c));
  }
  std::string path_;
  int timeout_ms_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

Api::Api(const ServerOptions& options)
    : options_(options),
      pool_(std::make_unique<Pool>(options.db_path, options.query_timeout_ms)) {
  { auto first = pool_->take(); }  // opens and checks the database now, not on the first request
  extractor_ = std::make_unique<const Extractor>();
}

Api::~Api() = default;

template <typename Fn>
std::string Api::cached(const std::string& key, Fn&& compute) {
  auto now = std::chrono::steady_clock::now();
  if (options_.cache_seconds > 0) {
    std::lock_guard lock(cache_mutex_);
    auto it = cache_.find(key);
    if (it != cache_.end() && now < it->second.first) return it->second.second;
  }
  std::string body = compute();
  if (options_.cache_seconds > 0) {
    std::lock_guard lock(cache_mutex_);
    if (cache_.size() > 256) cache_.clear();
    cache_[key] = {now + std::chrono::seconds(options_.cache_seconds), body};
  }
  return body;
}

// ---- endpoints ----

std::string Api::search(const Params& p) {
  check_known(p, {"q", "raw", "speaker", "role", "outlet", "from", "to", "kind", "min_confidence",
                  "sort", "limit", "offset", "format"});
  ExportFormat format;
  if (!parse_export_format(get_text(p, "format"), format))
    throw ApiError(400, "parameter 'format' must be json, csv or jsonl, got \"" +
                            get_text(p, "format") + "\"", "format");
  SearchQuery q;
  q.text = get_text(p, "q");
  q.raw = get_int(p, "raw", 0, 0, 1) == 1;
  if (q.raw) check_search_cost(q.text);
  q.speaker = get_text(p, "speaker");
  q.role = get_text(p, "role");
  q.outlet = get_text(p, "outlet");
  q.from = get_date(p, "from");
  q.to = get_date(p, "to");
  if (!q.from.empty() && !q.to.empty() && q.to < q.from.substr(0, q.to.size()))
    throw ApiError(400, "parameter 'to' is before 'from'", "to");
  std::string kind = get_text(p, "kind");
  if (kind == "direct") q.kind = QuoteKind::kDirect;
  else if (kind == "indirect") q.kind = QuoteKind::kIndirect;
  else if (kind == "mixed") q.kind = QuoteKind::kMixed;
  else if (!kind.empty())
    throw ApiError(400, "parameter 'kind' must be direct, indirect or mixed, got \"" + kind + "\"",
                   "kind");
  q.min_confidence = static_cast<float>(get_fraction(p, "min_confidence"));
  std::string sort = get_text(p, "sort");
  if (sort == "date") q.order = SearchOrder::kDate;
  else if (sort == "confidence") q.order = SearchOrder::kConfidence;
  else if (!sort.empty() && sort != "relevance")
    throw ApiError(400, "parameter 'sort' must be relevance, date or confidence, got \"" + sort +
                            "\"", "sort");
  q.limit = static_cast<size_t>(get_int(p, "limit", 20, 1, kMaxSearchLimit));
  q.offset = static_cast<size_t>(get_int(p, "offset", 0, 0, kMaxSearchOffset));
  SearchResults r;
  try {
    auto c = pool_->take();
    r = c->store.search_page(q);
  } catch (const Error& e) {
    // Only a raw query can be bad input here: every other parameter is checked above.
    if (e.code() == ErrorCode::kBadInput) throw ApiError(400, e.what(), q.raw ? "q" : "");
    throw;
  }
  if (format == ExportFormat::kCsv) return hits_csv(r.hits);
  if (format == ExportFormat::kJsonl) return hits_jsonl(r.hits);
  json results = json::array();
  for (const StoredQuote& hit : r.hits) results.push_back(hit_value(hit));
  json query = json::object();
  for (const auto& [k, v] : p)
    if (k != "limit" && k != "offset" && k != "format") query[k] = valid_utf8(v);
  return dump({{"query", query},
               {"total", r.total},
               {"total_capped", r.total_capped},
               {"limit", q.limit},
               {"offset", q.offset},
               {"has_more", r.has_more},
               {"next_offset", r.has_more ? json(q.offset + q.limit) : json(nullptr)},
               {"results", results}});
}

std::string Api::speakers(const Params& p) {
  check_known(p, {"top", "q"});
  std::string prefix = get_text(p, "q");
  auto top = get_int(p, "top", prefix.empty() ? 50 : 10, 1, 1000);
  return cached("speakers:" + std::to_string(top) + ":" + prefix, [&] {
    auto c = pool_->take();
    std::vector<SpeakerSummary> found;
    if (prefix.empty()) {
      found = c->store.speakers(static_cast<size_t>(top));
    } else {
      for (int64_t id : c->source.speakers_starting(prefix, static_cast<size_t>(top)))
        if (auto profile = c->store.speaker(id)) found.push_back(profile->summary);
    }
    json arr = json::array();
    for (const SpeakerSummary& s : found)
      arr.push_back({{"id", s.id},
                     {"name", valid_utf8(s.name)},
                     {"quotes", s.quotes},
                     {"articles", s.articles},
                     {"first_seen", s.first_seen},
                     {"last_seen", s.last_seen},
                     {"role", valid_utf8(s.role)},
                     {"org", valid_utf8(s.org)}});
    return dump({{"speakers", arr}});
  });
}

std::string Api::speaker(const std::string& id_text, const Params& p) {
  check_known(p, {"latest"});
  int64_t id = path_id(id_text, "id");
  auto latest = get_int(p, "latest", 10, 0, 100);
  auto c = pool_->take();
  auto profile = c->store.speaker(id);
  if (!profile) throw ApiError(404, "no speaker with id " + std::to_string(id));
  const SpeakerSummary& s = profile->summary;
  json j = {{"id", s.id},
            {"name", valid_utf8(s.name)},
            {"quotes", s.quotes},
            {"articles", s.articles},
            {"first_seen", s.first_seen},
            {"last_seen", s.last_seen},
            {"role", valid_utf8(s.role)},
            {"org", valid_utf8(s.org)}};
  j["aliases"] = json::array();
  for (const SpeakerAlias& a : profile->aliases)
    j["aliases"].push_back({{"alias", valid_utf8(a.alias)}, {"quotes", a.quotes}});
  j["roles"] = json::array();
  for (const SpeakerRole& r : profile->roles)
    j["roles"].push_back({{"role", valid_utf8(r.role)}, {"org", valid_utf8(r.org)},
                          {"first_seen", r.first_seen}, {"last_seen", r.last_seen},
                          {"quotes", r.quotes}});
  j["per_month"] = json::array();
  for (const auto& [month, n] : profile->per_month)
    j["per_month"].push_back({{"month", month}, {"quotes", n}});
  j["outlets"] = json::array();
  for (const auto& [outlet, n] : profile->outlets)
    j["outlets"].push_back({{"outlet", valid_utf8(outlet)}, {"quotes", n}});
  j["latest"] = json::array();
  if (latest > 0) {
    SearchQuery q;
    q.speaker = "#" + std::to_string(id);
    q.limit = static_cast<size_t>(latest);
    for (const StoredQuote& hit : c->store.search(q)) j["latest"].push_back(hit_value(hit));
  }
  return dump(j);
}

std::string Api::article(const std::string& id_text, const Params& p) {
  check_known(p, {});
  int64_t id = path_id(id_text, "id");
  auto c = pool_->take();
  auto a = c->source.article(id);
  if (!a) throw ApiError(404, "no article with id " + std::to_string(id));
  json j = annotated_text(a->text, stored_quotes(a->quotes));
  j["article"] = {{"id", a->id},
                  {"source_id", valid_utf8(a->source_id)},
                  {"url", valid_utf8(a->url)},
                  {"outlet", valid_utf8(a->outlet)},
                  {"date", valid_utf8(a->date)},
                  {"title", valid_utf8(a->title)}};
  return dump(j);
}

std::string Api::conflicts(const Params& p) {
  check_known(p, {"limit"});
  auto limit = get_int(p, "limit", 20, 1, 500);
  return cached("conflicts:" + std::to_string(limit), [&] {
    auto c = pool_->take();
    json arr = json::array();
    for (const StatementConflict& sc : c->store.conflicts(static_cast<size_t>(limit))) {
      json sides = json::array();
      for (const auto& s : sc.sides) {
        json outlets = json::array();
        for (const auto& o : s.outlets) outlets.push_back(valid_utf8(o));
        sides.push_back({{"speaker_id", s.speaker_id}, {"speaker", valid_utf8(s.speaker)},
                         {"quotes", s.quotes}, {"outlets", outlets},
                         {"first_seen", s.first_seen}, {"example", valid_utf8(s.example_url)},
                         {"article_id", opt_id(c->source.article_attributing(sc.statement_id,
                                                                              s.speaker_id))}});
      }
      arr.push_back({{"statement_id", sc.statement_id}, {"text", valid_utf8(sc.text)},
                     {"first_seen", sc.first_seen}, {"speakers", sides}});
    }
    return dump({{"conflicts", arr}});
  });
}

std::string Api::stats(const Params& p) {
  check_known(p, {});
  return cached("stats", [&] {
    auto c = pool_->take();
    StoreStats s = c->store.stats();
    ArchiveFacts f = c->source.facts(10);
    json outlets = json::array();
    for (const auto& [o, n] : f.top_outlets)
      outlets.push_back({{"outlet", valid_utf8(o)}, {"articles", n}});
    return dump({{"articles", s.articles},
                 {"quotes", s.quotes},
                 {"speakers", s.speakers},
                 {"statements", s.statements},
                 {"outlets", f.outlets},
                 {"first_date", f.first_date},
                 {"last_date", f.last_date},
                 {"top_outlets", outlets}});
  });
}

std::string Api::extract(const std::string& body, const std::string& content_type,
                         const Params& p) {
  check_known(p, {});
  std::string text;
  bool indirect = true;
  double min_confidence = 0;
  std::string media = content_type.substr(0, content_type.find(';'));
  media.erase(0, media.find_first_not_of(" \t"));
  media.erase(media.find_last_not_of(" \t") + 1);
  for (char& c : media) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (media == "application/json") {
    json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded())
      throw ApiError(400, "the body is not valid JSON; send {\"text\": \"...\"} or text/plain",
                     "body");
    if (!j.is_object() || !j.contains("text") || !j["text"].is_string())
      throw ApiError(400, "field 'text' (a string) is required", "text");
    for (const auto& [k, v] : j.items()) {
      if (k == "text") continue;
      if (k == "indirect") {
        if (!v.is_boolean()) throw ApiError(400, "field 'indirect' must be true or false", k);
        indirect = v.get<bool>();
      } else if (k == "min_confidence") {
        if (!v.is_number() || v.get<double>() < 0 || v.get<double>() > 1)
          throw ApiError(400, "field 'min_confidence' must be a number from 0 to 1", k);
        min_confidence = v.get<double>();
      } else {
        throw ApiError(400, "unknown field '" + k + "'; expected: text, indirect, min_confidence",
                       k);
      }
    }
    text = j["text"].get<std::string>();
  } else {
    text = body;
  }
  if (text.find_first_not_of(" \t\r\n") == std::string::npos)
    throw ApiError(400, "field 'text' is empty: paste an article", "text");
  const Extractor* ex = extractor_.get();
  if (!indirect) {
    std::call_once(direct_only_once_, [&] {
      direct_only_ = std::make_unique<const Extractor>(ExtractorOptions{.indirect = false});
    });
    ex = direct_only_.get();
  }
  Document doc = ex->extract(std::move(text));
  json j = annotated_text(doc.text(), document_quotes(doc, static_cast<float>(min_confidence)));
  json diags = json::array();
  for (const Diagnostic& d : doc.diagnostics)
    diags.push_back({{"offset", d.offset}, {"message", valid_utf8(d.message)}});
  j["diagnostics"] = diags;
  return dump(j);
}

bool Api::exists(Kind kind, const std::string& id_text) {
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id < 1) return false;
  auto c = pool_->take();
  return c->source.exists(kind == kArticle ? ArticleSource::kArticles : ArticleSource::kSpeakers, id);
}

std::string Api::health() {
  auto c = pool_->take();
  ArticleInfo probe;
  probe.source_id = "healthz";
  (void)c->store.contains(probe, "");
  return dump({{"status", "ok"}});
}

}  // namespace whosaid::server

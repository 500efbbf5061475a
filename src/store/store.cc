#include "whosaid/store.h"

#include <algorithm>
#include <charconv>
#include <array>
#include <cctype>
#include <cstdio>
#include <map>
#include <set>

#include "store/schema.h"
#include "store/search.h"
#include "store/sqlite.h"
#include "store/text_keys.h"
#include "whosaid/error.h"

namespace whosaid {

using store::Statement;
using store::kind_name;
using store::kQuoteColumns;
using store::row_to_quote;

namespace {

std::string spans_json(const std::vector<Span>& spans) {
  std::string out = "[";
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i) out += ',';
    out += '[' + std::to_string(spans[i].begin) + ',' + std::to_string(spans[i].end) + ']';
  }
  return out + "]";
}

std::string trim(std::string_view s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return std::string(s.substr(b, e - b));
}

// A quote's text: its fragments joined by " … ".
std::string quote_text(const Document& doc, const Quote& q) {
  std::string out;
  if (q.spans.empty()) return trim(doc.slice(q.span));
  for (const Span& s : q.spans) {
    if (s.end > doc.text().size() || s.begin > s.end) continue;
    if (!out.empty()) out += " … ";
    out += trim(doc.slice(s));
  }
  return out;
}

char gender_code(Gender g) {
  return g == Gender::kMale ? 'm' : g == Gender::kFemale ? 'f' : 0;
}

// A name's display form: the name as written without leading titles, unless only
// a surname would remain ("Mr Key" stays "Mr Key").
std::string display_name(std::string_view name, const store::PersonName& pn) {
  std::string n = trim(name);
  if (pn.given_key.empty()) return n;
  // Drop leading words while the rest still folds to the full key.
  std::string rest = n;
  while (true) {
    size_t sp = rest.find(' ');
    if (sp == std::string::npos) break;
    std::string shorter = rest.substr(sp + 1);
    if (store::fold_key(shorter).find(pn.full_key) == std::string::npos) break;
    rest = shorter;
  }
  return rest;
}

}  // namespace

// ---------------------------------------------------------------------------

struct Store::Impl {
  sqlite3* db = nullptr;
  std::string path;
  bool read_only = false;
  bool in_tx = false;
  std::function<bool()> interrupt;  // see Store::set_interrupt

  static int progress(void* self) {
    auto* impl = static_cast<Impl*>(self);
    return impl->interrupt && impl->interrupt() ? 1 : 0;
  }

  // Prepared lazily, kept for the connection's life.
  enum Slot {
    kFindArticle, kInsertArticle, kUpdateArticle, kInsertQuote, kOldQuotes, kDeleteQuotes,
    kAliasSpeakers, kSurnameSpeakers, kSpeakerRoles, kSpeakerOutlet, kInsertSpeaker,
    kUpgradeSpeaker, kSetGender, kInsertAlias, kFindAlias, kUpsertRole, kUpsertOutlet,
    kAnchorStatements, kStatementText, kInsertStatement, kInsertAnchor, kExtendStatement,
    kContains, kOrgSpeakers, kDeleteRoles, kDeleteOutlets, kRebuildRoles, kRebuildOutlets,
    kStatementUsed, kDeleteAnchors, kDeleteStatement, kSlotCount
  };
  std::array<Statement, kSlotCount> stmts;

  Statement& st(Slot slot, const char* sql) {
    Statement& s = stmts[slot];
    if (!s.get()) s = Statement(db, sql);
    return s;
  }

  ~Impl() {
    for (auto& s : stmts) s = Statement();
    if (db) {
      if (in_tx) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close_v2(db);
    }
  }

  void require_writable() const {
    if (read_only)
      throw Error(ErrorCode::kInternal, path + ": the store was opened read-only");
  }

  // ---- speakers ----
  struct Candidate {
    int64_t id;
    bool has_given;
    char gender;
  };

  struct Context {
    std::string role, org, outlet;
    char gender = 0;
  };

  // Evidence that a candidate is the person in `ctx`: 2 per agreeing role or
  // party, 1 for the same outlet; -1 when something contradicts.
  int evidence(const Candidate& c, const Context& ctx) {
    if (c.gender && ctx.gender && c.gender != ctx.gender) return -1;
    bool role_match = false, org_match = false, has_any = false;
    Statement& r = st(kSpeakerRoles, "SELECT role, org FROM speaker_roles WHERE speaker = ?");
    r.bind(1, c.id);
    while (r.step()) {
      std::string role = r.text(0), org = r.text(1);
      if (!role.empty() || !org.empty()) has_any = true;
      if (!ctx.role.empty() && (store::roles_agree(ctx.role, role) ||
                                store::roles_agree(ctx.role, org)))
        role_match = true;
      if (!ctx.org.empty() && (store::roles_agree(ctx.org, org) ||
                               store::roles_agree(ctx.org, role)))
        org_match = true;
    }
    r.reset();
    if ((!ctx.role.empty() || !ctx.org.empty()) && has_any && !role_match && !org_match)
      return -1;
    int score = 2 * role_match + 2 * org_match;
    if (!ctx.outlet.empty()) {
      Statement& o = st(kSpeakerOutlet,
                        "SELECT 1 FROM speaker_outlets WHERE speaker = ? AND outlet = ?");
      o.bind(1, c.id).bind(2, ctx.outlet);
      if (o.step()) score += 1;
      o.reset();
    }
    return score;
  }

  std::vector<Candidate> query_candidates(Statement& s) {
    std::vector<Candidate> out;
    while (s.step()) {
      std::string g = s.text(2);
      out.push_back({s.int64(0), !s.is_null(1), g.empty() ? char(0) : g[0]});
    }
    s.reset();
    return out;
  }

  // The best candidate with at least `min_score` and no rival of equal score; 0
  // when none or ambiguous.
  int64_t unique_best(const std::vector<Candidate>& cands, const Context& ctx, int min_score,
                      bool tie_to_lowest = false) {
    int best = min_score - 1;
    int64_t best_id = 0;
    bool tie = false;
    for (const Candidate& c : cands) {
      int e = evidence(c, ctx);
      if (e > best) {
        best = e;
        best_id = c.id;
        tie = false;
      } else if (e == best && e >= min_score) {
        tie = true;
        best_id = std::min(best_id, c.id);
      }
    }
    if (tie && !tie_to_lowest) return 0;
    return best_id;
  }

  int64_t create_speaker(const std::string& name, const char* kind, const std::string& full,
                         const std::string& given, const std::string& surname, char gender) {
    Statement& s = st(kInsertSpeaker,
                      "INSERT INTO speakers(name, kind, full_key, given_key, surname_key, gender) "
                      "VALUES (?, ?, ?, ?, ?, ?)");
    s.bind(1, name).bind(2, kind).bind(3, full).bind_opt(4, given).bind(5, surname);
    if (gender) s.bind(6, std::string(1, gender)); else s.bind_null(6);
    s.run();
    return sqlite3_last_insert_rowid(db);
  }

  int64_t alias_id(int64_t speaker, const std::string& alias, const std::string& key) {
    Statement& ins = st(kInsertAlias,
                        "INSERT OR IGNORE INTO speaker_aliases(speaker, alias, alias_key) "
                        "VALUES (?, ?, ?)");
    ins.bind(1, speaker).bind(2, alias).bind(3, key).run();
    Statement& f = st(kFindAlias,
                      "SELECT id FROM speaker_aliases WHERE alias = ? AND speaker = ?");
    f.bind(1, alias).bind(2, speaker);
    int64_t id = f.step() ? f.int64(0) : 0;
    f.reset();
    return id;
  }

  // Resolves a quote's speaker to a person row (creating it when new). Returns
  // {speaker, alias}, or {0, 0} when the quote names no person.
  std::pair<int64_t, int64_t> resolve_speaker(const Document& doc, const Quote& q,
                                              const std::string& outlet) {
    if (!q.speaker) return {0, 0};
    const Speaker& sp = *q.speaker;
    std::string mention;
    if (sp.mention && sp.mention->end <= doc.text().size())
      mention = trim(doc.slice(*sp.mention));
    std::string name = trim(sp.name.empty() ? mention : sp.name);
    if (name.empty()) return {0, 0};
    const Entity* ent = (sp.entity >= 0 && static_cast<size_t>(sp.entity) < doc.entities.size())
                            ? &doc.entities[static_cast<size_t>(sp.entity)]
                            : nullptr;
    if (ent && (ent->kind == MentionKind::kPronoun || ent->kind == MentionKind::kNominal))
      return {0, 0};
    // An unresolved speaker whose only words are a pronoun is no one.
    if (!ent && store::is_pronoun(name)) return {0, 0};

    Context ctx;
    ctx.role = trim(sp.role.empty() && ent ? std::string_view(ent->role) : sp.role);
    ctx.org = trim(sp.org.empty() && ent ? std::string_view(ent->org) : sp.org);
    ctx.outlet = outlet;

    if (ent && ent->kind == MentionKind::kOrganisation) {
      std::string key = store::organisation_key(name);
      if (key.empty()) return {0, 0};
      Statement& s = st(kOrgSpeakers,
                        "SELECT DISTINCT s.id FROM speaker_aliases a JOIN speakers s ON "
                        "s.id = a.speaker WHERE a.alias_key = ? AND s.kind = 'organisation' "
                        "ORDER BY s.id LIMIT 1");
      s.bind(1, key);
      int64_t id = s.step() ? s.int64(0) : 0;
      s.reset();
      if (!id) id = create_speaker(name, "organisation", key, "", "", 0);
      return {id, alias_id(id, name, key)};
    }

    store::PersonName pn = store::parse_person_name(name);
    if (!pn.valid) return {0, 0};
    ctx.gender = ent ? gender_code(ent->gender) : 0;
    if (!ctx.gender) ctx.gender = pn.gender;
    if (!ctx.gender && !mention.empty()) ctx.gender = store::parse_person_name(mention).gender;

    int64_t id = 0;
    if (!pn.given_key.empty()) {
      // Full name: the people already known by it.
      Statement& s = st(kAliasSpeakers,
                        "SELECT DISTINCT s.id, s.given_key, s.gender FROM speaker_aliases a "
                        "JOIN speakers s ON s.id = a.speaker WHERE a.alias_key = ? AND "
                        "s.kind = 'person' ORDER BY s.id");
      s.bind(1, pn.full_key);
      auto cands = query_candidates(s);
      if (cands.size() == 1) {
        id = cands[0].id;
      } else if (cands.size() > 1) {
        id = unique_best(cands, ctx, 0, /*tie_to_lowest=*/true);
        if (!id) id = cands[0].id;
      } else {
        // A person so far known only by surname whose role or party agrees.
        Statement& b = st(kSurnameSpeakers,
                          "SELECT id, given_key, gender FROM speakers WHERE surname_key = ? "
                          "AND kind = 'person' ORDER BY id");
        b.bind(1, pn.surname_key);
        auto all = query_candidates(b);
        std::vector<Candidate> bare;
        for (const Candidate& c : all)
          if (!c.has_given) bare.push_back(c);
        id = unique_best(bare, ctx, 2);
        if (id) {
          Statement& u = st(kUpgradeSpeaker,
                            "UPDATE speakers SET name = ?, full_key = ?, given_key = ? "
                            "WHERE id = ?");
          u.bind(1, display_name(name, pn)).bind(2, pn.full_key).bind(3, pn.given_key)
              .bind(4, id).run();
        } else {
          id = create_speaker(display_name(name, pn), "person", pn.full_key, pn.given_key,
                              pn.surname_key, ctx.gender);
        }
      }
    } else {
      // Surname only: one person of that surname whose context agrees.
      Statement& b = st(kSurnameSpeakers,
                        "SELECT id, given_key, gender FROM speakers WHERE surname_key = ? "
                        "AND kind = 'person' ORDER BY id");
      b.bind(1, pn.surname_key);
      auto cands = query_candidates(b);
      id = unique_best(cands, ctx, 1);
      if (!id) {
        std::vector<Candidate> bare;
        for (const Candidate& c : cands)
          if (!c.has_given) bare.push_back(c);
        id = unique_best(bare, ctx, 0, /*tie_to_lowest=*/true);
      }
      if (!id)
        id = create_speaker(name, "person", pn.full_key, "", pn.surname_key, ctx.gender);
    }
    if (ctx.gender) {
      st(kSetGender, "UPDATE speakers SET gender = ? WHERE id = ? AND gender IS NULL")
          .bind(1, std::string(1, ctx.gender)).bind(2, id).run();
    }
    return {id, alias_id(id, name, pn.full_key)};
  }

  // ---- statements ----
  int64_t link_statement(const std::string& text) {
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

  // ---- articles ----
  void insert_quotes(int64_t article, const ArticleInfo& info, const Document& doc) {
    Statement& ins = st(kInsertQuote,
                        "INSERT INTO quotes(article, start, end, spans, text, kind, cue, "
                        "confidence, speaker, alias, speaker_name, mention, role, org, statement) "
                        "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    for (const Quote& q : doc.quotes) {
      if (q.span.end > doc.text().size() || q.span.begin > q.span.end) continue;
      std::string text = quote_text(doc, q);
      if (text.empty()) continue;
      auto [speaker, alias] = resolve_speaker(doc, q, info.outlet);
      std::string cue = q.cue && q.cue->end <= doc.text().size() ? trim(doc.slice(*q.cue)) : "";
      std::string mention, name, role, org;
      if (q.speaker) {
        if (q.speaker->mention && q.speaker->mention->end <= doc.text().size())
          mention = trim(doc.slice(*q.speaker->mention));
        name = trim(q.speaker->name);
        role = trim(q.speaker->role);
        org = trim(q.speaker->org);
      }
      int64_t statement = link_statement(text);
      std::vector<Span> spans = q.spans.empty() ? std::vector<Span>{q.span} : q.spans;
      ins.bind(1, article).bind(2, static_cast<int64_t>(q.span.begin))
          .bind(3, static_cast<int64_t>(q.span.end)).bind(4, spans_json(spans)).bind(5, text)
          .bind(6, kind_name(q.kind)).bind_opt(7, cue)
          .bind(8, static_cast<double>(q.confidence)).bind_opt(9, speaker).bind_opt(10, alias)
          .bind_opt(11, name).bind_opt(12, mention).bind_opt(13, role).bind_opt(14, org)
          .bind_opt(15, statement);
      ins.run();
      if (speaker) {
        st(kUpsertRole,
           "INSERT INTO speaker_roles(speaker, role, org, first_seen, last_seen, quotes) "
           "VALUES (?1, ?2, ?3, ?4, ?4, 1) ON CONFLICT DO UPDATE SET quotes = quotes + 1, "
           "first_seen = CASE WHEN first_seen IS NULL OR excluded.first_seen < first_seen "
           "THEN excluded.first_seen ELSE first_seen END, "
           "last_seen = CASE WHEN last_seen IS NULL OR excluded.last_seen > last_seen "
           "THEN excluded.last_seen ELSE last_seen END")
            .bind(1, speaker).bind(2, role).bind(3, org).bind_opt(4, info.date).run();
        if (!info.outlet.empty())
          st(kUpsertOutlet,
             "INSERT INTO speaker_outlets(speaker, outlet, quotes) VALUES (?, ?, 1) "
             "ON CONFLICT DO UPDATE SET quotes = quotes + 1")
              .bind(1, speaker).bind(2, info.outlet).run();
      }
    }
  }

  // Recomputes a speaker's roles and outlets from its quotes.
  void rebuild_speaker(int64_t id) {
    st(kDeleteRoles, "DELETE FROM speaker_roles WHERE speaker = ?").bind(1, id).run();
    st(kDeleteOutlets, "DELETE FROM speaker_outlets WHERE speaker = ?").bind(1, id).run();
    st(kRebuildRoles,
              "INSERT INTO speaker_roles(speaker, role, org, first_seen, last_seen, quotes) "
              "SELECT q.speaker, coalesce(q.role, ''), coalesce(q.org, ''), min(a.date), "
              "max(a.date), count(*) FROM quotes q JOIN articles a ON a.id = q.article "
              "WHERE q.speaker = ? GROUP BY 1, 2, 3")
        .bind(1, id).run();
    st(kRebuildOutlets,
              "INSERT INTO speaker_outlets(speaker, outlet, quotes) SELECT q.speaker, "
              "a.outlet, count(*) FROM quotes q JOIN articles a ON a.id = q.article "
              "WHERE q.speaker = ? AND a.outlet IS NOT NULL AND a.outlet != '' GROUP BY 1, 2")
        .bind(1, id).run();
  }

  // Removes an article's quotes, then tidies what pointed only at them.
  void delete_quotes(int64_t article) {
    std::set<int64_t> speakers, statements;
    Statement& old = st(kOldQuotes, "SELECT speaker, statement FROM quotes WHERE article = ?");
    old.bind(1, article);
    while (old.step()) {
      if (!old.is_null(0)) speakers.insert(old.int64(0));
      if (!old.is_null(1)) statements.insert(old.int64(1));
    }
    old.reset();
    st(kDeleteQuotes, "DELETE FROM quotes WHERE article = ?").bind(1, article).run();
    for (int64_t s : speakers) rebuild_speaker(s);
    for (int64_t s : statements) {
      Statement& used = st(kStatementUsed, "SELECT 1 FROM quotes WHERE statement = ? LIMIT 1");
      used.bind(1, s);
      bool in_use = used.step();
      used.reset();
      if (in_use) continue;
      st(kDeleteAnchors, "DELETE FROM statement_anchors WHERE statement = ?").bind(1, s).run();
      st(kDeleteStatement, "DELETE FROM statements WHERE id = ?").bind(1, s).run();
    }
  }

  // Runs fn inside a transaction unless one is open.
  template <typename Fn>
  auto write(Fn&& fn) {
    require_writable();
    if (in_tx) return fn();
    store::exec(db, "BEGIN IMMEDIATE");
    try {
      auto r = fn();
      store::exec(db, "COMMIT");
      return r;
    } catch (...) {
      sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      throw;
    }
  }

  void refresh_name(int64_t id) {
    // The most quoted full-name alias names the speaker; else the most quoted alias.
    Statement s(db,
                "SELECT a.alias, count(q.id) AS n FROM speaker_aliases a LEFT JOIN quotes q ON "
                "q.alias = a.id WHERE a.speaker = ? GROUP BY a.id ORDER BY n DESC, a.id");
    s.bind(1, id);
    std::string best_full, best_any;
    while (s.step()) {
      std::string alias = s.text(0);
      if (best_any.empty()) best_any = alias;
      if (best_full.empty() && !store::parse_person_name(alias).given_key.empty())
        best_full = alias;
    }
    std::string name = best_full.empty() ? best_any : best_full;
    if (name.empty()) return;
    Statement k(db, "SELECT kind FROM speakers WHERE id = ?");
    k.bind(1, id);
    if (!k.step() || k.text(0) != "person") return;
    store::PersonName pn = store::parse_person_name(name);
    if (!pn.valid) return;
    Statement(db,
              "UPDATE speakers SET name = ?, full_key = ?, given_key = ?, surname_key = ? "
              "WHERE id = ?")
        .bind(1, display_name(name, pn)).bind(2, pn.full_key).bind_opt(3, pn.given_key)
        .bind(4, pn.surname_key).bind(5, id).run();
  }

  SpeakerSummary summary(int64_t id) {
    SpeakerSummary s;
    Statement q(db,
                "SELECT s.id, s.name, count(q.id), count(DISTINCT q.article), min(a.date), "
                "max(a.date) FROM speakers s LEFT JOIN quotes q ON q.speaker = s.id LEFT JOIN "
                "articles a ON a.id = q.article WHERE s.id = ? GROUP BY s.id");
    q.bind(1, id);
    if (!q.step()) return s;
    s.id = q.int64(0);
    s.name = q.text(1);
    s.quotes = q.int64(2);
    s.articles = q.int64(3);
    s.first_seen = q.text(4);
    s.last_seen = q.text(5);
    latest_role(s);
    return s;
  }

  void latest_role(SpeakerSummary& s) {
    Statement r(db,
                "SELECT role, org FROM speaker_roles WHERE speaker = ? AND (role != '' OR "
                "org != '') ORDER BY substr(last_seen, 1, 4) DESC, quotes DESC LIMIT 1");
    r.bind(1, s.id);
    if (r.step()) {
      s.role = r.text(0);
      s.org = r.text(1);
    }
  }
};

// ---------------------------------------------------------------------------

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

std::string Store::text_hash(std::string_view text) {
  // Two independent 64-bit FNV-1a hashes: 128 bits, ample for identity.
  uint64_t a = store::fnv1a64(text);
  uint64_t b = store::fnv1a64(text, 0x84222325cbf29ce4ull ^ text.size());
  char buf[33];
  std::snprintf(buf, sizeof buf, "%016llx%016llx", static_cast<unsigned long long>(a),
                static_cast<unsigned long long>(b));
  return buf;
}

std::string Store::article_key(const ArticleInfo& info, std::string_view text) {
  std::string url = trim(info.url);
  if (size_t hash = url.find('#'); hash != std::string::npos) url.resize(hash);
  if (!url.empty()) return "url:" + url;
  std::string id = trim(info.source_id);
  if (!id.empty()) return "id:" + trim(info.outlet) + "/" + id;
  return "sha:" + text_hash(text);
}

bool Store::contains(const ArticleInfo& info, std::string_view text) const {
  Statement& s = impl_->st(Impl::kContains, "SELECT text_hash FROM articles WHERE key = ?");
  s.bind(1, article_key(info, text));
  bool same = s.step() && s.text(0) == text_hash(text);
  s.reset();
  return same;
}

AddOutcome Store::add(const ArticleInfo& info, const Document& doc) {
  return impl_->write([&] {
    std::string key = article_key(info, doc.text());
    std::string hash = text_hash(doc.text());
    Statement& f = impl_->st(Impl::kFindArticle,
                             "SELECT id, text_hash FROM articles WHERE key = ?");
    f.bind(1, key);
    int64_t id = 0;
    std::string old_hash;
    if (f.step()) {
      id = f.int64(0);
      old_hash = f.text(1);
    }
    f.reset();
    if (id && old_hash == hash) return AddOutcome::kUnchanged;
    AddOutcome outcome = AddOutcome::kAdded;
    if (id) {
      impl_->delete_quotes(id);
      impl_->st(Impl::kUpdateArticle,
                "UPDATE articles SET source_id = ?, url = ?, outlet = ?, date = ?, title = ?, "
                "text = ?, text_hash = ?, origin = ? WHERE id = ?")
          .bind_opt(1, info.source_id).bind_opt(2, info.url).bind_opt(3, info.outlet)
          .bind_opt(4, info.date).bind_opt(5, info.title).bind(6, doc.text()).bind(7, hash)
          .bind_opt(8, info.origin).bind(9, id).run();
      outcome = AddOutcome::kReplaced;
    } else {
      impl_->st(Impl::kInsertArticle,
                "INSERT INTO articles(key, source_id, url, outlet, date, title, text, text_hash, "
                "origin) VALUES (?,?,?,?,?,?,?,?,?)")
          .bind(1, key).bind_opt(2, info.source_id).bind_opt(3, info.url)
          .bind_opt(4, info.outlet).bind_opt(5, info.date).bind_opt(6, info.title)
          .bind(7, doc.text()).bind(8, hash).bind_opt(9, info.origin).run();
      id = sqlite3_last_insert_rowid(impl_->db);
    }
    impl_->insert_quotes(id, info, doc);
    return outcome;
  });
}

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

// ---- speakers ----

std::vector<int64_t> Store::find_speakers(std::string_view name) const {
  std::string n = trim(name);
  std::vector<int64_t> out;
  if (n.empty()) return out;
  std::string digits = n[0] == '#' ? n.substr(1) : n;
  if (!digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit)) {
    int64_t id = 0;
    // An id too large for int64 names no speaker (std::stoll would throw out_of_range).
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
    if (ec != std::errc() || end != digits.data() + digits.size()) return out;
    Statement s(impl_->db, "SELECT id FROM speakers WHERE id = ?");
    s.bind(1, id);
    if (s.step()) out.push_back(s.int64(0));
    return out;
  }
  std::set<int64_t> ids;
  store::PersonName pn = store::parse_person_name(n);
  std::string key = pn.valid ? pn.full_key : store::fold_key(n);
  for (const std::string& k : {key, store::organisation_key(n), store::fold_key(n)}) {
    if (k.empty()) continue;
    Statement s(impl_->db,
                "SELECT speaker FROM speaker_aliases WHERE alias_key = ? UNION "
                "SELECT id FROM speakers WHERE full_key = ?");
    s.bind(1, k).bind(2, k);
    while (s.step()) ids.insert(s.int64(0));
  }
  if (pn.valid && pn.given_key.empty()) {
    Statement s(impl_->db, "SELECT id FROM speakers WHERE surname_key = ?");
    s.bind(1, pn.surname_key);
    while (s.step()) ids.insert(s.int64(0));
  }
  return {ids.begin(), ids.end()};
}

std::vector<SpeakerSummary> Store::speakers(size_t top) const {
  std::vector<SpeakerSummary> out;
  Statement q(impl_->db,
              "SELECT s.id, s.name, count(q.id) AS n, count(DISTINCT q.article), min(a.date), "
              "max(a.date) FROM quotes q JOIN speakers s ON s.id = q.speaker JOIN articles a "
              "ON a.id = q.article GROUP BY s.id ORDER BY n DESC, s.name LIMIT ?");
  q.bind(1, top ? static_cast<int64_t>(top) : int64_t{-1});
  while (q.step()) {
    SpeakerSummary s;
    s.id = q.int64(0);
    s.name = q.text(1);
    s.quotes = q.int64(2);
    s.articles = q.int64(3);
    s.first_seen = q.text(4);
    s.last_seen = q.text(5);
    out.push_back(std::move(s));
  }
  for (auto& s : out) impl_->latest_role(s);
  return out;
}

std::optional<SpeakerProfile> Store::speaker(int64_t id) const {
  SpeakerProfile p;
  p.summary = impl_->summary(id);
  if (!p.summary.id) return std::nullopt;
  Statement a(impl_->db,
              "SELECT a.id, a.alias, count(q.id) FROM speaker_aliases a LEFT JOIN quotes q ON "
              "q.alias = a.id WHERE a.speaker = ? GROUP BY a.id ORDER BY 3 DESC, a.alias");
  a.bind(1, id);
  while (a.step()) p.aliases.push_back({a.int64(0), a.text(1), a.int64(2)});
  Statement r(impl_->db,
              "SELECT role, org, first_seen, last_seen, quotes FROM speaker_roles WHERE "
              "speaker = ? AND (role != '' OR org != '') ORDER BY first_seen, role, org");
  r.bind(1, id);
  while (r.step()) p.roles.push_back({r.text(0), r.text(1), r.text(2), r.text(3), r.int64(4)});
  Statement m(impl_->db,
              "SELECT substr(a.date, 1, 7) AS month, count(*) FROM quotes q JOIN articles a ON "
              "a.id = q.article WHERE q.speaker = ? AND a.date IS NOT NULL GROUP BY month "
              "ORDER BY month");
  m.bind(1, id);
  while (m.step()) p.per_month.emplace_back(m.text(0), m.int64(1));
  Statement o(impl_->db,
              "SELECT outlet, quotes FROM speaker_outlets WHERE speaker = ? ORDER BY quotes "
              "DESC, outlet");
  o.bind(1, id);
  while (o.step()) p.outlets.emplace_back(o.text(0), o.int64(1));
  return p;
}

void Store::merge_speakers(int64_t into, int64_t from) {
  if (into == from) throw Error(ErrorCode::kBadInput, "cannot merge a speaker into itself");
  impl_->write([&] {
    for (int64_t id : {into, from}) {
      Statement s(impl_->db, "SELECT 1 FROM speakers WHERE id = ?");
      s.bind(1, id);
      if (!s.step())
        throw Error(ErrorCode::kBadInput, "no speaker #" + std::to_string(id));
    }
    sqlite3* db = impl_->db;
    // Aliases both have: point the quotes at the surviving alias row first.
    Statement(db,
              "UPDATE quotes SET alias = (SELECT b.id FROM speaker_aliases a JOIN "
              "speaker_aliases b ON b.alias = a.alias AND b.speaker = ?1 WHERE a.id = "
              "quotes.alias) WHERE speaker = ?2 AND alias IN (SELECT a.id FROM speaker_aliases "
              "a JOIN speaker_aliases b ON b.alias = a.alias AND b.speaker = ?1 WHERE "
              "a.speaker = ?2)")
        .bind(1, into).bind(2, from).run();
    Statement(db, "UPDATE quotes SET speaker = ?1 WHERE speaker = ?2").bind(1, into)
        .bind(2, from).run();
    Statement(db,
              "DELETE FROM speaker_aliases WHERE speaker = ?2 AND alias IN (SELECT alias FROM "
              "speaker_aliases WHERE speaker = ?1)")
        .bind(1, into).bind(2, from).run();
    Statement(db, "UPDATE speaker_aliases SET speaker = ?1 WHERE speaker = ?2").bind(1, into)
        .bind(2, from).run();
    Statement(db, "DELETE FROM speaker_roles WHERE speaker = ?").bind(1, from).run();
    Statement(db, "DELETE FROM speaker_outlets WHERE speaker = ?").bind(1, from).run();
    Statement(db,
              "UPDATE speakers SET gender = coalesce(gender, (SELECT gender FROM speakers "
              "WHERE id = ?2)) WHERE id = ?1")
        .bind(1, into).bind(2, from).run();
    Statement(db, "DELETE FROM speakers WHERE id = ?").bind(1, from).run();
    impl_->rebuild_speaker(into);
    impl_->refresh_name(into);
    return 0;
  });
}

int64_t Store::split_speaker(int64_t speaker, const std::vector<std::string>& aliases) {
  if (aliases.empty()) throw Error(ErrorCode::kBadInput, "split: name at least one alias to move");
  return impl_->write([&] {
    sqlite3* db = impl_->db;
    std::vector<int64_t> ids;
    std::string first;
    for (const std::string& alias : aliases) {
      Statement s(db,
                  "SELECT id, alias FROM speaker_aliases WHERE speaker = ? AND (alias = ? OR "
                  "alias_key = ?) ORDER BY alias = ?2 DESC");
      s.bind(1, speaker).bind(2, alias).bind(3, store::fold_key(alias));
      bool found = false;
      while (s.step()) {
        ids.push_back(s.int64(0));
        if (first.empty()) first = s.text(1);
        found = true;
      }
      if (!found)
        throw Error(ErrorCode::kBadInput, "speaker #" + std::to_string(speaker) +
                                              " has no alias \"" + alias +
                                              "\"; see `whosaid speaker #" +
                                              std::to_string(speaker) + "`");
    }
    std::sort(ids.begin(), ids.end());
    ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
    Statement count(db, "SELECT count(*) FROM speaker_aliases WHERE speaker = ?");
    count.bind(1, speaker);
    count.step();
    if (count.int64(0) <= static_cast<int64_t>(ids.size()))
      throw Error(ErrorCode::kBadInput,
                  "split: those are all the aliases of speaker #" + std::to_string(speaker) +
                      "; nothing would be left");
    store::PersonName pn = store::parse_person_name(first);
    int64_t fresh = impl_->create_speaker(first, "person", pn.valid ? pn.full_key : store::fold_key(first),
                                          pn.given_key, pn.surname_key, pn.gender);
    for (int64_t a : ids) {
      Statement(db, "UPDATE speaker_aliases SET speaker = ? WHERE id = ?").bind(1, fresh)
          .bind(2, a).run();
      Statement(db, "UPDATE quotes SET speaker = ? WHERE alias = ?").bind(1, fresh).bind(2, a)
          .run();
    }
    impl_->rebuild_speaker(speaker);
    impl_->rebuild_speaker(fresh);
    impl_->refresh_name(speaker);
    impl_->refresh_name(fresh);
    return fresh;
  });
}

// ---- queries ----

SearchResults Store::search_page(const SearchQuery& query) const {
  return store::search(impl_->db, *this, query);
}

std::vector<StoredQuote> Store::search(const SearchQuery& query) const {
  return search_page(query).hits;
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
    std::string outlets = q.text(5);
    for (size_t b = 0; b < outlets.size();) {
      size_t e = outlets.find(',', b);
      if (e == std::string::npos) e = outlets.size();
      side.outlets.push_back(outlets.substr(b, e - b));
      b = e + 1;
    }
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
  std::string outlets = q.text(4);
  for (size_t b = 0; b < outlets.size();) {
    size_t e = outlets.find(',', b);
    if (e == std::string::npos) e = outlets.size();
    info.outlets.push_back(outlets.substr(b, e - b));
    b = e + 1;
  }
  return info;
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

// Articles: their identity (URL, else outlet and source id, else the text's
// hash) and writing one with its quotes, replacing an older version.
#include <cstdio>
#include <set>
#include <string>
#include <vector>

#include "io/quote_text.h"
#include "store/search.h"
#include "store/store_impl.h"
#include "store/text_keys.h"

namespace whosaid {

using store::Statement;
using store::kind_name;
using store::trim;

namespace {

std::string spans_json(const SpanList& spans) {
  std::string out = "[";
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i) out += ',';
    out += '[' + std::to_string(spans[i].begin) + ',' + std::to_string(spans[i].end) + ']';
  }
  return out + "]";
}

// A first-person source ("I", "we") that nothing resolved to a person or body.
bool unnamed_writer(const Document& doc, const Speaker& sp) {
  if (sp.entity >= 0 || !sp.mention) return false;
  const std::string_view w = doc.slice(*sp.mention);
  return w == "I" || w == "we" || w == "We";
}

}  // namespace

void Store::Impl::insert_quotes(int64_t article, const ArticleInfo& info, const Document& doc) {
  Statement& ins = st(kInsertQuote,
                      "INSERT INTO quotes(article, start, end, spans, text, kind, cue, "
                      "confidence, speaker, alias, speaker_name, mention, role, org, statement, "
                      "mention_start, mention_end, speaker_type, cue_start, cue_end) "
                      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  const auto in_text = [&](std::optional<Span> s) { return s && s->begin <= s->end && s->end <= doc.text().size(); };
  const auto bind_span = [&](int col, std::optional<Span> s) {
    if (!in_text(s)) {
      ins.bind_null(col).bind_null(col + 1);
      return;
    }
    ins.bind(col, static_cast<int64_t>(s->begin)).bind(col + 1, static_cast<int64_t>(s->end));
  };
  for (const Quote& q : doc.quotes) {
    if (!in_text(q.span)) continue;
    // The store holds who said what: an indirect statement the text credits
    // to no one ("Growth is expected to slow", "It seems the deal is off") is
    // nobody's quote. `whosaid extract` still reports it; words in quotation
    // marks are kept even when their speaker was not found.
    if (q.kind == QuoteKind::kIndirect && !q.speaker) continue;
    // Nor one by a writer the article never names: "I think the song deserved
    // it" in unsigned reader comments ("I" of a named author or columnist is
    // resolved to them, layout/layout.h).
    if (q.kind == QuoteKind::kIndirect && unnamed_writer(doc, *q.speaker)) continue;
    // The text every output writes (io/quote_text.h): the JSON of a stored
    // quote is the JSON `whosaid extract` prints.
    std::string text = quote_text(doc, q);
    if (trim(text).empty()) continue;
    auto [speaker, alias] = resolve_speaker(doc, q, info.outlet);
    std::string cue = in_text(q.cue) ? trim(doc.slice(*q.cue)) : "";
    std::string mention, name, role, org;
    std::optional<Span> mention_span;
    const char* type = "";
    if (q.speaker) {
      if (in_text(q.speaker->mention)) {
        mention = trim(doc.slice(*q.speaker->mention));
        mention_span = q.speaker->mention;
      }
      name = trim(q.speaker->name);
      role = trim(doc.speaker_role(*q.speaker));
      org = trim(doc.speaker_org(*q.speaker));
      if (q.speaker->entity >= 0) type = entity_type_name(q.speaker->type);
    }
    int64_t statement = link_statement(text);
    const SpanList spans = q.spans.empty() ? SpanList{q.span} : q.spans;
    ins.bind(1, article).bind(2, static_cast<int64_t>(q.span.begin))
        .bind(3, static_cast<int64_t>(q.span.end)).bind(4, spans_json(spans)).bind(5, text)
        .bind(6, kind_name(q.kind)).bind_opt(7, cue)
        .bind(8, static_cast<double>(q.confidence)).bind_opt(9, speaker).bind_opt(10, alias)
        .bind_opt(11, name).bind_opt(12, mention).bind_opt(13, role).bind_opt(14, org)
        .bind_opt(15, statement).bind_opt(18, type);
    bind_span(16, mention_span);
    bind_span(19, in_text(q.cue) ? q.cue : std::nullopt);
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

void Store::Impl::delete_quotes(int64_t article) {
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

}  // namespace whosaid

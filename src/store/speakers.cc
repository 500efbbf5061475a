// Speakers as the store lists them: lookup by name or #id, the most quoted,
// one speaker's profile, and the corrections (merge two, split one).
#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <string>
#include <vector>

#include "store/store_impl.h"
#include "store/text_keys.h"

namespace whosaid {

using store::Statement;
using store::display_name;
using store::trim;

namespace {

// A row of (id, name, quotes, articles, first date, last date).
SpeakerSummary summary_of_row(const Statement& q) {
  SpeakerSummary s;
  s.id = q.int64(0);
  s.name = q.text(1);
  s.quotes = q.int64(2);
  s.articles = q.int64(3);
  s.first_seen = q.text(4);
  s.last_seen = q.text(5);
  return s;
}

}  // namespace

void Store::Impl::rebuild_speaker(int64_t id) {
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

void Store::Impl::refresh_name(int64_t id) {
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

SpeakerSummary Store::Impl::summary(int64_t id) {
  Statement q(db,
              "SELECT s.id, s.name, count(q.id), count(DISTINCT q.article), min(a.date), "
              "max(a.date) FROM speakers s LEFT JOIN quotes q ON q.speaker = s.id LEFT JOIN "
              "articles a ON a.id = q.article WHERE s.id = ? GROUP BY s.id");
  q.bind(1, id);
  if (!q.step()) return SpeakerSummary{};
  SpeakerSummary s = summary_of_row(q);
  latest_role(s);
  return s;
}

void Store::Impl::latest_role(SpeakerSummary& s) {
  Statement r(db,
              "SELECT role, org FROM speaker_roles WHERE speaker = ? AND (role != '' OR "
              "org != '') ORDER BY substr(last_seen, 1, 4) DESC, quotes DESC LIMIT 1");
  r.bind(1, s.id);
  if (r.step()) {
    s.role = r.text(0);
    s.org = r.text(1);
  }
}

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
  while (q.step()) out.push_back(summary_of_row(q));
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

}  // namespace whosaid

// Which person (or organisation) row a quote's speaker is: the names, roles,
// parties and outlets already stored decide between candidates, and a new row
// is created when none agrees (docs/store.md, "Speakers across articles").
#include <algorithm>
#include <string>
#include <vector>

#include "core/lexicon.h"
#include "store/store_impl.h"
#include "store/text_keys.h"

namespace whosaid {

using store::Statement;
using store::trim;
using store::display_name;

namespace {

char gender_code(Gender g) {
  return g == Gender::kMale ? 'm' : g == Gender::kFemale ? 'f' : 0;
}

}  // namespace

int Store::Impl::evidence(const Candidate& c, const Context& ctx) {
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

std::vector<Store::Impl::Candidate> Store::Impl::query_candidates(Statement& s) {
  std::vector<Candidate> out;
  while (s.step()) {
    std::string g = s.text(2);
    out.push_back({s.int64(0), !s.is_null(1), g.empty() ? char(0) : g[0]});
  }
  s.reset();
  return out;
}

std::vector<Store::Impl::Candidate> Store::Impl::surname_candidates(const std::string& surname_key) {
  Statement& s = st(kSurnameSpeakers,
                    "SELECT id, given_key, gender FROM speakers WHERE surname_key = ? "
                    "AND kind = 'person' ORDER BY id");
  s.bind(1, surname_key);
  return query_candidates(s);
}

std::vector<Store::Impl::Candidate> Store::Impl::surname_only(const std::vector<Candidate>& cands) {
  std::vector<Candidate> out;
  for (const Candidate& c : cands)
    if (!c.has_given) out.push_back(c);
  return out;
}

int64_t Store::Impl::unique_best(const std::vector<Candidate>& cands, const Context& ctx,
                                 int min_score, bool tie_to_lowest) {
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

int64_t Store::Impl::create_speaker(const std::string& name, const char* kind,
                                    const std::string& full, const std::string& given,
                                    const std::string& surname, char gender) {
  Statement& s = st(kInsertSpeaker,
                    "INSERT INTO speakers(name, kind, full_key, given_key, surname_key, gender) "
                    "VALUES (?, ?, ?, ?, ?, ?)");
  s.bind(1, name).bind(2, kind).bind(3, full).bind_opt(4, given).bind(5, surname);
  if (gender) s.bind(6, std::string(1, gender)); else s.bind_null(6);
  s.run();
  return sqlite3_last_insert_rowid(db);
}

int64_t Store::Impl::alias_id(int64_t speaker, const std::string& alias, const std::string& key) {
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

// The organisation known by a longer or clipped form of the name with key
// `key` ("Liberal Democrats" for "Lib Dems", or the reverse; abbreviates()),
// else 0. Candidates share the first word's first three letters, so the
// lookup is a range on the alias index. The display name becomes the fuller
// form.
int64_t Store::Impl::clipped_organisation(const std::string& name, const std::string& key) {
  const size_t first_word = key.find(' ');
  if (first_word == std::string::npos) return 0;
  const std::string prefix = key.substr(0, std::min<size_t>(first_word, 3));
  std::string end = prefix;
  end.back() = static_cast<char>(end.back() + 1);
  Statement& s = st(kOrgsByPrefix,
                    "SELECT s.id, a.alias_key, s.name FROM speaker_aliases a JOIN speakers s ON s.id = a.speaker "
                    "WHERE a.alias_key >= ? AND a.alias_key < ? AND s.kind = 'organisation' "
                    "ORDER BY s.id LIMIT 1000");
  s.bind(1, prefix).bind(2, end);
  int64_t id = 0;
  bool longer = false;
  std::string display;
  while (s.step()) {
    const std::string other = s.text(1);
    if (store::abbreviates(key, other) || (longer = store::abbreviates(other, key))) {
      id = s.int64(0);
      display = s.text(2);
      break;
    }
  }
  s.reset();
  if (id && longer && name.size() > display.size())
    st(kRenameOrg, "UPDATE speakers SET name = ?, full_key = ? WHERE id = ?").bind(1, name).bind(2, key).bind(3, id).run();
  return id;
}

std::pair<int64_t, int64_t> Store::Impl::spokesperson_body(const Document& doc, const Speaker& sp) {
  const std::string role = store::fold_key(doc.speaker_role(sp));
  const std::string org = trim(doc.speaker_org(sp));
  const size_t last = role.rfind(' ');
  const std::string_view head = last == std::string::npos ? std::string_view(role) : std::string_view(role).substr(last + 1);
  if (org.empty() || !(head.starts_with("spokes") || head == "representative" || head == "representatives"))
    return {0, 0};
  const std::string key = store::organisation_key(org);
  if (key.empty()) return {0, 0};
  int64_t id = organisation_by_key(key);
  if (!id) id = clipped_organisation(org, key);
  if (!id && names_a_body(org)) id = create_speaker(org, "organisation", key, "", "", 0);
  return id ? std::pair<int64_t, int64_t>{id, alias_id(id, org, key)} : std::pair<int64_t, int64_t>{0, 0};
}

// Whether the words a spokesperson speaks for name a body by themselves: an
// acronym ("CRE", "IAEA") or capitalised words one of which is a body's head
// ("South Wales Police", "British Casino Association", "Department for
// Constitutional Affairs"). Not a person ("Mr Prescott", "Michael Howard"), a
// portfolio ("Pensions") or a one-word name that may be either ("Delta").
bool Store::Impl::names_a_body(std::string_view org) {
  std::vector<std::string_view> words;
  for (size_t b = 0; b < org.size();) {
    size_t e = org.find(' ', b);
    if (e == std::string_view::npos) e = org.size();
    if (e > b) words.push_back(org.substr(b, e - b));
    b = e + 1;
  }
  if (words.empty()) return false;
  if (words.size() == 1)
    return words[0].size() >= 2 && words[0].size() <= 6 &&
           std::all_of(words[0].begin(), words[0].end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (store::parse_person_name(org).gender) return false;  // "Mr Prescott", "Ms Gidley"
  const Lexicon& lex = Lexicon::builtin();
  bool head = false;
  std::string folded;
  for (std::string_view w : words) {
    if (!(w[0] >= 'A' && w[0] <= 'Z') && w != "for" && w != "of" && w != "the" && w != "and") return false;
    folded.assign(w);
    for (char& c : folded) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lex.is(WordClass::kOrgHead, folded)) head = true;
  }
  return head;
}

int64_t Store::Impl::organisation_by_key(const std::string& key) {
  Statement& s = st(kOrgSpeakers,
                    "SELECT DISTINCT s.id FROM speaker_aliases a JOIN speakers s ON "
                    "s.id = a.speaker WHERE a.alias_key = ? AND s.kind = 'organisation' "
                    "ORDER BY s.id LIMIT 1");
  s.bind(1, key);
  const int64_t id = s.step() ? s.int64(0) : 0;
  s.reset();
  return id;
}

std::pair<int64_t, int64_t> Store::Impl::resolve_speaker(const Document& doc, const Quote& q,
                                                         const std::string& outlet) {
  if (!q.speaker) return {0, 0};
  const Speaker& sp = *q.speaker;
  std::string mention;
  if (sp.mention && sp.mention->end <= doc.text().size())
    mention = trim(doc.slice(*sp.mention));
  std::string name = trim(sp.name.empty() ? mention : sp.name);
  if (name.empty()) return {0, 0};
  const Entity* ent = doc.speaker_entity(sp);
  if (ent && ent->kind == MentionKind::kNominal) return spokesperson_body(doc, sp);
  if (ent && ent->kind == MentionKind::kPronoun) return {0, 0};
  // A speaker the extractor resolved to no person or body is no one: a
  // pronoun, or a phrase that describes ("they" named "Iranian authorities",
  // "who" named "Those on a limited budget", "A legal expert in the US"): a
  // group or an unnamed person, no identity.
  if (!ent) return {0, 0};

  Context ctx;
  ctx.role = trim(doc.speaker_role(sp));
  ctx.org = trim(doc.speaker_org(sp));
  ctx.outlet = outlet;

  if (ent && ent->kind == MentionKind::kOrganisation) {
    std::string key = store::organisation_key(name);
    if (key.empty()) return {0, 0};
    int64_t id = organisation_by_key(key);
    if (!id) id = clipped_organisation(name, key);
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
      id = unique_best(surname_only(surname_candidates(pn.surname_key)), ctx, 2);
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
    auto cands = surname_candidates(pn.surname_key);
    id = unique_best(cands, ctx, 1);
    if (!id) id = unique_best(surname_only(cands), ctx, 0, /*tie_to_lowest=*/true);
    if (!id)
      id = create_speaker(name, "person", pn.full_key, "", pn.surname_key, ctx.gender);
  }
  if (ctx.gender) {
    st(kSetGender, "UPDATE speakers SET gender = ? WHERE id = ? AND gender IS NULL")
        .bind(1, std::string(1, ctx.gender)).bind(2, id).run();
  }
  return {id, alias_id(id, name, pn.full_key)};
}

}  // namespace whosaid

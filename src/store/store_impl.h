// Store::Impl: the connection, its prepared statements and the steps that
// Store's public calls share. Private to whosaid_store; each part lives in the
// file of its concern:
//   store.cc              opening, transactions, search and whole-store checks
//   articles.cc           article identity and writing an article's quotes
//   speaker_identity.cc   which person row a quote's speaker is (resolve_speaker)
//   speakers.cc           listing, profiles, merging and splitting speakers
//   statements.cc         one statement across articles; conflicts
#pragma once

#include <sqlite3.h>

#include <array>
#include <cstdint>
#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "store/sqlite.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid {

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
    kContains, kOrgSpeakers, kOrgsByPrefix, kRenameOrg, kDeleteRoles, kDeleteOutlets, kRebuildRoles, kRebuildOutlets,
    kStatementUsed, kDeleteAnchors, kDeleteStatement, kSlotCount
  };
  std::array<store::Statement, kSlotCount> stmts;

  store::Statement& st(Slot slot, const char* sql) {
    store::Statement& s = stmts[slot];
    if (!s.get()) s = store::Statement(db, sql);
    return s;
  }

  ~Impl() {
    for (auto& s : stmts) s = store::Statement();
    if (db) {
      if (in_tx) sqlite3_exec(db, "ROLLBACK", nullptr, nullptr, nullptr);
      sqlite3_close_v2(db);
    }
  }

  void require_writable() const {
    if (read_only)
      throw Error(ErrorCode::kInternal, path + ": the store was opened read-only");
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

  // ---- speaker_identity.cc ----
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
  int evidence(const Candidate& c, const Context& ctx);
  std::vector<Candidate> query_candidates(store::Statement& s);
  // The persons of a surname (with or without a given name), oldest first.
  std::vector<Candidate> surname_candidates(const std::string& surname_key);
  // Those of `cands` known by their surname only.
  static std::vector<Candidate> surname_only(const std::vector<Candidate>& cands);
  // The best candidate with at least `min_score` and no rival of equal score; 0
  // when none or ambiguous.
  int64_t unique_best(const std::vector<Candidate>& cands, const Context& ctx, int min_score,
                      bool tie_to_lowest = false);
  int64_t create_speaker(const std::string& name, const char* kind, const std::string& full,
                         const std::string& given, const std::string& surname, char gender);
  int64_t alias_id(int64_t speaker, const std::string& alias, const std::string& key);
  int64_t clipped_organisation(const std::string& name, const std::string& key);
  int64_t organisation_by_key(const std::string& key);  // the organisation row with that alias key, or 0
  // "A Labour Party spokesman", "a spokeswoman for the BBC": an unnamed
  // spokesperson speaks for a body, whose row they are linked to when the
  // store already knows it as an organisation, or when the words name a body
  // by themselves (names_a_body: "the British Casino Association", "CRE");
  // never a person ("a Blair spokesman"). {0, 0} otherwise.
  std::pair<int64_t, int64_t> spokesperson_body(const Document& doc, const Speaker& sp);
  static bool names_a_body(std::string_view org);
  // Resolves a quote's speaker to a person row (creating it when new). Returns
  // {speaker, alias}, or {0, 0} when the quote names no person.
  std::pair<int64_t, int64_t> resolve_speaker(const Document& doc, const Quote& q,
                                              const std::string& outlet);

  // ---- speakers.cc ----
  // Recomputes a speaker's roles and outlets from its quotes.
  void rebuild_speaker(int64_t id);
  // Names the speaker by its most quoted full-name alias, else its most quoted alias.
  void refresh_name(int64_t id);
  SpeakerSummary summary(int64_t id);
  void latest_role(SpeakerSummary& s);

  // ---- statements.cc ----
  // The statement a quote's text belongs to (creating it when new); 0 when the
  // text is too short to be one.
  int64_t link_statement(const std::string& text);

  // ---- articles.cc ----
  void insert_quotes(int64_t article, const ArticleInfo& info, const Document& doc);
  // Removes an article's quotes, then tidies what pointed only at them.
  void delete_quotes(int64_t article);
};

}  // namespace whosaid

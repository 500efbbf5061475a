// whosaid ingest | search | speakers [merge|split] | speaker | conflicts | export
// — the quote store on the command line (see docs/store.md).
#include <fstream>
#include <iostream>
#include <sstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "commands.h"
#include "terminal.h"
#include "ingest/ingest.h"
#include "server/export.h"
#include "server/text_offsets.h"
#include "store/hit_json.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"
#include "whosaid/store.h"

namespace whosaid::cli {
namespace {

using nlohmann::json;

constexpr const char* kDefaultDb = "whosaid.db";

// At most `width` code points of `s`, with "…" when cut; control characters
// shown, not sent to the terminal.
std::string clip(const std::string& text, size_t width) {
  const std::string s = printable(text);
  size_t cps = 0, i = 0;
  for (; i < s.size(); ++i) {
    if ((static_cast<unsigned char>(s[i]) & 0xC0) != 0x80) {
      if (cps == width) break;
      ++cps;
    }
  }
  if (i >= s.size()) return s;
  // Back up so that "…" fits.
  size_t j = i;
  do {
    --j;
  } while (j > 0 && (static_cast<unsigned char>(s[j]) & 0xC0) == 0x80);
  return s.substr(0, j) + "…";
}

size_t display_width(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s)
    if ((c & 0xC0) != 0x80) ++n;
  return n;
}

std::string pad(const std::string& s, size_t width) {
  std::string c = clip(s, width);
  size_t w = display_width(c);
  return w < width ? c + std::string(width - w, ' ') : c;
}

// JSON text of `j`; invalid UTF-8 in stored text becomes U+FFFD (as the server
// writes it) instead of nlohmann's type_error.316 aborting the output.
std::string dump(const json& j, int indent = -1) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace);
}

Store open_for_queries(const std::string& db) { return Store(db, StoreOptions{.read_only = true}); }

// One speaker by name, alias or #id; a clear error when none or several match.
int64_t resolve_one(const Store& store, const std::string& name) {
  auto ids = store.find_speakers(name);
  if (ids.empty())
    throw Error(ErrorCode::kBadInput, "no speaker matches \"" + name + "\"; see `whosaid speakers`");
  if (ids.size() > 1) {
    std::string msg = "\"" + name + "\" matches several speakers:";
    for (int64_t id : ids) {
      auto p = store.speaker(id);
      msg += "\n  #" + std::to_string(id) + " " + (p ? p->summary.name : "?");
    }
    throw Error(ErrorCode::kBadInput, msg + "\nname one by its #id");
  }
  return ids[0];
}

// ---------------------------------------------------------------- ingest

void add_ingest(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string db = kDefaultDb;
    unsigned threads = 0;
    bool quiet = false;
    bool no_progress = false;
    size_t batch = 256;
    std::vector<std::string> inputs;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "ingest",
      "Extract quotes from articles into the quote store. INPUT: text files or folders, JSONL "
      "({\"id\",\"url\",\"outlet\",\"date\",\"title\",\"text\"}; - for stdin), HTML pages, "
      "WARC or WARC.gz files. Re-running is safe: unchanged articles are skipped.");
  cmd->add_option("--db", o->db, "database file (created when missing)")->capture_default_str();
  // More threads than any machine has cores only exhausts memory and file descriptors.
  cmd->add_option("-j,--threads", o->threads, "extraction threads (default: all cores)")->check(CLI::Range(0u, 1024u));
  cmd->add_flag("-q,--quiet", o->quiet, "no progress and no summary; bad records still reported");
  cmd->add_flag("--no-progress", o->no_progress, "plain progress lines even on a terminal");
  cmd->add_option("--batch", o->batch, "articles per transaction")->capture_default_str();
  cmd->add_option("inputs", o->inputs, "files, folders, or - for JSONL on stdin")->required();
  cmd->callback([o, &exit_code] {
    Extractor extractor;
    ingest::IngestOptions opt;
    opt.db_path = o->db;
    opt.threads = o->threads;
    opt.quiet = o->quiet;
    if (o->no_progress) opt.progress = 0;
    opt.batch_articles = std::max<size_t>(1, o->batch);
    auto s = ingest::run_ingest(o->inputs, extractor, opt);
    if (!o->quiet) {
      char rate[64];
      std::snprintf(rate, sizeof rate, "%.1f s, %.0f articles/s", s.seconds,
                    s.articles_per_second());
      std::cerr << "ingest: " << s.read << " articles (" << s.added << " added, " << s.replaced
                << " replaced, " << s.unchanged << " unchanged), " << s.quotes << " quotes, "
                << s.rejected << " rejected; " << rate << " → " << o->db << "\n";
    }
    exit_code = s.rejected ? kExitSomeRejected : kExitOk;
  });
}

// ---------------------------------------------------------------- search

// CLI11 checks: the option's name and what it takes, before anything runs.
CLI::Validator date_check() {
  return CLI::Validator(
      [](std::string& v) -> std::string {
        return v.empty() || is_search_date(v)
                   ? std::string()
                   : "not a date: \"" + v + "\"; use YYYY, YYYY-MM or YYYY-MM-DD";
      },
      "DATE");
}

CLI::Validator count_check(const char* what) {
  return CLI::Validator(
      [what](std::string& v) -> std::string {
        bool digits = !v.empty() && v.find_first_not_of("0123456789") == std::string::npos;
        return digits && v.size() <= 9 ? std::string()
                                       : "must be " + std::string(what) + ", got \"" + v + "\"";
      },
      "N");
}

void add_search(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string db = kDefaultDb;
    std::string kind, sort = "relevance", format = "table";
    SearchQuery q;
  };
  auto o = std::make_shared<Opts>();
  o->q.limit = 20;
  auto* cmd = app.add_subcommand(
      "search", "Search stored quotes: words (co-leader, U.S., don't), \"a phrase\", prefix*, "
                "AND/OR/NOT between words. Copies of one statement are shown once; best "
                "match first, fragments last.");
  cmd->add_option("query", o->q.text, "what to search for; omit to list the newest quotes");
  cmd->add_flag("--raw", o->q.raw, "the query is raw SQLite FTS5 syntax (NEAR, column filters…)");
  cmd->add_option("--db", o->db, "database file")->capture_default_str();
  cmd->add_option("--speaker", o->q.speaker, "speaker name, alias, surname or #id");
  cmd->add_option("--role", o->q.role, "role or party written with the quote (substring)");
  cmd->add_option("--outlet", o->q.outlet, "outlet (exact, any case)");
  cmd->add_option("--from", o->q.from, "first date, inclusive: 2014, 2014-05 or 2014-05-02")
      ->check(date_check());
  cmd->add_option("--to", o->q.to, "last date, inclusive")->check(date_check());
  cmd->add_option("--kind", o->kind, "direct, indirect or mixed")
      ->check(CLI::IsMember({"direct", "indirect", "mixed"}));
  cmd->add_option("--min-confidence", o->q.min_confidence,
                  "only quotes attributed with at least this confidence (0 to 1)")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--sort", o->sort, "relevance, date (newest first) or confidence")
      ->check(CLI::IsMember({"relevance", "date", "confidence"}))
      ->capture_default_str();
  cmd->add_option("-n,--limit", o->q.limit, "at most N results (0: all)")
      ->check(count_check("0 (all) or a positive number of results"))
      ->capture_default_str()
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  cmd->add_option("--offset", o->q.offset, "skip the first N results (next pages)")
      ->check(count_check("0 or a positive number of results to skip"));
  cmd->add_option("--format", o->format, "table, json, jsonl or csv")
      ->check(CLI::IsMember({"table", "json", "jsonl", "csv"}))
      ->capture_default_str();
  cmd->callback([o, &exit_code] {
    if (o->kind == "direct") o->q.kind = QuoteKind::kDirect;
    if (o->kind == "indirect") o->q.kind = QuoteKind::kIndirect;
    if (o->kind == "mixed") o->q.kind = QuoteKind::kMixed;
    if (o->sort == "date") o->q.order = SearchOrder::kDate;
    if (o->sort == "confidence") o->q.order = SearchOrder::kConfidence;
    if (!o->q.from.empty() && !o->q.to.empty() && o->q.to < o->q.from.substr(0, o->q.to.size()))
      throw Error(ErrorCode::kBadInput, "--to " + o->q.to + " is before --from " + o->q.from);
    Store store = open_for_queries(o->db);
    SearchResults r = store.search_page(o->q);
    const auto& hits = r.hits;
    if (o->format == "json") {
      // One hit a line, as hit_json() writes it (the schema's key order, three-decimal confidence).
      std::string arr = "[";
      for (size_t i = 0; i < hits.size(); ++i) arr += (i ? ",\n " : "\n ") + hit_json(hits[i]);
      std::cout << arr << (hits.empty() ? "]\n" : "\n]\n");
    } else if (o->format == "jsonl") {
      std::cout << server::hits_jsonl(hits);
    } else if (o->format == "csv") {
      std::cout << server::hits_csv_header() << "\n";
      for (const auto& h : hits) std::cout << server::hit_csv_row(h) << "\n";
    } else {
      for (const auto& h : hits) {
        std::string also = h.other_articles ? "  (also in " + std::to_string(h.other_articles) +
                                                  (h.other_articles == 1 ? " article)" : " articles)")
                                            : "";
        std::cout << pad(h.date.substr(0, 10), 10) << "  " << pad(h.outlet, 14) << "  "
                  << pad(h.speaker.empty() ? "(unknown)" : h.speaker, 20) << "  "
                  << clip(server::valid_utf8(h.text), 110) << also << "\n";
      }
    }
    // The count on stderr, so that stdout stays the results alone.
    std::string total = std::to_string(r.total) + (r.total_capped ? "+" : "");
    if (hits.empty())
      std::cerr << (r.total ? "no more quotes (" + total + " results)" : "no quotes found") << "\n";
    else
      std::cerr << total << (r.total == 1 ? " result" : " results") << "; showing "
                << o->q.offset + 1 << "–" << o->q.offset + hits.size()
                << (r.has_more ? " (--offset " + std::to_string(o->q.offset + hits.size()) +
                                     " for more)"
                               : std::string())
                << "\n";
    exit_code = kExitOk;
  });
}

// ---------------------------------------------------------------- speakers

void print_profile(const SpeakerProfile& p) {
  const auto& s = p.summary;
  std::cout << "#" << s.id << " " << printable(s.name) << "\n";
  std::cout << "  quotes: " << s.quotes << " in " << s.articles << " articles";
  if (!s.first_seen.empty())
    std::cout << ", " << s.first_seen.substr(0, 10) << " – " << s.last_seen.substr(0, 10);
  std::cout << "\n  aliases:";
  for (const auto& a : p.aliases) std::cout << " \"" << printable(a.alias) << "\" (" << a.quotes << ")";
  std::cout << "\n";
  if (!p.roles.empty()) {
    std::cout << "  roles:\n";
    for (const auto& r : p.roles) {
      std::string what = r.role.empty() ? r.org : r.org.empty() ? r.role : r.role + ", " + r.org;
      std::cout << "    " << pad(what, 36) << " " << r.first_seen.substr(0, 10) << " – "
                << r.last_seen.substr(0, 10) << "  (" << r.quotes << ")\n";
    }
  }
  if (!p.outlets.empty()) {
    std::cout << "  outlets:";
    for (const auto& [o, n] : p.outlets) std::cout << " " << printable(o) << " (" << n << ")";
    std::cout << "\n";
  }
  if (!p.per_month.empty()) {
    std::cout << "  quotes per month:\n";
    int64_t top = 1;
    for (const auto& [m, n] : p.per_month) top = std::max(top, n);
    for (const auto& [m, n] : p.per_month)
      std::cout << "    " << m << " " << std::string(static_cast<size_t>(1 + n * 40 / top), '#')
                << " " << n << "\n";
  }
}

json profile_json(const SpeakerProfile& p) {
  json j = {{"id", p.summary.id},          {"name", p.summary.name},
            {"quotes", p.summary.quotes},  {"articles", p.summary.articles},
            {"first_seen", p.summary.first_seen}, {"last_seen", p.summary.last_seen},
            {"role", p.summary.role},      {"org", p.summary.org}};
  j["aliases"] = json::array();
  for (const auto& a : p.aliases) j["aliases"].push_back({{"alias", a.alias}, {"quotes", a.quotes}});
  j["roles"] = json::array();
  for (const auto& r : p.roles)
    j["roles"].push_back({{"role", r.role}, {"org", r.org}, {"first_seen", r.first_seen},
                          {"last_seen", r.last_seen}, {"quotes", r.quotes}});
  j["per_month"] = json::object();
  for (const auto& [m, n] : p.per_month) j["per_month"][m] = n;
  j["outlets"] = json::object();
  for (const auto& [o, n] : p.outlets) j["outlets"][o] = n;
  return j;
}

void add_speakers(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string db = kDefaultDb;
    size_t top = 50;
    std::string format = "table";
    std::string a, b;
    std::string who;
    std::vector<std::string> aliases;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("speakers", "List the most quoted speakers; merge or split them.");
  cmd->add_option("--db", o->db, "database file")->capture_default_str();
  cmd->add_option("--top", o->top, "at most N speakers (0: all)")->capture_default_str();
  cmd->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->require_subcommand(0, 1);

  auto* merge = cmd->add_subcommand("merge", "Merge speaker B into speaker A (names, aliases or #ids).");
  merge->add_option("A", o->a, "the speaker that stays")->required();
  merge->add_option("B", o->b, "the speaker merged into A")->required();
  merge->add_option("--db", o->db, "database file")->capture_default_str();
  merge->callback([o, &exit_code] {
    Store store(o->db, StoreOptions{.create = false});
    int64_t a = resolve_one(store, o->a), b = resolve_one(store, o->b);
    std::string bname = store.speaker(b)->summary.name;
    store.merge_speakers(a, b);
    auto p = store.speaker(a);
    std::cout << "merged #" << b << " (" << bname << ") into #" << a << " (" << p->summary.name
              << "): " << p->summary.quotes << " quotes\n";
    exit_code = kExitOk;
  });

  auto* split = cmd->add_subcommand(
      "split", "Move some aliases of a speaker (and their quotes) to a new speaker.");
  split->add_option("speaker", o->who, "name or #id of the speaker to split")->required();
  split->add_option("aliases", o->aliases, "aliases to move, as `whosaid speaker` lists them")
      ->required();
  split->add_option("--db", o->db, "database file")->capture_default_str();
  split->callback([o, &exit_code] {
    Store store(o->db, StoreOptions{.create = false});
    int64_t id = resolve_one(store, o->who);
    int64_t fresh = store.split_speaker(id, o->aliases);
    auto p = store.speaker(fresh);
    std::cout << "split #" << fresh << " (" << p->summary.name << ", " << p->summary.quotes
              << " quotes) off #" << id << "\n";
    exit_code = kExitOk;
  });

  cmd->callback([o, cmd, merge, split, &exit_code] {
    if (merge->parsed() || split->parsed()) return;
    (void)cmd;
    Store store = open_for_queries(o->db);
    auto list = store.speakers(o->top);
    if (o->format == "json") {
      json arr = json::array();
      for (const auto& s : list)
        arr.push_back({{"id", s.id}, {"name", s.name}, {"quotes", s.quotes},
                       {"articles", s.articles}, {"first_seen", s.first_seen},
                       {"last_seen", s.last_seen}, {"role", s.role}, {"org", s.org}});
      std::cout << dump(arr, 2) << "\n";
    } else {
      std::cout << pad("ID", 7) << pad("QUOTES", 8) << pad("ARTICLES", 9) << pad("NAME", 26)
                << "ROLE\n";
      for (const auto& s : list) {
        std::string role = s.role.empty() ? s.org : s.org.empty() ? s.role : s.role + ", " + s.org;
        std::cout << pad("#" + std::to_string(s.id), 7) << pad(std::to_string(s.quotes), 8)
                  << pad(std::to_string(s.articles), 9) << pad(s.name, 25) << " " << role << "\n";
      }
    }
    exit_code = kExitOk;
  });
}

void add_speaker(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string db = kDefaultDb;
    std::string name, format = "table";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "speaker", "One speaker: aliases, roles over time, quotes per month, outlets.");
  cmd->add_option("name", o->name, "name, alias, surname or #id")->required();
  cmd->add_option("--db", o->db, "database file")->capture_default_str();
  cmd->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->callback([o, &exit_code] {
    Store store = open_for_queries(o->db);
    auto ids = store.find_speakers(o->name);
    if (ids.empty())
      throw Error(ErrorCode::kBadInput,
                  "no speaker matches \"" + o->name + "\"; see `whosaid speakers`");
    json arr = json::array();
    for (size_t i = 0; i < ids.size(); ++i) {
      auto p = store.speaker(ids[i]);
      if (!p) continue;
      if (o->format == "json") {
        arr.push_back(profile_json(*p));
      } else {
        if (i) std::cout << "\n";
        print_profile(*p);
      }
    }
    if (o->format == "json") std::cout << dump(arr, 2) << "\n";
    exit_code = kExitOk;
  });
}

// ---------------------------------------------------------------- conflicts, export

void add_conflicts(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string db = kDefaultDb;
    size_t limit = 50;
    std::string format = "table";
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "conflicts", "Statements attributed to different speakers in different articles "
                   "(likely misattributions).");
  cmd->add_option("--db", o->db, "database file")->capture_default_str();
  cmd->add_option("-n,--limit", o->limit, "at most N statements (0: all)")->capture_default_str();
  cmd->add_option("--format", o->format, "table or json")
      ->check(CLI::IsMember({"table", "json"}))
      ->capture_default_str();
  cmd->callback([o, &exit_code] {
    Store store = open_for_queries(o->db);
    auto list = store.conflicts(o->limit);
    if (o->format == "json") {
      json arr = json::array();
      for (const auto& c : list) {
        json sides = json::array();
        for (const auto& s : c.sides)
          sides.push_back({{"speaker_id", s.speaker_id}, {"speaker", s.speaker},
                           {"quotes", s.quotes}, {"outlets", s.outlets},
                           {"first_seen", s.first_seen}, {"example", s.example_url}});
        arr.push_back({{"statement_id", c.statement_id}, {"text", c.text},
                       {"first_seen", c.first_seen}, {"speakers", sides}});
      }
      std::cout << dump(arr, 2) << "\n";
    } else {
      if (list.empty()) std::cerr << "no conflicting attributions found\n";
      for (const auto& c : list) {
        std::cout << "statement #" << c.statement_id << " (first seen "
                  << (c.first_seen.empty() ? "?" : c.first_seen.substr(0, 10)) << "): \""
                  << clip(c.text, 120) << "\"\n";
        for (const auto& s : c.sides) {
          std::string outlets;
          for (const auto& x : s.outlets) outlets += (outlets.empty() ? "" : ", ") + x;
          std::cout << "  #" << s.speaker_id << " " << pad(s.speaker, 24) << " " << s.quotes
                    << " quote(s)" << (outlets.empty() ? "" : " in " + printable(outlets))
                    << (s.example_url.empty() ? "" : "  e.g. " + printable(s.example_url)) << "\n";
        }
      }
    }
    exit_code = kExitOk;
  });
}

void add_export(CLI::App& app, int& exit_code) {
  struct Opts {
    std::string db = kDefaultDb;
    std::string format = "jsonl", output;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand("export", "Write every stored quote with its article and speaker.");
  cmd->add_option("--db", o->db, "database file")->capture_default_str();
  cmd->add_option("--format", o->format, "jsonl or csv")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", o->output, "output file (default: standard output)");
  cmd->callback([o, &exit_code] {
    Store store = open_for_queries(o->db);
    std::ofstream file;
    if (!o->output.empty()) {
      file.open(o->output, std::ios::binary);
      if (!file) throw Error(ErrorCode::kIo, o->output + ": cannot write");
    }
    std::ostream& out = o->output.empty() ? std::cout : file;
    if (o->format == "csv") out << server::hits_csv_header() << "\n";
    store.for_each_quote([&](const StoredQuote& q) {
      out << (o->format == "csv" ? server::hit_csv_row(q) : hit_json(q)) << "\n";
      return static_cast<bool>(out);
    });
    out.flush();
    if (!out) throw Error(ErrorCode::kIo, (o->output.empty() ? "stdout" : o->output) + ": write failed");
    exit_code = kExitOk;
  });
}

}  // namespace

void add_store_commands(CLI::App& app, int& exit_code) {
  add_ingest(app, exit_code);
  add_search(app, exit_code);
  add_speakers(app, exit_code);
  add_speaker(app, exit_code);
  add_conflicts(app, exit_code);
  add_export(app, exit_code);
}

}  // namespace whosaid::cli

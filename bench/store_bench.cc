// Quote store benchmark (`make bench`):
//   1. end-to-end ingest of news-bench into a fresh temporary database (read
//      JSONL, extract on 1 and then 2 worker threads, or --threads N, one writer):
//      articles/s (wall) and articles per CPU-second of all threads, best of
//      --runs each;
//   2. a database of >= --quotes quotes, built by replicating news-bench with
//      changed ids (cached beside the binary, rebuilt when too small);
//   3. search latency over it: p50/p90/p99 for a fixed mix of queries (common
//      and rare words, phrases, prefixes, with and without filters);
//   4. replacing changed articles against adding them (one writer, extraction
//      done beforehand): articles/s for add, for replace, and for replace
//      without the statement_anchors(statement) index (schema 2, "before").
//
//   whosaid_bench_store ../shared/data/news-bench/articles.jsonl [--runs 3]
//       [--quotes 1000000] [--db PATH] [--threads N] [--replace-only 1] [--ingest-only 1]
#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <ctime>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "ingest/ingest.h"
#include "ingest/readers.h"
#include "whosaid/extractor.h"
#include "whosaid/store.h"

#include <sqlite3.h>

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;
using whosaid::ArticleInfo;
using whosaid::Document;
using whosaid::SearchQuery;
using whosaid::Store;

namespace {

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

double percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  size_t i = std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5));
  return v[i];
}

// CPU time of the whole process (every thread): with the wall rate, tells how
// much of a slow run was waiting for a core on a loaded machine.
double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

void remove_db(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) fs::remove(path + suffix);
}

std::vector<Document> extract_all(const whosaid::Extractor& extractor,
                                  const std::vector<std::string>& texts) {
  std::vector<Document> docs(texts.size());
  unsigned n = std::max(1u, std::thread::hardware_concurrency());
  std::vector<std::thread> pool;
  for (unsigned t = 0; t < n; ++t)
    pool.emplace_back([&, t] {
      for (size_t i = t; i < texts.size(); i += n) {
        docs[i] = Document(texts[i]);
        extractor.run(docs[i]);
      }
    });
  for (auto& t : pool) t.join();
  return docs;
}

// Adds every article, then replaces each with a changed text (the same quotes
// plus a line): articles/s of each, in batches of 256 as ingest writes them.
// The replace pass runs twice: with the schema's index on
// statement_anchors(statement), and without it (as schema 2 had), on at most
// `before_limit` articles.
void bench_replace(const whosaid::Extractor& extractor, const std::string& corpus) {
  std::vector<whosaid::ingest::Record> records;
  whosaid::ingest::read_input(
      corpus, [&](whosaid::ingest::Record&& r) { records.push_back(std::move(r)); },
      [](const std::string&, const std::string&) {});
  std::vector<std::string> texts, changed;
  for (const auto& r : records) {
    texts.push_back(r.text);
    changed.push_back(r.text + "\n\nThis article was updated.");
  }
  std::vector<Document> docs = extract_all(extractor, texts);
  std::vector<Document> docs2 = extract_all(extractor, changed);
  std::string path = (fs::temp_directory_path() /
                      ("whosaid-bench-replace-" + std::to_string(getpid()) + ".db")).string();
  auto pass = [&](const std::vector<Document>& ds, size_t count, const char* tag) {
    Store store(path);
    auto t0 = Clock::now();
    size_t replaced = 0;
    for (size_t b = 0; b < count; b += 256) {
      store.begin();
      for (size_t i = b; i < std::min(count, b + 256); ++i)
        replaced += store.add(records[i].info, ds[i]) == whosaid::AddOutcome::kReplaced;
      store.commit();
    }
    double rate = static_cast<double>(count) / seconds_since(t0);
    std::printf("  %-44s %6zu articles (%zu replaced): %8.0f articles/s\n", tag, count, replaced,
                rate);
    return rate;
  };
  remove_db(path);
  std::printf("replace vs add (one writer, %zu articles, extraction excluded):\n", docs.size());
  double add = pass(docs, docs.size(), "add");
  double replace = pass(docs2, docs.size(), "replace (index on statement_anchors.statement)");
  {
    sqlite3* db = nullptr;
    sqlite3_open(path.c_str(), &db);
    sqlite3_exec(db, "DROP INDEX statement_anchors_statement", nullptr, nullptr, nullptr);
    sqlite3_close(db);
  }
  double before = pass(docs, std::min<size_t>(docs.size(), 300), "replace without that index (schema 2)");
  std::printf("  replace/add: %.2f (with the index), %.2f (without)\n", replace / add, before / add);
  remove_db(path);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: whosaid_bench_store ARTICLES.jsonl [--runs N] [--quotes N] [--db PATH] "
                 "[--threads N] [--replace-only 1] [--ingest-only 1]\n";
    return 2;
  }
  std::string corpus = argv[1];
  int runs = 3;
  int64_t target_quotes = 1000000;
  unsigned threads = 0;
  std::string big_db = (fs::path(argv[0]).parent_path() / "store-bench.db").string();
  for (int i = 2; i + 1 < argc; i += 2) {
    std::string a = argv[i];
    if (a == "--runs") runs = std::atoi(argv[i + 1]);
    else if (a == "--quotes") target_quotes = std::atoll(argv[i + 1]);
    else if (a == "--db") big_db = argv[i + 1];
    else if (a == "--threads") threads = static_cast<unsigned>(std::atoi(argv[i + 1]));
  }

  whosaid::Extractor extractor;
  bool replace_only = false, ingest_only = false;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string(argv[i]) == "--replace-only") replace_only = std::atoi(argv[i + 1]) != 0;
    if (std::string(argv[i]) == "--ingest-only") ingest_only = std::atoi(argv[i + 1]) != 0;
  }
  if (replace_only) {
    bench_replace(extractor, corpus);
    return 0;
  }

  // ---- 1. end-to-end ingest into a fresh temporary database, with 1 and with 2
  // extraction threads (or --threads N alone), best of --runs each.
  std::string tmp = (fs::temp_directory_path() / ("whosaid-bench-" + std::to_string(getpid()) +
                                                  ".db")).string();
  const double mb = static_cast<double>(fs::file_size(corpus)) / 1e6;
  std::vector<unsigned> thread_counts = threads ? std::vector<unsigned>{threads} : std::vector<unsigned>{1, 2};
  double rate_one = 0;
  for (unsigned th : thread_counts) {
    double best = 0, best_cpu = 0;
    whosaid::ingest::IngestSummary last;
    for (int r = 0; r < runs; ++r) {
      remove_db(tmp);
      whosaid::ingest::IngestOptions opt;
      opt.db_path = tmp;
      opt.quiet = true;
      opt.threads = th;
      const double cpu0 = process_cpu_seconds();
      last = whosaid::ingest::run_ingest({corpus}, extractor, opt);
      const double cpu = process_cpu_seconds() - cpu0;
      best = std::max(best, last.articles_per_second());
      if (cpu > 0) best_cpu = std::max(best_cpu, static_cast<double>(last.read) / cpu);
    }
    if (th == 1) rate_one = best;
    std::printf("ingest (end to end, fresh database, %u thread%s): %llu articles, %llu quotes; best of %d: %.0f "
                "articles/s, %.2f MB/s",
                th, th == 1 ? "" : "s", static_cast<unsigned long long>(last.read),
                static_cast<unsigned long long>(last.quotes), runs, best,
                mb * best / std::max<double>(1, static_cast<double>(last.read)));
    if (th > 1 && rate_one > 0) std::printf(" (%.2fx one thread)", best / rate_one);
    std::printf("; %.0f articles per CPU-second (all threads)\n", best_cpu);
    std::fflush(stdout);
  }
  remove_db(tmp);
  if (ingest_only) return 0;

  // ---- 2. a big database
  int64_t have = 0;
  if (fs::exists(big_db)) {
    try {
      have = Store(big_db).stats().quotes;  // read-write: migrates an older file
    } catch (const std::exception&) {
      have = 0;
    }
  }
  if (have < target_quotes) {
    remove_db(big_db);
    std::vector<whosaid::ingest::Record> records;
    whosaid::ingest::read_input(
        corpus, [&](whosaid::ingest::Record&& r) { records.push_back(std::move(r)); },
        [](const std::string&, const std::string&) {});
    std::vector<Document> docs(records.size());
    unsigned n = std::max(1u, std::thread::hardware_concurrency());
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < n; ++t)
      pool.emplace_back([&, t] {
        for (size_t i = t; i < records.size(); i += n) {
          docs[i] = Document(records[i].text);
          extractor.run(docs[i]);
        }
      });
    for (auto& t : pool) t.join();
    static const char* kOutlets[] = {"BBC", "Herald", "Stuff", "Radio NZ", "Guardian"};
    auto t0 = Clock::now();
    Store store(big_db);
    int64_t quotes = 0;
    for (int copy = 0; quotes < target_quotes; ++copy) {
      store.begin();
      for (size_t i = 0; i < docs.size(); ++i) {
        ArticleInfo info;
        info.source_id = "copy" + std::to_string(copy) + "/" + records[i].info.source_id;
        info.outlet = kOutlets[(i + static_cast<size_t>(copy)) % 5];
        // Spread the copies over 2004-2015.
        int month = static_cast<int>((static_cast<size_t>(copy) * 7 + i) % 144);
        char date[16];
        std::snprintf(date, sizeof date, "%04d-%02d-%02d", 2004 + month / 12, 1 + month % 12,
                      1 + static_cast<int>(i % 28));
        info.date = date;
        store.add(info, docs[i]);
        quotes += static_cast<int64_t>(docs[i].quotes.size());
      }
      store.commit();
    }
    double s = seconds_since(t0);
    std::printf("built %s: %lld quotes in %.1f s (%.0f quotes/s written)\n", big_db.c_str(),
                static_cast<long long>(quotes), s, quotes / s);
  }

  // ---- 3. search latency
  Store store(big_db, whosaid::StoreOptions{.read_only = true});
  auto st = store.stats();
  std::vector<SearchQuery> queries;
  auto q = [&](std::string text, std::string speaker = "", std::string outlet = "",
               std::string from = "", std::string to = "") {
    SearchQuery s;
    s.text = std::move(text);
    s.speaker = std::move(speaker);
    s.outlet = std::move(outlet);
    s.from = std::move(from);
    s.to = std::move(to);
    s.limit = 20;
    queries.push_back(s);
  };
  for (const char* w : {"economy", "election", "government", "Iraq", "music", "film", "tax",
                        "growth", "security", "football", "prices", "chelsea", "broadband",
                        "terror*", "\"interest rates\"", "\"general election\"", "blair AND war",
                        "oil OR gas", "mobile NOT phone", "champion*", "immigration",
                        "\"we are\"", "people", "the", "said"})
    q(w);
  q("economy", "Gordon Brown");
  q("election", "Tony Blair", "", "2006", "2010");
  q("government", "", "Herald");
  q("war", "Blair", "", "2005-01", "2005-12");
  q("", "Michael Howard");
  q("", "", "Stuff", "2010");
  std::vector<double> ms, cpu;
  std::vector<std::pair<double, std::string>> slowest;
  for (int rep = 0; rep < 5; ++rep) {
    for (const SearchQuery& s : queries) {
      auto t0 = Clock::now();
      timespec c0, c1;
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
      auto hits = store.search(s);
      clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c1);
      double t = seconds_since(t0) * 1000;
      if (rep > 0)
        cpu.push_back((c1.tv_sec - c0.tv_sec) * 1e3 + (c1.tv_nsec - c0.tv_nsec) / 1e6);
      if (rep > 0) {  // the first pass warms the page cache
        ms.push_back(t);
        slowest.emplace_back(t, s.text + (s.speaker.empty() ? "" : " --speaker " + s.speaker));
      }
    }
  }
  std::sort(slowest.rbegin(), slowest.rend());
  if (std::getenv("WHOSAID_BENCH_VERBOSE"))
    for (size_t i = 0; i < slowest.size(); i += 4)
      std::printf("  %8.2f ms  %s\n", slowest[i].first, slowest[i].second.c_str());
  std::printf("search over %lld quotes (%lld articles), %zu timed queries: p50 %.2f ms, p90 %.2f "
              "ms, p99 %.2f ms, max %.2f ms (slowest: %s)\n",
              static_cast<long long>(st.quotes), static_cast<long long>(st.articles), ms.size(),
              percentile(ms, 0.5), percentile(ms, 0.9), percentile(ms, 0.99),
              percentile(ms, 1.0), slowest.empty() ? "" : slowest[0].second.c_str());
  std::printf("  (CPU time per query: p50 %.2f ms, p99 %.2f ms; wall time above includes waiting "
              "for a core on a loaded machine)\n",
              percentile(cpu, 0.5), percentile(cpu, 0.99));

  // ---- 4. replace against add
  bench_replace(extractor, corpus);
  return 0;
}

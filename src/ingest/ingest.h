// The ingest pipeline behind `whosaid ingest`: read inputs, extract quotes on all
// cores, commit to the store from one writer thread in batched transactions.
//
//   whosaid::Extractor extractor;
//   IngestOptions opt;
//   opt.db_path = "news.db";
//   IngestSummary s = run_ingest({"archive/", "feed.jsonl"}, extractor, opt);
//   if (s.rejected) ...                      // each one was reported on opt.log
//
// Threads: the calling thread reads inputs; `threads` workers each run the shared
// const Extractor on their own Document (after asking their own read-only Store
// connection whether the article is already stored unchanged, so a rerun skips
// extraction); one writer owns the read-write Store and commits every
// `batch_articles` articles or `batch_seconds`, whichever comes first. Records
// are written in input order, so results do not depend on the thread count.
//
// Crash safety: a batch is one transaction; a killed run loses at most the batch
// in flight, and rerunning the same command adds exactly what is missing.
//
// Errors: bad records are reported as "WHERE: reason" lines on `log` and counted;
// database errors and unreadable inputs throw whosaid::Error.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

#include "whosaid/extractor.h"

namespace whosaid::ingest {

struct IngestOptions {
  std::string db_path = "whosaid.db";
  unsigned threads = 0;        // extraction workers; 0: one per core
  bool quiet = false;          // no progress and no summary; rejections still reported
  int progress = -1;           // 1: progress bar, 0: periodic log lines, -1: bar on a TTY
  size_t batch_articles = 256;
  double batch_seconds = 0.5;
  double log_every_seconds = 5.0;  // plain progress lines when not a TTY
  std::ostream* log = nullptr;     // default std::cerr
};

struct IngestSummary {
  uint64_t read = 0;       // records read (articles offered to the store)
  uint64_t added = 0, replaced = 0, unchanged = 0;
  uint64_t rejected = 0;   // bad records and articles the extractor refused
  uint64_t quotes = 0;     // quotes written
  double seconds = 0;
  double articles_per_second() const { return seconds > 0 ? read / seconds : 0; }
};

IngestSummary run_ingest(const std::vector<std::string>& inputs, const Extractor& extractor,
                         const IngestOptions& options);

}  // namespace whosaid::ingest

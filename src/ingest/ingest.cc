#include "ingest/ingest.h"

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <deque>
#include <filesystem>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include "ingest/readers.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid::ingest {
namespace {

using Clock = std::chrono::steady_clock;

// A bounded multi-producer multi-consumer queue.
template <typename T>
class Queue {
 public:
  explicit Queue(size_t capacity) : capacity_(capacity) {}
  void push(T v) {
    std::unique_lock lock(m_);
    not_full_.wait(lock, [&] { return q_.size() < capacity_ || closed_; });
    q_.push_back(std::move(v));
    not_empty_.notify_one();
  }
  // Waits up to `timeout`; nullopt on timeout or when closed and drained.
  std::optional<T> pop(std::chrono::milliseconds timeout = std::chrono::hours(1)) {
    std::unique_lock lock(m_);
    if (!not_empty_.wait_for(lock, timeout, [&] { return !q_.empty() || closed_; }))
      return std::nullopt;
    if (q_.empty()) return std::nullopt;
    T v = std::move(q_.front());
    q_.pop_front();
    not_full_.notify_one();
    return v;
  }
  void close() {
    std::lock_guard lock(m_);
    closed_ = true;
    not_empty_.notify_all();
    not_full_.notify_all();
  }
  bool closed_and_empty() {
    std::lock_guard lock(m_);
    return closed_ && q_.empty();
  }

 private:
  std::mutex m_;
  std::condition_variable not_empty_, not_full_;
  std::deque<T> q_;
  size_t capacity_;
  bool closed_ = false;
};

struct Job {
  uint64_t seq = 0;
  Record record;
};

struct Result {
  uint64_t seq = 0;
  enum Kind { kExtracted, kUnchanged, kRejected } kind = kExtracted;
  std::string origin, reason;
  ArticleInfo info;
  Document doc;
};

std::string format_duration(double s) {
  if (s < 0 || s > 1e7) return "?";
  long t = static_cast<long>(s + 0.5);
  char buf[32];
  if (t >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", t / 3600, (t / 60) % 60, t % 60);
  else
    std::snprintf(buf, sizeof buf, "%ld:%02ld", t / 60, t % 60);
  return buf;
}

class Progress {
 public:
  Progress(const IngestOptions& o, std::ostream& log, uint64_t total_bytes)
      : log_(log), total_bytes_(total_bytes), start_(Clock::now()), last_(start_) {
    enabled_ = !o.quiet;
    bar_ = o.progress == 1 || (o.progress == -1 && isatty(STDERR_FILENO) && &log == &std::cerr);
    every_ = bar_ ? 0.1 : o.log_every_seconds;
  }

  // done: articles written; total: articles read so far (final once reading ends).
  void update(uint64_t done, uint64_t total, bool reading_done, uint64_t bytes, uint64_t rejected,
              bool force = false) {
    if (!enabled_) return;
    auto now = Clock::now();
    double since = std::chrono::duration<double>(now - last_).count();
    if (!force && since < every_) return;
    last_ = now;
    double elapsed = std::chrono::duration<double>(now - start_).count();
    double rate = elapsed > 0 ? done / elapsed : 0;
    // Fraction done: by articles once all are read, else by input bytes.
    double frac = -1;
    if (reading_done && total) frac = static_cast<double>(done) / total;
    else if (total_bytes_ && total) frac = std::min(1.0, static_cast<double>(bytes) / total_bytes_) *
                                           (static_cast<double>(done) / total);
    double eta = frac > 0 ? elapsed * (1 - frac) / frac : -1;
    char line[256];
    if (bar_) {
      int width = 24, fill = frac >= 0 ? static_cast<int>(frac * width + 0.5) : 0;
      std::string bar(static_cast<size_t>(fill), '#');
      bar.resize(static_cast<size_t>(width), frac >= 0 ? '-' : '?');
      std::snprintf(line, sizeof line, "\r[%s] %llu/%s articles  %.0f/s  ETA %s%s\x1b[K",
                    bar.c_str(), static_cast<unsigned long long>(done),
                    reading_done ? std::to_string(total).c_str() : "?", rate,
                    eta >= 0 ? format_duration(eta).c_str() : "?",
                    rejected ? ("  " + std::to_string(rejected) + " rejected").c_str() : "");
      log_ << line << std::flush;
      drawn_ = true;
    } else {
      std::snprintf(line, sizeof line, "ingest: %llu articles written (%s), %.0f/s, ETA %s\n",
                    static_cast<unsigned long long>(done),
                    frac >= 0 ? (std::to_string(static_cast<int>(frac * 100)) + "%").c_str()
                              : "?",
                    rate, eta >= 0 ? format_duration(eta).c_str() : "?");
      log_ << line << std::flush;
    }
  }
  // Clears the bar so that a message can be printed on its own line.
  void clear() {
    if (drawn_) log_ << "\r\x1b[K" << std::flush;
    drawn_ = false;
  }
  bool bar() const { return bar_; }
  void finish() {
    if (drawn_) log_ << "\n" << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& log_;
  uint64_t total_bytes_;
  Clock::time_point start_, last_;
  bool enabled_ = true, bar_ = false, drawn_ = false;
  double every_ = 5;
};

}  // namespace

IngestSummary run_ingest(const std::vector<std::string>& inputs, const Extractor& extractor,
                         const IngestOptions& options) {
  std::ostream& log = options.log ? *options.log : std::cerr;
  auto start = Clock::now();
  IngestSummary summary;
  std::mutex log_mutex;
  std::atomic<uint64_t> rejected{0};
  Progress* progress_ptr = nullptr;

  auto reject = [&](const std::string& where, const std::string& why) {
    ++rejected;
    std::lock_guard lock(log_mutex);
    if (progress_ptr) progress_ptr->clear();
    log << where << ": " << why << "\n" << std::flush;
  };

  // Open (create, migrate) the database before starting anything else, so that
  // a bad --db fails fast and the workers' read-only connections find a schema.
  Store writer_store(options.db_path);

  std::vector<std::string> files = expand_inputs(inputs, reject);
  // `whosaid ingest .` next to the database: never read the database itself.
  {
    std::error_code ec;
    auto db = std::filesystem::weakly_canonical(options.db_path, ec).string();
    std::erase_if(files, [&](const std::string& f) {
      if (f == "-") return false;
      auto c = std::filesystem::weakly_canonical(f, ec).string();
      return c == db || c == db + "-wal" || c == db + "-shm" || c == db + "-journal";
    });
  }
  uint64_t total_bytes = 0;
  for (const std::string& f : files) {
    std::error_code ec;
    if (f != "-") total_bytes += std::filesystem::file_size(f, ec);
  }
  Progress progress(options, log, total_bytes);
  progress_ptr = &progress;

  unsigned n_workers = options.threads ? options.threads : std::thread::hardware_concurrency();
  if (n_workers == 0) n_workers = 2;
  Queue<Job> jobs(n_workers * 64);
  Queue<Result> results(n_workers * 64);
  std::atomic<uint64_t> bytes_read{0};
  std::atomic<uint64_t> records_read{0};
  std::atomic<bool> reading_done{false};
  std::exception_ptr worker_error, writer_error;
  std::mutex error_mutex;
  std::atomic<bool> abort{false};

  std::vector<std::thread> workers;
  for (unsigned w = 0; w < n_workers; ++w) {
    workers.emplace_back([&] {
      try {
        Store reader(options.db_path, StoreOptions{.read_only = true});
        while (auto job = jobs.pop()) {
          Result r;
          r.seq = job->seq;
          r.origin = std::move(job->record.origin);
          r.info = std::move(job->record.info);
          if (abort) {
            r.kind = Result::kUnchanged;
          } else if (reader.contains(r.info, job->record.text)) {
            r.kind = Result::kUnchanged;
          } else {
            r.doc = Document(std::move(job->record.text), r.info.source_id);
            try {
              extractor.run(r.doc);
            } catch (const Error& e) {
              r.kind = Result::kRejected;
              r.reason = e.what();
              r.doc = Document();
            }
          }
          results.push(std::move(r));
        }
      } catch (...) {
        std::lock_guard lock(error_mutex);
        if (!worker_error) worker_error = std::current_exception();
        abort = true;
        jobs.close();
        results.close();
      }
    });
  }

  std::thread writer([&] {
    try {
      std::map<uint64_t, Result> pending;  // reorder buffer: write in input order
      uint64_t next = 0;
      size_t in_batch = 0;
      auto batch_start = Clock::now();
      auto flush = [&] {
        if (writer_store.in_transaction()) writer_store.commit();
        in_batch = 0;
      };
      while (true) {
        auto r = results.pop(std::chrono::milliseconds(100));
        if (r) pending.emplace(r->seq, std::move(*r));
        while (!pending.empty() && pending.begin()->first == next) {
          Result res = std::move(pending.begin()->second);
          pending.erase(pending.begin());
          ++next;
          if (res.kind == Result::kRejected) {
            reject(res.origin, res.reason);
            continue;
          }
          ++summary.read;
          if (res.kind == Result::kUnchanged) {
            ++summary.unchanged;
            continue;
          }
          if (!writer_store.in_transaction()) {
            writer_store.begin();
            batch_start = Clock::now();
          }
          AddOutcome out = writer_store.add(res.info, res.doc);
          if (out == AddOutcome::kAdded) ++summary.added;
          else if (out == AddOutcome::kReplaced) ++summary.replaced;
          else ++summary.unchanged;
          if (out != AddOutcome::kUnchanged) summary.quotes += res.doc.quotes.size();
          ++in_batch;
        }
        if (in_batch >= options.batch_articles ||
            (in_batch && std::chrono::duration<double>(Clock::now() - batch_start).count() >=
                             options.batch_seconds))
          flush();
        {
          std::lock_guard lock(log_mutex);
          progress.update(next, records_read, reading_done, bytes_read, rejected);
        }
        if (!r && results.closed_and_empty() && pending.empty()) break;
      }
      flush();
      // Planner statistics, so filter-only searches use the indexes (without them a
      // date/kind filter over a million quotes scans and sorts: ~700 ms vs ~7 ms).
      if (summary.added + summary.replaced > 0) writer_store.analyze();
    } catch (...) {
      writer_store.rollback();
      std::lock_guard lock(error_mutex);
      if (!writer_error) writer_error = std::current_exception();
      abort = true;
      jobs.close();
      results.close();
    }
  });

  // Read on this thread.
  std::exception_ptr reader_error;
  try {
    uint64_t seq = 0;
    for (const std::string& f : files) {
      if (abort) break;
      try {
        read_input(
            f,
            [&](Record&& rec) {
              if (abort) return;
              jobs.push(Job{seq++, std::move(rec)});
              ++records_read;
            },
            reject, &bytes_read);
      } catch (const Error& e) {
        if (e.code() != ErrorCode::kIo && e.code() != ErrorCode::kNotFound && e.code() != ErrorCode::kBadInput)
          throw;
        reject(f, e.what());  // an unreadable or oversized file does not stop the batch
      }
    }
  } catch (...) {
    reader_error = std::current_exception();
    abort = true;
  }
  reading_done = true;
  jobs.close();
  for (auto& t : workers) t.join();
  results.close();
  writer.join();

  if (writer_error) std::rethrow_exception(writer_error);
  if (worker_error) std::rethrow_exception(worker_error);
  if (reader_error) std::rethrow_exception(reader_error);

  summary.rejected = rejected;
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  {
    std::lock_guard lock(log_mutex);
    if (progress.bar()) progress.update(records_read, records_read, true, bytes_read, rejected, true);
    progress.finish();
  }
  return summary;
}

}  // namespace whosaid::ingest

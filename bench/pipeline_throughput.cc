// Whole-pipeline throughput on a JSONL corpus (default: news-bench), one thread.
//
//   whosaid_bench_pipeline [ARTICLES.jsonl] [--runs N] [--no-stages]
//
// Articles are read into memory first, so the figure is extraction alone
// (segmentation → quotes → cues → mentions → attribution → speakers); the JSON
// parse is timed separately. Prints, with the machine:
//   - MB/s and articles/s, wall and CPU time of this thread, median of N runs;
//   - peak RSS of this process (which also holds the corpus);
//   - allocations per article, counted by the replacement operator new and
//     malloc/calloc/realloc below (linked into this binary only);
//   - each stage's share of the CPU time, from one more pass with a
//     StageObserver (src/pipeline/pipeline.h) installed. Tagging and parsing run
//     lazily inside the attribution, speaker and source-span stages: the
//     sentences each stage tagged or parsed are tagged and parsed again after the
//     article (same input, same work), and that time is moved from the stage to
//     the tagging and parsing rows.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <new>
#include <string>
#include <thread>
#include <vector>

#include <malloc.h>
#include <sys/resource.h>
#include <time.h>

#include "io/jsonl.h"
#include "parse/parser.h"
#include "parse/tree.h"
#include "pipeline/pipeline.h"
#include "tagger/tagger.h"
#include "whosaid/extractor.h"

// ---- Counting allocator: every operator new and malloc/calloc/realloc of this
// process goes through here and counts one allocation for the calling thread
// (thread-local counters: no atomics, no contention). Under AddressSanitizer the
// sanitizer owns malloc and nothing is counted.
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define WHOSAID_BENCH_NO_COUNTING 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define WHOSAID_BENCH_NO_COUNTING 1
#endif

namespace {
thread_local uint64_t t_news = 0;     // operator new calls
thread_local uint64_t t_mallocs = 0;  // malloc, calloc, realloc (of a null pointer or to a new size)
thread_local uint64_t t_bytes = 0;    // bytes requested by both

struct AllocCount {
  uint64_t news = 0, mallocs = 0, bytes = 0;
  uint64_t total() const { return news + mallocs; }
};
AllocCount alloc_count() { return {t_news, t_mallocs, t_bytes}; }
AllocCount operator-(AllocCount a, AllocCount b) {
  return {a.news - b.news, a.mallocs - b.mallocs, a.bytes - b.bytes};
}
}  // namespace

#ifndef WHOSAID_BENCH_NO_COUNTING
constexpr bool kCounting = true;
extern "C" {
void* __libc_malloc(size_t);
void* __libc_calloc(size_t, size_t);
void* __libc_realloc(void*, size_t);
void* __libc_memalign(size_t, size_t);
void __libc_free(void*);

void* malloc(size_t n) {
  ++t_mallocs;
  t_bytes += n;
  return __libc_malloc(n);
}
void* calloc(size_t n, size_t size) {
  ++t_mallocs;
  t_bytes += n * size;
  return __libc_calloc(n, size);
}
void* realloc(void* p, size_t n) {
  ++t_mallocs;
  t_bytes += n;
  return __libc_realloc(p, n);
}
void free(void* p) { __libc_free(p); }
}

namespace {
void* counted_new(size_t n) {
  ++t_news;
  t_bytes += n;
  if (void* p = __libc_malloc(n ? n : 1)) return p;
  throw std::bad_alloc();
}
void* counted_new_aligned(size_t n, std::align_val_t a) {
  ++t_news;
  t_bytes += n;
  if (void* p = __libc_memalign(static_cast<size_t>(a), n ? n : 1)) return p;
  throw std::bad_alloc();
}
}  // namespace

void* operator new(size_t n) { return counted_new(n); }
void* operator new[](size_t n) { return counted_new(n); }
void* operator new(size_t n, const std::nothrow_t&) noexcept {
  ++t_news;
  t_bytes += n;
  return __libc_malloc(n ? n : 1);
}
void* operator new[](size_t n, const std::nothrow_t&) noexcept {
  ++t_news;
  t_bytes += n;
  return __libc_malloc(n ? n : 1);
}
void* operator new(size_t n, std::align_val_t a) { return counted_new_aligned(n, a); }
void* operator new[](size_t n, std::align_val_t a) { return counted_new_aligned(n, a); }
void operator delete(void* p) noexcept { __libc_free(p); }
void operator delete[](void* p) noexcept { __libc_free(p); }
void operator delete(void* p, size_t) noexcept { __libc_free(p); }
void operator delete[](void* p, size_t) noexcept { __libc_free(p); }
void operator delete(void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, std::align_val_t) noexcept { __libc_free(p); }
void operator delete(void* p, size_t, std::align_val_t) noexcept { __libc_free(p); }
void operator delete[](void* p, size_t, std::align_val_t) noexcept { __libc_free(p); }
#else
constexpr bool kCounting = false;
#endif

namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  return "unknown CPU";
}

// CPU time of this thread: unlike wall time, not inflated when other processes
// share the cores.
double thread_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double rss_mb() {  // current resident set, from /proc/self/status
  std::ifstream in("/proc/self/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmRSS:", 0) == 0) return std::atof(line.c_str() + 6) / 1024.0;
  return 0;
}

double peak_rss_mb() {
  rusage ru{};
  getrusage(RUSAGE_SELF, &ru);
  return static_cast<double>(ru.ru_maxrss) / 1024.0;  // KiB on Linux
}

// Times each stage of run_pipeline (thread CPU time) and notes which sentences
// it tagged or parsed, for replay.
class StageTimer final : public whosaid::StageObserver {
 public:
  struct Stage {
    const char* name = nullptr;
    double seconds = 0;        // inclusive of the tagging and parsing done in it
    double tag_seconds = 0;    // replayed tagging of the sentences it tagged
    double parse_seconds = 0;  // replayed parsing of the sentences it parsed
    AllocCount allocs;
    uint64_t tagged = 0, parsed = 0;  // sentences
  };

  void begin(const whosaid::Document&) override {
    stage_ = 0;
    tagged_now_.clear();
    parsed_now_.clear();
    for (auto& v : to_tag_) v.clear();
    for (auto& v : to_parse_) v.clear();
    last_allocs_ = alloc_count();
    last_ = thread_cpu_seconds();
  }

  void stage_done(const char* name, const whosaid::Document& doc) override {
    const double now = thread_cpu_seconds();
    const AllocCount allocs = alloc_count();
    if (stage_ >= stages_.size()) {
      stages_.push_back(Stage{name});
      to_tag_.emplace_back();
      to_parse_.emplace_back();
    }
    Stage& s = stages_[stage_];
    s.seconds += now - last_;
    s.allocs.news += allocs.news - last_allocs_.news;
    s.allocs.mallocs += allocs.mallocs - last_allocs_.mallocs;
    s.allocs.bytes += allocs.bytes - last_allocs_.bytes;
    // Which sentences are tagged and parsed now that were not before (untimed).
    tagged_now_.resize(doc.sentences.size(), false);
    parsed_now_.resize(doc.sentences.size(), false);
    for (uint32_t i = 0; i < doc.sentences.size(); ++i) {
      const whosaid::Sentence& sen = doc.sentences[i];
      if (sen.first_token >= sen.end_token || sen.first_token >= doc.tokens.size()) continue;
      const whosaid::Token& t = doc.tokens[sen.first_token];
      if (!tagged_now_[i] && t.tag != 0) {
        tagged_now_[i] = true;
        to_tag_[stage_].push_back(i);
      }
      if (!parsed_now_[i] && whosaid::is_parsed(t)) {
        parsed_now_[i] = true;
        to_parse_[stage_].push_back(i);
      }
    }
    ++stage_;
    last_allocs_ = alloc_count();
    last_ = thread_cpu_seconds();
  }

  // After the article: tags, then parses, the sentences each stage tagged or
  // parsed, timing each stage's share. The document's tags and trees are
  // recomputed to the same values.
  void replay(whosaid::Document& doc, const whosaid::Tagger& tagger, const whosaid::Parser& parser) {
    for (size_t k = 0; k < stages_.size() && k < to_tag_.size(); ++k) {
      if (to_tag_[k].empty()) continue;
      const double t0 = thread_cpu_seconds();
      for (uint32_t i : to_tag_[k])
        tagger.tag_tokens(doc, doc.sentences[i].first_token, doc.sentences[i].end_token);
      stages_[k].tag_seconds += thread_cpu_seconds() - t0;
      stages_[k].tagged += to_tag_[k].size();
    }
    for (size_t k = 0; k < stages_.size() && k < to_parse_.size(); ++k) {
      if (to_parse_[k].empty()) continue;
      const double t0 = thread_cpu_seconds();
      for (uint32_t i : to_parse_[k])
        parser.parse(doc, doc.sentences[i].first_token, doc.sentences[i].end_token);
      stages_[k].parse_seconds += thread_cpu_seconds() - t0;
      stages_[k].parsed += to_parse_[k].size();
    }
  }

  const std::vector<Stage>& stages() const { return stages_; }

 private:
  std::vector<Stage> stages_;
  size_t stage_ = 0;
  double last_ = 0;
  AllocCount last_allocs_;
  std::vector<bool> tagged_now_, parsed_now_;
  std::vector<std::vector<uint32_t>> to_tag_, to_parse_;
};

void print_stages(const StageTimer& timer, size_t articles, size_t sentences) {
  const auto& stages = timer.stages();
  double total = 0, tag = 0, parse = 0;
  uint64_t tagged = 0, parsed = 0;
  for (const auto& s : stages) {
    total += s.seconds;
    tag += s.tag_seconds;
    parse += s.parse_seconds;
    tagged += s.tagged;
    parsed += s.parsed;
  }
  if (total <= 0) return;
  const double n = static_cast<double>(articles);
  std::printf("stages (one pass with the stage timer, %.2f s of CPU; tagging and parsing replayed and taken "
              "out of the stages that ran them):\n",
              total);
  std::printf("  %-28s %6s %11s %14s\n", "stage", "share", "us/article", "allocs/article");
  auto row = [&](const std::string& name, double s, double allocs) {
    std::printf("  %-28s %5.1f%% %11.1f ", name.c_str(), 100 * s / total, 1e6 * s / n);
    if (allocs >= 0) std::printf("%14.1f", allocs / n);
    std::printf("\n");
  };
  for (const auto& s : stages) {
    std::string name = s.name;
    if (s.tagged || s.parsed) name += " (rest)";
    row(name, std::max(0.0, s.seconds - s.tag_seconds - s.parse_seconds),
        kCounting ? static_cast<double>(s.allocs.total()) : -1);
  }
  auto where = [&](bool tagging) {
    std::string w;
    for (const auto& s : stages) {
      const double x = tagging ? s.tag_seconds : s.parse_seconds;
      if (x <= 0) continue;
      char buf[96];
      std::snprintf(buf, sizeof buf, "%s%s %.0f%%", w.empty() ? "" : ", ", s.name, 100 * x / total);
      w += buf;
    }
    return w;
  };
  row("tagging", tag, -1);
  row("parsing", parse, -1);
  std::printf("  tagging: %llu of %zu sentences (%.0f%%), in %s\n", static_cast<unsigned long long>(tagged),
              sentences, 100.0 * static_cast<double>(tagged) / std::max<size_t>(1, sentences),
              where(true).c_str());
  std::printf("  parsing: %llu of %zu sentences (%.0f%%), in %s\n", static_cast<unsigned long long>(parsed),
              sentences, 100.0 * static_cast<double>(parsed) / std::max<size_t>(1, sentences),
              where(false).c_str());
  std::printf("  (speakers: entities and coreference, src/entities; fold: each word case-folded and looked up in the vocabulary once; "
              "allocations of tagging and parsing are counted in the stages that ran them)\n");
}

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(WHOSAID_DEFAULT_DATA) + "/news-bench/articles.jsonl";
  int runs = 3;
  bool stages = true;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
    else if (a == "--no-stages") stages = false;
    else path = a;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << "whosaid_bench_pipeline: " << path << " not found (needs ../shared/data); skipping\n";
    return 0;
  }
  auto t0 = std::chrono::steady_clock::now();
  whosaid::JsonlReader reader(in, path);
  std::vector<std::string> texts;
  whosaid::ArticleRecord rec;
  std::string error;
  size_t bytes = 0;
  while (reader.next(rec, error)) {
    if (!error.empty()) continue;
    bytes += rec.text.size();
    texts.push_back(std::move(rec.text));
  }
  const double parse_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();

  whosaid::Extractor extractor;
  extractor.extract("Warm-up, he said.");  // models loaded before the RSS baseline
  const double rss_before = rss_mb();
  std::vector<double> seconds, cpu_seconds;
  size_t quotes = 0;
  AllocCount allocs;
  whosaid::Document doc;
  for (int r = 0; r < runs; ++r) {
    quotes = 0;
    const AllocCount a0 = alloc_count();
    auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_seconds();
    for (const std::string& t : texts) {
      doc.reset(t);
      extractor.run(doc);
      quotes += doc.quotes.size();
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    cpu_seconds.push_back(thread_cpu_seconds() - cpu_start);
    allocs = alloc_count() - a0;  // the last run: buffers kept from earlier runs are warm
  }
  const double peak = peak_rss_mb();
  std::sort(seconds.begin(), seconds.end());
  std::sort(cpu_seconds.begin(), cpu_seconds.end());
  const double cpu_median = cpu_seconds[cpu_seconds.size() / 2];
  const double median = seconds[seconds.size() / 2];
  const double mb = static_cast<double>(bytes) / 1e6;
  const double n = static_cast<double>(texts.size());
  std::cout << "machine: " << cpu_model() << ", " << std::thread::hardware_concurrency() << " cores\n"
            << "corpus: " << path << "\n"
            << "articles: " << texts.size() << ", text bytes: " << bytes << ", quotes found: " << quotes << "\n"
            << "JSONL parse: " << parse_s << " s\n";
  std::printf("extraction, 1 thread, wall (median of %d runs): %.3f s = %.2f MB/s, %.0f articles/s (best %.2f MB/s)\n",
              runs, median, mb / median, n / median, mb / seconds.front());
  std::printf("extraction, 1 thread, CPU  (median of %d runs): %.3f s = %.2f MB/s, %.0f articles/s (best %.2f MB/s)\n",
              runs, cpu_median, mb / cpu_median, n / cpu_median, mb / cpu_seconds.front());
  std::printf("peak RSS: %.1f MB (this process: %.1f MB before extraction, with the corpus in memory and the models "
              "loaded; +%.1f MB during it)\n",
              peak, rss_before, std::max(0.0, peak - rss_before));
  if (kCounting)
    std::printf("allocations per article: %.1f (operator new %.1f, malloc/calloc/realloc %.1f), %.1f KB requested "
                "per article\n",
                static_cast<double>(allocs.total()) / n, static_cast<double>(allocs.news) / n,
                static_cast<double>(allocs.mallocs) / n, static_cast<double>(allocs.bytes) / n / 1e3);
  else
    std::printf("allocations per article: not counted (sanitizer build)\n");

  if (stages) {
    StageTimer timer;
    const whosaid::Tagger& tagger = whosaid::Tagger::builtin();
    const whosaid::Parser& parser = whosaid::Parser::builtin();
    size_t sentences = 0;
    whosaid::set_stage_observer(&timer);
    for (const std::string& t : texts) {
      doc.reset(t);
      extractor.run(doc);
      sentences += doc.sentences.size();
      timer.replay(doc, tagger, parser);
    }
    whosaid::set_stage_observer(nullptr);
    print_stages(timer, texts.size(), sentences);
  }
  std::ifstream loadavg("/proc/loadavg");
  std::string load;
  if (std::getline(loadavg, load)) std::cout << "load average during the run: " << load << "\n";
  return 0;
}

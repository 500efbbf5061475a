// Whole-pipeline throughput on a JSONL corpus (default: news-bench), one thread.
//
//   whosaid_bench_pipeline [ARTICLES.jsonl] [--runs N]
//
// Articles are read into memory first, so the figure is extraction alone
// (segmentation → quotes → cues → mentions → attribution → speakers); the JSON
// parse is timed separately. Prints MB/s and articles/s with the machine.
#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <thread>
#include <vector>

#include <time.h>

#include "io/jsonl.h"
#include "whosaid/extractor.h"

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

}  // namespace

int main(int argc, char** argv) {
  std::string path = std::string(WHOSAID_DEFAULT_DATA) + "/news-bench/articles.jsonl";
  int runs = 3;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::atoi(argv[++i]));
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
  std::vector<double> seconds, cpu_seconds;
  size_t quotes = 0;
  whosaid::Document doc;
  for (int r = 0; r < runs; ++r) {
    quotes = 0;
    auto start = std::chrono::steady_clock::now();
    const double cpu_start = thread_cpu_seconds();
    for (const std::string& t : texts) {
      doc.reset(t);
      extractor.run(doc);
      quotes += doc.quotes.size();
    }
    seconds.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    cpu_seconds.push_back(thread_cpu_seconds() - cpu_start);
  }
  std::sort(seconds.begin(), seconds.end());
  std::sort(cpu_seconds.begin(), cpu_seconds.end());
  const double cpu_median = cpu_seconds[cpu_seconds.size() / 2];
  const double median = seconds[seconds.size() / 2];
  const double mb = static_cast<double>(bytes) / 1e6;
  std::cout << "machine: " << cpu_model() << ", " << std::thread::hardware_concurrency() << " cores\n"
            << "corpus: " << path << "\n"
            << "articles: " << texts.size() << ", text bytes: " << bytes << ", quotes found: " << quotes << "\n"
            << "JSONL parse: " << parse_s << " s\n"
            << "extraction, 1 thread, median of " << runs << " runs: " << median << " s = " << mb / median
            << " MB/s, " << static_cast<double>(texts.size()) / median << " articles/s (best " << mb / seconds.front()
            << " MB/s)\n"
            << "extraction, 1 thread, CPU time (median): " << cpu_median << " s = " << mb / cpu_median << " MB/s, "
            << static_cast<double>(texts.size()) / cpu_median << " articles/s\n";
  std::ifstream loadavg("/proc/loadavg");
  std::string load;
  if (std::getline(loadavg, load)) std::cout << "load average during the run: " << load << "\n";
  return 0;
}

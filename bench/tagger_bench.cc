// Part-of-speech tagger throughput (tokens/s on one core).
//
//   build/bench/whosaid_bench_tagger [--benchmark_filter=Words]
//
// Tags the sentences of UD English EWT test (gold tokens) with the built-in
// model, or with $WHOSAID_TAGGER_MODEL when set; falls back to a synthetic
// corpus when the shared data is absent ($WHOSAID_DATA, else ../shared/data).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "tagger/conllu.h"
#include "tagger/tagger.h"

namespace {

struct Corpus {
  std::vector<std::vector<std::string>> sentences;
  size_t tokens = 0;
};

const Corpus& corpus() {
  static const Corpus c = [] {
    Corpus c;
    const char* env = std::getenv("WHOSAID_DATA");
    std::filesystem::path dir = env && *env ? env : WHOSAID_DEFAULT_DATA;
    auto path = dir / "ud" / "en_ewt-ud-test.conllu";
    if (std::filesystem::exists(path)) {
      for (const auto& s : whosaid::read_conllu_file(path.string())) {
        std::vector<std::string> words;
        for (const auto& w : s.words) words.push_back(w.form);
        c.sentences.push_back(std::move(words));
      }
    } else {
      std::cerr << "note: " << path << " not found; using a synthetic corpus\n";
      const char* text[] = {"“", "We", "do", "n't", "accept", "that", ",", "”", "Labour", "'s",
                            "co-leader", "told", "the", "U.S.", "-", "led", "panel", "on",
                            "Tuesday", "after", "1,200", "people", "protested", "."};
      for (int i = 0; i < 2000; ++i) c.sentences.emplace_back(std::begin(text), std::end(text));
    }
    for (const auto& s : c.sentences) c.tokens += s.size();
    return c;
  }();
  return c;
}

const whosaid::Tagger& tagger() {
  static const whosaid::Tagger t = [] {
    if (const char* p = std::getenv("WHOSAID_TAGGER_MODEL"); p && *p) {
      std::ifstream in(p, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      return whosaid::Tagger::from_bytes(s.str());
    }
    return whosaid::Tagger::builtin();
  }();
  return t;
}

// The word-array API over pre-split sentences.
void BM_TagWords(benchmark::State& state) {
  const Corpus& c = corpus();
  const whosaid::Tagger& t = tagger();
  std::vector<std::vector<std::string_view>> views;
  for (const auto& s : c.sentences) views.emplace_back(s.begin(), s.end());
  std::vector<uint8_t> tags(512);
  for (auto _ : state) {
    for (const auto& s : views) {
      if (tags.size() < s.size()) tags.resize(s.size());
      t.tag(s.data(), s.size(), tags.data());
      benchmark::DoNotOptimize(tags.data());
    }
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(c.tokens));
  state.counters["tokens/s"] =
      benchmark::Counter(double(c.tokens), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_TagWords)->Unit(benchmark::kMillisecond);

// Tagger::tag(Document&): the words joined into one text, one sentence each.
void BM_TagDocument(benchmark::State& state) {
  const Corpus& c = corpus();
  const whosaid::Tagger& t = tagger();
  std::string text;
  std::vector<whosaid::Token> tokens;
  std::vector<whosaid::Sentence> sentences;
  for (const auto& s : c.sentences) {
    whosaid::Sentence sent;
    sent.first_token = uint32_t(tokens.size());
    for (const auto& w : s) {
      whosaid::Token tok;
      tok.span = {uint32_t(text.size()), uint32_t(text.size() + w.size())};
      if (w == "\"" || w == "“" || w == "”") tok.kind = whosaid::TokenKind::kQuote;
      tokens.push_back(tok);
      text += w;
      text += ' ';
    }
    sent.end_token = uint32_t(tokens.size());
    sentences.push_back(sent);
  }
  whosaid::Document doc(std::move(text));
  doc.tokens = tokens;
  doc.sentences = sentences;
  for (auto _ : state) {
    t.tag(doc);
    benchmark::DoNotOptimize(doc.tokens.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(c.tokens));
  state.counters["tokens/s"] =
      benchmark::Counter(double(c.tokens), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_TagDocument)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

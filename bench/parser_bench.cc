// Dependency parser throughput (tokens/s on one core, parsing only: tags given).
//
//   build/bench/whosaid_bench_parser [--benchmark_filter=Words]
//
// Parses the sentences of UD English EWT test (gold tokens, tagged once up
// front by the built-in tagger) with the built-in model, or with
// $WHOSAID_PARSER_MODEL when set; falls back to a synthetic corpus when the
// shared data is absent ($WHOSAID_DATA, else ../shared/data).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "parse/parser.h"
#include "tagger/conllu.h"
#include "tagger/tagger.h"

namespace {

struct Corpus {
  std::vector<std::vector<std::string>> sentences;
  std::vector<std::vector<uint8_t>> tags;
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
      const char* text[] = {"“", "We", "will", "win", ",", "”", "Hartley", "told", "the", "New", "York",
                            "Times", "after", "1,200", "people", "protested", "."};
      for (int i = 0; i < 2000; ++i) c.sentences.emplace_back(std::begin(text), std::end(text));
    }
    const whosaid::Tagger& tagger = whosaid::Tagger::builtin();
    for (const auto& s : c.sentences) {
      std::vector<std::string_view> views(s.begin(), s.end());
      std::vector<uint8_t> tags(s.size());
      tagger.tag(views.data(), views.size(), tags.data());
      c.tags.push_back(std::move(tags));
      c.tokens += s.size();
    }
    return c;
  }();
  return c;
}

const whosaid::Parser& parser() {
  static const whosaid::Parser p = [] {
    if (const char* path = std::getenv("WHOSAID_PARSER_MODEL"); path && *path) {
      std::ifstream in(path, std::ios::binary);
      std::stringstream s;
      s << in.rdbuf();
      return whosaid::Parser::from_bytes(s.str());
    }
    return whosaid::Parser::builtin();
  }();
  return p;
}

// The word-array API over pre-split, pre-tagged sentences.
void BM_ParseWords(benchmark::State& state) {
  const Corpus& c = corpus();
  const whosaid::Parser& p = parser();
  std::vector<std::vector<std::string_view>> views;
  for (const auto& s : c.sentences) views.emplace_back(s.begin(), s.end());
  std::vector<int32_t> heads(1024);
  std::vector<uint8_t> rels(1024);
  for (auto _ : state) {
    for (size_t i = 0; i < views.size(); ++i) {
      const auto& s = views[i];
      if (heads.size() < s.size()) heads.resize(s.size()), rels.resize(s.size());
      p.parse(s.data(), c.tags[i].data(), s.size(), heads.data(), rels.data());
      benchmark::DoNotOptimize(heads.data());
    }
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(c.tokens));
  state.counters["tokens/s"] =
      benchmark::Counter(double(c.tokens), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ParseWords)->Unit(benchmark::kMillisecond);

// Parser::parse(Document&): tagged tokens, one sentence each.
void BM_ParseDocument(benchmark::State& state) {
  const Corpus& c = corpus();
  const whosaid::Parser& p = parser();
  std::string text;
  whosaid::Document doc;
  std::vector<whosaid::Token> tokens;
  std::vector<whosaid::Sentence> sentences;
  for (size_t i = 0; i < c.sentences.size(); ++i) {
    whosaid::Sentence sent;
    sent.first_token = uint32_t(tokens.size());
    for (size_t k = 0; k < c.sentences[i].size(); ++k) {
      const std::string& w = c.sentences[i][k];
      whosaid::Token tok;
      tok.span = {uint32_t(text.size()), uint32_t(text.size() + w.size())};
      tok.tag = c.tags[i][k];
      tokens.push_back(tok);
      text += w;
      text += ' ';
    }
    sent.end_token = uint32_t(tokens.size());
    sentences.push_back(sent);
  }
  doc = whosaid::Document(std::move(text));
  doc.tokens = tokens;
  doc.sentences = sentences;
  for (auto _ : state) {
    p.parse(doc);
    benchmark::DoNotOptimize(doc.tokens.data());
  }
  state.SetItemsProcessed(int64_t(state.iterations()) * int64_t(c.tokens));
  state.counters["tokens/s"] =
      benchmark::Counter(double(c.tokens), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_ParseDocument)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();

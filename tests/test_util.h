// Helpers for tests that run the pipeline on short articles, or the whosaid
// binary on a command line.
#pragma once

#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/document.h"
#include "whosaid/extractor.h"

namespace whosaid::testing {

inline const Extractor& extractor() {
  static const Extractor e;
  return e;
}

inline std::vector<std::string> sentence_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Sentence& s : doc.sentences) out.emplace_back(doc.slice(s.span));
  return out;
}

inline std::vector<std::string> token_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const Token& t : doc.tokens) out.emplace_back(doc.slice(t.span));
  return out;
}

inline std::vector<std::string> quoted_texts(const Document& doc) {
  std::vector<std::string> out;
  for (const QuotedRegion& r : doc.quoted) out.emplace_back(doc.slice(r.content));
  return out;
}

// The quote whose text contains `needle`, or nullptr.
inline const Quote* quote_containing(const Document& doc, std::string_view needle) {
  for (const Quote& q : doc.quotes)
    if (doc.slice(q.span).find(needle) != std::string_view::npos) return &q;
  return nullptr;
}

// The speaker of the quote whose text contains `needle`, or nullptr when
// there is no such quote or it has no speaker.
inline const Speaker* speaker_at(const Document& doc, std::string_view needle) {
  const Quote* q = quote_containing(doc, needle);
  return q && q->speaker ? &*q->speaker : nullptr;
}

inline std::string speaker_of(const Document& doc, std::string_view needle) {
  const Quote* q = quote_containing(doc, needle);
  if (!q) return "<no quote>";
  if (!q->speaker) return "<no speaker>";
  return q->speaker->name;
}

#ifdef WHOSAID_BINARY
struct CommandResult {
  int status = -1;  // the exit status; -1 when the command did not exit normally
  std::string out, err;
};

// Runs `WHOSAID_BINARY ARGS` through the shell (ARGS may redirect its input)
// and returns its exit status, standard output and standard error. `tag` names
// the temporary folder the outputs pass through, so that tests of one binary
// running at once do not share it.
inline CommandResult run_whosaid(const std::string& args, const std::string& tag = "cli") {
  namespace fs = std::filesystem;
  const fs::path dir = fs::temp_directory_path() / ("whosaid_test_" + tag + std::to_string(::getpid()));
  fs::create_directories(dir);
  const std::string cmd = std::string(WHOSAID_BINARY) + " " + args + " >" + (dir / "out").string() + " 2>" +
                          (dir / "err").string();
  CommandResult r;
  const int raw = std::system(cmd.c_str());
  r.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  auto read = [](const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
  };
  r.out = read(dir / "out");
  r.err = read(dir / "err");
  fs::remove_all(dir);
  return r;
}
#endif

}  // namespace whosaid::testing

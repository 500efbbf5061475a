// whosaid parse [FILE…|-] — dependency trees of plain text as CoNLL-U.
//
// Segments, tokenizes and tags with the pipeline's own stages (as `extract`
// does), parses every sentence with the built-in parser and prints one CoNLL-U
// block per sentence: ID FORM _ UPOS XPOS HEAD DEPREL _ _ MISC, where MISC has
// the token's byte offsets in the input (Offset=BEGIN:END) and SpaceAfter=No.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <sstream>

#include "commands.h"
#include "core/lexicon.h"
#include "parse/parser.h"
#include "quotes/quote_finder.h"
#include "segment/segmenter.h"
#include "tagger/tag_set.h"
#include "tagger/tagger.h"
#include "whosaid/error.h"

namespace whosaid::cli {
namespace {

std::string read_input(const std::string& path) {
  std::ostringstream ss;
  if (path == "-") {
    ss << std::cin.rdbuf();
  } else {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, path + ": cannot open: " + std::strerror(errno));
    ss << in.rdbuf();
    if (in.bad()) throw Error(ErrorCode::kIo, path + ": read error");
  }
  std::string data = ss.str();
  const size_t nul = data.find('\0');
  if (nul != std::string::npos && nul < 8192)
    throw Error(ErrorCode::kBadInput, path + ": looks like a binary file (NUL byte at offset " +
                                          std::to_string(nul) + "); whosaid reads UTF-8 text");
  return data;
}

// The sentence text on one line (CoNLL-U comments cannot hold a newline).
std::string one_line(std::string_view s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == '\n' || c == '\r' || c == '\t' || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' '), space = false;
    out.push_back(c);
  }
  return out;
}

void print_conllu(const Document& doc, const std::string& name, std::ostream& out) {
  std::string block;
  size_t number = 0;
  for (const Sentence& s : doc.sentences) {
    if (s.first_token >= s.end_token) continue;
    block.clear();
    block += "# sent_id = " + name + "#" + std::to_string(++number) + "\n";
    block += "# text = " + one_line(doc.slice(s.span)) + "\n";
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      const Token& t = doc.tokens[i];
      const uint32_t id = i - s.first_token + 1;
      const uint32_t head = t.head == 0 ? 0 : uint32_t(int64_t{id} + t.head);
      const char* rel = dep::relation_name(t.dep);
      block += std::to_string(id) + '\t';
      block += doc.slice(t.span);
      block += "\t_\t";
      block += pos::upos_name(t.tag);
      block += '\t';
      block += pos::penn_name(t.tag);
      block += '\t' + std::to_string(head) + '\t' + (*rel ? rel : "_") + "\t_\t_\t";
      if (!t.has(kSpaceAfter) && i + 1 < doc.tokens.size()) block += "SpaceAfter=No|";
      block += "Offset=" + std::to_string(t.span.begin) + ":" + std::to_string(t.span.end) + "\n";
    }
    block += '\n';
    out << block;
  }
}

int run_parse(const std::vector<std::string>& args) {
  std::vector<std::string> inputs = args;
  if (inputs.empty()) inputs.push_back("-");
  const Lexicon& lexicon = Lexicon::builtin();
  const Tagger& tagger = Tagger::builtin();
  const Parser& parser = Parser::builtin();
  for (const std::string& path : inputs) {
    Document doc(read_input(path), path);
    segment(doc);
    find_quotes(doc);
    split_sentences(doc, lexicon);
    tagger.tag(doc);
    parser.parse(doc);
    print_conllu(doc, path == "-" ? "stdin" : path, std::cout);
  }
  std::cout.flush();
  if (!std::cout) throw Error(ErrorCode::kIo, "cannot write to standard output");
  return kExitOk;
}

}  // namespace

void add_parse_command(CLI::App& app, int& exit_code) {
  auto inputs = std::make_shared<std::vector<std::string>>();
  CLI::App* cmd = app.add_subcommand(
      "parse", "Print the dependency trees of news text as CoNLL-U (see docs/parser.md)");
  cmd->add_option("inputs", *inputs, "Text files, or - for standard input (default)");
  cmd->callback([inputs, &exit_code] { exit_code = run_parse(*inputs); });
}

}  // namespace whosaid::cli

// whosaid extract [FILE…|-] [--format table|json|jsonl] [--jsonl]
// --format json prints one JSON document: an object for one file, an array
// of them for several files or a JSONL input; jsonl prints one per line.
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>

#include "commands.h"
#include "terminal.h"
#include "core/utf8.h"
#include "io/jsonl.h"
#include "io/quote_json.h"
#include "io/quote_text.h"
#include "io/read_text.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"

namespace whosaid::cli {
namespace {

struct ExtractArgs {
  std::vector<std::string> inputs;
  std::string format = "table";
  bool jsonl = false;
  bool no_indirect = false;
  float min_confidence = 0.f;
};

// Reads a whole text file, at most kMaxDocumentBytes; throws Error naming the
// file on failure, when it is too long or binary.
std::string read_text_file(const std::string& path) {
  std::string data = read_text_bounded(path, kMaxDocumentBytes);
  // A NUL byte in the first 8 KiB means a binary file, not an article.
  size_t nul = data.find('\0');
  if (nul != std::string::npos && nul < 8192) {
    throw Error(ErrorCode::kBadInput, path + ": looks like a binary file (NUL byte at offset " + std::to_string(nul) +
                                          "); whosaid reads UTF-8 text");
  }
  return data;
}

// "Quote text…" cut to `width` code points on one line.
std::string cell(std::string_view s, size_t width) {
  std::string out;
  size_t n = 0;
  bool space = false;
  for (size_t i = 0; i < s.size();) {
    size_t len = utf8::length_at(s, i);
    const bool ws = s[i] == '\n' || s[i] == '\t' || s[i] == ' ' || s[i] == '\r';
    if (ws) {
      space = !out.empty();
      i += len;
      continue;
    }
    if (space) {
      if (++n > width) break;
      out.push_back(' ');
      space = false;
    }
    if (++n > width) {
      out += "\xE2\x80\xA6";
      return out;
    }
    out.append(s.substr(i, len));
    i += len;
  }
  if (n > width) out += "\xE2\x80\xA6";
  return out;
}

std::string pad(const std::string& s, size_t width) {
  size_t n = utf8::count_code_points(s);
  return n >= width ? s + " " : s + std::string(width - n, ' ');
}

void print_table(const Document& doc, std::ostream& out, bool header) {
  if (header) out << pad("SPEAKER", 20) << pad("ROLE", 26) << pad("KIND", 9) << "QUOTE\n";
  for (const Quote& q : doc.quotes) {
    std::string speaker = q.speaker ? q.speaker->name : "";
    std::string role(q.speaker ? doc.speaker_role(*q.speaker) : std::string_view());
    out << pad(cell(printable(speaker.empty() ? "?" : speaker), 19), 20) << pad(cell(printable(role), 25), 26)
        << pad(quote_kind_name(q.kind), 9) << cell(printable(quote_text(doc, q)), 70) << "\n";
  }
}

int run_extract(const ExtractArgs& args) {
  ExtractorOptions options;
  options.indirect = !args.no_indirect;
  options.min_confidence = args.min_confidence;
  Extractor extractor(options);
  std::vector<std::string> inputs = args.inputs;
  if (inputs.empty()) inputs.push_back("-");
  int status = kExitOk;
  size_t rejected = 0, failed_inputs = 0;
  bool first_table = true;
  // --format json over several documents (several files, or --jsonl) is one
  // JSON array of them; over one file, that document's object.
  const bool json_array = args.format == "json" && (inputs.size() > 1 || args.jsonl);
  size_t json_written = 0;
  auto write_json = [&](const Document& doc, const std::string& id_json) {
    if (json_array) std::cout << (json_written ? "," : "[");
    write_document_json(doc, id_json, std::cout);
    ++json_written;
  };
  for (const std::string& path : inputs) {
    if (args.jsonl) {
      std::ifstream file;
      std::istream* in = &std::cin;
      if (path != "-") {
        file.open(path, std::ios::binary);
        if (!file) {
          const Error e(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo,
                        path + ": cannot open: " + std::strerror(errno));
          if (inputs.size() == 1) throw e;
          std::cerr << "whosaid: " << e.what() << " (skipped)\n";
          ++failed_inputs;
          continue;
        }
        in = &file;
      }
      JsonlReader reader(*in, path == "-" ? "<stdin>" : path);
      ArticleRecord rec;
      std::string error;
      while (reader.next(rec, error)) {
        if (!error.empty()) {
          std::cerr << error << " (skipped)\n";
          ++rejected;
          continue;
        }
        Document doc;
        try {
          doc = extractor.extract(std::move(rec.text), rec.id);
        } catch (const Error& e) {
          std::cerr << reader.name() << ":" << rec.line << ": " << e.what() << " (skipped)\n";
          ++rejected;
          continue;
        }
        for (const Diagnostic& d : doc.diagnostics) std::cerr << reader.name() << ":" << rec.line << ": " << d.message << "\n";
        if (args.format == "table") {
          print_table(doc, std::cout, first_table);
          first_table = false;
        } else {
          write_json(doc, rec.id_json);
        }
      }
      continue;
    }
    Document doc;
    try {
      doc = extractor.extract(read_text_file(path), path);
    } catch (const Error& e) {
      // One input alone: its error is the command's (exit 65, 66 or 74). Among
      // several, it is reported and the others are processed (exit 3).
      if (inputs.size() == 1 || e.code() == ErrorCode::kModel || e.code() == ErrorCode::kInternal) throw;
      std::cerr << "whosaid: " << e.what() << " (skipped)\n";
      ++failed_inputs;
      continue;
    }
    for (const Diagnostic& d : doc.diagnostics) std::cerr << path << ": " << d.message << "\n";
    if (args.format == "table") {
      if (inputs.size() > 1) std::cout << (first_table ? "" : "\n") << "== " << path << "\n";
      print_table(doc, std::cout, first_table || inputs.size() > 1);
      first_table = false;
    } else {
      std::string id_json;
      append_json_string(path, id_json);
      write_json(doc, inputs.size() > 1 || args.format == "jsonl" ? id_json : "");
    }
  }
  if (json_array) std::cout << (json_written ? "]\n" : "[]\n");
  std::cout.flush();
  if (rejected) std::cerr << "whosaid: " << rejected << " record(s) rejected\n";
  if (failed_inputs) std::cerr << "whosaid: " << failed_inputs << " input(s) could not be read\n";
  if (rejected || failed_inputs) status = kExitSomeRejected;
  return status;
}

}  // namespace

void add_extract_command(CLI::App& app, int& exit_code) {
  auto args = std::make_shared<ExtractArgs>();
  CLI::App* cmd = app.add_subcommand("extract", "Print the quotations in news text and who said them");
  cmd->add_option("inputs", args->inputs, "Text files, or - for standard input (default)");
  cmd->add_option("--format,-f", args->format, "Output format")
      ->check(CLI::IsMember({"table", "json", "jsonl"}))
      ->capture_default_str();
  cmd->add_flag("--jsonl", args->jsonl, "Inputs are JSONL with one {\"id\",\"text\",…} object per line");
  cmd->add_flag("--no-indirect", args->no_indirect, "Only quotations in quotation marks (direct and mixed)");
  cmd->add_option("--min-confidence", args->min_confidence, "Drop quotes below this confidence")
      ->check(CLI::Range(0.0, 1.0));
  cmd->callback([args, &exit_code] { exit_code = run_extract(*args); });
}

}  // namespace whosaid::cli

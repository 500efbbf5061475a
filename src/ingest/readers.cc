#include "ingest/readers.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include "ingest/html.h"
#include "io/jsonl.h"
#include "io/read_text.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"

namespace whosaid::ingest {
namespace {

namespace fs = std::filesystem;

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool blank(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) {
    return std::isspace(static_cast<unsigned char>(c));
  });
}

std::string read_file(const std::string& path) { return read_text_bounded(path, kMaxDocumentBytes); }

}  // namespace

const char* input_format_name(InputFormat f) {
  switch (f) {
    case InputFormat::kText: return "text";
    case InputFormat::kJsonl: return "jsonl";
    case InputFormat::kHtml: return "html";
    case InputFormat::kWarc: return "warc";
  }
  return "text";
}

InputFormat detect_format(const std::string& path, std::string_view head) {
  std::string p = lower(path);
  if (p == "-") return InputFormat::kJsonl;
  if (ends_with(p, ".jsonl") || ends_with(p, ".ndjson") || ends_with(p, ".json"))
    return InputFormat::kJsonl;
  if (ends_with(p, ".html") || ends_with(p, ".htm") || ends_with(p, ".xhtml"))
    return InputFormat::kHtml;
  if (ends_with(p, ".warc") || ends_with(p, ".warc.gz") || ends_with(p, ".arc.gz"))
    return InputFormat::kWarc;
  if (head.substr(0, 5) == "WARC/") return InputFormat::kWarc;
  if (head.size() >= 2 && static_cast<unsigned char>(head[0]) == 0x1f &&
      static_cast<unsigned char>(head[1]) == 0x8b)
    return InputFormat::kWarc;  // gzip: the only compressed input we read
  size_t i = 0;
  if (head.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // BOM
  while (i < head.size() && std::isspace(static_cast<unsigned char>(head[i]))) ++i;
  std::string start = lower(head.substr(i, 64));
  if (start.rfind("<!doctype html", 0) == 0 || start.rfind("<html", 0) == 0 ||
      start.rfind("<!--", 0) == 0 || start.rfind("<?xml", 0) == 0 || start.rfind("<head", 0) == 0)
    return InputFormat::kHtml;
  if (start.rfind("{", 0) == 0 && ends_with(p, ".txt") == false) return InputFormat::kJsonl;
  return InputFormat::kText;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs,
                                       const RejectFn& reject) {
  std::vector<std::string> out;
  for (const std::string& in : inputs) {
    if (in == "-") {
      out.push_back(in);
      continue;
    }
    std::error_code ec;
    if (fs::is_directory(in, ec)) {
      std::vector<std::string> files;
      for (auto it = fs::recursive_directory_iterator(
               in, fs::directory_options::skip_permission_denied, ec);
           it != fs::recursive_directory_iterator(); it.increment(ec)) {
        if (ec) break;
        std::string name = it->path().filename().string();
        if (!name.empty() && name[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) files.push_back(it->path().string());
      }
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else if (fs::exists(in, ec)) {
      out.push_back(in);
    } else {
      reject(in, "no such file or folder");
    }
  }
  return out;
}

std::string to_utf8(std::string bytes, std::string_view charset) {
  std::string cs = lower(charset);
  bool latin = cs.find("8859-1") != std::string::npos || cs.find("1252") != std::string::npos ||
               cs.find("latin") != std::string::npos;
  if (!latin && is_valid_utf8(bytes)) {
    if (bytes.rfind("\xEF\xBB\xBF", 0) == 0) bytes.erase(0, 3);
    return bytes;
  }
  return latin1_to_utf8(bytes);
}

void read_jsonl(std::istream& in, const std::string& name, const RecordFn& emit,
                const RejectFn& reject, std::atomic<uint64_t>* bytes_read) {
  JsonlReader reader(in, name);
  ArticleRecord rec;
  std::string error;
  uint64_t counted = 0;
  auto count = [&] {
    if (!bytes_read) return;
    *bytes_read += reader.bytes_read() - counted;
    counted = reader.bytes_read();
  };
  while (reader.next(rec, error)) {
    count();
    const std::string where = reader.where();
    if (!error.empty()) {
      reject(where, reader.reason());
      continue;
    }
    if (blank(rec.text)) {
      reject(where, "empty \"text\"");
      continue;
    }
    Record r;
    r.origin = where;
    r.text = std::move(rec.text);
    r.info.source_id = std::move(rec.id);
    r.info.url = std::move(rec.url);
    r.info.outlet = std::move(rec.outlet);
    r.info.title = rec.title.empty() ? headline(r.text) : std::move(rec.title);
    std::string norm = normalise_date(rec.date);
    r.info.date = norm.empty() ? std::move(rec.date) : norm;
    r.info.origin = where;
    emit(std::move(r));
  }
  count();  // blank lines at the end
}

// A short first line followed by a blank line is the headline (plain text, and
// JSONL records without a "title").
std::string headline(std::string_view text) {
  size_t nl = text.find('\n');
  size_t end = nl != std::string_view::npos && nl > 0 && text[nl - 1] == '\r' ? nl - 1 : nl;
  if (nl == std::string_view::npos || nl >= 200) return {};
  std::string_view rest = text.substr(nl + 1);
  if (!(rest.starts_with("\n") || rest.starts_with("\r\n"))) return {};
  std::string_view line = text.substr(0, end);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  while (!line.empty() && (line.back() == ' ' || line.back() == '\t')) line.remove_suffix(1);
  return std::string(line);
}

void read_text(std::string bytes, const std::string& name, const RecordFn& emit,
               const RejectFn& reject) {
  if (bytes.find('\0') != std::string::npos) {
    reject(name, "binary file (NUL bytes), not text");
    return;
  }
  if (blank(bytes)) {
    reject(name, "empty file");
    return;
  }
  Record r;
  r.origin = name;
  r.text = to_utf8(std::move(bytes));
  r.info.origin = name;
  r.info.title = headline(r.text);
  emit(std::move(r));
}

void read_html(std::string_view bytes, const std::string& name, const RecordFn& emit,
               const RejectFn& reject) {
  HtmlArticle a = parse_html_article(to_utf8(std::string(bytes)));
  if (blank(a.text)) {
    reject(name, "no article text found in the HTML");
    return;
  }
  Record r;
  r.origin = name;
  r.text = std::move(a.text);
  r.info.url = a.url;
  r.info.outlet = a.outlet;
  r.info.date = a.date;
  r.info.title = a.title;
  r.info.origin = name;
  emit(std::move(r));
}

void read_input(const std::string& path, const RecordFn& emit, const RejectFn& reject,
                std::atomic<uint64_t>* bytes_read) {
  if (path == "-") {
    read_jsonl(std::cin, "stdin", emit, reject, bytes_read);
    return;
  }
  std::string head;
  {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Error(ErrorCode::kIo, path + ": cannot open (" + std::strerror(errno) + ")");
    head.resize(512);
    in.read(head.data(), static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
  }
  switch (detect_format(path, head)) {
    case InputFormat::kJsonl: {
      std::ifstream in(path, std::ios::binary);
      read_jsonl(in, path, emit, reject, bytes_read);
      return;
    }
    case InputFormat::kWarc:
      read_warc(path, emit, reject, bytes_read);
      return;
    case InputFormat::kHtml: {
      std::string bytes = read_file(path);
      if (bytes_read) *bytes_read += bytes.size();
      read_html(bytes, path, emit, reject);
      return;
    }
    case InputFormat::kText: {
      std::string bytes = read_file(path);
      if (bytes_read) *bytes_read += bytes.size();
      read_text(std::move(bytes), path, emit, reject);
      return;
    }
  }
}

}  // namespace whosaid::ingest

// Input readers for `whosaid ingest`: plain text files, JSONL, HTML pages and
// WARC / WARC.gz archives, each turned into Records (article text + metadata).
//
//   read_input("crawl.warc.gz",
//              [](Record&& r) { ... },                       // one per article
//              [](const std::string& where, const std::string& why) { ... });
//
// Readers never stop at a bad record: they report it through the reject callback
// with its place ("feed.jsonl:12", "crawl.warc.gz@123456" — for .gz the offset of
// the gzip member holding the record, which is the record's own offset in
// Common Crawl files) and go on. Only a file that cannot be opened throws
// whosaid::Error(kIo).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

#include "whosaid/store.h"

namespace whosaid::ingest {

struct Record {
  std::string origin;  // where it was read, for messages
  ArticleInfo info;
  std::string text;    // UTF-8
};

using RecordFn = std::function<void(Record&&)>;
using RejectFn = std::function<void(const std::string& origin, const std::string& reason)>;

enum class InputFormat { kText, kJsonl, kHtml, kWarc };
const char* input_format_name(InputFormat f);

// By extension (.jsonl .ndjson .json, .html .htm, .warc .warc.gz, .txt), else by
// the first bytes (`head`): "WARC/", gzip magic, "<!doctype html"/"<html", "{".
InputFormat detect_format(const std::string& path, std::string_view head);

// Files named by `inputs`, folders expanded recursively (sorted, hidden files and
// folders skipped). "-" stays "-" (JSONL from stdin). Missing paths are rejected.
std::vector<std::string> expand_inputs(const std::vector<std::string>& inputs,
                                       const RejectFn& reject);

// Reads one file (or "-" for stdin) of any format. `bytes_read`, when given, is
// advanced as input is consumed (compressed bytes for .gz), for progress bars.
void read_input(const std::string& path, const RecordFn& emit, const RejectFn& reject,
                std::atomic<uint64_t>* bytes_read = nullptr);

// The format readers, for tests and for callers that know the format.
// JSONL is read by JsonlReader (io/jsonl.h), as `whosaid extract --jsonl` reads
// it; a record whose "text" is blank is rejected ("empty \"text\""), one without
// "title" takes the headline(), and dates are normalised when they can be.
void read_jsonl(std::istream& in, const std::string& name, const RecordFn& emit,
                const RejectFn& reject, std::atomic<uint64_t>* bytes_read = nullptr);
// A whole text file's bytes → one record (or a rejection).
// The title of an article without one: its first line when that is short
// (< 200 bytes) and followed by a blank line, else "". Plain text files and
// JSONL records without "title" both take it.
std::string headline(std::string_view text);
void read_text(std::string bytes, const std::string& name, const RecordFn& emit,
               const RejectFn& reject);
void read_html(std::string_view bytes, const std::string& name, const RecordFn& emit,
               const RejectFn& reject);
void read_warc(const std::string& path, const RecordFn& emit, const RejectFn& reject,
               std::atomic<uint64_t>* bytes_read = nullptr);

// Bytes → UTF-8: kept when valid, else decoded as Windows-1252 (old archives).
std::string to_utf8(std::string bytes, std::string_view charset = {});

}  // namespace whosaid::ingest

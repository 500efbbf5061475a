// Gold JSONL (../shared/data/polnear format) → GoldDocument with byte offsets.
#include <algorithm>
#include <istream>
#include <string>

#include <nlohmann/json.hpp>

#include "whosaid/error.h"
#include "whosaid/eval.h"

namespace whosaid::eval {
namespace {

using nlohmann::json;

[[noreturn]] void fail(const std::string& message) {
  throw Error(ErrorCode::kBadInput, message);
}

// nlohmann's messages start with "[json.exception.parse_error.101] "; keep the rest.
std::string json_reason(const std::exception& e) {
  std::string_view what = e.what();
  if (!what.empty() && what.front() == '[') {
    if (auto close = what.find("] "); close != std::string_view::npos) what.remove_prefix(close + 2);
  }
  return std::string(what);
}

const char* type_name(const json& v) { return v.type_name(); }

// One [start, end) pair of code points → bytes.
Span to_bytes(const json& pair, const std::vector<uint32_t>& offsets, const std::string& what) {
  if (!pair.is_array() || pair.size() != 2 || !pair[0].is_number_integer() ||
      !pair[1].is_number_integer()) {
    fail(what + ": expected [start, end] integer pairs, got " + pair.dump());
  }
  const int64_t start = pair[0].get<int64_t>(), end = pair[1].get<int64_t>();
  const auto codepoints = static_cast<int64_t>(offsets.size()) - 1;
  if (start < 0 || end < start || end > codepoints) {
    fail(what + ": " + pair.dump() + " is outside the text (" + std::to_string(codepoints) +
         " code points) or reversed");
  }
  return Span{offsets[static_cast<size_t>(start)], offsets[static_cast<size_t>(end)]};
}

// A list of fragments; absent or null is an empty list. Empty fragments are dropped.
std::vector<Span> spans(const json& object, const char* key, const std::vector<uint32_t>& offsets,
                        const std::string& where) {
  std::vector<Span> out;
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) return out;
  const std::string what = where + std::string(key);
  if (!it->is_array()) fail(what + ": expected a list of [start, end] pairs, got " + type_name(*it));
  for (const json& pair : *it) {
    Span s = to_bytes(pair, offsets, what);
    if (!s.empty()) out.push_back(s);
  }
  std::sort(out.begin(), out.end(),
            [](Span a, Span b) { return a.begin != b.begin ? a.begin < b.begin : a.end < b.end; });
  return out;
}

QuoteKind quote_type(const json& a, const std::string& where) {
  if (auto it = a.find("quote_type"); it != a.end() && !it->is_null()) {
    if (it->is_string()) {
      const auto& s = it->get_ref<const std::string&>();
      if (s == "direct") return QuoteKind::kDirect;
      if (s == "mixed") return QuoteKind::kMixed;
      if (s == "indirect") return QuoteKind::kIndirect;
    }
    fail(where + "quote_type: expected \"direct\", \"mixed\" or \"indirect\", got " + it->dump());
  }
  if (auto it = a.find("direct"); it != a.end() && it->is_boolean()) {
    return it->get<bool>() ? QuoteKind::kDirect : QuoteKind::kIndirect;
  }
  fail(where + "missing quote_type");
}

}  // namespace

std::vector<uint32_t> codepoint_to_byte_offsets(std::string_view utf8) {
  std::vector<uint32_t> offsets;
  offsets.reserve(utf8.size() + 1);
  for (size_t i = 0; i < utf8.size(); ++i) {
    if ((static_cast<unsigned char>(utf8[i]) & 0xC0) != 0x80) offsets.push_back(static_cast<uint32_t>(i));
  }
  offsets.push_back(static_cast<uint32_t>(utf8.size()));
  return offsets;
}

GoldDocument parse_gold_line(std::string_view line) {
  json doc;
  try {
    doc = json::parse(line);
  } catch (const json::exception& e) {
    fail("bad JSON: " + json_reason(e));
  }
  if (!doc.is_object()) fail(std::string("expected a JSON object, got ") + type_name(doc));

  GoldDocument out;
  if (auto it = doc.find("id"); it != doc.end() && !it->is_null()) {
    if (!it->is_string()) fail(std::string("id: expected a string, got ") + type_name(*it));
    out.id = it->get<std::string>();
  }
  auto text = doc.find("text");
  if (text == doc.end() || !text->is_string()) fail("missing \"text\" string");
  out.text = text->get<std::string>();
  if (out.text.size() > UINT32_MAX - 1) fail("text is longer than 4 GiB");
  const std::vector<uint32_t> offsets = codepoint_to_byte_offsets(out.text);

  out.discard = spans(doc, "discard", offsets, "");

  auto attributions = doc.find("attributions");
  if (attributions == doc.end() || !attributions->is_array()) fail("missing \"attributions\" list");
  size_t index = 0;
  for (const json& a : *attributions) {
    ++index;
    GoldAttribution g;
    if (a.is_object()) {
      if (auto it = a.find("id"); it != a.end() && it->is_string()) g.id = it->get<std::string>();
    }
    std::string where = "attribution ";
    where += g.id.empty() ? '#' + std::to_string(index) : g.id;
    where += ": ";
    if (!a.is_object()) fail(where + "expected a JSON object, got " + type_name(a));
    g.content = spans(a, "content", offsets, where);
    g.source = spans(a, "source", offsets, where);
    g.cue = spans(a, "cue", offsets, where);
    g.quote_type = quote_type(a, where);
    if (auto it = a.find("speaker"); it != a.end() && !it->is_null()) {
      if (!it->is_string()) fail(where + "speaker: expected a string, got " + type_name(*it));
      g.speaker = it->get<std::string>();
    }
    if (auto it = a.find("speaker_is_name"); it != a.end() && !it->is_null()) {
      if (!it->is_boolean()) fail(where + "speaker_is_name: expected true or false, got " + type_name(*it));
      g.speaker_is_name = it->get<bool>();
    }
    // PolNeAR train has two attributions with an empty content (brat artefacts):
    // nothing can match them, so they are counted and left out, not fatal.
    if (g.content.empty()) {
      ++out.skipped_attributions;
      continue;
    }
    out.attributions.push_back(std::move(g));
  }
  return out;
}

GoldReader::GoldReader(std::istream& in, std::string name) : in_(&in), name_(std::move(name)) {}

bool GoldReader::next(GoldDocument& doc) {
  while (std::getline(*in_, buffer_)) {
    ++line_;
    if (!buffer_.empty() && buffer_.back() == '\r') buffer_.pop_back();
    if (buffer_.find_first_not_of(" \t") == std::string::npos) continue;
    try {
      doc = parse_gold_line(buffer_);
    } catch (const Error& e) {
      throw Error(ErrorCode::kBadInput, name_ + ":" + std::to_string(line_) + ": " + e.what());
    }
    return true;
  }
  if (in_->bad()) throw Error(ErrorCode::kIo, name_ + ": read error after line " + std::to_string(line_));
  return false;
}

}  // namespace whosaid::eval

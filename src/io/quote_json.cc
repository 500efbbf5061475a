#include "io/quote_json.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstring>

#include "core/utf8.h"
#include "io/quote_text.h"

namespace whosaid {

void append_json_string(std::string_view s, std::string& out) {
  out.push_back('"');
  // Runs of bytes written as they are (all but quote, backslash, control
  // characters and ill-formed UTF-8) are appended whole: byte by byte, the
  // quotes' text cost more than the rest of the output.
  size_t run = 0;
  const auto flush_run = [&](size_t i) {
    if (i > run) out.append(s.data() + run, i - run);
  };
  for (size_t i = 0; i < s.size();) {
    // Eight plain ASCII bytes at a time: no byte of the word has its high
    // bit set, is below 0x20, or is a quote or a backslash (SWAR tests).
    if (i + 8 <= s.size()) {
      uint64_t x;
      std::memcpy(&x, s.data() + i, 8);
      constexpr uint64_t kEach = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
      const auto zero_byte = [](uint64_t v) { return (v - kEach) & ~v & kHigh; };
      if (((x | (x - 0x20 * kEach) | zero_byte(x ^ ('"' * kEach)) | zero_byte(x ^ ('\\' * kEach))) & kHigh) == 0) {
        i += 8;
        continue;
      }
    }
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len;
      if (utf8::decode(s, i, len) == utf8::kInvalid) {
        flush_run(i);
        out += "\xEF\xBF\xBD";  // U+FFFD, as nlohmann's error_handler_t::replace writes it
        run = i + len;
      }
      i += len;
      continue;
    }
    if (c >= 0x20 && c != '"' && c != '\\') {
      ++i;
      continue;
    }
    flush_run(i);
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        char buf[8];
        std::snprintf(buf, sizeof buf, "\\u%04x", c);
        out += buf;
      }
    }
    run = ++i;
  }
  flush_run(s.size());
  out.push_back('"');
}

void append_json_string_or_null(std::string_view s, std::string& out) {
  if (s.empty()) out += "null";
  else append_json_string(s, out);
}

namespace {

void append_number(uint32_t n, std::string& out) {
  char buf[16];
  out.append(buf, static_cast<size_t>(std::to_chars(buf, buf + sizeof buf, n).ptr - buf));
}

void append_offsets(const std::optional<Span>& s, std::string& out) {
  if (s) {
    out += ",\"start\":";
    append_number(s->begin, out);
    out += ",\"end\":";
    append_number(s->end, out);
  } else {
    out += ",\"start\":null,\"end\":null";
  }
}

}  // namespace

QuoteRecord quote_record(const Document& doc, const Quote& q, std::string_view text) {
  QuoteRecord r;
  r.text = text;
  r.span = q.span;
  r.spans = q.spans.begin();
  r.spans_count = q.spans.size();
  r.kind = q.kind;
  if (q.speaker) {
    const Speaker& sp = *q.speaker;
    r.has_speaker = true;
    r.speaker_name = sp.name;
    if (sp.mention) {
      r.mention = doc.slice(*sp.mention);
      r.mention_span = sp.mention;
    }
    r.role = doc.speaker_role(sp);
    r.org = doc.speaker_org(sp);
    if (sp.entity >= 0) r.speaker_type = entity_type_name(sp.type);
  }
  if (q.cue) {
    r.has_cue = true;
    r.cue = doc.slice(*q.cue);
    r.cue_span = q.cue;
  }
  r.confidence = q.confidence;
  return r;
}

void append_quote_fields(const QuoteRecord& q, std::string& out) {
  out += "\"text\":";
  append_json_string(q.text, out);
  append_offsets(q.span, out);
  out += ",\"spans\":[";
  const Span* spans = q.spans_count ? q.spans : &q.span;
  for (size_t i = 0; i < std::max<size_t>(q.spans_count, 1); ++i) {
    if (i) out += ',';
    out += '[';
    append_number(spans[i].begin, out);
    out += ',';
    append_number(spans[i].end, out);
    out += ']';
  }
  out += "],\"kind\":\"";
  out += quote_kind_name(q.kind);
  out += "\",\"speaker\":";
  if (!q.has_speaker) {
    out += "null";
  } else {
    out += "{\"name\":";
    append_json_string_or_null(q.speaker_name, out);
    out += ",\"mention\":";
    append_json_string_or_null(q.mention, out);
    append_offsets(q.mention.empty() ? std::nullopt : q.mention_span, out);
    out += ",\"role\":";
    append_json_string_or_null(q.role, out);
    out += ",\"org\":";
    append_json_string_or_null(q.org, out);
    out += ",\"type\":";
    append_json_string_or_null(q.speaker_type, out);
    out += '}';
  }
  out += ",\"cue\":";
  if (q.has_cue) {
    out += "{\"text\":";
    append_json_string_or_null(q.cue, out);
    append_offsets(q.cue_span, out);
    out += '}';
  } else {
    out += "null";
  }
  // std::to_chars with a precision writes what printf's "%.3f" writes (the
  // standard defines it so), without parsing a format at each quote.
  char conf[32];
  const char* conf_end =
      std::to_chars(conf, conf + sizeof conf, static_cast<double>(q.confidence), std::chars_format::fixed, 3).ptr;
  out += ",\"confidence\":";
  out.append(conf, static_cast<size_t>(conf_end - conf));
}

void append_quote_json(const Document& doc, const Quote& q, std::string& out) {
  const std::string text = quote_text(doc, q);
  out += '{';
  append_quote_fields(quote_record(doc, q, text), out);
  out += '}';
}

namespace {

// The document object with `flush(buffer)` called whenever the buffer passes
// kChunk bytes, and once at the end.
template <typename Flush>
void document_json(const Document& doc, std::string_view id_json, std::string& out, Flush flush) {
  constexpr size_t kChunk = 1 << 16;
  out += '{';
  if (!id_json.empty()) {
    out += "\"id\":";
    out += id_json;
    out += ',';
  }
  out += "\"quotes\":[";
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    if (i) out += ',';
    append_quote_json(doc, doc.quotes[i], out);
    if (out.size() > kChunk) flush(out);
  }
  out += ']';
  if (!doc.authors.empty()) {  // the names a byline gives (layout/layout.h)
    out += ",\"authors\":[";
    for (size_t i = 0; i < doc.authors.size(); ++i) {
      if (i) out += ',';
      append_json_string(doc.slice(doc.authors[i]), out);
    }
    out += ']';
  }
  if (!doc.diagnostics.empty()) {
    out += ",\"diagnostics\":[";
    for (size_t i = 0; i < doc.diagnostics.size(); ++i) {
      if (i) out += ',';
      append_json_string(doc.diagnostics[i].message, out);
    }
    out += ']';
  }
  out += '}';
}

}  // namespace

void append_document_json(const Document& doc, std::string_view id_json, std::string& out) {
  document_json(doc, id_json, out, [](std::string&) {});
}

void write_document_json(const Document& doc, std::string_view id_json, std::ostream& os) {
  std::string buffer;
  const auto flush = [&os](std::string& b) {
    os.write(b.data(), static_cast<std::streamsize>(b.size()));
    b.clear();
  };
  document_json(doc, id_json, buffer, flush);
  buffer += '\n';
  flush(buffer);
}

}  // namespace whosaid

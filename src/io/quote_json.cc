#include "io/quote_json.h"

#include <cstdio>

#include "core/utf8.h"

namespace whosaid {

void append_json_string(std::string_view s, std::string& out) {
  out.push_back('"');
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x80) {
      size_t len;
      if (utf8::decode(s, i, len) == utf8::kInvalid) {
        out += "\\ufffd";
      } else {
        out.append(s.substr(i, len));
      }
      i += len;
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(static_cast<char>(c));
        }
    }
    ++i;
  }
  out.push_back('"');
}

namespace {

void append_span_fields(Span s, std::string& out) {
  out += "\"start\":" + std::to_string(s.begin) + ",\"end\":" + std::to_string(s.end);
}

void append_optional_string(std::string_view s, std::string& out) {
  if (s.empty()) out += "null";
  else append_json_string(s, out);
}

}  // namespace

void append_quote_json(const Document& doc, const Quote& q, std::string& out) {
  out += "{\"text\":";
  append_json_string(doc.slice(q.span), out);
  out += ',';
  append_span_fields(q.span, out);
  out += ",\"spans\":[";
  for (size_t i = 0; i < q.spans.size(); ++i) {
    if (i) out += ',';
    out += '[' + std::to_string(q.spans[i].begin) + ',' + std::to_string(q.spans[i].end) + ']';
  }
  out += "],\"kind\":\"";
  out += quote_kind_name(q.kind);
  out += "\",\"speaker\":";
  if (!q.speaker) {
    out += "null";
  } else {
    const Speaker& sp = *q.speaker;
    out += "{\"name\":";
    append_optional_string(sp.name, out);
    out += ",\"mention\":";
    if (sp.mention) {
      append_json_string(doc.slice(*sp.mention), out);
      out += ",\"start\":" + std::to_string(sp.mention->begin) + ",\"end\":" + std::to_string(sp.mention->end);
    } else {
      out += "null,\"start\":null,\"end\":null";
    }
    out += ",\"role\":";
    append_optional_string(doc.speaker_role(sp), out);
    out += ",\"org\":";
    append_optional_string(doc.speaker_org(sp), out);
    out += ",\"type\":";
    if (sp.entity < 0) {
      out += "null";
    } else {
      out += '"';
      out += entity_type_name(sp.type);
      out += '"';
    }
    out += '}';
  }
  out += ",\"cue\":";
  if (q.cue) {
    out += "{\"text\":";
    append_json_string(doc.slice(*q.cue), out);
    out += ',';
    append_span_fields(*q.cue, out);
    out += '}';
  } else {
    out += "null";
  }
  char conf[32];
  std::snprintf(conf, sizeof conf, "%.3f", static_cast<double>(q.confidence));
  out += ",\"confidence\":";
  out += conf;
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

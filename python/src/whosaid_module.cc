// whosaid._whosaid — the C++ half of the Python module (the pure-Python package
// in python/whosaid/ wraps it; see docs/python.md).
//
// Offsets: the engine works in UTF-8 bytes; everything handed to Python is in
// code points (str indices), converted per document by CodepointMap, and every
// `text` field is a slice of the caller's own str object, so
// text[q.start:q.end] == q.text holds for any input.
//
// GIL: extraction, file reading and database work run with the GIL released.
// A Document is converted to plain C++ values (ConvertedQuote) before the GIL
// is taken back, so only the object creation happens under the GIL.
//
// Errors: whosaid::Error becomes the whosaid.errors class for its code.
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "codepoints.h"
#include "ingest/html.h"
#include "ingest/readers.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"
#include "whosaid/store.h"

namespace py = pybind11;

namespace whosaid::python {
namespace {

// ------------------------------------------------------------ str <-> UTF-8

// The UTF-8 bytes of a str. Lone surrogates (which UTF-8 cannot encode) are
// written as their 3-byte "surrogatepass" form: the engine treats them as
// invalid bytes, and each still counts as one code point, so offsets hold.
std::string utf8_of(py::handle obj, const char* what) {
  if (!PyUnicode_Check(obj.ptr())) {
    throw py::type_error(std::string(what) + " must be str, not " + Py_TYPE(obj.ptr())->tp_name);
  }
  if (PyUnicode_IS_ASCII(obj.ptr())) {  // compact ASCII: the str's own bytes are UTF-8
    return std::string(static_cast<const char*>(PyUnicode_DATA(obj.ptr())),
                       static_cast<size_t>(PyUnicode_GET_LENGTH(obj.ptr())));
  }
  // Not PyUnicode_AsUTF8AndSize: that would keep a UTF-8 copy inside the str for its lifetime.
  auto bytes = py::reinterpret_steal<py::object>(PyUnicode_AsEncodedString(obj.ptr(), "utf-8", "surrogatepass"));
  if (!bytes) throw py::error_already_set();
  return std::string(PyBytes_AS_STRING(bytes.ptr()), static_cast<size_t>(PyBytes_GET_SIZE(bytes.ptr())));
}

// A str from engine bytes: strict UTF-8, else surrogatepass, else U+FFFD.
py::object str_of(std::string_view s) {
  PyObject* o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "surrogatepass");
  if (!o) {
    PyErr_Clear();
    o = PyUnicode_DecodeUTF8(s.data(), static_cast<Py_ssize_t>(s.size()), "replace");
    if (!o) throw py::error_already_set();
  }
  return py::reinterpret_steal<py::object>(o);
}

py::object str_or_none(const std::string& s) { return s.empty() ? py::object(py::none()) : str_of(s); }

py::object substring(py::handle text, int64_t start, int64_t end) {
  PyObject* o = PyUnicode_Substring(text.ptr(), start, end);
  if (!o) throw py::error_already_set();
  return py::reinterpret_steal<py::object>(o);
}

// The CLI prints confidence with three decimals; Python gets the same number.
double round3(float x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(x));
  return std::strtod(buf, nullptr);
}

const char* kind_name(QuoteKind k) { return quote_kind_name(k); }

QuoteKind parse_kind(const std::string& s) {
  if (s == "direct") return QuoteKind::kDirect;
  if (s == "mixed") return QuoteKind::kMixed;
  if (s == "indirect") return QuoteKind::kIndirect;
  throw Error(ErrorCode::kBadInput, "kind must be \"direct\", \"mixed\" or \"indirect\", not \"" + s + "\"");
}

// ------------------------------------------------------------ result objects

struct PySpeaker {
  py::object name, mention, start, end, role, org, type;
};

struct PyCue {
  py::object text;
  int64_t start = 0, end = 0;
};

struct PyQuote {
  py::object text;
  int64_t start = 0, end = 0;
  py::object spans;    // list[tuple[int, int]]
  py::object kind;     // "direct" | "mixed" | "indirect"
  py::object speaker;  // PySpeaker | None
  py::object cue;      // PyCue | None
  double confidence = 0;
};

py::dict speaker_dict(const PySpeaker& s) {
  py::dict d;
  d["name"] = s.name;
  d["mention"] = s.mention;
  d["start"] = s.start;
  d["end"] = s.end;
  d["role"] = s.role;
  d["org"] = s.org;
  d["type"] = s.type;
  return d;
}

py::dict cue_dict(const PyCue& c) {
  py::dict d;
  d["text"] = c.text;
  d["start"] = c.start;
  d["end"] = c.end;
  return d;
}

// The README's JSON schema, with code-point offsets.
py::dict quote_dict(const PyQuote& q) {
  py::dict d;
  d["text"] = q.text;
  d["start"] = q.start;
  d["end"] = q.end;
  py::list spans;
  for (py::handle s : q.spans) spans.append(py::list(py::reinterpret_borrow<py::object>(s)));
  d["spans"] = spans;
  d["kind"] = q.kind;
  d["speaker"] = q.speaker.is_none() ? py::object(py::none()) : py::object(speaker_dict(q.speaker.cast<const PySpeaker&>()));
  d["cue"] = q.cue.is_none() ? py::object(py::none()) : py::object(cue_dict(q.cue.cast<const PyCue&>()));
  d["confidence"] = q.confidence;
  return d;
}

py::object opt_int(py::handle h) { return h.is_none() ? py::object(py::none()) : py::object(py::int_(h.cast<int64_t>())); }
py::object opt_str(py::handle h) { return h.is_none() ? py::object(py::none()) : py::object(py::str(h)); }

PySpeaker speaker_from_dict(const py::dict& d) {
  return PySpeaker{opt_str(d["name"]), opt_str(d["mention"]), opt_int(d["start"]),
                   opt_int(d["end"]),  opt_str(d["role"]),    opt_str(d["org"]),
                   d.contains("type") ? opt_str(d["type"]) : py::object(py::none())};
}

PyCue cue_from_dict(const py::dict& d) {
  return PyCue{py::str(d["text"]), d["start"].cast<int64_t>(), d["end"].cast<int64_t>()};
}

PyQuote quote_from_dict(const py::dict& d) {
  PyQuote q;
  q.text = py::str(d["text"]);
  q.start = d["start"].cast<int64_t>();
  q.end = d["end"].cast<int64_t>();
  py::list spans;
  for (py::handle s : d["spans"]) {
    auto seq = s.cast<py::sequence>();
    spans.append(py::make_tuple(seq[0].cast<int64_t>(), seq[1].cast<int64_t>()));
  }
  q.spans = spans;
  q.kind = py::str(d["kind"]);
  py::object sp = d["speaker"];
  q.speaker = sp.is_none() ? py::object(py::none()) : py::cast(speaker_from_dict(sp.cast<py::dict>()));
  py::object cue = d["cue"];
  q.cue = cue.is_none() ? py::object(py::none()) : py::cast(cue_from_dict(cue.cast<py::dict>()));
  q.confidence = d["confidence"].cast<double>();
  return q;
}

// repr() of a str cut to `width` code points ("'Government will…'").
std::string short_repr(py::handle text, size_t width) {
  if (static_cast<size_t>(PyUnicode_GetLength(text.ptr())) <= width) return py::repr(text).cast<std::string>();
  return py::repr(substring(text, 0, static_cast<int64_t>(width))).cast<std::string>() + "...";
}

// ------------------------------------------------------------ conversion

// One quote as plain values, code-point offsets; built without the GIL.
struct ConvertedQuote {
  int64_t start = 0, end = 0;
  std::vector<std::pair<int64_t, int64_t>> spans;
  QuoteKind kind = QuoteKind::kDirect;
  bool has_speaker = false;
  std::string name, role, org;
  const char* type = nullptr;  // entity_type_name(), null when the speaker is unresolved
  bool has_mention = false;
  int64_t mention_start = 0, mention_end = 0;
  bool has_cue = false;
  int64_t cue_start = 0, cue_end = 0;
  double confidence = 0;
};

using ConvertedQuotes = std::vector<ConvertedQuote>;

// Per-thread scratch, reused between documents (no per-document vector growth).
struct Scratch {
  Document doc;
  CodepointMap map;
};

ConvertedQuotes convert(const Document& doc, CodepointMap& map) {
  map.clear();
  for (const Quote& q : doc.quotes) {
    map.add(q.span.begin);
    map.add(q.span.end);
    for (Span s : q.spans) {
      map.add(s.begin);
      map.add(s.end);
    }
    if (q.speaker && q.speaker->mention) {
      map.add(q.speaker->mention->begin);
      map.add(q.speaker->mention->end);
    }
    if (q.cue) {
      map.add(q.cue->begin);
      map.add(q.cue->end);
    }
  }
  map.build(doc.text());
  ConvertedQuotes out;
  out.reserve(doc.quotes.size());
  for (const Quote& q : doc.quotes) {
    ConvertedQuote c;
    c.start = map.at(q.span.begin);
    c.end = map.at(q.span.end);
    c.spans.reserve(q.spans.size());
    for (Span s : q.spans) c.spans.emplace_back(map.at(s.begin), map.at(s.end));
    c.kind = q.kind;
    if (q.speaker) {
      c.has_speaker = true;
      c.name = q.speaker->name;
      c.role = q.speaker->role;
      c.org = q.speaker->org;
      if (q.speaker->entity >= 0) c.type = entity_type_name(q.speaker->type);
      if (q.speaker->mention) {
        c.has_mention = true;
        c.mention_start = map.at(q.speaker->mention->begin);
        c.mention_end = map.at(q.speaker->mention->end);
      }
    }
    if (q.cue) {
      c.has_cue = true;
      c.cue_start = map.at(q.cue->begin);
      c.cue_end = map.at(q.cue->end);
    }
    c.confidence = round3(q.confidence);
    out.push_back(std::move(c));
  }
  return out;
}

// Python Quote objects for one document; `text` is the caller's str.
py::list to_python(const ConvertedQuotes& quotes, py::handle text) {
  py::list out(quotes.size());
  size_t i = 0;
  for (const ConvertedQuote& c : quotes) {
    PyQuote q;
    q.text = substring(text, c.start, c.end);
    q.start = c.start;
    q.end = c.end;
    py::list spans(c.spans.size());
    for (size_t k = 0; k < c.spans.size(); ++k) spans[k] = py::make_tuple(c.spans[k].first, c.spans[k].second);
    q.spans = std::move(spans);
    q.kind = py::str(kind_name(c.kind));
    if (c.has_speaker) {
      PySpeaker s;
      s.name = str_or_none(c.name);
      if (c.has_mention) {
        s.mention = substring(text, c.mention_start, c.mention_end);
        s.start = py::int_(c.mention_start);
        s.end = py::int_(c.mention_end);
      } else {
        s.mention = s.start = s.end = py::none();
      }
      s.role = str_or_none(c.role);
      s.org = str_or_none(c.org);
      s.type = c.type ? py::object(py::str(c.type)) : py::object(py::none());
      q.speaker = py::cast(std::move(s));
    } else {
      q.speaker = py::none();
    }
    if (c.has_cue) {
      q.cue = py::cast(PyCue{substring(text, c.cue_start, c.cue_end), c.cue_start, c.cue_end});
    } else {
      q.cue = py::none();
    }
    q.confidence = c.confidence;
    out[i++] = py::cast(std::move(q));
  }
  return out;
}

struct Failure {
  size_t index = 0;
  std::exception_ptr error;
  explicit operator bool() const { return error != nullptr; }
};

// `threads` as the Python API takes it: 0 (one per core) to 1024.
void check_threads(int threads) {
  if (threads < 0 || threads > 1024)
    throw py::value_error("threads must be between 0 (one per core) and 1024, got " + std::to_string(threads));
}

// Runs fn(i, scratch) for i in [0, n) on `threads` threads (0: one per core).
// Returns the error of the lowest failing index, if any; the others still run.
template <typename Fn>
Failure run_parallel(size_t n, int threads, Fn fn) {
  size_t t = threads > 0 ? static_cast<size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
  t = std::min(t, n);
  std::vector<std::exception_ptr> errors(n);
  std::atomic<size_t> next{0};
  auto work = [&] {
    thread_local Scratch scratch;
    for (size_t i; (i = next.fetch_add(1)) < n;) {
      try {
        fn(i, scratch);
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  if (t <= 1) {
    work();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(t);
    for (size_t k = 0; k < t; ++k) pool.emplace_back(work);
    for (auto& th : pool) th.join();
  }
  for (size_t i = 0; i < n; ++i)
    if (errors[i]) return Failure{i, errors[i]};
  return Failure{};
}

// Rethrows `e` with "WHERE: " in front of a whosaid::Error's message.
[[noreturn]] void rethrow_at(std::exception_ptr e, const std::string& where) {
  try {
    std::rethrow_exception(e);
  } catch (const Error& err) {
    throw Error(err.code(), where + ": " + err.what());
  }
}

// ------------------------------------------------------------ Extractor

class PyExtractor {
 public:
  PyExtractor(bool indirect, float min_confidence) : extractor_(make_options(indirect, min_confidence)) {}

  bool indirect() const { return extractor_.options().indirect; }
  float min_confidence() const { return extractor_.options().min_confidence; }
  const Extractor& engine() const { return extractor_; }

  py::list extract(py::object text) const {
    std::string bytes = utf8_of(text, "text");
    ConvertedQuotes quotes;
    {
      py::gil_scoped_release release;
      thread_local Scratch scratch;
      scratch.doc.reset(std::move(bytes));
      extractor_.run(scratch.doc);
      quotes = convert(scratch.doc, scratch.map);
    }
    return to_python(quotes, text);
  }

  py::list extract_many(py::iterable texts, int threads) const {
    // A str is iterable too: its characters would each be an article.
    if (py::isinstance<py::str>(texts) || py::isinstance<py::bytes>(texts))
      throw py::type_error("extract_many takes an iterable of texts, not one text (use extract)");
    check_threads(threads);
    std::vector<py::object> objects;
    std::vector<std::string> bytes;
    for (py::handle h : texts) {
      bytes.push_back(utf8_of(h, "every text"));
      objects.push_back(py::reinterpret_borrow<py::object>(h));
    }
    const size_t n = bytes.size();
    std::vector<ConvertedQuotes> results(n);
    Failure failure;
    {
      py::gil_scoped_release release;
      failure = run_parallel(n, threads, [&](size_t i, Scratch& s) {
        s.doc.reset(std::move(bytes[i]));
        extractor_.run(s.doc);
        results[i] = convert(s.doc, s.map);
      });
    }
    if (failure) rethrow_at(failure.error, "texts[" + std::to_string(failure.index) + "]");
    py::list out(n);
    for (size_t i = 0; i < n; ++i) out[i] = to_python(results[i], objects[i]);
    return out;
  }

 private:
  static ExtractorOptions make_options(bool indirect, float min_confidence) {
    if (!(min_confidence >= 0.0f && min_confidence <= 1.0f))
      throw Error(ErrorCode::kBadInput, "min_confidence must be between 0 and 1");
    ExtractorOptions o;
    o.indirect = indirect;
    o.min_confidence = min_confidence;
    return o;
  }

  Extractor extractor_;
};

// ------------------------------------------------------------ records and files

py::dict record_dict(const ingest::Record& r) {
  py::dict d;
  d["id"] = str_or_none(r.info.source_id);
  d["url"] = str_or_none(r.info.url);
  d["outlet"] = str_or_none(r.info.outlet);
  d["date"] = str_or_none(r.info.date);
  d["title"] = str_or_none(r.info.title);
  d["text"] = str_of(r.text);
  d["origin"] = str_or_none(r.origin);
  return d;
}

using Rejections = std::vector<std::pair<std::string, std::string>>;

void report_rejections(const Rejections& rejections, py::object on_reject) {
  if (rejections.empty()) return;
  if (on_reject.is_none()) on_reject = py::module_::import("whosaid._report").attr("warn_rejected");
  for (const auto& [where, why] : rejections) on_reject(str_of(where), str_of(why));
}

py::list read_records(const std::string& path, py::object on_reject) {
  std::vector<ingest::Record> records;
  Rejections rejections;
  {
    py::gil_scoped_release release;
    ingest::read_input(
        path, [&](ingest::Record&& r) { records.push_back(std::move(r)); },
        [&](const std::string& where, const std::string& why) { rejections.emplace_back(where, why); });
  }
  report_rejections(rejections, std::move(on_reject));
  py::list out(records.size());
  for (size_t i = 0; i < records.size(); ++i) out[i] = record_dict(records[i]);
  return out;
}

std::vector<std::string> expand_inputs(const std::vector<std::string>& paths, py::object on_reject) {
  std::vector<std::string> files;
  Rejections rejections;
  {
    py::gil_scoped_release release;
    files = ingest::expand_inputs(
        paths, [&](const std::string& where, const std::string& why) { rejections.emplace_back(where, why); });
  }
  report_rejections(rejections, std::move(on_reject));
  return files;
}

// ------------------------------------------------------------ Store

py::dict stored_quote_dict(const StoredQuote& q) {
  py::dict d;
  d["id"] = q.id;
  d["text"] = str_of(q.text);
  d["kind"] = kind_name(q.kind);
  d["speaker"] = str_or_none(q.speaker);
  d["speaker_id"] = q.speaker_id ? py::object(py::int_(q.speaker_id)) : py::object(py::none());
  d["mention"] = str_or_none(q.mention);
  d["role"] = str_or_none(q.role);
  d["org"] = str_or_none(q.org);
  d["cue"] = str_or_none(q.cue);
  d["confidence"] = round3(q.confidence);
  d["statement_id"] = q.statement_id ? py::object(py::int_(q.statement_id)) : py::object(py::none());
  py::list spans;
  for (Span s : q.spans) spans.append(py::make_tuple(s.begin, s.end));
  d["byte_spans"] = spans;
  d["article_id"] = q.article_id;
  d["source_id"] = str_or_none(q.source_id);
  d["url"] = str_or_none(q.url);
  d["outlet"] = str_or_none(q.outlet);
  d["date"] = str_or_none(q.date);
  d["title"] = str_or_none(q.title);
  d["score"] = q.score;
  d["other_articles"] = q.other_articles;
  return d;
}

py::dict summary_dict(const SpeakerSummary& s) {
  py::dict d;
  d["id"] = s.id;
  d["name"] = str_of(s.name);
  d["quotes"] = s.quotes;
  d["articles"] = s.articles;
  d["first_seen"] = str_or_none(s.first_seen);
  d["last_seen"] = str_or_none(s.last_seen);
  d["role"] = str_or_none(s.role);
  d["org"] = str_or_none(s.org);
  return d;
}

py::dict profile_dict(const SpeakerProfile& p) {
  py::dict d = summary_dict(p.summary);
  py::list aliases, roles;
  for (const auto& a : p.aliases) aliases.append(py::dict(py::arg("alias") = str_of(a.alias), py::arg("quotes") = a.quotes));
  for (const auto& r : p.roles)
    roles.append(py::dict(py::arg("role") = str_or_none(r.role), py::arg("org") = str_or_none(r.org),
                          py::arg("first_seen") = str_or_none(r.first_seen),
                          py::arg("last_seen") = str_or_none(r.last_seen), py::arg("quotes") = r.quotes));
  d["aliases"] = aliases;
  d["roles"] = roles;
  py::dict per_month, outlets;
  for (const auto& [m, n] : p.per_month) per_month[str_of(m)] = n;
  for (const auto& [o, n] : p.outlets) outlets[str_of(o)] = n;
  d["per_month"] = per_month;
  d["outlets"] = outlets;
  return d;
}

// A record offered to Store.ingest: a str, or a mapping with "text".
struct PendingArticle {
  size_t index = 0;
  ArticleInfo info;
  std::string text;
  bool skip = false;  // already stored unchanged
  std::optional<Document> doc;
  std::string error;  // why the extractor refused it
};

// Store.ingest keeps only valid UTF-8: each lone surrogate (written by utf8_of
// in its 3-byte surrogatepass form, ED A0..BF xx) becomes U+FFFD, also 3 bytes
// and one code point, so offsets are unchanged. Stored text then exports as JSON.
std::string without_surrogates(std::string s) {
  for (size_t i = 0; i + 2 < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) == 0xED && (static_cast<unsigned char>(s[i + 1]) & 0xE0) == 0xA0 &&
        (static_cast<unsigned char>(s[i + 2]) & 0xC0) == 0x80) {
      s[i] = static_cast<char>(0xEF);
      s[i + 1] = static_cast<char>(0xBF);
      s[i + 2] = static_cast<char>(0xBD);
      i += 2;
    }
  }
  return s;
}

std::string field_of(const py::dict& d, const char* key) {
  if (!d.contains(key)) return {};
  py::object v = d[key];
  if (v.is_none()) return {};
  if (PyUnicode_Check(v.ptr())) return without_surrogates(utf8_of(v, key));
  return without_surrogates(utf8_of(py::str(v), key));
}

// Returns a reason when the record cannot be stored.
std::string to_pending(py::handle h, PendingArticle& out) {
  if (PyUnicode_Check(h.ptr())) {
    out.text = without_surrogates(utf8_of(h, "text"));
  } else if (py::isinstance<py::dict>(h)) {
    auto d = py::reinterpret_borrow<py::dict>(h);
    if (!d.contains("text")) return "no \"text\" field";
    py::object t = d["text"];
    if (!PyUnicode_Check(t.ptr())) return "\"text\" is not a str";
    out.text = without_surrogates(utf8_of(t, "text"));
    out.info.source_id = field_of(d, "id");
    out.info.url = field_of(d, "url");
    out.info.outlet = field_of(d, "outlet");
    out.info.title = field_of(d, "title");
    if (out.info.title.empty()) out.info.title = ingest::headline(out.text);
    std::string date = field_of(d, "date");
    std::string norm = ingest::normalise_date(date);
    out.info.date = norm.empty() ? date : norm;
    out.info.origin = field_of(d, "origin");
  } else {
    return std::string("not a str or dict but ") + Py_TYPE(h.ptr())->tp_name;
  }
  if (out.text.find_first_not_of(" \t\r\n") == std::string::npos) return "empty \"text\"";
  if (out.info.origin.empty()) out.info.origin = "records[" + std::to_string(out.index) + "]";
  return {};
}

class PyStore {
 public:
  PyStore(const std::string& path, bool read_only, bool create) : path_(path) {
    StoreOptions o;
    o.read_only = read_only;
    o.create = create;
    py::gil_scoped_release release;
    store_ = std::make_unique<Store>(path, o);
  }

  const std::string& path() const { return path_; }

  void close() {
    py::gil_scoped_release release;
    std::lock_guard lock(mu_);
    store_.reset();
  }

  bool closed() const { return store_ == nullptr; }

  py::dict ingest(py::iterable records, int threads, size_t batch, bool indirect, float min_confidence) {
    check_threads(threads);
    PyExtractor extractor(indirect, min_confidence);
    if (batch == 0) batch = 1;
    uint64_t read = 0, added = 0, replaced = 0, unchanged = 0, rejected = 0, quotes = 0;
    py::list errors;
    py::iterator it = py::iter(records);
    size_t index = 0;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mu_);
      Store& store = open_store();
      for (;;) {
        std::vector<PendingArticle> pending;
        {
          py::gil_scoped_acquire acquire;
          while (pending.size() < batch) {
            PyObject* item = PyIter_Next(it.ptr());
            if (!item) {
              if (PyErr_Occurred()) throw py::error_already_set();
              break;
            }
            auto obj = py::reinterpret_steal<py::object>(item);
            PendingArticle a;
            a.index = index++;
            ++read;
            std::string why = to_pending(obj, a);
            if (!why.empty()) {
              ++rejected;
              errors.append(py::str("records[" + std::to_string(a.index) + "]: " + why));
              continue;
            }
            pending.push_back(std::move(a));
          }
        }
        if (pending.empty()) break;
        for (auto& a : pending) a.skip = store.contains(a.info, a.text);
        // A failure is per article: its doc stays empty and it is reported below.
        run_parallel(pending.size(), threads, [&](size_t i, Scratch&) {
          PendingArticle& a = pending[i];
          if (a.skip) return;
          try {
            a.doc = extractor.engine().extract(a.text, a.info.source_id);
          } catch (const Error& e) {
            a.error = e.what();
          }
        });
        store.begin();
        try {
          for (auto& a : pending) {
            if (a.skip) {
              ++unchanged;
              continue;
            }
            if (!a.doc) {
              ++rejected;
              py::gil_scoped_acquire acquire;
              errors.append(str_of("records[" + std::to_string(a.index) + "]: " + a.error));
              continue;
            }
            switch (store.add(a.info, *a.doc)) {
              case AddOutcome::kAdded: ++added; break;
              case AddOutcome::kReplaced: ++replaced; break;
              case AddOutcome::kUnchanged: ++unchanged; break;
            }
            quotes += a.doc->quotes.size();
          }
          store.commit();
        } catch (...) {
          if (store.in_transaction()) store.rollback();
          throw;
        }
      }
    }
    py::dict summary;
    summary["read"] = read;
    summary["added"] = added;
    summary["replaced"] = replaced;
    summary["unchanged"] = unchanged;
    summary["rejected"] = rejected;
    summary["quotes"] = quotes;
    summary["errors"] = errors;
    return summary;
  }

  py::list search(const std::string& text, const std::string& speaker, const std::string& role,
                  const std::string& outlet, const std::string& from, const std::string& to,
                  std::optional<std::string> kind, size_t limit) {
    SearchQuery q;
    q.text = text;
    q.speaker = speaker;
    q.role = role;
    q.outlet = outlet;
    q.from = from;
    q.to = to;
    if (kind) q.kind = parse_kind(*kind);
    q.limit = limit;
    std::vector<StoredQuote> hits;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mu_);
      hits = open_store().search(q);
    }
    py::list out(hits.size());
    for (size_t i = 0; i < hits.size(); ++i) out[i] = stored_quote_dict(hits[i]);
    return out;
  }

  py::list speakers(size_t top) {
    std::vector<SpeakerSummary> list;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mu_);
      list = open_store().speakers(top);
    }
    py::list out(list.size());
    for (size_t i = 0; i < list.size(); ++i) out[i] = summary_dict(list[i]);
    return out;
  }

  std::vector<int64_t> find_speakers(const std::string& name) {
    py::gil_scoped_release release;
    std::lock_guard lock(mu_);
    return open_store().find_speakers(name);
  }

  py::list speaker(const std::string& name) {
    std::vector<SpeakerProfile> profiles;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mu_);
      Store& store = open_store();
      for (int64_t id : store.find_speakers(name))
        if (auto p = store.speaker(id)) profiles.push_back(std::move(*p));
    }
    py::list out(profiles.size());
    for (size_t i = 0; i < profiles.size(); ++i) out[i] = profile_dict(profiles[i]);
    return out;
  }

  void merge_speakers(int64_t into, int64_t from) {
    py::gil_scoped_release release;
    std::lock_guard lock(mu_);
    open_store().merge_speakers(into, from);
  }

  int64_t split_speaker(int64_t speaker, const std::vector<std::string>& aliases) {
    py::gil_scoped_release release;
    std::lock_guard lock(mu_);
    return open_store().split_speaker(speaker, aliases);
  }

  py::list conflicts(size_t limit) {
    std::vector<StatementConflict> list;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mu_);
      list = open_store().conflicts(limit);
    }
    py::list out;
    for (const auto& c : list) {
      py::list sides;
      for (const auto& s : c.sides) {
        py::list outlets;
        for (const auto& o : s.outlets) outlets.append(str_of(o));
        sides.append(py::dict(py::arg("speaker_id") = s.speaker_id, py::arg("speaker") = str_of(s.speaker),
                              py::arg("quotes") = s.quotes, py::arg("outlets") = outlets,
                              py::arg("first_seen") = str_or_none(s.first_seen),
                              py::arg("example_url") = str_or_none(s.example_url)));
      }
      out.append(py::dict(py::arg("statement_id") = c.statement_id, py::arg("text") = str_of(c.text),
                          py::arg("first_seen") = str_or_none(c.first_seen), py::arg("sides") = sides));
    }
    return out;
  }

  py::dict stats() {
    StoreStats s;
    {
      py::gil_scoped_release release;
      std::lock_guard lock(mu_);
      s = open_store().stats();
    }
    return py::dict(py::arg("articles") = s.articles, py::arg("quotes") = s.quotes,
                    py::arg("speakers") = s.speakers, py::arg("statements") = s.statements);
  }

  std::string integrity_check() {
    py::gil_scoped_release release;
    std::lock_guard lock(mu_);
    return open_store().integrity_check();
  }

 private:
  // Call with mu_ held.
  Store& open_store() {
    if (!store_) throw Error(ErrorCode::kBadInput, path_ + ": the store is closed");
    return *store_;
  }

  std::string path_;
  std::mutex mu_;  // one connection; always taken with the GIL released
  std::unique_ptr<Store> store_;
};

// ------------------------------------------------------------ errors

const char* error_class_name(ErrorCode code) {
  switch (code) {
    case ErrorCode::kBadInput: return "BadInputError";
    case ErrorCode::kIo:
    case ErrorCode::kNotFound: return "IoError";
    case ErrorCode::kModel: return "ModelError";
    case ErrorCode::kStore: return "StoreError";
    case ErrorCode::kInternal: return "InternalError";
  }
  return "Error";
}

void translate_error(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const Error& e) {
    py::object cls = py::module_::import("whosaid.errors").attr(error_class_name(e.code()));
    PyErr_SetString(cls.ptr(), e.what());
  }
}

}  // namespace
}  // namespace whosaid::python

PYBIND11_MODULE(_whosaid, m) {
  using namespace whosaid::python;
  namespace ws = whosaid;
  m.doc() = "C++ core of the whosaid Python module; use the `whosaid` package.";
  m.attr("__version__") = WHOSAID_VERSION;
  m.attr("MAX_DOCUMENT_BYTES") = ws::kMaxDocumentBytes;
  py::register_exception_translator(&translate_error);

  py::class_<PySpeaker>(m, "Speaker", "Who said a quote. Offsets are str indices into the article text.")
      .def_readonly("name", &PySpeaker::name, "The resolved person or body (\"John Key\" for \"he\"); None if unknown.")
      .def_readonly("mention", &PySpeaker::mention, "The source as written in the quote's sentence, or None.")
      .def_readonly("start", &PySpeaker::start, "Start of the mention in the text, or None.")
      .def_readonly("end", &PySpeaker::end, "End of the mention in the text, or None.")
      .def_readonly("role", &PySpeaker::role, "Role written with the speaker (\"Prime Minister\"), or None.")
      .def_readonly("org", &PySpeaker::org, "Party or organisation (\"Labour\"), or None.")
      .def_readonly("type", &PySpeaker::type,
                    "\"person\", \"organisation\" or \"document\" (docs/types.md); None when unresolved.")
      .def("to_dict", &speaker_dict, "The speaker as a dict (the CLI's JSON schema).")
      .def("__eq__", [](const PySpeaker& a, py::object b) {
        return py::isinstance<PySpeaker>(b) && speaker_dict(a).equal(speaker_dict(b.cast<const PySpeaker&>()));
      })
      .def("__repr__", [](const PySpeaker& s) {
        return "Speaker(name=" + py::repr(s.name).cast<std::string>() + ", role=" + py::repr(s.role).cast<std::string>() +
               ", org=" + py::repr(s.org).cast<std::string>() + ")";
      })
      .def(py::pickle([](const PySpeaker& s) { return speaker_dict(s); },
                      [](py::dict d) { return speaker_from_dict(d); }));

  py::class_<PyCue>(m, "Cue", "The attribution cue (\"said\", \"according to\", \":\").")
      .def_readonly("text", &PyCue::text)
      .def_readonly("start", &PyCue::start)
      .def_readonly("end", &PyCue::end)
      .def("to_dict", &cue_dict, "The cue as a dict.")
      .def("__eq__", [](const PyCue& a, py::object b) {
        return py::isinstance<PyCue>(b) && cue_dict(a).equal(cue_dict(b.cast<const PyCue&>()));
      })
      .def("__repr__", [](const PyCue& c) {
        return "Cue(text=" + py::repr(c.text).cast<std::string>() + ", start=" + std::to_string(c.start) +
               ", end=" + std::to_string(c.end) + ")";
      })
      .def(py::pickle([](const PyCue& c) { return cue_dict(c); }, [](py::dict d) { return cue_from_dict(d); }));

  py::class_<PyQuote>(m, "Quote",
                      "One attribution: what a source said and who. `start`/`end` are str indices, so "
                      "text[q.start:q.end] == q.text.")
      .def_readonly("text", &PyQuote::text, "The content, first fragment to last (quotation marks excluded).")
      .def_readonly("start", &PyQuote::start)
      .def_readonly("end", &PyQuote::end)
      .def_readonly("spans", &PyQuote::spans, "Content fragments as (start, end) str indices.")
      .def_readonly("kind", &PyQuote::kind, "\"direct\", \"mixed\" or \"indirect\".")
      .def_readonly("speaker", &PyQuote::speaker, "A Speaker, or None when no source was found.")
      .def_readonly("cue", &PyQuote::cue, "A Cue, or None.")
      .def_readonly("confidence", &PyQuote::confidence, "0-1, three decimals like the CLI.")
      .def("to_dict", &quote_dict, "The quote as a dict: the CLI's JSON schema with str-index offsets.")
      .def_static("from_dict", [](py::dict d) { return quote_from_dict(d); }, py::arg("d"),
                  "Rebuilds a Quote from to_dict() output.")
      .def("__eq__", [](const PyQuote& a, py::object b) {
        return py::isinstance<PyQuote>(b) && quote_dict(a).equal(quote_dict(b.cast<const PyQuote&>()));
      })
      .def("__repr__", [](const PyQuote& q) {
        std::string who = q.speaker.is_none() ? "None" : py::repr(q.speaker.cast<const PySpeaker&>().name).cast<std::string>();
        return "Quote(" + short_repr(q.text, 60) + ", speaker=" + who + ", kind=" +
               q.kind.cast<std::string>() + ", start=" + std::to_string(q.start) + ", end=" + std::to_string(q.end) + ")";
      })
      .def(py::pickle([](const PyQuote& q) { return quote_dict(q); }, [](py::dict d) { return quote_from_dict(d); }));

  py::class_<PyExtractor>(m, "Extractor", R"doc(The quotation extractor; construct once and reuse.

    ex = whosaid.Extractor(indirect=True, min_confidence=0.0)
    quotes = ex.extract(text)                     # list[Quote]
    batches = ex.extract_many(texts, threads=4)   # list[list[Quote]], input order

Thread-safe: one Extractor may be used from many threads at once, and the GIL is
released while it works, so Python threads run in parallel. `indirect=False`
keeps only quotations in quotation marks; `min_confidence` drops uncertain ones.)doc")
      .def(py::init<bool, float>(), py::kw_only(), py::arg("indirect") = true, py::arg("min_confidence") = 0.0f)
      .def_property_readonly("indirect", &PyExtractor::indirect, "Whether reported speech without quotation marks is kept.")
      .def_property_readonly("min_confidence", &PyExtractor::min_confidence, "Quotes below this confidence are dropped.")
      .def("extract", &PyExtractor::extract, py::arg("text"), R"doc(The quotes in one article, in text order.

Offsets are str indices: text[q.start:q.end] == q.text. Raises BadInputError for a
text over MAX_DOCUMENT_BYTES (in UTF-8) and TypeError for a non-str.)doc")
      .def("extract_many", &PyExtractor::extract_many, py::arg("texts"), py::kw_only(), py::arg("threads") = 0,
           R"doc(The quotes of many articles, one list per text in input order.

Runs on `threads` C++ threads (0: one per core) without the GIL. The results do not
depend on the thread count. A failing text raises its error, naming its index.)doc")
      .def(py::pickle([](const PyExtractor& e) { return py::make_tuple(e.indirect(), e.min_confidence()); },
                      [](py::tuple t) { return PyExtractor(t[0].cast<bool>(), t[1].cast<float>()); }));

  m.def("read_records", &read_records, py::arg("path"), py::arg("on_reject") = py::none(),
        R"doc(The articles of one file, read as `whosaid ingest` reads it (format by extension or content):
JSONL, plain text, HTML, WARC or WARC.gz. Returns dicts with id, url, outlet, date, title,
text and origin ("file.jsonl:12", "crawl.warc.gz@1234"); missing fields are None. Bad records
are skipped and passed to on_reject(where, why), or warned about (RejectedRecordWarning).
Raises IoError when the file cannot be opened.)doc");
  m.def("expand_inputs", &expand_inputs, py::arg("paths"), py::arg("on_reject") = py::none(),
        "The files named by `paths`, folders expanded recursively (sorted, hidden files skipped); "
        "missing paths go to on_reject(where, why) or a warning.");

  py::class_<PyStore>(m, "Store")
      .def(py::init<const std::string&, bool, bool>(), py::arg("path"), py::kw_only(), py::arg("read_only") = false,
           py::arg("create") = true)
      .def_property_readonly("path", &PyStore::path)
      .def_property_readonly("closed", &PyStore::closed)
      .def("close", &PyStore::close, "Closes the database connection; later calls raise whosaid.Error.")
      .def("ingest", &PyStore::ingest, py::arg("records"), py::kw_only(), py::arg("threads") = 0,
           py::arg("batch") = 256, py::arg("indirect") = true, py::arg("min_confidence") = 0.0f)
      .def("_search", &PyStore::search, py::arg("text"), py::arg("speaker"), py::arg("role"), py::arg("outlet"),
           py::arg("from_"), py::arg("to"), py::arg("kind"), py::arg("limit"))
      .def("_speakers", &PyStore::speakers, py::arg("top"))
      .def("_speaker", &PyStore::speaker, py::arg("name"))
      .def("find_speakers", &PyStore::find_speakers, py::arg("name"),
           "Ids of the speakers matching a name, alias, surname or \"#id\".")
      .def("merge_speakers", &PyStore::merge_speakers, py::arg("into"), py::arg("from_"),
           "Moves everything of speaker `from_` into speaker `into` and deletes `from_`.")
      .def("split_speaker", &PyStore::split_speaker, py::arg("speaker"), py::arg("aliases"),
           "Moves the given aliases of `speaker` (and their quotes) to a new speaker; returns its id.")
      .def("_conflicts", &PyStore::conflicts, py::arg("limit"))
      .def("stats", &PyStore::stats, "Counts: articles, quotes, speakers, statements.")
      .def("integrity_check", &PyStore::integrity_check, "\"ok\", or SQLite's description of the damage.");
}

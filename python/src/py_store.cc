// whosaid.Store: the quote database (whosaid/store.h) for Python: ingesting
// records extracted on C++ threads, search, speakers and conflicts as dicts.
// One connection per object, used with the GIL released under a mutex.
#include <pybind11/stl.h>

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "ingest/html.h"
#include "ingest/readers.h"
#include "parallel.h"
#include "py_extractor.h"
#include "quote_objects.h"
#include "store/hit_json.h"
#include "str_utf8.h"
#include "whosaid/error.h"
#include "whosaid/store.h"

namespace whosaid::python {
namespace {

QuoteKind parse_kind(const std::string& s) {
  if (s == "direct") return QuoteKind::kDirect;
  if (s == "mixed") return QuoteKind::kMixed;
  if (s == "indirect") return QuoteKind::kIndirect;
  throw Error(ErrorCode::kBadInput, "kind must be \"direct\", \"mixed\" or \"indirect\", not \"" + s + "\"");
}

// A search hit as a dict: the JSON object of `whosaid search --format json`
// (store/hit_json.h), through the one writer every output uses.
py::object stored_quote_dict(const StoredQuote& q) {
  return py::module_::import("json").attr("loads")(py::str(hit_json(q)));
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

}  // namespace

void bind_store(py::module_& m) {
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

}  // namespace whosaid::python

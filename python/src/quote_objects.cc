#include "quote_objects.h"

#include <cstdio>
#include <cstdlib>

#include "bindings.h"
#include "io/quote_text.h"
#include "str_utf8.h"

namespace whosaid::python {

namespace {

py::object opt_int(py::handle h) { return h.is_none() ? py::object(py::none()) : py::object(py::int_(h.cast<int64_t>())); }
py::object opt_str(py::handle h) { return h.is_none() ? py::object(py::none()) : py::object(py::str(h)); }

// repr() of a str cut to `width` code points ("'Government will…'").
std::string short_repr(py::handle text, size_t width) {
  if (static_cast<size_t>(PyUnicode_GetLength(text.ptr())) <= width) return py::repr(text).cast<std::string>();
  return py::repr(substring(text, 0, static_cast<int64_t>(width))).cast<std::string>() + "...";
}

}  // namespace

double round3(float x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.3f", static_cast<double>(x));
  return std::strtod(buf, nullptr);
}

const char* kind_name(QuoteKind k) { return quote_kind_name(k); }

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

ConvertedQuotes convert(const Document& doc, CodepointMap& map) {
  map.clear();
  std::vector<std::vector<QuoteTextPiece>> pieces;
  pieces.reserve(doc.quotes.size());
  for (const Quote& q : doc.quotes) {
    pieces.push_back(quote_text_pieces(doc, q));
    for (const QuoteTextPiece& p : pieces.back()) {
      if (p.joiner) continue;
      map.add(p.span.begin);
      map.add(p.span.end);
    }
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
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    ConvertedQuote c;
    for (const QuoteTextPiece& p : pieces[i])
      c.text_pieces.emplace_back(p.joiner ? -1 : map.at(p.span.begin), p.joiner ? -1 : map.at(p.span.end));
    c.start = map.at(q.span.begin);
    c.end = map.at(q.span.end);
    c.spans.reserve(q.spans.size());
    for (Span s : q.spans) c.spans.emplace_back(map.at(s.begin), map.at(s.end));
    c.kind = q.kind;
    if (q.speaker) {
      c.has_speaker = true;
      c.name = q.speaker->name;
      c.role = doc.speaker_role(*q.speaker);
      c.org = doc.speaker_org(*q.speaker);
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

py::list to_python(const ConvertedQuotes& quotes, py::handle text) {
  py::list out(quotes.size());
  size_t i = 0;
  for (const ConvertedQuote& c : quotes) {
    PyQuote q;
    if (c.text_pieces.size() == 1) {
      q.text = substring(text, c.text_pieces[0].first, c.text_pieces[0].second);
    } else {
      py::list parts;
      for (auto [b, e] : c.text_pieces)
        parts.append(b < 0 ? py::str(std::string(kFragmentJoiner)) : substring(text, b, e));
      q.text = py::str("").attr("join")(parts);
    }
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

void bind_quote_objects(py::module_& m) {
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
                      "One attribution: what a source said and who. `start`/`end` are str indices; "
                      "q.text is text[q.start:q.end] for a quote of one fragment (README: Output schema).")
      .def_readonly("text", &PyQuote::text, "The content: its fragments joined by ' \u2026 ', a mixed quote's quotation marks balanced.")
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
}

}  // namespace whosaid::python

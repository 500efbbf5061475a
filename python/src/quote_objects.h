// The Python result objects (Quote, Speaker, Cue) and the conversion of a
// Document's quotes into them: byte offsets become code-point offsets
// (codepoints.h) without the GIL, then objects are built under it.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "codepoints.h"
#include "whosaid/document.h"
#include "whosaid/quote.h"

namespace whosaid::python {

namespace py = pybind11;

// The CLI prints confidence with three decimals; Python gets the same number.
double round3(float x);

const char* kind_name(QuoteKind k);

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

py::dict speaker_dict(const PySpeaker& s);
py::dict cue_dict(const PyCue& c);
// The README's JSON schema, with code-point offsets.
py::dict quote_dict(const PyQuote& q);

PySpeaker speaker_from_dict(const py::dict& d);
PyCue cue_from_dict(const py::dict& d);
PyQuote quote_from_dict(const py::dict& d);

// One quote as plain values, code-point offsets; built without the GIL.
struct ConvertedQuote {
  int64_t start = 0, end = 0;
  std::vector<std::pair<int64_t, int64_t>> spans;
  // The text as io/quote_text.h builds it: slices of the caller's str, and
  // {-1, -1} for the joiner between fragments.
  std::vector<std::pair<int64_t, int64_t>> text_pieces;
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

ConvertedQuotes convert(const Document& doc, CodepointMap& map);

// Python Quote objects for one document; `text` is the caller's str.
py::list to_python(const ConvertedQuotes& quotes, py::handle text);

}  // namespace whosaid::python

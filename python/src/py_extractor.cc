#include "py_extractor.h"

#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "parallel.h"
#include "quote_objects.h"
#include "str_utf8.h"
#include "whosaid/error.h"

namespace whosaid::python {

namespace {

ExtractorOptions make_options(bool indirect, float min_confidence) {
  if (!(min_confidence >= 0.0f && min_confidence <= 1.0f))
    throw Error(ErrorCode::kBadInput, "min_confidence must be between 0 and 1");
  ExtractorOptions o;
  o.indirect = indirect;
  o.min_confidence = min_confidence;
  return o;
}

}  // namespace

PyExtractor::PyExtractor(bool indirect, float min_confidence)
    : extractor_(make_options(indirect, min_confidence)) {}

py::list PyExtractor::extract(py::object text) const {
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

py::list PyExtractor::extract_many(py::iterable texts, int threads) const {
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

void bind_extractor(py::module_& m) {
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
}

}  // namespace whosaid::python

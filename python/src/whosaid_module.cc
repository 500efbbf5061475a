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
//
// Files: str_utf8 (str <-> UTF-8), quote_objects (Quote, Speaker, Cue and the
// conversion of a Document), parallel (threads and their scratch space),
// py_extractor (Extractor), records (read_records, expand_inputs), py_store
// (Store); this file registers them and the error classes.
#include <pybind11/pybind11.h>

#include <exception>

#include "bindings.h"
#include "whosaid/error.h"
#include "whosaid/extractor.h"

namespace py = pybind11;

namespace whosaid::python {
namespace {

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

  bind_quote_objects(m);
  bind_extractor(m);
  bind_records(m);
  bind_store(m);
}

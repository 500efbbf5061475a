// The parts of the module whosaid._whosaid, each registered by its own file
// (whosaid_module.cc calls them in this order).
#pragma once

#include <pybind11/pybind11.h>

namespace whosaid::python {

namespace py = pybind11;

void bind_quote_objects(py::module_& m);  // quote_objects.cc: Speaker, Cue, Quote
void bind_extractor(py::module_& m);      // py_extractor.cc: Extractor
void bind_records(py::module_& m);        // records.cc: read_records, expand_inputs
void bind_store(py::module_& m);          // py_store.cc: Store

}  // namespace whosaid::python

// whosaid.Extractor: the engine with its options, extracting one text or many
// (on C++ threads, without the GIL).
#pragma once

#include <pybind11/pybind11.h>

#include "whosaid/extractor.h"

namespace whosaid::python {

namespace py = pybind11;

class PyExtractor {
 public:
  PyExtractor(bool indirect, float min_confidence);

  bool indirect() const { return extractor_.options().indirect; }
  float min_confidence() const { return extractor_.options().min_confidence; }
  const Extractor& engine() const { return extractor_; }

  py::list extract(py::object text) const;
  py::list extract_many(py::iterable texts, int threads) const;

 private:
  Extractor extractor_;
};

}  // namespace whosaid::python

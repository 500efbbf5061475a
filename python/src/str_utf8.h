// str <-> UTF-8 for the Python module. Lone surrogates in a str (which UTF-8
// cannot encode) travel as their 3-byte "surrogatepass" form.
#pragma once

#include <pybind11/pybind11.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace whosaid::python {

namespace py = pybind11;

// The UTF-8 bytes of a str; TypeError "WHAT must be str, not T" for another object.
std::string utf8_of(py::handle obj, const char* what);

// A str from engine bytes: strict UTF-8, else surrogatepass, else U+FFFD.
py::object str_of(std::string_view s);

// None for "", else str_of(s).
py::object str_or_none(const std::string& s);

// text[start:end] of a str, in code points.
py::object substring(py::handle text, int64_t start, int64_t end);

// Each lone surrogate in its surrogatepass form (ED A0..BF xx) becomes U+FFFD,
// also 3 bytes and one code point, so offsets are unchanged.
std::string without_surrogates(std::string s);

}  // namespace whosaid::python

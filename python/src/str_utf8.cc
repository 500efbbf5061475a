#include "str_utf8.h"

namespace whosaid::python {

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

}  // namespace whosaid::python

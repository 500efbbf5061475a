// read_records() and expand_inputs(): the files `whosaid ingest` reads, as
// Python dicts; rejected records go to a callback or a warning.
#include <pybind11/stl.h>

#include <string>
#include <utility>
#include <vector>

#include "bindings.h"
#include "ingest/readers.h"
#include "str_utf8.h"

namespace whosaid::python {
namespace {

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

}  // namespace

void bind_records(py::module_& m) {
  m.def("read_records", &read_records, py::arg("path"), py::arg("on_reject") = py::none(),
        R"doc(The articles of one file, read as `whosaid ingest` reads it (format by extension or content):
JSONL, plain text, HTML, WARC or WARC.gz. Returns dicts with id, url, outlet, date, title,
text and origin ("file.jsonl:12", "crawl.warc.gz@1234"); missing fields are None. Bad records
are skipped and passed to on_reject(where, why), or warned about (RejectedRecordWarning).
Raises IoError when the file cannot be opened.)doc");
  m.def("expand_inputs", &expand_inputs, py::arg("paths"), py::arg("on_reject") = py::none(),
        "The files named by `paths`, folders expanded recursively (sorted, hidden files skipped); "
        "missing paths go to on_reject(where, why) or a warning.");
}

}  // namespace whosaid::python

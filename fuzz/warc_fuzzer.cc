// Fuzzes the WARC / WARC.gz reader (src/ingest/readers.h read_warc): any bytes
// give records and rejections, never a crash or an exception other than
// whosaid::Error; every record's text is valid UTF-8. The input is handed over
// as an in-memory file (memfd), since read_warc takes a path.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>

#include "ingest/readers.h"
#include "invariants.h"
#include "whosaid/error.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const int fd = memfd_create("whosaid-warc-fuzz", 0);
  if (fd < 0) whosaid::fuzz::fail("memfd_create failed");
  if (ftruncate(fd, 0) != 0 || pwrite(fd, data, size, 0) != static_cast<ssize_t>(size))
    whosaid::fuzz::fail("cannot write the memfd");
  static const std::string path = "/proc/self/fd/" + std::to_string(fd);
  const std::string input(reinterpret_cast<const char*>(data), size);
  size_t records = 0;
  try {
    whosaid::ingest::read_warc(
        path,
        [&](whosaid::ingest::Record&& r) {
          ++records;
          if (!whosaid::utf8::valid(r.text)) whosaid::fuzz::fail("record text is not UTF-8", input);
          if (r.origin.empty()) whosaid::fuzz::fail("record without origin", input);
        },
        [&](const std::string& where, const std::string& why) {
          if (where.empty() || why.empty()) whosaid::fuzz::fail("rejection without place or reason", input);
        });
  } catch (const whosaid::Error&) {
    // Acceptable: a clear error (e.g. the file is not a WARC at all).
  }
  return 0;
}

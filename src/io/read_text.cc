#include "io/read_text.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "whosaid/error.h"

namespace whosaid {
namespace {

// Closes the descriptor it owns (not standard input).
struct Fd {
  int fd = -1;
  bool owned = false;
  ~Fd() {
    if (owned && fd >= 0) ::close(fd);
  }
};

}  // namespace

std::string read_text_bounded(const std::string& path, size_t limit) {
  const std::string name = path == "-" ? std::string("<stdin>") : path;
  Fd in;
  if (path == "-") {
    in.fd = STDIN_FILENO;
  } else {
    in.fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    in.owned = true;
    if (in.fd < 0)
      throw Error(errno == ENOENT ? ErrorCode::kNotFound : ErrorCode::kIo, name + ": cannot open: " + std::strerror(errno));
  }
  struct stat st {};
  if (::fstat(in.fd, &st) == 0) {
    if (S_ISDIR(st.st_mode))
      throw Error(ErrorCode::kIo, name + ": is a directory (whosaid ingest reads the files of a folder)");
    if (S_ISREG(st.st_mode) && static_cast<size_t>(st.st_size) > limit)
      throw Error(ErrorCode::kBadInput, name + ": " + std::to_string(st.st_size) + " bytes; the limit is " +
                                            std::to_string(limit) + " (split it into articles)");
  }
  std::string data;
  char buf[1 << 16];
  for (;;) {
    const ssize_t n = ::read(in.fd, buf, sizeof buf);
    if (n == 0) break;
    if (n < 0) {
      if (errno == EINTR) continue;
      throw Error(ErrorCode::kIo, name + ": read error: " + std::strerror(errno));
    }
    if (data.size() + static_cast<size_t>(n) > limit)
      throw Error(ErrorCode::kBadInput, name + ": more than " + std::to_string(limit) +
                                            " bytes; the limit is " + std::to_string(limit) +
                                            " (split it into articles)");
    data.append(buf, static_cast<size_t>(n));
  }
  return data;
}

}  // namespace whosaid

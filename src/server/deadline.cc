#include "server/deadline.h"

#include <poll.h>

namespace whosaid::server {

namespace {
thread_local Deadline* t_current = nullptr;
}

bool Deadline::expired() {
  if (why_ != kNone) return true;
  auto now = std::chrono::steady_clock::now();
  if (now >= end_) {
    why_ = kTime;
    return true;
  }
  if (fd_ >= 0 && now >= next_look_) {
    next_look_ = now + std::chrono::milliseconds(5);
    // The connection is suspended (libmicrohttpd does not read it meanwhile):
    // a hang-up shows as RDHUP/HUP without consuming anything.
    pollfd p{fd_, POLLRDHUP, 0};
    if (::poll(&p, 1, 0) > 0 && (p.revents & (POLLRDHUP | POLLHUP | POLLERR))) {
      why_ = kClientGone;
      return true;
    }
  }
  return false;
}

Deadline* Deadline::current() { return t_current; }

Deadline::Scope::Scope(Deadline& d) : previous_(t_current) { t_current = &d; }
Deadline::Scope::~Scope() { t_current = previous_; }

}  // namespace whosaid::server

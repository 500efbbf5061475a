// When to give up on a request: its time limit, or its client hanging up. The
// HTTP layer sets one around each handler (Deadline::Scope); SQL queries look
// at Deadline::current() from their progress handlers and stop when it has
// expired, so a query neither outlives its limit nor a client that has left.
#pragma once

#include <chrono>

namespace whosaid::server {

class Deadline {
 public:
  // `client_fd`: the request's socket, -1 for none.
  Deadline(std::chrono::steady_clock::time_point end, int client_fd)
      : end_(end), fd_(client_fd) {}
  enum Why { kNone, kTime, kClientGone };
  // True once the time is up or the client has closed its end (the socket is
  // looked at no more than every 5 ms). Then why() says which.
  bool expired();
  Why why() const { return why_; }
  // The deadline of the request this thread is handling (null outside one).
  static Deadline* current();

  class Scope {
   public:
    explicit Scope(Deadline& d);
    ~Scope();
    Scope(const Scope&) = delete;
    Scope& operator=(const Scope&) = delete;

   private:
    Deadline* previous_;
  };

 private:
  std::chrono::steady_clock::time_point end_;
  int fd_;
  Why why_ = kNone;
  std::chrono::steady_clock::time_point next_look_{};
};

}  // namespace whosaid::server

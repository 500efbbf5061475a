// whosaid serve — the quote store as a JSON API and web pages (see
// include/whosaid/server.h and docs/api.md).
#include <pthread.h>
#include <signal.h>

#include <iostream>
#include <thread>

#include "commands.h"
#include "whosaid/error.h"
#include "whosaid/server.h"

namespace whosaid::cli {

void add_serve_command(CLI::App& app, int& exit_code) {
  struct Opts {
    ServerOptions server;
    bool quiet = false;
  };
  auto o = std::make_shared<Opts>();
  auto* cmd = app.add_subcommand(
      "serve", "Serve the quote store as a JSON API and web pages (search, articles, speakers, "
               "paste an article). Read-only; loopback only unless --host says otherwise.");
  cmd->add_option("--db", o->server.db_path, "database file (opened read-only)")
      ->capture_default_str();
  cmd->add_option("--host", o->server.host, "address to listen on")->capture_default_str();
  cmd->add_option("--port", o->server.port, "port (0: any free port; the URL is printed)")
      ->check(CLI::Range(0, 65535))
      ->capture_default_str();
  cmd->add_option("--cors", o->server.cors_origin,
                  "allow cross-origin API calls from ORIGIN (\"*\" for any); off by default");
  cmd->add_option("--allow-host", o->server.allowed_hosts,
                  "also answer requests for this Host name (besides localhost, 127.0.0.1, ::1 and "
                  "--host); others get 421, against DNS rebinding");
  cmd->add_option("--threads", o->server.threads, "worker threads (running requests; idle and "
                  "slow connections take none)")
      ->check(CLI::Range(1, 256))
      ->capture_default_str();
  cmd->add_option("--max-body", o->server.max_body_bytes, "largest POST body in bytes")
      ->capture_default_str();
  cmd->add_flag("-q,--quiet", o->quiet, "no access log");
  cmd->callback([o, &exit_code] {
    if (!o->quiet) o->server.access_log = &std::cerr;
    // SIGINT/SIGTERM are taken by a thread that stops the server cleanly
    // (stop() is not async-signal-safe). Blocked before any thread
    // starts, so every thread inherits the mask.
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);

    Server server(o->server);
    server.bind();
    const std::string& host = o->server.host;
    if (host != "127.0.0.1" && host != "localhost" && host != "::1")
      std::cerr << "whosaid serve: warning: listening on " << host
                << ", reachable from other machines; the API has no authentication\n";
    // The one line on stdout: scripts (and the tests) read the URL from it.
    std::cout << "whosaid serve: listening on " << server.url() << " (database "
              << o->server.db_path << ", read-only)" << std::endl;

    std::thread waiter([&server, signals] {
      int sig = 0;
      sigwait(&signals, &sig);
      server.stop();  // also when the signal lands before run() listens
    });
    bool ok = server.run();
    // run() may also end without a signal (listen failure): wake the waiter.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    std::cerr << "whosaid serve: stopped\n";
    exit_code = ok ? kExitOk : kExitIo;
  });
}

}  // namespace whosaid::cli

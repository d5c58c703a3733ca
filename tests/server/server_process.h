// For the integration tests: runs the real unknot-server as a child process
// and talks HTTP/1.1 (optionally over TLS) to it on loopback with plain
// sockets, so the test does not depend on the code under test for its client.
#ifndef UNKNOT_TESTS_SERVER_SERVER_PROCESS_H_
#define UNKNOT_TESTS_SERVER_SERVER_PROCESS_H_

#include <sys/types.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace unknot::server::testing {

class ServerProcess {
 public:
  // Starts `binary` with `args`; stdout is a pipe, stderr goes to
  // `stderr_file`. REQUIRES: no other ServerProcess in this one.
  ServerProcess(const std::string& binary, const std::vector<std::string>& args,
                const std::filesystem::path& stderr_file);
  ~ServerProcess();  // SIGKILLs the child if still running

  // The first stdout line, waiting up to `timeout`; "" on timeout or EOF.
  std::string ReadFirstLine(std::chrono::milliseconds timeout);
  // Sends `signo`.
  void Signal(int signo);
  // Waits up to `timeout` for exit. Returns the exit code, 128+signal if
  // killed by a signal, or nullopt if still running.
  std::optional<int> Wait(std::chrono::milliseconds timeout);

 private:
  pid_t pid_ = -1;
  int stdout_fd_ = -1;
};

struct HttpResponse {
  int status = 0;                              // 0: no valid response
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
  std::string Header(const std::string& lower_name) const;
};

// Sends `raw` (a complete HTTP request; use "Connection: close") to
// 127.0.0.1:`port` and reads the response until EOF. With `tls`, the
// connection is TLS and the certificate is not verified.
HttpResponse RawRequest(int port, const std::string& raw, bool tls = false);

// "GET target HTTP/1.1" with Host, Connection: close and `extra_headers`
// (each "Name: value").
HttpResponse Get(int port, const std::string& target,
                 const std::vector<std::string>& extra_headers = {},
                 const std::string& method = "GET", bool tls = false);

// `method` `target` with a body (Content-Type: application/json) and
// `extra_headers`, Connection: close.
HttpResponse Send(int port, const std::string& method,
                  const std::string& target, const std::string& body,
                  const std::vector<std::string>& extra_headers = {});

// A minimal WebSocket client (RFC 6455 text frames, masked) over a plain
// socket, so the poke tests do not depend on Beast, the code under test.
class WsClient {
 public:
  // Connects to 127.0.0.1:`port` and upgrades `target`. ok() tells.
  explicit WsClient(int port, const std::string& target = "/api/ws");
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  bool ok() const { return fd_ >= 0; }
  // The upgrade answer's status line (e.g. "HTTP/1.1 101 Switching …").
  const std::string& status_line() const { return status_line_; }
  bool SendText(const std::string& text);
  // The next text message; nullopt on timeout or close (then *close_code is
  // the peer's close code, or -1 if the connection just ended).
  std::optional<std::string> Read(std::chrono::milliseconds timeout,
                                  int* close_code = nullptr);

 private:
  bool ReadExact(size_t n, std::string* out,
                 std::chrono::steady_clock::time_point deadline);
  int fd_ = -1;
  std::string status_line_;
  std::string pending_;  // bytes read past the upgrade answer
};

// A connected, idle TCP socket to 127.0.0.1:`port` (a keep-alive client
// between requests); close it with ::close.
int ConnectIdle(int port);

}  // namespace unknot::server::testing

#endif  // UNKNOT_TESTS_SERVER_SERVER_PROCESS_H_

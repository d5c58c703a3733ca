// A minimal HTTP(S) client for the CLI's account and sync commands: one
// request per call, a fresh connection each time (a sync round is a handful
// of requests; keep-alive is not worth the state). The only file of the CLI
// that includes Boost.Beast (compile time, TOOLCHAIN.md trap 10).
#ifndef UNKNOT_CLI_HTTP_CLIENT_H_
#define UNKNOT_CLI_HTTP_CLIENT_H_

#include <chrono>
#include <string>
#include <string_view>

#include "unknot/status.h"

namespace unknot::cli {

struct HttpUrl {
  bool tls = false;
  std::string host;
  std::string port;       // "80" / "443" when the URL has none
  std::string base_path;  // without a trailing slash; "" for the root
};

// Accepts "http://host[:port][/base]" and "https://…". Error code:
// "invalid-server-url".
Status ParseHttpUrl(std::string_view url, HttpUrl* out);

struct HttpCall {
  std::string method;  // "GET" / "POST"
  std::string path;    // appended to the URL's base path
  std::string body;    // sent as application/json when not empty
  std::string bearer;  // "Authorization: Bearer …" when not empty
  std::chrono::milliseconds timeout{30000};
};

struct HttpAnswer {
  int status = 0;
  std::string body;
};

// Performs `call` against `server` (a base URL). HTTPS verifies the
// server's certificate against the system store (or SSL_CERT_FILE) and its
// host name. Error codes: "invalid-server-url", "network-error" (resolve,
// connect, TLS, timeout, reset) — an HTTP error status is an answer, not an
// error.
Status PerformHttp(std::string_view server, const HttpCall& call,
                   HttpAnswer* answer);

}  // namespace unknot::cli

#endif  // UNKNOT_CLI_HTTP_CLIENT_H_

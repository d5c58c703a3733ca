// Runs the server: listener, io threads, signals, TLS setup. No Beast types.
#ifndef UNKNOT_SERVER_NET_SERVER_H_
#define UNKNOT_SERVER_NET_SERVER_H_

#include <cstdint>
#include <optional>
#include <string>

#include "http/server_context.h"

namespace unknot::server {

struct ListenConfig {
  std::string bind = "127.0.0.1";       // an IPv4 or IPv6 literal
  std::uint16_t port = 8080;            // 0: any free port
  std::optional<std::string> tls_cert;  // PEM chain; with tls_key: https
  std::optional<std::string> tls_key;   // PEM private key
};

// The URL printed once listening: "http://127.0.0.1:8080/",
// "https://[::1]:8443/".
std::string ListeningUrl(const std::string& bind, std::uint16_t port, bool tls);

// Binds, prints "listening on URL" as the first line on stdout (flushed),
// serves until SIGTERM or SIGINT, then stops accepting, lets in-flight
// requests finish for up to kShutdownGrace and returns 0. Returns 1 (after an
// "error: …" line on stderr) if TLS files cannot be loaded or the address
// cannot be bound. `ctx` must stay unchanged while this runs.
int RunServer(const ListenConfig& config, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_NET_SERVER_H_

// How a Web Push message reaches a push service: one HTTPS POST (RFC 8030
// §5). An interface so PushService is tested with a recording fake; the
// real one is Beast over TLS (net/push_client.cc).
#ifndef UNKNOT_SERVER_PUSH_PUSH_TRANSPORT_H_
#define UNKNOT_SERVER_PUSH_PUSH_TRANSPORT_H_

#include <memory>
#include <string>

#include "push/push_endpoint.h"

namespace unknot::server {

struct PushMessage {
  PushEndpoint endpoint;
  std::string authorization;  // "vapid t=…, k=…"
  std::string body;           // aes128gcm
  int ttl_seconds = 0;        // how long the service may hold it
  std::string topic;          // a newer message with the same topic replaces it
};

struct PushOutcome {
  int http_status = 0;  // 0: not delivered to the service (network, TLS)
  std::string error;    // why, when http_status is 0
};

class PushTransport {
 public:
  virtual ~PushTransport() = default;
  // Blocks until answered or timed out (kPushRequestTimeout).
  virtual PushOutcome Send(const PushMessage& message) = 0;
};

// HTTPS, the service's certificate checked against the system's CAs and
// `extra_ca_file` (PEM; "" for none) and its host name.
std::unique_ptr<PushTransport> NewHttpsPushTransport(
    const std::string& extra_ca_file);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_PUSH_PUSH_TRANSPORT_H_

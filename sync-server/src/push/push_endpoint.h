// A push subscription's endpoint (the URL a browser's push service gave
// it), checked before the server ever connects to it: https only, and only
// to a push service the operator allows (--push-hosts), so a subscription
// cannot turn the server into a client of arbitrary hosts (SSRF).
#ifndef UNKNOT_SERVER_PUSH_PUSH_ENDPOINT_H_
#define UNKNOT_SERVER_PUSH_PUSH_ENDPOINT_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/status.h"

namespace unknot::server {

// The push services of the browsers people use: Chrome and Edge on
// Android and desktop (FCM), Firefox (Mozilla), Safari (Apple), Windows
// (WNS). A host matches an entry when it equals it or ends with "." + it.
inline const std::vector<std::string>& DefaultPushHosts() {
  static const std::vector<std::string> hosts = {
      "fcm.googleapis.com", "push.services.mozilla.com", "push.apple.com",
      "notify.windows.com"};
  return hosts;
}

struct PushEndpoint {
  std::string host;  // lowercase; an IPv6 literal without brackets
  uint16_t port = 443;
  std::string target;  // path and query, "/" at least
  std::string origin;  // "https://host[:port]": the VAPID audience
};

inline constexpr size_t kMaxPushEndpointBytes = 2048;

// Parses and checks `url`. Error code "invalid-subscription" (not an https
// URL, userinfo, a bad port, too long) or "push-host-not-allowed".
Status ParsePushEndpoint(std::string_view url,
                         const std::vector<std::string>& allowed_hosts,
                         PushEndpoint* out);

// "a.example, b.example" -> {"a.example", "b.example"} (lowercase, empty
// items dropped).
std::vector<std::string> ParseHostList(std::string_view list);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_PUSH_PUSH_ENDPOINT_H_

#include "push/push_endpoint.h"

#include <cctype>

namespace unknot::server {
namespace {

Status Bad(const std::string& why) {
  return Status::Invalid("invalid-subscription",
                         "The push endpoint " + why + ".");
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool HostAllowed(const std::string& host,
                 const std::vector<std::string>& allowed) {
  for (const std::string& entry : allowed) {
    if (host == entry) return true;
    if (host.size() > entry.size() + 1 &&
        host.compare(host.size() - entry.size(), entry.size(), entry) == 0 &&
        host[host.size() - entry.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

bool HostCharsOk(std::string_view host, bool ipv6) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    const bool ok = std::isalnum(static_cast<unsigned char>(c)) || c == '-' ||
                    c == '.' || (ipv6 && c == ':');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

Status ParsePushEndpoint(std::string_view url,
                         const std::vector<std::string>& allowed_hosts,
                         PushEndpoint* out) {
  constexpr std::string_view kScheme = "https://";
  if (url.size() > kMaxPushEndpointBytes) return Bad("is too long");
  if (url.size() <= kScheme.size() ||
      Lower(url.substr(0, kScheme.size())) != kScheme) {
    return Bad("must be an https URL");
  }
  std::string_view rest = url.substr(kScheme.size());
  const size_t slash = rest.find_first_of("/?#");
  std::string_view authority = rest.substr(0, slash);
  std::string_view target =
      slash == std::string_view::npos ? "/" : rest.substr(slash);
  if (!target.empty() && target[0] != '/') return Bad("has no path");
  if (const size_t hash = target.find('#'); hash != std::string_view::npos) {
    target = target.substr(0, hash);
  }
  for (char c : target) {
    if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f) {
      return Bad("has spaces or control characters");
    }
  }
  if (authority.find('@') != std::string_view::npos) {
    return Bad("must not carry a user name");
  }
  PushEndpoint e;
  std::string_view host = authority, port;
  bool ipv6 = false;
  if (!host.empty() && host[0] == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return Bad("has a bad host");
    port = host.substr(close + 1);
    host = host.substr(1, close - 1);
    ipv6 = true;
    if (!port.empty() && port[0] != ':') return Bad("has a bad host");
    if (!port.empty()) port.remove_prefix(1);
  } else if (const size_t colon = host.rfind(':');
             colon != std::string_view::npos) {
    port = host.substr(colon + 1);
    host = host.substr(0, colon);
  }
  if (!HostCharsOk(host, ipv6)) return Bad("has a bad host");
  if (!port.empty()) {
    if (port.size() > 5) return Bad("has a bad port");
    unsigned value = 0;
    for (char c : port) {
      if (c < '0' || c > '9') return Bad("has a bad port");
      value = value * 10 + static_cast<unsigned>(c - '0');
    }
    if (value == 0 || value > 65535) return Bad("has a bad port");
    e.port = static_cast<uint16_t>(value);
  }
  e.host = Lower(host);
  if (!HostAllowed(e.host, allowed_hosts)) {
    return Status::Invalid("push-host-not-allowed",
                           "This server does not send to the push service " +
                               e.host + " (see --push-hosts).");
  }
  e.target = std::string(target.empty() ? "/" : target);
  const std::string shown = ipv6 ? "[" + e.host + "]" : e.host;
  e.origin =
      "https://" + shown + (e.port == 443 ? "" : ":" + std::to_string(e.port));
  *out = std::move(e);
  return Status::OK();
}

std::vector<std::string> ParseHostList(std::string_view list) {
  std::vector<std::string> out;
  while (!list.empty()) {
    const size_t comma = list.find(',');
    std::string_view item = list.substr(0, comma);
    list = comma == std::string_view::npos ? "" : list.substr(comma + 1);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.push_back(Lower(item));
  }
  return out;
}

}  // namespace unknot::server

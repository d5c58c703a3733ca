// Command-line flags of unknot-server. Scripts depend on these names and on
// "error: usage: …" + exit 2 for bad flags; keep them stable.
#ifndef UNKNOT_SERVER_APP_OPTIONS_H_
#define UNKNOT_SERVER_APP_OPTIONS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace unknot::server {

extern const char kUsage[];  // "unknot-server [--port 8080] …", no newline

struct Options {
  std::uint16_t port = 8080;  // 0: the kernel picks a free port
  std::string bind = "127.0.0.1";
  std::optional<std::string> data_dir;
  std::optional<std::string> web_dir;
  std::optional<std::string> tls_cert;  // set together with tls_key
  std::optional<std::string> tls_key;
  // Web Push reminders (docs/push.md).
  bool push = true;                         // --no-push turns them off
  std::optional<std::string> push_subject;  // mailto: or https: contact
  std::optional<std::string> push_hosts;    // comma list of push services
  std::optional<std::string> push_ca;       // extra CA file (PEM)
  int push_interval_s = 0;                  // 0: kPushCheckInterval
  bool help = false;
};

struct ParsedOptions {
  std::optional<Options> options;  // nullopt on error
  std::string error;               // what was wrong, for people
};

// Parses `args` (argv without argv[0]). Accepts "--flag value" and
// "--flag=value". Refuses unknown flags, missing values, a port outside
// 0..65535, a --bind that is not an IPv4/IPv6 literal, and only one of
// --tls-cert/--tls-key, a --push-subject that is not a mailto: or https:
// URI, and a --push-interval outside 1..3600 seconds.
ParsedOptions ParseOptions(const std::vector<std::string>& args);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_APP_OPTIONS_H_

#include "app/options.h"

#include <arpa/inet.h>

#include <cstdlib>

namespace unknot::server {

const char kUsage[] =
    "unknot-server [--port 8080] [--bind 127.0.0.1] [--data-dir DIR] "
    "[--web-dir DIR] [--tls-cert FILE --tls-key FILE] [--no-push] "
    "[--push-subject mailto:YOU] [--push-hosts HOST,...] [--push-ca FILE] "
    "[--push-interval SECONDS]";

namespace {

bool ParsePort(const std::string& text, std::uint16_t* port) {
  if (text.empty() || text.size() > 5) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  const long value = std::strtol(text.c_str(), nullptr, 10);
  if (value > 65535) return false;
  *port = static_cast<std::uint16_t>(value);
  return true;
}

bool IsIpLiteral(const std::string& text) {
  unsigned char buf[sizeof(struct in6_addr)];
  return inet_pton(AF_INET, text.c_str(), buf) == 1 ||
         inet_pton(AF_INET6, text.c_str(), buf) == 1;
}

bool IsKnownFlag(const std::string& flag) {
  for (const char* known : {"--port", "--bind", "--data-dir", "--web-dir",
                            "--tls-cert", "--tls-key", "--push-subject",
                            "--push-hosts", "--push-ca", "--push-interval"}) {
    if (flag == known) return true;
  }
  return false;
}

ParsedOptions Fail(std::string error) {
  return {std::nullopt, std::move(error)};
}

// Stores `value` for `flag`; returns an error message or "".
std::string Apply(const std::string& flag, const std::string& value,
                  Options* opts) {
  if (flag == "--port") {
    if (!ParsePort(value, &opts->port)) return "bad --port '" + value + "'";
  } else if (flag == "--bind") {
    if (!IsIpLiteral(value))
      return "--bind needs an IP address, got '" + value + "'";
    opts->bind = value;
  } else if (value.empty()) {
    return flag + " needs a non-empty value";
  } else if (flag == "--data-dir") {
    opts->data_dir = value;
  } else if (flag == "--web-dir") {
    opts->web_dir = value;
  } else if (flag == "--tls-cert") {
    opts->tls_cert = value;
  } else if (flag == "--tls-key") {
    opts->tls_key = value;
  } else if (flag == "--push-subject") {
    if (value.rfind("mailto:", 0) != 0 && value.rfind("https://", 0) != 0)
      return "--push-subject needs a mailto: or https: URI, got '" + value +
             "'";
    opts->push_subject = value;
  } else if (flag == "--push-hosts") {
    opts->push_hosts = value;
  } else if (flag == "--push-ca") {
    opts->push_ca = value;
  } else {
    std::uint16_t seconds = 0;
    if (!ParsePort(value, &seconds) || seconds < 1 || seconds > 3600)
      return "--push-interval needs 1..3600 seconds, got '" + value + "'";
    opts->push_interval_s = seconds;
  }
  return "";
}

}  // namespace

ParsedOptions ParseOptions(const std::vector<std::string>& args) {
  Options opts;
  for (std::size_t i = 0; i < args.size(); ++i) {
    std::string flag = args[i];
    if (flag == "--help" || flag == "-h") {
      opts.help = true;
      continue;
    }
    if (flag == "--no-push") {
      opts.push = false;
      continue;
    }
    if (flag.rfind("--", 0) != 0)
      return Fail("unexpected argument '" + flag + "'");
    std::string value;
    const auto eq = flag.find('=');
    if (eq != std::string::npos) {
      value = flag.substr(eq + 1);
      flag.resize(eq);
    }
    if (!IsKnownFlag(flag)) return Fail("unknown flag '" + flag + "'");
    if (eq == std::string::npos) {
      if (i + 1 == args.size()) return Fail(flag + " needs a value");
      value = args[++i];
    }
    if (std::string error = Apply(flag, value, &opts); !error.empty()) {
      return Fail(error);
    }
  }
  if (opts.tls_cert.has_value() != opts.tls_key.has_value()) {
    return Fail("--tls-cert and --tls-key go together");
  }
  return {opts, ""};
}

}  // namespace unknot::server

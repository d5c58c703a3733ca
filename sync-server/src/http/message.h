// Request and Response: plain HTTP messages with no Beast or socket types, so
// the router is a pure function that tests call directly. The session
// (net/http_session.cc) converts between these and Beast's messages.
#ifndef UNKNOT_SERVER_HTTP_MESSAGE_H_
#define UNKNOT_SERVER_HTTP_MESSAGE_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace unknot::server {

// Header fields in order. Names compare case-insensitively (RFC 9110).
class Headers {
 public:
  // Returns the first value of `name`, or nullopt if absent.
  std::optional<std::string> Get(std::string_view name) const;
  bool Has(std::string_view name) const { return Get(name).has_value(); }
  // Replaces every field called `name` with one field.
  void Set(std::string_view name, std::string value);
  // Appends a field (repeated fields are kept).
  void Add(std::string name, std::string value);

  const std::vector<std::pair<std::string, std::string>>& fields() const {
    return fields_;
  }

 private:
  std::vector<std::pair<std::string, std::string>> fields_;
};

struct Request {
  std::string method;  // as sent, e.g. "GET"
  std::string target;  // origin-form, e.g. "/app.js?v=2" (not decoded)
  Headers headers;
  std::string body;
  // The client's IP address as the session saw it ("" in router tests);
  // keys the failed-login rate limit.
  std::string remote;
};

struct Response {
  int status = 200;
  Headers headers;  // Content-Length is added by the session
  std::string body;
  // HEAD: the headers describe `body` (Content-Length = body.size()) but the
  // session sends no body.
  bool omit_body = false;
};

// ASCII case-insensitive equality, for header names and tokens.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

// A JSON error in the project's shape:
// {"error":{"code":"not-found","message":"…"}}, with Content-Type and
// Cache-Control: no-store. `code` is a stable kebab-case code.
Response JsonError(int status, std::string_view code, std::string_view message);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_MESSAGE_H_

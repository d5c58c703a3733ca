#include "http/message.h"

#include <nlohmann/json.hpp>

namespace unknot::server {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::optional<std::string> Headers::Get(std::string_view name) const {
  for (const auto& [key, value] : fields_) {
    if (EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

void Headers::Set(std::string_view name, std::string value) {
  std::vector<std::pair<std::string, std::string>> kept;
  for (auto& field : fields_) {
    if (!EqualsIgnoreCase(field.first, name)) kept.push_back(std::move(field));
  }
  fields_ = std::move(kept);
  fields_.emplace_back(std::string(name), std::move(value));
}

void Headers::Add(std::string name, std::string value) {
  fields_.emplace_back(std::move(name), std::move(value));
}

Response JsonError(int status, std::string_view code,
                   std::string_view message) {
  nlohmann::json body = {{"error", {{"code", code}, {"message", message}}}};
  Response res;
  res.status = status;
  res.headers.Set("Content-Type", "application/json");
  res.headers.Set("Cache-Control", "no-store");
  // replace: a target echoed into a message may hold invalid UTF-8.
  res.body =
      body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  return res;
}

}  // namespace unknot::server

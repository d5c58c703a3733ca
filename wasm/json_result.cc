#include "json_result.h"

namespace unknot::wasm {

using nlohmann::json;

std::string Dump(const json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string Ok() { return R"({"ok":true})"; }

std::string Error(const Status& status) {
  return Dump(
      {{"error", {{"code", status.code()}, {"message", status.message()}}}});
}

std::string NotOpen() {
  return Error(Status::Invalid("not-open", "no journal is open"));
}

std::string OkOr(const Status& status) {
  return status.ok() ? Ok() : Error(status);
}

}  // namespace unknot::wasm

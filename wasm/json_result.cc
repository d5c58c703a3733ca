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

Status BodyText(const emscripten::val& body, std::string* out) {
  using emscripten::val;
  if (body.isString()) {
    *out = body.as<std::string>();
    return Status::OK();
  }
  if (!body.instanceof (val::global("Uint8Array"))) {
    return Status::Invalid("invalid-request",
                           "a body is a string or a Uint8Array of UTF-8");
  }
  out->assign(body["length"].as<size_t>(), '\0');
  val(emscripten::typed_memory_view(out->size(),
                                    reinterpret_cast<uint8_t*>(out->data())))
      .call<void>("set", body);
  return Status::OK();
}

}  // namespace unknot::wasm

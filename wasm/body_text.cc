#include "body_text.h"

#include <cstdint>

namespace unknot::wasm {

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

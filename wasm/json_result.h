// The result strings every wasm binding returns (wasm/README.md): JSON text,
// `{"ok":true}` or `{"error":{"code","message"}}`. One place, so every
// method fails the same way and none can throw.
#ifndef UNKNOT_WASM_JSON_RESULT_H_
#define UNKNOT_WASM_JSON_RESULT_H_

#include <emscripten/val.h>

#include <nlohmann/json.hpp>
#include <string>

#include "unknot/status.h"

namespace unknot::wasm {

// Text from people (labels, messages quoting input) may hold invalid UTF-8;
// dump() would throw on it, which aborts a wasm module (exceptions are
// off), so bad bytes are replaced instead.
std::string Dump(const nlohmann::json& value);

std::string Ok();                         // {"ok":true}
std::string Error(const Status& status);  // {"error":{"code","message"}}
std::string NotOpen();                    // the "not-open" error
std::string OkOr(const Status& status);   // Ok() or Error(status)

// A body handed over from JS — a string, or its UTF-8 bytes (a Uint8Array,
// as fetch's arrayBuffer() gives them) — as bytes. Bytes are copied with
// one TypedArray.set: embind's std::string conversion copies a Uint8Array
// byte by byte in JS, and encodes a string with a JS loop (~12 ms for a
// 1 MiB pull page). Error code: "invalid-request" (anything else).
Status BodyText(const emscripten::val& body, std::string* out);

}  // namespace unknot::wasm

#endif  // UNKNOT_WASM_JSON_RESULT_H_

// Bodies handed over from JS to the bindings that read answers from the
// network (syncHandle, applyRemote).
#ifndef UNKNOT_WASM_BODY_TEXT_H_
#define UNKNOT_WASM_BODY_TEXT_H_

#include <emscripten/val.h>

#include <string>

#include "unknot/status.h"

namespace unknot::wasm {

// A body handed over from JS — a string, or its UTF-8 bytes (a Uint8Array,
// as fetch's arrayBuffer() gives them) — as bytes. Bytes are copied with
// one TypedArray.set: embind's std::string conversion copies a Uint8Array
// byte by byte in JS, and encodes a string with a JS loop (~12 ms for a
// 1 MiB pull page). Error code: "invalid-request" (anything else).
Status BodyText(const emscripten::val& body, std::string* out);

}  // namespace unknot::wasm

#endif  // UNKNOT_WASM_BODY_TEXT_H_

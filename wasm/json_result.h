// The result strings every wasm binding returns (wasm/README.md): JSON text,
// `{"ok":true}` or `{"error":{"code","message"}}`. One place, so every
// method fails the same way and none can throw.
#ifndef UNKNOT_WASM_JSON_RESULT_H_
#define UNKNOT_WASM_JSON_RESULT_H_

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

}  // namespace unknot::wasm

#endif  // UNKNOT_WASM_JSON_RESULT_H_

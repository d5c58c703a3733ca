// libFuzzer target: DecodePushRequest on arbitrary bytes. It must never
// crash, throw, leak or hit undefined behaviour; a body it accepts must
// re-encode to a body that decodes to the same request, within the limits.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "unknot/sync.h"

namespace {

bool Same(const unknot::PushRequest& a, const unknot::PushRequest& b) {
  if (a.device != b.device || a.clock != b.clock ||
      a.changes.size() != b.changes.size()) {
    return false;
  }
  for (size_t i = 0; i < a.changes.size(); ++i) {
    const unknot::CellChange& x = a.changes[i];
    const unknot::CellChange& y = b.changes[i];
    if (x.hlc != y.hlc || x.table != y.table || x.row != y.row ||
        x.column != y.column || !(x.value == y.value)) {
      return false;
    }
  }
  return true;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view body(reinterpret_cast<const char*>(data), size);
  unknot::PushRequest req;
  unknot::Status s = unknot::DecodePushRequest(body, &req);
  if (!s.ok()) {
    // Refusals leave nothing half-decoded and carry a code.
    if (!req.changes.empty() || !req.device.empty() || s.code().empty()) {
      std::abort();
    }
    return 0;
  }
  if (req.changes.size() > unknot::kMaxSyncBatchChanges) std::abort();
  size_t bytes = 0;
  for (const unknot::CellChange& c : req.changes) {
    bytes += unknot::EncodedChangeSize(c);
  }
  if (bytes > unknot::kMaxSyncBatchBytes) std::abort();
  unknot::PushRequest again;
  if (!unknot::DecodePushRequest(unknot::EncodePushRequest(req), &again).ok() ||
      !Same(req, again)) {
    std::abort();
  }
  return 0;
}

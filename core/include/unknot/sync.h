// Sync: the pieces of docs/sync-protocol.md that every host shares — the
// wire form of cell changes, the push and pull messages, and the state
// fingerprint. The merge itself is Journal::ApplyRemote (unknot/journal.h):
// per-cell last-writer-wins, the same code on devices and on the server.
//
// Design note. Devices and the server exchange cell changes, never rows. A
// device pushes its changes with local sequence numbers above its push
// cursor; the server applies them to the user's journal (a Journal opened in
// server mode, where every change that wins gets the user's next sequence
// number) and a device pulls the changes above its pull cursor. Because
// applying is idempotent and order-free, retries, duplicates and reordering
// are harmless; because the server keeps only each cell's winning change,
// a pull after a long offline period is bounded by the journal's size, not
// by its history.
#ifndef UNKNOT_SYNC_H_
#define UNKNOT_SYNC_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "unknot/status.h"

namespace unknot {

constexpr int kSyncProtocolVersion = 1;

// Largest encoded batch of changes in one push or one pull page.
constexpr size_t kMaxSyncBatchBytes = 1u << 20;
// Largest number of changes in one push.
constexpr size_t kMaxSyncBatchChanges = 10000;

// A cell's value: null, an integer or text (SQLite's own types).
struct CellValue {
  enum class Type { kNull, kInt, kText };
  Type type = Type::kNull;
  int64_t i = 0;
  std::string s;

  static CellValue Null() { return {}; }
  static CellValue Int(int64_t v) { return {Type::kInt, v, {}}; }
  static CellValue Text(std::string v) {
    return {Type::kText, 0, std::move(v)};
  }
  bool operator==(const CellValue& o) const {
    return type == o.type && i == o.i && s == o.s;
  }
};

// One change of one cell: the unit of storage and of sync.
struct CellChange {
  std::string hlc;  // Hlc::ToString(), carries the device id
  std::string table;
  std::string row;
  std::string column;
  CellValue value;
};

// Changes read from a journal in sequence order (Journal::ChangesAfter).
struct ChangeBatch {
  std::vector<CellChange> changes;
  // The sequence number of the last change in the batch (the cursor to ask
  // from next time); the `after` asked for when the batch is empty.
  int64_t last_seq = 0;
  // True when more changes follow (the batch hit its size limit).
  bool more = false;
};

// Divergence detector: cells hashed into buckets by their key; each bucket
// is the XOR of hash(key, winning stamp) over its cells. Two journals that
// hold the same winning changes have equal fingerprints; a differing bucket
// names the cells to exchange (Journal::CellsInBuckets). Never adopted in
// place of data: repair always moves the cells themselves.
constexpr size_t kFingerprintBuckets = 256;
struct StateFingerprint {
  std::array<uint64_t, kFingerprintBuckets> buckets{};
  uint64_t cells = 0;  // number of cells hashed
  bool operator==(const StateFingerprint& o) const {
    return buckets == o.buckets && cells == o.cells;
  }
  bool operator!=(const StateFingerprint& o) const { return !(*this == o); }
};

// The bucket of a cell key, and the hash XORed into it.
size_t FingerprintBucket(std::string_view table, std::string_view row,
                         std::string_view column);
uint64_t FingerprintHash(std::string_view table, std::string_view row,
                         std::string_view column, std::string_view hlc);

// --- Wire messages (docs/sync-protocol.md). JSON; a change is the array
// [hlc, table, row, column, value] with value null, an integer or a string.

struct PushRequest {
  std::string device;  // the pushing device's id (16 hex)
  std::string clock;   // the device's clock (its last stamp), an HLC text
  std::vector<CellChange> changes;
};

struct PullPage {
  std::vector<CellChange> changes;
  int64_t cursor = 0;  // pass as `after` for the next page
  bool more = false;
};

// Decodes a push body. Refuses, with nothing half-decoded left in *out:
// "invalid-json" (not JSON, or nested deeper than the message allows),
// "invalid-request" (wrong shape or types, unknown protocol version),
// "batch-too-large" (more than kMaxSyncBatchBytes or kMaxSyncBatchChanges),
// "invalid-clock" (a malformed stamp or device id), "invalid-change" (a
// change CellStore would refuse: wrong type for a known column, malformed
// row id). Never throws, whatever the bytes (fuzzed).
Status DecodePushRequest(std::string_view body, PushRequest* out);
std::string EncodePushRequest(const PushRequest& request);

Status DecodePullPage(std::string_view body, PullPage* out);
std::string EncodePullPage(const PullPage& page);

// The encoded size of one change in a batch (its array and a comma): what
// the batch limits count.
size_t EncodedChangeSize(const CellChange& change);

std::string EncodeFingerprint(const StateFingerprint& fp);
Status DecodeFingerprint(std::string_view json, StateFingerprint* out);

}  // namespace unknot

#endif  // UNKNOT_SYNC_H_

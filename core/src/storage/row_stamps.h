// RowStamps: the clock stamps of a row's cells, kept in the row itself.
//
// Design note (schema v6). Every cell of a known table has a stamp (which
// change won it) and a seq (when this replica stored it, for sync). Until
// v5 each cell was a row of `cells` plus an entry in a seq index: logging
// one entry wrote about 25 B-tree entries. Since v6 a row's stamps and seqs
// live in the row's own `stamps` column and the row's `seq` column holds the
// highest of them (indexed), so a write touches one row and one index entry
// per row, about half as many B-tree entries. `cells` keeps only cells this
// version does not know (a newer version's tables and columns).
//
// `stamps` encoding: records in increasing column position (TableSpec):
//   [column position: 1 byte][stamp: 18 bytes][seq: unsigned LEB128]
// A stamp packs the clock so that its bytes compare like stamps:
//   millis (8 bytes big-endian, sign bit flipped), counter (2 bytes),
//   device id (8 bytes).
#ifndef UNKNOT_STORAGE_ROW_STAMPS_H_
#define UNKNOT_STORAGE_ROW_STAMPS_H_

#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include "unknot/hlc.h"
#include "unknot/status.h"

namespace unknot {
namespace storage {

class SqliteDb;

constexpr size_t kPackedStampBytes = 18;

struct PackedStamp {
  std::array<uint8_t, kPackedStampBytes> bytes{};
};
// memcmp: std::array's comparison is a byte loop in the -Oz wasm build.
inline bool operator<(const PackedStamp& a, const PackedStamp& b) {
  return std::memcmp(a.bytes.data(), b.bytes.data(), kPackedStampBytes) < 0;
}
inline bool operator==(const PackedStamp& a, const PackedStamp& b) {
  return std::memcmp(a.bytes.data(), b.bytes.data(), kPackedStampBytes) == 0;
}

void PackStamp(const Hlc& hlc, PackedStamp* out);
// The physical time of a packed stamp (Hlc::millis).
int64_t StampMillis(const PackedStamp& stamp);
// Error code: "invalid-clock" (not a canonical stamp).
Status PackStamp(std::string_view text, PackedStamp* out);

// Stamp text from packed stamps. Keeps the date of the last one: the cells
// of one save share their stamp, so most calls only write the tail.
class StampFormatter {
 public:
  // Valid until the next call.
  std::string_view Format(const PackedStamp& stamp);

 private:
  int64_t millis_ = INT64_MIN;
  std::string text_;
};

struct CellStamp {
  uint8_t column;  // position in TableSpec::columns
  PackedStamp stamp;
  int64_t seq;
};

// False when `blob` is not a stamps encoding.
bool DecodeRowStamps(std::string_view blob, std::vector<CellStamp>* out);
// DecodeRowStamps of a stored row of `table`. Error code: "corrupt-journal".
Status DecodeStoredStamps(std::string_view table, std::string_view blob,
                          std::vector<CellStamp>* out);
// `cells` in increasing column order.
void EncodeRowStamps(const std::vector<CellStamp>* cells, std::string* out);

// Registers unknot_merge_stamps(old, new) on the connection: the row's
// stamps where, per column, the newer of the two stamps stays (NULL reads
// as no stamps). Row upserts merge with it.
Status RegisterStampFunctions(SqliteDb* db);

}  // namespace storage
}  // namespace unknot

#endif  // UNKNOT_STORAGE_ROW_STAMPS_H_

#include "storage/row_stamps.h"

#include <sqlite3.h>

#include <algorithm>

#include "storage/sqlite_db.h"
#include "unknot/time_util.h"

namespace unknot {
namespace storage {

namespace {

constexpr size_t kDeviceBytes = kDeviceIdHexLength / 2;
static_assert(8 + 2 + kDeviceBytes == kPackedStampBytes, "stamp layout");

int HexValue(char c) { return c <= '9' ? c - '0' : c - 'a' + 10; }

}  // namespace

void PackStamp(const Hlc& hlc, PackedStamp* out) {
  uint64_t m = static_cast<uint64_t>(hlc.millis) ^ (uint64_t{1} << 63);
  for (int i = 0; i < 8; ++i) {
    out->bytes[i] = static_cast<uint8_t>(m >> (56 - 8 * i));
  }
  out->bytes[8] = static_cast<uint8_t>(hlc.counter >> 8);
  out->bytes[9] = static_cast<uint8_t>(hlc.counter);
  // Hlc::Parse and the clock make 16 lowercase hex digits.
  for (size_t i = 0; i < kDeviceBytes && 2 * i + 1 < hlc.device.size(); ++i) {
    out->bytes[10 + i] = static_cast<uint8_t>(HexValue(hlc.device[2 * i]) << 4 |
                                              HexValue(hlc.device[2 * i + 1]));
  }
}

int64_t StampMillis(const PackedStamp& stamp) {
  uint64_t m = 0;
  for (int i = 0; i < 8; ++i) m = m << 8 | stamp.bytes[i];
  return static_cast<int64_t>(m ^ (uint64_t{1} << 63));
}

Status PackStamp(std::string_view text, PackedStamp* out) {
  Hlc hlc;
  UNKNOT_RETURN_IF_ERROR(Hlc::Parse(text, &hlc));
  PackStamp(hlc, out);
  return Status::OK();
}

std::string_view StampFormatter::Format(const PackedStamp& stamp) {
  const uint8_t* b = stamp.bytes.data();
  const int64_t millis = StampMillis(stamp);
  if (millis != millis_) {
    text_ = FormatUtcMillis(millis);  // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    text_ += '-';
    text_.resize(text_.size() + 4 + 1 + kDeviceIdHexLength);
    millis_ = millis;
  }
  static const char kHex[] = "0123456789abcdef";
  char* p = &text_[text_.size() - (4 + 1 + kDeviceIdHexLength)];
  *p++ = kHex[b[8] >> 4];
  *p++ = kHex[b[8] & 15];
  *p++ = kHex[b[9] >> 4];
  *p++ = kHex[b[9] & 15];
  *p++ = '-';
  for (size_t i = 0; i < kDeviceBytes; ++i) {
    *p++ = kHex[b[10 + i] >> 4];
    *p++ = kHex[b[10 + i] & 15];
  }
  return text_;
}

bool DecodeRowStamps(std::string_view blob, std::vector<CellStamp>* out) {
  out->clear();
  const auto* p = reinterpret_cast<const uint8_t*>(blob.data());
  const uint8_t* end = p + blob.size();
  int last_column = -1;
  while (p < end) {
    if (end - p < static_cast<ptrdiff_t>(1 + kPackedStampBytes + 1)) {
      return false;
    }
    CellStamp c;
    c.column = *p++;
    if (c.column <= last_column) return false;
    last_column = c.column;
    std::copy(p, p + kPackedStampBytes, c.stamp.bytes.begin());
    p += kPackedStampBytes;
    uint64_t seq = 0;
    int shift = 0;
    for (;;) {
      if (p == end || shift > 56) return false;
      uint8_t byte = *p++;
      seq |= static_cast<uint64_t>(byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
      shift += 7;
    }
    c.seq = static_cast<int64_t>(seq);
    out->push_back(c);
  }
  return true;
}

Status DecodeStoredStamps(std::string_view table, std::string_view blob,
                          std::vector<CellStamp>* out) {
  if (DecodeRowStamps(blob, out)) return Status::OK();
  return Status::Corruption("corrupt-journal",
                            "malformed stamps in " + std::string(table));
}

void EncodeRowStamps(const std::vector<CellStamp>* cells, std::string* out) {
  out->clear();
  for (const CellStamp& c : *cells) {
    out->push_back(static_cast<char>(c.column));
    out->append(reinterpret_cast<const char*>(c.stamp.bytes.data()),
                kPackedStampBytes);
    uint64_t seq = static_cast<uint64_t>(c.seq);
    do {
      uint8_t byte = seq & 0x7f;
      seq >>= 7;
      out->push_back(static_cast<char>(seq ? byte | 0x80 : byte));
    } while (seq);
  }
}

namespace {

std::string_view BlobArg(sqlite3_value* v) {
  const void* p = sqlite3_value_blob(v);
  if (p == nullptr) return {};
  return {static_cast<const char*>(p),
          static_cast<size_t>(sqlite3_value_bytes(v))};
}

void MergeStamps(sqlite3_context* ctx, int, sqlite3_value** argv) {
  thread_local std::vector<CellStamp> old_cells, new_cells, merged;
  thread_local std::string out;
  if (!DecodeRowStamps(BlobArg(argv[0]), &old_cells) ||
      !DecodeRowStamps(BlobArg(argv[1]), &new_cells)) {
    sqlite3_result_error(ctx, "malformed row stamps", -1);
    return;
  }
  merged.clear();
  size_t i = 0, j = 0;
  while (i < old_cells.size() || j < new_cells.size()) {
    if (j == new_cells.size() ||
        (i < old_cells.size() && old_cells[i].column < new_cells[j].column)) {
      merged.push_back(old_cells[i++]);
    } else if (i == old_cells.size() ||
               new_cells[j].column < old_cells[i].column) {
      merged.push_back(new_cells[j++]);
    } else {
      merged.push_back(old_cells[i].stamp < new_cells[j].stamp ? new_cells[j]
                                                               : old_cells[i]);
      ++i;
      ++j;
    }
  }
  EncodeRowStamps(&merged, &out);
  sqlite3_result_blob(ctx, out.data(), static_cast<int>(out.size()),
                      SQLITE_TRANSIENT);
}

}  // namespace

Status RegisterStampFunctions(SqliteDb* db) {
  int rc = sqlite3_create_function_v2(
      db->raw(), "unknot_merge_stamps", 2,
      SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY, nullptr,
      MergeStamps, nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) return db->Error("register unknot_merge_stamps");
  return Status::OK();
}

}  // namespace storage
}  // namespace unknot

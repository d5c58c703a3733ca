// The wire codec of docs/sync-protocol.md. Encoding writes JSON directly
// (pages of up to 1 MiB are written per pull). Decoding reads with
// JsonReader (json_reader.h) straight into the structs, after a depth
// pre-scan and a full syntax check; nothing throws (the core also runs as
// wasm, where a throw aborts the module).
#include <algorithm>
#include <charconv>
#include <limits>

#include "journal/json_out.h"
#include "storage/cell_store.h"
#include "sync/json_reader.h"
#include "unknot/hlc.h"
#include "unknot/sync.h"

namespace unknot {

namespace {

using sync_json::JsonReader;
using sync_json::Kind;

// A push or a page nests three levels (object, changes, change); one more
// is allowed so that a value of the wrong type is named as such
// ("invalid-request") rather than as unreadable JSON.
constexpr int kMaxJsonDepth = 4;

// A body larger than this cannot hold a batch within kMaxSyncBatchBytes
// however its writer escapes text (\uXXXX turns 3 bytes into 6, 1 into 6
// for control characters — which changes rarely hold), so it is refused
// before parsing.
constexpr size_t kMaxBodyBytes = 6 * kMaxSyncBatchBytes;

Status InvalidJson(const std::string& why) {
  return Status::Invalid("invalid-json", why);
}
Status InvalidRequest(const std::string& why) {
  return Status::Invalid("invalid-request", why);
}

// Checks a body before reading it: its size, its nesting, its syntax.
Status CheckBody(std::string_view body) {
  if (body.size() > kMaxBodyBytes) {
    return Status::Invalid("batch-too-large",
                           "the body is larger than a batch can be");
  }
  // One pass checks syntax, UTF-8 and nesting (iteratively: deep nesting
  // is refused before anything recursive could see it).
  bool too_deep = false;
  if (!JsonReader::Validate(body, kMaxJsonDepth, &too_deep)) {
    return InvalidJson(too_deep ? "JSON nested too deep"
                                : "the body is not JSON");
  }
  return Status::OK();
}

// Checks `body` (CheckBody) and that it is an object; `r` (reading `body`)
// is then inside it, at its first key.
Status BeginBody(std::string_view body, JsonReader* r) {
  UNKNOT_RETURN_IF_ERROR(CheckBody(body));
  if (r->Next() != Kind::kObject) {
    return InvalidRequest("the body is not an object");
  }
  r->BeginObject();
  return Status::OK();
}

// "protocol": an integer, this version; absent is refused too.
struct Protocol {
  Status status = InvalidRequest("protocol (an integer) is required");

  void Read(JsonReader* r) {
    int64_t v = 0;
    const Kind kind = r->Next();
    if (kind != Kind::kNumber || !r->ReadInt64(&v)) {
      if (kind != Kind::kNumber) r->SkipValue();
      status = InvalidRequest("protocol (an integer) is required");
    } else if (v != kSyncProtocolVersion) {
      status =
          InvalidRequest("unknown protocol " + std::to_string(v) +
                         "; this is " + std::to_string(kSyncProtocolVersion));
    } else {
      status = Status::OK();
    }
  }
};

// One change, [hlc, table, row, column, value], read whole whatever it
// holds; its first fault is the answer.
Status ReadChange(JsonReader* r, size_t index, CellChange* out) {
  auto where = [&] { return "change " + std::to_string(index) + ": "; };
  if (r->Next() != Kind::kArray) {
    r->SkipValue();
    return InvalidRequest(where() +
                          "a change is [hlc, table, row, column, value]");
  }
  std::string* texts[4] = {&out->hlc, &out->table, &out->row, &out->column};
  size_t n = 0;
  bool texts_ok = true, value_ok = true;
  r->BeginArray();
  while (r->NextElement()) {
    const Kind kind = r->Next();
    if (n < 4) {
      if (kind == Kind::kString) {
        r->ReadString(texts[n]);
      } else {
        texts_ok = false;
        r->SkipValue();
      }
    } else if (n == 4) {
      int64_t i = 0;
      if (kind == Kind::kNull) {
        r->SkipValue();
        out->value = CellValue::Null();
      } else if (kind == Kind::kString) {
        out->value.type = CellValue::Type::kText;
        r->ReadString(&out->value.s);
      } else if (kind == Kind::kNumber && r->ReadInt64(&i)) {
        out->value = CellValue::Int(i);
      } else {
        if (kind != Kind::kNumber) r->SkipValue();
        value_ok = false;
      }
    } else {
      r->SkipValue();
    }
    ++n;
  }
  if (n != 5) {
    return InvalidRequest(where() +
                          "a change is [hlc, table, row, column, value]");
  }
  if (!texts_ok) {
    return InvalidRequest(where() + "hlc, table, row and column are text");
  }
  if (!value_ok) {
    return InvalidRequest(where() +
                          "a value is null, a 64-bit integer or text");
  }
  Hlc stamp;
  Status s = Hlc::Parse(out->hlc, &stamp);
  if (s.ok()) s = storage::CellStore::Check(*out);
  if (!s.ok()) return Status::Invalid(s.code(), where() + s.message());
  return Status::OK();
}

// The "changes" array, read as it comes: its first fault, in the order the
// changes are in, or too many changes (more than `max_changes`; or, when
// `max_bytes`, more encoded bytes).
struct Changes {
  bool seen = false;  // the key was there
  bool is_array = false;
  bool too_many = false;  // more than max_changes (counted, not read)
  size_t count = 0;
  Status fault;  // the first fault of a change, or bytes over max_bytes
  std::vector<CellChange> list;
};

void ReadChanges(JsonReader* r, size_t max_changes, size_t max_bytes,
                 Changes* out) {
  *out = Changes();
  out->seen = true;
  if (r->Next() != Kind::kArray) {
    r->SkipValue();
    return;
  }
  out->is_array = true;
  // Room for as many changes as the rest of the body can hold (one is at
  // least ~64 bytes: its stamp alone is 46), so the list is not copied as
  // it grows; bounded, as the count is.
  constexpr size_t kMinChangeBytes = 64;
  out->list.reserve(std::min(
      {r->remaining() / kMinChangeBytes, max_changes, kMaxSyncBatchChanges}));
  size_t bytes = 0;
  r->BeginArray();
  while (r->NextElement()) {
    if (++out->count > max_changes) out->too_many = true;
    if (out->too_many || !out->fault.ok()) {
      r->SkipValue();
      continue;
    }
    out->list.emplace_back();
    out->fault = ReadChange(r, out->count - 1, &out->list.back());
    if (!out->fault.ok() || max_bytes == 0) continue;
    bytes += EncodedChangeSize(out->list.back());
    if (bytes > max_bytes) {
      out->fault = Status::Invalid(
          "batch-too-large",
          "changes larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
}

// The answer for `changes` once everything before it was fine.
Status ChangesStatus(const Changes& changes, size_t max_changes) {
  if (!changes.seen || !changes.is_array) {
    return InvalidRequest("changes (an array) is required");
  }
  if (changes.too_many) {
    return Status::Invalid("batch-too-large", std::to_string(changes.count) +
                                                  " changes; at most " +
                                                  std::to_string(max_changes) +
                                                  " per batch");
  }
  return changes.fault;
}

bool IsDeviceId(std::string_view s) {
  if (s.size() != kDeviceIdHexLength) return false;
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

void AppendInt(int64_t v, std::string* out) {
  char buf[24];
  auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
  out->append(buf, static_cast<size_t>(end - buf));
}

// Whether `s` is written as is between quotes (no escape, plain ASCII).
bool Plain(std::string_view s) {
  for (char c : s) {
    unsigned char u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == '"' || u == '\\' || u >= 0x80) return false;
  }
  return true;
}

size_t QuotedSize(std::string_view s) {
  if (Plain(s)) return s.size() + 2;
  std::string quoted;
  journal::JsonOut::AppendQuoted(s, &quoted);
  return quoted.size();
}

void AppendChange(const CellChange& c, std::string* out) {
  out->push_back('[');
  journal::JsonOut::AppendQuoted(c.hlc, out);
  out->push_back(',');
  journal::JsonOut::AppendQuoted(c.table, out);
  out->push_back(',');
  journal::JsonOut::AppendQuoted(c.row, out);
  out->push_back(',');
  journal::JsonOut::AppendQuoted(c.column, out);
  out->push_back(',');
  switch (c.value.type) {
    case CellValue::Type::kNull:
      out->append("null");
      break;
    case CellValue::Type::kInt:
      AppendInt(c.value.i, out);
      break;
    case CellValue::Type::kText:
      journal::JsonOut::AppendQuoted(c.value.s, out);
      break;
  }
  out->push_back(']');
}

void AppendChanges(const std::vector<CellChange>& changes, std::string* out) {
  size_t bytes = 2;
  for (const CellChange& c : changes) bytes += EncodedChangeSize(c);
  out->reserve(out->size() + bytes + 128);
  out->push_back('[');
  for (size_t i = 0; i < changes.size(); ++i) {
    if (i > 0) out->push_back(',');
    AppendChange(changes[i], out);
  }
  out->push_back(']');
}

}  // namespace

size_t EncodedChangeSize(const CellChange& c) {
  // '[' + 4 strings + 4 commas + value + ']' + the comma after it.
  size_t size = 1 + QuotedSize(c.hlc) + QuotedSize(c.table) +
                QuotedSize(c.row) + QuotedSize(c.column) + 4 + 1 + 1;
  switch (c.value.type) {
    case CellValue::Type::kNull:
      return size + 4;
    case CellValue::Type::kInt: {
      char buf[24];
      return size +
             static_cast<size_t>(
                 std::to_chars(buf, buf + sizeof buf, c.value.i).ptr - buf);
    }
    case CellValue::Type::kText:
      return size + QuotedSize(c.value.s);
  }
  return size;
}

Status DecodePushRequest(std::string_view body, PushRequest* out) {
  *out = PushRequest();
  JsonReader r(body);
  UNKNOT_RETURN_IF_ERROR(BeginBody(body, &r));
  PushRequest req;
  bool device_ok = false, clock_ok = false;
  Protocol protocol;
  Changes changes;
  std::string key;
  while (r.NextKey(&key)) {
    if (key == "protocol") {
      protocol.Read(&r);
    } else if (key == "device" || key == "clock") {
      bool& ok = key == "device" ? device_ok : clock_ok;
      ok = r.Next() == Kind::kString;
      if (ok) {
        r.ReadString(key == "device" ? &req.device : &req.clock);
      } else {
        r.SkipValue();
      }
    } else if (key == "changes") {
      ReadChanges(&r, kMaxSyncBatchChanges, kMaxSyncBatchBytes, &changes);
    } else {
      r.SkipValue();
    }
  }
  UNKNOT_RETURN_IF_ERROR(protocol.status);
  if (!device_ok || !clock_ok) {
    return InvalidRequest("device and clock (text) are required");
  }
  if (changes.is_array && changes.too_many) {
    return ChangesStatus(changes, kMaxSyncBatchChanges);
  }
  if (!IsDeviceId(req.device)) {
    return Status::Invalid("invalid-clock",
                           "device must be 16 lowercase hex digits");
  }
  Hlc stamp;
  UNKNOT_RETURN_IF_ERROR(Hlc::Parse(req.clock, &stamp));
  if (stamp.device != req.device) {
    return Status::Invalid("invalid-clock",
                           "the clock is not the pushing device's");
  }
  UNKNOT_RETURN_IF_ERROR(ChangesStatus(changes, kMaxSyncBatchChanges));
  req.changes = std::move(changes.list);
  *out = std::move(req);
  return Status::OK();
}

std::string EncodePushRequest(const PushRequest& request) {
  std::string out = "{\"protocol\":";
  AppendInt(kSyncProtocolVersion, &out);
  out += ",\"device\":";
  journal::JsonOut::AppendQuoted(request.device, &out);
  out += ",\"clock\":";
  journal::JsonOut::AppendQuoted(request.clock, &out);
  out += ",\"changes\":";
  AppendChanges(request.changes, &out);
  out += '}';
  return out;
}

Status DecodePullPage(std::string_view body, PullPage* out) {
  *out = PullPage();
  JsonReader r(body);
  UNKNOT_RETURN_IF_ERROR(BeginBody(body, &r));
  PullPage page;
  bool cursor_ok = false, more_ok = false;
  Protocol protocol;
  Changes changes;
  std::string key;
  while (r.NextKey(&key)) {
    if (key == "protocol") {
      protocol.Read(&r);
    } else if (key == "cursor") {
      const Kind kind = r.Next();
      cursor_ok = kind == Kind::kNumber && r.ReadInt64(&page.cursor) &&
                  page.cursor >= 0;
      if (kind != Kind::kNumber) r.SkipValue();
    } else if (key == "more") {
      const Kind kind = r.Next();
      more_ok = kind == Kind::kTrue || kind == Kind::kFalse;
      if (more_ok) {
        page.more = r.ReadBool();
      } else {
        r.SkipValue();
      }
    } else if (key == "changes") {
      // A page is the server's: its size is the server's business, the
      // changes are checked like any others.
      ReadChanges(&r, std::numeric_limits<size_t>::max(), 0, &changes);
    } else {
      r.SkipValue();
    }
  }
  UNKNOT_RETURN_IF_ERROR(protocol.status);
  if (!cursor_ok || !more_ok) {
    return InvalidRequest("cursor (an integer >= 0) and more are required");
  }
  UNKNOT_RETURN_IF_ERROR(
      ChangesStatus(changes, std::numeric_limits<size_t>::max()));
  page.changes = std::move(changes.list);
  *out = std::move(page);
  return Status::OK();
}

std::string EncodePullPage(const PullPage& page) {
  std::string out = "{\"protocol\":";
  AppendInt(kSyncProtocolVersion, &out);
  out += ",\"changes\":";
  AppendChanges(page.changes, &out);
  out += ",\"cursor\":";
  AppendInt(page.cursor, &out);
  out += page.more ? ",\"more\":true}" : ",\"more\":false}";
  return out;
}

std::string EncodeFingerprint(const StateFingerprint& fp) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "{\"protocol\":";
  AppendInt(kSyncProtocolVersion, &out);
  out += ",\"cells\":";
  AppendInt(static_cast<int64_t>(fp.cells), &out);
  out += ",\"buckets\":[";
  for (size_t b = 0; b < kFingerprintBuckets; ++b) {
    if (b > 0) out += ',';
    out += '"';
    for (int shift = 60; shift >= 0; shift -= 4) {
      out += kHex[(fp.buckets[b] >> shift) & 0xf];
    }
    out += '"';
  }
  out += "]}";
  return out;
}

Status DecodeFingerprint(std::string_view body, StateFingerprint* out) {
  *out = StateFingerprint();
  JsonReader r(body);
  UNKNOT_RETURN_IF_ERROR(BeginBody(body, &r));
  const Status bad_bucket =
      InvalidRequest("a bucket is 16 lowercase hex digits");
  StateFingerprint fp;
  Protocol protocol;
  bool cells_ok = false;
  size_t buckets = 0;  // read; kFingerprintBuckets + 1 once not an array
  Status bucket_fault;
  std::string key, hex;
  while (r.NextKey(&key)) {
    if (key == "protocol") {
      protocol.Read(&r);
    } else if (key == "cells") {
      int64_t n = 0;
      const Kind kind = r.Next();
      cells_ok = kind == Kind::kNumber && r.ReadInt64(&n) && n >= 0;
      if (kind != Kind::kNumber) r.SkipValue();
      fp.cells = static_cast<uint64_t>(n);
    } else if (key == "buckets") {
      buckets = 0;
      bucket_fault = Status::OK();
      if (r.Next() != Kind::kArray) {
        r.SkipValue();
        buckets = kFingerprintBuckets + 1;
        continue;
      }
      r.BeginArray();
      while (r.NextElement()) {
        const size_t b = buckets++;
        if (r.Next() != Kind::kString || b >= kFingerprintBuckets) {
          r.SkipValue();
          if (b < kFingerprintBuckets) bucket_fault = bad_bucket;
          continue;
        }
        r.ReadString(&hex);
        uint64_t v = 0;
        for (char c : hex) {
          const int d = c >= '0' && c <= '9'   ? c - '0'
                        : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                               : -1;
          if (d < 0) bucket_fault = bad_bucket;
          v = v << 4 | static_cast<uint64_t>(d < 0 ? 0 : d);
        }
        if (hex.size() != 16) bucket_fault = bad_bucket;
        fp.buckets[b] = v;
      }
    } else {
      r.SkipValue();
    }
  }
  UNKNOT_RETURN_IF_ERROR(protocol.status);
  if (!cells_ok || buckets != kFingerprintBuckets) {
    return InvalidRequest("cells and 256 buckets are required");
  }
  UNKNOT_RETURN_IF_ERROR(bucket_fault);
  *out = fp;
  return Status::OK();
}

}  // namespace unknot

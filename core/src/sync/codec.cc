// The wire codec of docs/sync-protocol.md. Encoding writes JSON directly
// (pages of up to 1 MiB are written per pull); decoding parses with
// nlohmann/json without exceptions — the core also runs as wasm, where a
// throw aborts the module — after a depth pre-scan, so that no input can
// nest deep enough to matter to the parser or to the DOM's destructor.
#include <charconv>
#include <limits>
#include <nlohmann/json.hpp>

#include "journal/json_out.h"
#include "storage/cell_store.h"
#include "unknot/hlc.h"
#include "unknot/sync.h"

namespace unknot {

namespace {

using nlohmann::json;

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

// False when brackets nest deeper than `max` (outside strings). Iterative:
// the point is to refuse deep nesting before anything recursive sees it.
bool DepthAtMost(std::string_view s, int max) {
  int depth = 0;
  bool in_string = false, escaped = false;
  for (char c : s) {
    if (in_string) {
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > max) return false;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return true;
}

Status Parse(std::string_view body, json* doc) {
  if (body.size() > kMaxBodyBytes) {
    return Status::Invalid("batch-too-large",
                           "the body is larger than a batch can be");
  }
  if (!DepthAtMost(body, kMaxJsonDepth)) {
    return InvalidJson("JSON nested too deep");
  }
  *doc = json::parse(body.begin(), body.end(), nullptr, false);
  if (doc->is_discarded()) return InvalidJson("the body is not JSON");
  if (!doc->is_object()) return InvalidRequest("the body is not an object");
  return Status::OK();
}

Status CheckProtocol(const json& doc) {
  auto p = doc.find("protocol");
  if (p == doc.end() || !p->is_number_integer()) {
    return InvalidRequest("protocol (an integer) is required");
  }
  if (!p->is_number_unsigned() ||
      p->get<uint64_t>() != static_cast<uint64_t>(kSyncProtocolVersion)) {
    return InvalidRequest("unknown protocol " + p->dump() + "; this is " +
                          std::to_string(kSyncProtocolVersion));
  }
  return Status::OK();
}

bool GetInt64(const json& j, int64_t* out) {
  if (j.is_number_unsigned()) {
    uint64_t u = j.get<uint64_t>();
    if (u > static_cast<uint64_t>(std::numeric_limits<int64_t>::max())) {
      return false;
    }
    *out = static_cast<int64_t>(u);
    return true;
  }
  if (j.is_number_integer()) {
    *out = j.get<int64_t>();
    return true;
  }
  return false;
}

Status DecodeChange(const json& j, size_t index, CellChange* out) {
  auto where = [&] { return "change " + std::to_string(index) + ": "; };
  if (!j.is_array() || j.size() != 5) {
    return InvalidRequest(where() +
                          "a change is [hlc, table, row, column, "
                          "value]");
  }
  for (size_t i = 0; i < 4; ++i) {
    if (!j[i].is_string()) {
      return InvalidRequest(where() + "hlc, table, row and column are text");
    }
  }
  const json& v = j[4];
  if (v.is_null()) {
    out->value = CellValue::Null();
  } else if (v.is_string()) {
    out->value = CellValue::Text(v.get_ref<const std::string&>());
  } else {
    int64_t i = 0;
    if (!GetInt64(v, &i)) {
      return InvalidRequest(where() +
                            "a value is null, a 64-bit integer or text");
    }
    out->value = CellValue::Int(i);
  }
  out->hlc = j[0].get_ref<const std::string&>();
  out->table = j[1].get_ref<const std::string&>();
  out->row = j[2].get_ref<const std::string&>();
  out->column = j[3].get_ref<const std::string&>();
  Hlc stamp;
  Status s = Hlc::Parse(out->hlc, &stamp);
  if (s.ok()) s = storage::CellStore::Check(*out);
  if (!s.ok()) return Status::Invalid(s.code(), where() + s.message());
  return Status::OK();
}

// Decodes doc["changes"]: refuses more than `max_changes` or, when
// `max_bytes`, more than that many encoded bytes.
Status DecodeChanges(const json& doc, size_t max_changes, size_t max_bytes,
                     std::vector<CellChange>* out) {
  auto changes = doc.find("changes");
  if (changes == doc.end() || !changes->is_array()) {
    return InvalidRequest("changes (an array) is required");
  }
  if (changes->size() > max_changes) {
    return Status::Invalid("batch-too-large", std::to_string(changes->size()) +
                                                  " changes; at most " +
                                                  std::to_string(max_changes) +
                                                  " per batch");
  }
  out->resize(changes->size());
  size_t bytes = 0;
  for (size_t i = 0; i < changes->size(); ++i) {
    UNKNOT_RETURN_IF_ERROR(DecodeChange((*changes)[i], i, &(*out)[i]));
    bytes += EncodedChangeSize((*out)[i]);
    if (max_bytes != 0 && bytes > max_bytes) {
      return Status::Invalid(
          "batch-too-large",
          "changes larger than " + std::to_string(max_bytes) + " bytes");
    }
  }
  return Status::OK();
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
  json doc;
  UNKNOT_RETURN_IF_ERROR(Parse(body, &doc));
  UNKNOT_RETURN_IF_ERROR(CheckProtocol(doc));
  auto device = doc.find("device");
  auto clock = doc.find("clock");
  if (device == doc.end() || !device->is_string() || clock == doc.end() ||
      !clock->is_string()) {
    return InvalidRequest("device and clock (text) are required");
  }
  PushRequest req;
  req.device = device->get_ref<const std::string&>();
  req.clock = clock->get_ref<const std::string&>();
  auto changes = doc.find("changes");
  if (changes != doc.end() && changes->is_array() &&
      changes->size() > kMaxSyncBatchChanges) {
    return DecodeChanges(doc, kMaxSyncBatchChanges, 0, &req.changes);
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
  UNKNOT_RETURN_IF_ERROR(DecodeChanges(doc, kMaxSyncBatchChanges,
                                       kMaxSyncBatchBytes, &req.changes));
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
  json doc;
  UNKNOT_RETURN_IF_ERROR(Parse(body, &doc));
  UNKNOT_RETURN_IF_ERROR(CheckProtocol(doc));
  PullPage page;
  auto cursor = doc.find("cursor");
  auto more = doc.find("more");
  if (cursor == doc.end() || !GetInt64(*cursor, &page.cursor) ||
      page.cursor < 0 || more == doc.end() || !more->is_boolean()) {
    return InvalidRequest("cursor (an integer >= 0) and more are required");
  }
  page.more = more->get<bool>();
  // A page is the server's: its size is the server's business, the changes
  // are checked like any others.
  UNKNOT_RETURN_IF_ERROR(
      DecodeChanges(doc, std::numeric_limits<size_t>::max(), 0, &page.changes));
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
  json doc;
  UNKNOT_RETURN_IF_ERROR(Parse(body, &doc));
  UNKNOT_RETURN_IF_ERROR(CheckProtocol(doc));
  StateFingerprint fp;
  auto cells = doc.find("cells");
  auto buckets = doc.find("buckets");
  int64_t n = 0;
  if (cells == doc.end() || !GetInt64(*cells, &n) || n < 0 ||
      buckets == doc.end() || !buckets->is_array() ||
      buckets->size() != kFingerprintBuckets) {
    return InvalidRequest("cells and 256 buckets are required");
  }
  fp.cells = static_cast<uint64_t>(n);
  for (size_t b = 0; b < kFingerprintBuckets; ++b) {
    const json& h = (*buckets)[b];
    if (!h.is_string() || h.get_ref<const std::string&>().size() != 16) {
      return InvalidRequest("a bucket is 16 lowercase hex digits");
    }
    uint64_t v = 0;
    for (char c : h.get_ref<const std::string&>()) {
      int d = c >= '0' && c <= '9'   ? c - '0'
              : c >= 'a' && c <= 'f' ? c - 'a' + 10
                                     : -1;
      if (d < 0) return InvalidRequest("a bucket is 16 lowercase hex digits");
      v = v << 4 | static_cast<uint64_t>(d);
    }
    fp.buckets[b] = v;
  }
  *out = fp;
  return Status::OK();
}

}  // namespace unknot

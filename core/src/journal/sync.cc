// Journal's sync half (docs/sync-protocol.md): reading changes to push or
// to serve, merging changes from elsewhere, the sync state in `meta`, the
// fingerprint, and a new device id for a restored copy.
#include <algorithm>
#include <set>

#include "journal/journal_rep.h"
#include "unknot/journal.h"
#include "util/ids.h"

namespace unknot {

using storage::CellChange;
using storage::Statement;

namespace {

constexpr size_t kDeviceIdBytes = 8;

Status InvalidCursor(const std::string& why) {
  return Status::Invalid("invalid-cursor", why);
}

// The meta key of the highest stamp `device` pushed (server mode).
std::string DeviceStampKey(std::string_view device) {
  return "device_max:" + std::string(device);
}

bool HasDevice(std::string_view hlc, std::string_view device) {
  return hlc.size() >= device.size() &&
         hlc.substr(hlc.size() - device.size()) == device;
}

}  // namespace

Status Journal::ChangesAfter(int64_t after, size_t max_bytes,
                             ChangeBatch* batch) {
  // seq 0 marks changes received in device mode: never listed.
  return rep_->cells->ChangesAfter(std::max<int64_t>(after, 0), max_bytes,
                                   kMaxSyncBatchChanges, batch);
}

Status Journal::ApplyRemote(const std::vector<CellChange>& changes,
                            const RemoteApplyOptions& options,
                            RemoteApplyStats* stats) {
  *stats = RemoteApplyStats();
  if (options.pull_cursor && *options.pull_cursor < 0) {
    return InvalidCursor("a pull cursor is >= 0");
  }
  // Check everything before writing anything.
  int64_t now = rep_->env->NowMillis();
  // Each stamp is parsed once, here; the merge compares them packed.
  std::vector<storage::PackedStamp> stamps(changes.size());
  size_t newest = changes.size();
  for (size_t i = 0; i < changes.size(); ++i) {
    const CellChange& c = changes[i];
    Status s = storage::CellStore::Check(c);
    if (s.ok()) s = storage::PackStamp(c.hlc, &stamps[i]);
    if (!s.ok()) {
      return Status::Invalid(
          s.code(), "change " + std::to_string(i) + ": " + s.message());
    }
    // The server refuses stamps from a clock that is too far ahead, so
    // that a wrong clock cannot win every edit. A device does not: what it
    // pulls passed the server's check, and a device whose own clock lags
    // the server's would otherwise refuse the page forever.
    const int64_t millis = storage::StampMillis(stamps[i]);
    if (options.assign_seq && millis - now > kMaxClockDriftMs) {
      return Status::Invalid(
          "clock-drift",
          "change " + std::to_string(i) + " is stamped " +
              std::to_string((millis - now) / 1000) +
              " s ahead of this clock; check the date and time of the "
              "device that made it");
    }
    if (newest == changes.size() || stamps[newest] < stamps[i]) newest = i;
  }
  HlcClock next = rep_->clock;
  if (newest != changes.size()) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(Hlc::Parse(changes[newest].hlc, &stamp));
    // Receive's own drift check is ours above: give it a wall clock that
    // the stamp never exceeds by more than the limit.
    UNKNOT_RETURN_IF_ERROR(next.Receive(stamp, std::max(now, stamp.millis)));
  }
  storage::Transaction txn(rep_->db.get());
  UNKNOT_RETURN_IF_ERROR(txn.Begin());
  int applied = 0;
  UNKNOT_RETURN_IF_ERROR(
      rep_->cells->ApplyBatch(changes, stamps, options.assign_seq, &applied));
  if (!(next.last() == rep_->clock.last())) {
    UNKNOT_RETURN_IF_ERROR(rep_->SaveClock(next.last()));
  }
  if (options.pull_cursor) {
    UNKNOT_RETURN_IF_ERROR(
        rep_->WriteMeta("pull_cursor", std::to_string(*options.pull_cursor)));
  }
  if (!options.device.empty() && !options.device_max_stamp.empty()) {
    // Stamps are fixed-width text that sorts like the clock.
    const std::string key = DeviceStampKey(options.device);
    std::string seen;
    UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta(key.c_str(), &seen));
    if (options.device_max_stamp > seen) {
      UNKNOT_RETURN_IF_ERROR(
          rep_->WriteMeta(key.c_str(), options.device_max_stamp));
    }
  }
  UNKNOT_RETURN_IF_ERROR(txn.Commit());
  rep_->clock = next;
  stats->applied = applied;
  return rep_->cells->HeadSeq(&stats->last_seq);
}

Status Journal::DeviceMaxStamp(std::string_view device, std::string* stamp) {
  return rep_->ReadMeta(DeviceStampKey(device).c_str(), stamp);
}

Status Journal::HeadSeq(int64_t* seq) { return rep_->cells->HeadSeq(seq); }

namespace {

// CountPending above a known push cursor.
Status CountPendingAfter(storage::CellStore* cells, int64_t push_cursor,
                         int64_t* changes, int64_t* records) {
  int64_t n = 0;
  std::set<std::string> keys;
  std::string last_table, last_row;  // copies: views end with the callback
  Status s =
      cells->ScanCells(push_cursor, 0, [&](const storage::StoredCell& c) {
        ++n;
        // A row's cells come together: one key per row.
        if (records == nullptr ||
            (c.row == last_row && c.table == last_table)) {
          return;
        }
        last_table.assign(c.table);
        last_row.assign(c.row);
        // A child row's id starts with its entry's (32 hex digits).
        bool entry = c.table == "entries" || c.table == "entry_sites" ||
                     c.table == "entry_tags";
        keys.insert(entry ? "entries:" + std::string(c.row.substr(0, 32))
                          : std::string(c.table) + ":" + std::string(c.row));
      });
  if (changes != nullptr) *changes = n;
  if (records != nullptr) *records = static_cast<int64_t>(keys.size());
  return s;
}

}  // namespace

Status Journal::CountPending(int64_t* changes, int64_t* records) {
  int64_t push_cursor = 0;
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMetaInt("push_cursor", &push_cursor));
  return CountPendingAfter(rep_->cells.get(), push_cursor, changes, records);
}

Status Journal::GetSyncState(SyncState* state, bool count_pending) {
  SyncState st;
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta("sync_server", &st.server));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta("sync_email", &st.email));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta("sync_role", &st.role));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta("sync_token", &st.token));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMetaInt("push_cursor", &st.push_cursor));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMetaInt("pull_cursor", &st.pull_cursor));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMetaInt("last_sync_ms", &st.last_sync_ms));
  if (count_pending) {
    UNKNOT_RETURN_IF_ERROR(CountPendingAfter(rep_->cells.get(), st.push_cursor,
                                             &st.pending, nullptr));
  }
  *state = std::move(st);
  return Status::OK();
}

Status Journal::SetSyncAccount(std::string_view server, std::string_view email,
                               std::string_view role, std::string_view token) {
  if (server.empty() || email.empty()) {
    return Status::Invalid("invalid-account",
                           "a server and an email are "
                           "required");
  }
  if (role != "patient" && role != "therapist") {
    return Status::Invalid("invalid-account",
                           "role is \"patient\" or \"therapist\"");
  }
  std::string old_server, old_email;
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta("sync_server", &old_server));
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMeta("sync_email", &old_email));
  storage::Transaction txn(rep_->db.get());
  UNKNOT_RETURN_IF_ERROR(txn.Begin());
  if (old_server != server || old_email != email) {
    // Another account: everything this journal holds is pushed to it —
    // including what was pulled from the old one (seq 0 until now) — and
    // its journal is pulled from the start.
    UNKNOT_RETURN_IF_ERROR(rep_->cells->NumberUnsequenced());
    UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("push_cursor", "0"));
    UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("pull_cursor", "0"));
    UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("last_sync_ms", "0"));
  }
  UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("sync_server", std::string(server)));
  UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("sync_email", std::string(email)));
  UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("sync_role", std::string(role)));
  UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("sync_token", std::string(token)));
  return txn.Commit();
}

Status Journal::ClearSyncToken() { return rep_->WriteMeta("sync_token", ""); }

Status Journal::AcknowledgePush(int64_t seq) {
  if (seq < 0 || seq >= rep_->cells->next_seq()) {
    return InvalidCursor("no local change has seq " + std::to_string(seq));
  }
  int64_t cursor = 0;
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMetaInt("push_cursor", &cursor));
  // A late answer to an earlier push never moves the cursor back.
  if (seq <= cursor) return Status::OK();
  return rep_->WriteMeta("push_cursor", std::to_string(seq));
}

Status Journal::RecordSyncTime(int64_t now_ms) {
  return rep_->WriteMeta("last_sync_ms", std::to_string(now_ms));
}

Status Journal::Fingerprint(StateFingerprint* fp) {
  StateFingerprint out;
  UNKNOT_RETURN_IF_ERROR(rep_->cells->ScanCells(
      -1, storage::kCellStamps, [&](const storage::StoredCell& c) {
        out.buckets[FingerprintBucket(c.table, c.row, c.column)] ^=
            FingerprintHash(c.table, c.row, c.column, c.hlc);
        ++out.cells;
      }));
  *fp = out;
  return Status::OK();
}

Status Journal::CellsInBuckets(const std::vector<size_t>& buckets,
                               std::vector<CellChange>* changes) {
  std::vector<bool> wanted(kFingerprintBuckets, false);
  for (size_t b : buckets) {
    if (b >= kFingerprintBuckets) {
      return Status::Invalid(
          "invalid-request",
          "a bucket is 0 to " + std::to_string(kFingerprintBuckets - 1));
    }
    wanted[b] = true;
  }
  changes->clear();
  return rep_->cells->ScanCells(
      -1, storage::kCellStamps | storage::kCellValues,
      [&](const storage::StoredCell& c) {
        if (!wanted[FingerprintBucket(c.table, c.row, c.column)]) return;
        changes->push_back({std::string(c.hlc), std::string(c.table),
                            std::string(c.row), std::string(c.column),
                            *c.value});
      });
}

Status Journal::RenewDeviceId() {
  const std::string old_id = rep_->device_id;
  std::string new_id;
  do {
    new_id = RandomHexId(rep_->env, kDeviceIdBytes);
  } while (new_id == old_id);
  int64_t push_cursor = 0;
  UNKNOT_RETURN_IF_ERROR(rep_->ReadMetaInt("push_cursor", &push_cursor));
  // The clock keeps its time; only its id changes.
  Hlc last = rep_->clock.last();
  last.device = new_id;
  HlcClock next(last);
  storage::Transaction txn(rep_->db.get());
  UNKNOT_RETURN_IF_ERROR(txn.Begin());
  UNKNOT_RETURN_IF_ERROR(rep_->WriteMeta("device_id", new_id));
  // Pending changes of the old id: the original device may have pushed
  // other changes under the very same stamps, so these get new ones.
  std::vector<std::pair<int64_t, CellChange>> pending;  // by seq
  UNKNOT_RETURN_IF_ERROR(rep_->cells->ScanCells(
      push_cursor, storage::kCellStamps, [&](const storage::StoredCell& c) {
        if (!HasDevice(c.hlc, old_id)) return;
        pending.push_back({c.seq,
                           {std::string(c.hlc),
                            std::string(c.table),
                            std::string(c.row),
                            std::string(c.column),
                            {}}});
      }));
  std::sort(pending.begin(), pending.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  int64_t now = rep_->env->NowMillis();
  for (auto& [seq, c] : pending) {
    Hlc stamp;
    UNKNOT_RETURN_IF_ERROR(next.Send(now, &stamp));
    c.hlc = stamp.ToString();
    UNKNOT_RETURN_IF_ERROR(rep_->cells->Restamp(c));
  }
  UNKNOT_RETURN_IF_ERROR(rep_->SaveClock(next.last()));
  UNKNOT_RETURN_IF_ERROR(txn.Commit());
  rep_->device_id = new_id;
  rep_->clock = next;
  return Status::OK();
}

std::string Journal::ClockText() const { return rep_->clock.last().ToString(); }

}  // namespace unknot

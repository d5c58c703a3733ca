// SyncService: each user's journal on the server, and the push/pull rules
// of docs/sync-protocol.md around the core's merge. The merge, the codec and
// the fingerprint are the core's (Journal::ApplyRemote in server mode,
// unknot/sync.h); this class only opens journals, serialises access to each,
// checks the device's clock, and pokes the user's other sockets after a
// commit.
//
// Journals: <users_dir>/<user_id>.journal, a core Journal each, kept open in
// an LRU of kMaxOpenJournals with a small page cache (kJournalCacheKib).
// One mutex per journal: a user's requests run one at a time (SQLite
// connections are single-threaded here); different users run in parallel.
// Thread-safe.
#ifndef UNKNOT_SERVER_SYNC_SYNC_SERVICE_H_
#define UNKNOT_SERVER_SYNC_SYNC_SERVICE_H_

#include <cstdint>
#include <filesystem>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "accounts/account_store.h"
#include "sync/poke_hub.h"
#include "unknot/env.h"
#include "unknot/journal.h"
#include "unknot/sync.h"

namespace unknot::server {

struct PushResult {
  int accepted = 0;  // changes received
  int applied = 0;   // changes that won
  int64_t seq = 0;   // the user's highest seq after the push
};

class SyncService {
 public:
  // `store` (device stamps), `env` (the clock) and `pokes` (may be null)
  // must outlive this. `users_dir` must exist.
  SyncService(std::filesystem::path users_dir, AccountStore* store, Env* env,
              PokeHub* pokes);
  ~SyncService();

  // Applies a decoded push to `user_id`'s journal in one transaction and
  // returns after the commit. Error codes: "device-restored" (the push's
  // clock is below a stamp this device already pushed), "clock-drift" (the
  // clock or a change is too far ahead), the core's "invalid-change" /
  // "invalid-clock", "io-error". Nothing is stored on error.
  Status Push(const std::string& user_id, const PushRequest& push,
              PushResult* out);
  // One page of the user's changes with seq > after (<= 1 MiB).
  Status Pull(const std::string& user_id, int64_t after, PullPage* out);
  Status Fingerprint(const std::string& user_id, StateFingerprint* out);
  Status Cells(const std::string& user_id, const std::vector<size_t>& buckets,
               std::vector<CellChange>* out);
  // The user's highest seq (0 for a user who never pushed).
  Status Head(const std::string& user_id, int64_t* seq);

  // Runs `read` on the user's journal under its lock (the shared view reads
  // a patient's journal this way). Returns `read`'s status.
  Status Read(const std::string& user_id,
              const std::function<Status(Journal*)>& read);
  // Runs `write` on the user's journal under its lock, then pokes every
  // socket of the user if it stored changes (a therapist's suggestion is
  // written into the patient's journal this way). Returns `write`'s status.
  Status Write(const std::string& user_id,
               const std::function<Status(Journal*)>& write);
  // Closes the user's journal and removes its files (account deletion).
  // Error code: "io-error".
  Status Delete(const std::string& user_id);

  size_t open_journals() const;

 private:
  struct Slot;
  // A user's journal, open and locked for the caller's scope.
  class Handle;
  Status Acquire(const std::string& user_id, Handle* out);

  const std::filesystem::path users_dir_;
  AccountStore* store_;
  Env* env_;
  PokeHub* pokes_;
  mutable std::mutex mu_;                 // guards lru_ and index_
  std::list<std::shared_ptr<Slot>> lru_;  // most recently used first
  std::unordered_map<std::string, std::list<std::shared_ptr<Slot>>::iterator>
      index_;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_SYNC_SYNC_SERVICE_H_

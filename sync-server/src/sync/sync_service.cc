#include "sync/sync_service.h"

#include "tuning.h"
#include "unknot/hlc.h"

namespace unknot::server {

struct SyncService::Slot {
  std::string user_id;
  std::mutex mu;  // guards journal
  std::unique_ptr<Journal> journal;
};

class SyncService::Handle {
 public:
  Journal* journal() { return slot_->journal.get(); }
  Slot* journal_slot() { return slot_.get(); }
  void Reset(std::shared_ptr<Slot> slot) {
    lock_ = std::unique_lock<std::mutex>(slot->mu);
    slot_ = std::move(slot);
  }
  ~Handle() {
    if (lock_.owns_lock()) lock_.unlock();
  }

 private:
  std::shared_ptr<Slot> slot_;  // declared first: outlives the lock
  std::unique_lock<std::mutex> lock_;
};

namespace {

bool IsUserId(const std::string& id) {
  if (id.size() != 32) return false;
  for (char c : id) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

SyncService::SyncService(std::filesystem::path users_dir, AccountStore* store,
                         Env* env, PokeHub* pokes)
    : users_dir_(std::move(users_dir)),
      store_(store),
      env_(env),
      pokes_(pokes) {}

SyncService::~SyncService() = default;

size_t SyncService::open_journals() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lru_.size();
}

Status SyncService::Acquire(const std::string& user_id, Handle* out) {
  if (!IsUserId(user_id))
    return Status::Invalid("invalid-request", "Not a user id.");
  std::shared_ptr<Slot> slot;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = index_.find(user_id);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);  // now most recent
      slot = lru_.front();
    } else {
      slot = std::make_shared<Slot>();
      slot->user_id = user_id;
      lru_.push_front(slot);
      index_[user_id] = lru_.begin();
    }
    // Close the least recently used journals nobody is using (only the
    // list holds them). Busy ones stay; the LRU shrinks later.
    for (auto victim = std::prev(lru_.end());
         lru_.size() > kMaxOpenJournals && victim != lru_.begin();) {
      auto prev = std::prev(victim);
      if (victim->use_count() == 1) {
        index_.erase((*victim)->user_id);
        lru_.erase(victim);
      }
      victim = prev;
    }
  }
  out->Reset(slot);
  if (slot->journal) return Status::OK();
  JournalOptions options;
  options.path = (users_dir_ / (user_id + ".journal")).string();
  options.cache_kib = kJournalCacheKib;
  options.page_size = kJournalPageSize;
  options.exclusive = true;  // one connection per journal, in this process
  options.env = env_;
  return Journal::Open(options, &slot->journal);
}

Status SyncService::Push(const std::string& user_id, const PushRequest& push,
                         PushResult* out) {
  Hlc clock;
  Status s = Hlc::Parse(push.clock, &clock);
  if (!s.ok()) return s;
  if (clock.millis > env_->NowMillis() + kMaxClockDriftMs) {
    return Status::Invalid("clock-drift",
                           "The device's clock is more than 5 minutes ahead "
                           "of the server's.");
  }
  // The highest stamp of this device's own changes in the batch.
  std::string own_max;
  for (const CellChange& c : push.changes) {
    if (c.hlc.size() > push.device.size() &&
        c.hlc.compare(c.hlc.size() - push.device.size(), push.device.size(),
                      push.device) == 0 &&
        c.hlc > own_max) {
      own_max = c.hlc;
    }
  }
  Handle handle;
  s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  // The journal keeps each device's highest stamp (in the push's own
  // transaction); data dirs from before kept it in accounts.db.
  std::string seen;
  s = handle.journal()->DeviceMaxStamp(push.device, &seen);
  if (s.ok() && seen.empty())
    s = store_->DeviceMaxStamp(user_id, push.device, &seen);
  if (!s.ok()) return s;
  // Stamps are fixed-width text that sorts like the clock.
  if (!seen.empty() && push.clock < seen) {
    return Status::Invalid(
        "device-restored",
        "This device id already pushed later changes: a restored copy must "
        "take a new device id (RenewDeviceId) and push again.");
  }
  Journal::RemoteApplyOptions options;
  options.assign_seq = true;
  options.device = push.device;
  options.device_max_stamp = own_max;
  Journal::RemoteApplyStats stats;
  s = handle.journal()->ApplyRemote(push.changes, options, &stats);
  if (!s.ok()) return s;
  out->accepted = static_cast<int>(push.changes.size());
  out->applied = stats.applied;
  out->seq = stats.last_seq;
  if (stats.applied > 0 && pokes_ != nullptr)
    pokes_->Notify(user_id, stats.last_seq, push.device, env_->NowMillis());
  return Status::OK();
}

Status SyncService::Pull(const std::string& user_id, int64_t after,
                         PullPage* out) {
  Handle handle;
  Status s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  ChangeBatch batch;
  s = handle.journal()->ChangesAfter(after, kMaxSyncBatchBytes, &batch);
  if (!s.ok()) return s;
  out->changes = std::move(batch.changes);
  out->cursor = batch.last_seq;
  out->more = batch.more;
  return Status::OK();
}

Status SyncService::Fingerprint(const std::string& user_id,
                                StateFingerprint* out) {
  Handle handle;
  Status s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  return handle.journal()->Fingerprint(out);
}

Status SyncService::Cells(const std::string& user_id,
                          const std::vector<size_t>& buckets,
                          std::vector<CellChange>* out) {
  Handle handle;
  Status s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  return handle.journal()->CellsInBuckets(buckets, out);
}

Status SyncService::Head(const std::string& user_id, int64_t* seq) {
  Handle handle;
  Status s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  return handle.journal()->HeadSeq(seq);
}

Status SyncService::Read(const std::string& user_id,
                         const std::function<Status(Journal*)>& read) {
  Handle handle;
  Status s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  return read(handle.journal());
}

Status SyncService::Write(const std::string& user_id,
                          const std::function<Status(Journal*)>& write) {
  Handle handle;
  Status s = Acquire(user_id, &handle);
  if (!s.ok()) return s;
  int64_t before = 0, after = 0;
  s = handle.journal()->HeadSeq(&before);
  if (s.ok()) s = write(handle.journal());
  if (s.ok()) s = handle.journal()->HeadSeq(&after);
  if (!s.ok()) return s;
  if (after > before && pokes_ != nullptr)
    pokes_->Notify(user_id, after, "", env_->NowMillis());
  return Status::OK();
}

Status SyncService::Delete(const std::string& user_id) {
  {
    Handle handle;
    Status s = Acquire(user_id, &handle);
    if (!s.ok()) return s;
    handle.journal_slot()->journal.reset();  // closes the file
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = index_.find(user_id); it != index_.end()) {
      lru_.erase(it->second);
      index_.erase(it);
    }
  }
  std::error_code ec;
  for (const char* suffix : {".journal", ".journal-wal", ".journal-shm"}) {
    std::filesystem::remove(users_dir_ / (user_id + suffix), ec);
    if (ec) return Status::IOError("io-error", "cannot remove a journal");
  }
  return Status::OK();
}

}  // namespace unknot::server

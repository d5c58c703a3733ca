#include "net/server_state.h"

#include <utility>
#include <vector>

#include "tuning.h"

namespace unknot::server {

ServerState::ServerState(const ServerContext& ctx,
                         std::function<void()> on_drained)
    : ctx_(ctx), on_drained_(std::move(on_drained)) {}

std::uint64_t ServerState::Register(std::weak_ptr<SessionBase> session) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_.load() || sessions_.size() >= kMaxConnections) return 0;
  const std::uint64_t id = next_id_++;
  sessions_.emplace(id, std::move(session));
  return id;
}

void ServerState::Unregister(std::uint64_t id) {
  std::unique_lock<std::mutex> lock(mu_);
  sessions_.erase(id);
  MaybeDrainedLocked(lock);
}

std::size_t ServerState::live_sessions() const {
  std::lock_guard<std::mutex> lock(mu_);
  return sessions_.size();
}

void ServerState::BeginShutdown() {
  std::vector<std::shared_ptr<SessionBase>> live;
  {
    std::unique_lock<std::mutex> lock(mu_);
    if (stopping_.exchange(true)) return;
    for (auto& [id, weak] : sessions_) {
      if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    MaybeDrainedLocked(lock);
  }
  // Outside the lock: a session's destructor (if this is the last owner)
  // unregisters, which takes the lock.
  for (auto& session : live) session->Shutdown();
}

void ServerState::Detach() {
  std::lock_guard<std::mutex> lock(mu_);
  on_drained_ = nullptr;
}

void ServerState::MaybeDrainedLocked(std::unique_lock<std::mutex>& lock) {
  if (!stopping_.load() || !sessions_.empty() || !on_drained_) return;
  std::function<void()> drained = std::move(on_drained_);
  on_drained_ = nullptr;
  lock.unlock();
  drained();
}

}  // namespace unknot::server

#include "net/server_state.h"

#include <boost/asio/post.hpp>
#include <boost/asio/thread_pool.hpp>
#include <utility>
#include <vector>

#include "tuning.h"

namespace unknot::server {

struct ServerState::Pools {
  boost::asio::thread_pool api{kApiThreads};
  boost::asio::thread_pool hash{kHashThreads};
};

ServerState::ServerState(const ServerContext& ctx,
                         std::function<void()> on_drained)
    : ctx_(ctx),
      on_drained_(std::move(on_drained)),
      pools_(std::make_unique<Pools>()) {}

ServerState::~ServerState() { JoinWorkers(); }

void ServerState::RunOnLane(ApiLane lane, std::function<void()> job) {
  switch (lane) {
    case ApiLane::kInline:
      return job();
    case ApiLane::kWorker:
      return boost::asio::post(pools_->api, std::move(job));
    case ApiLane::kHash:
      return boost::asio::post(pools_->hash, std::move(job));
  }
}

void ServerState::JoinWorkers() {
  pools_->api.join();
  pools_->hash.join();
}

std::uint64_t ServerState::Register(std::weak_ptr<SessionBase> session,
                                    bool websocket) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_.load()) return 0;
  const std::size_t http = sessions_.size() - websockets_;
  if (websocket ? websockets_ >= kMaxWebSockets : http >= kMaxConnections)
    return 0;
  const std::uint64_t id = next_id_++;
  sessions_.emplace(id, Entry{std::move(session), websocket});
  websockets_ += websocket ? 1 : 0;
  return id;
}

void ServerState::Unregister(std::uint64_t id) {
  std::unique_lock<std::mutex> lock(mu_);
  auto it = sessions_.find(id);
  if (it != sessions_.end()) {
    websockets_ -= it->second.websocket ? 1 : 0;
    sessions_.erase(it);
  }
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
    for (auto& [id, entry] : sessions_) {
      if (auto session = entry.session.lock())
        live.push_back(std::move(session));
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

#include "sync/poke_hub.h"

#include <algorithm>

namespace unknot::server {

uint64_t PokeHub::Add(const std::string& user_id, std::string device,
                      std::weak_ptr<PokeSink> sink, std::string share_id,
                      int64_t expires_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t id = next_id_++;
  by_user_[user_id].push_back({id, std::move(device), std::move(sink),
                               std::move(share_id), expires_ms});
  ++size_;
  return id;
}

void PokeHub::Remove(const std::string& user_id, uint64_t id) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = by_user_.find(user_id);
  if (it == by_user_.end()) return;
  auto& entries = it->second;
  const auto old = entries.size();
  entries.erase(std::remove_if(entries.begin(), entries.end(),
                               [id](const Entry& e) { return e.id == id; }),
                entries.end());
  size_ -= old - entries.size();
  if (entries.empty()) by_user_.erase(it);
}

int PokeHub::Notify(const std::string& user_id, int64_t seq,
                    std::string_view except_device, int64_t now_ms) {
  std::vector<std::shared_ptr<PokeSink>> sinks, expired;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_user_.find(user_id);
    if (it == by_user_.end()) return 0;
    for (const Entry& e : it->second) {
      if (!except_device.empty() && e.device == except_device) continue;
      auto sink = e.sink.lock();
      if (!sink) continue;
      const bool ended = e.expires_ms != 0 && now_ms >= e.expires_ms;
      (ended ? expired : sinks).push_back(std::move(sink));
    }
  }
  // Outside the lock: dropping the last reference may destroy a session,
  // whose destructor calls Remove.
  for (auto& sink : sinks) sink->Poke(seq);
  for (auto& sink : expired) sink->End("share-expired");
  return static_cast<int>(sinks.size());
}

int PokeHub::EndShare(const std::string& share_id, const std::string& code) {
  std::vector<std::shared_ptr<PokeSink>> sinks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (const auto& [user, entries] : by_user_) {
      for (const Entry& e : entries) {
        if (e.share_id != share_id) continue;
        if (auto sink = e.sink.lock()) sinks.push_back(std::move(sink));
      }
    }
  }
  for (auto& sink : sinks) sink->End(code);  // outside the lock, as Notify
  return static_cast<int>(sinks.size());
}

int PokeHub::EndUser(const std::string& user_id, const std::string& code) {
  std::vector<std::shared_ptr<PokeSink>> sinks;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = by_user_.find(user_id);
    if (it != by_user_.end()) {
      for (const Entry& e : it->second) {
        if (auto sink = e.sink.lock()) sinks.push_back(std::move(sink));
      }
    }
  }
  for (auto& sink : sinks) sink->End(code);
  return static_cast<int>(sinks.size());
}

size_t PokeHub::size() const {
  std::lock_guard<std::mutex> lock(mu_);
  return size_;
}

}  // namespace unknot::server

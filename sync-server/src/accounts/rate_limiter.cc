#include "accounts/rate_limiter.h"

namespace unknot::server {

RateLimiter::RateLimiter(int budget, int64_t window_ms, size_t max_keys)
    : budget_(budget), window_ms_(window_ms), max_keys_(max_keys) {}

int64_t RateLimiter::RetryAfterSeconds(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = windows_.find(key);
  if (it == windows_.end()) return 0;
  const int64_t end_ms = it->second.start_ms + window_ms_;
  if (now_ms >= end_ms) {
    windows_.erase(it);
    return 0;
  }
  if (it->second.failures < budget_) return 0;
  return (end_ms - now_ms + 999) / 1000;
}

void RateLimiter::RecordFailure(const std::string& key, int64_t now_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  if (windows_.size() >= max_keys_) PruneLocked(now_ms);
  Window& w = windows_[key];
  if (w.failures == 0 || now_ms >= w.start_ms + window_ms_) {
    w.start_ms = now_ms;
    w.failures = 0;
  }
  ++w.failures;
}

void RateLimiter::Reset(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu_);
  windows_.erase(key);
}

void RateLimiter::PruneLocked(int64_t now_ms) {
  for (auto it = windows_.begin(); it != windows_.end();) {
    it = now_ms >= it->second.start_ms + window_ms_ ? windows_.erase(it)
                                                    : std::next(it);
  }
  // Still full (a flood of distinct keys inside one window): forget the
  // oldest half rather than grow without bound.
  if (windows_.size() >= max_keys_) windows_.clear();
}

}  // namespace unknot::server

// Failed-login rate limiting: a fixed window of kLoginWindow per key, keyed
// by "email:<address>" and "addr:<client>" with separate budgets. A key over
// its budget is refused until its window ends, even with the right password,
// so guessing costs the attacker time whichever key they rotate. In memory:
// a restart forgets the counts (the argon2id cost still applies).
#ifndef UNKNOT_SERVER_ACCOUNTS_RATE_LIMITER_H_
#define UNKNOT_SERVER_ACCOUNTS_RATE_LIMITER_H_

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

namespace unknot::server {

class RateLimiter {
 public:
  RateLimiter(int budget, int64_t window_ms, size_t max_keys);

  // 0 if `key` may try now, else the seconds until it may (>= 1).
  int64_t RetryAfterSeconds(const std::string& key, int64_t now_ms);
  void RecordFailure(const std::string& key, int64_t now_ms);
  void Reset(const std::string& key);

 private:
  struct Window {
    int64_t start_ms = 0;
    int failures = 0;
  };
  void PruneLocked(int64_t now_ms);

  const int budget_;
  const int64_t window_ms_;
  const size_t max_keys_;
  std::mutex mu_;
  std::unordered_map<std::string, Window> windows_;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_ACCOUNTS_RATE_LIMITER_H_

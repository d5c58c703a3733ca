// Gzip for responses: a zlib wrapper and a bounded in-memory cache of
// compressed file bodies, so each version of a file is compressed once.
#ifndef UNKNOT_SERVER_HTTP_GZIP_CACHE_H_
#define UNKNOT_SERVER_HTTP_GZIP_CACHE_H_

#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace unknot::server {

// Returns `data` as a gzip member (RFC 1952) at zlib level `level`, or
// nullopt if zlib fails.
std::optional<std::string> GzipCompress(std::string_view data, int level);

// Compressed bodies keyed by a string the caller builds from path, mtime and
// size, so an edited file misses the cache. Least recently used entries are
// evicted once the total exceeds the capacity; a single value larger than the
// capacity is returned but not kept.
//
// Thread-safe: sessions on different io threads share one cache.
class GzipCache {
 public:
  using Value = std::shared_ptr<const std::string>;

  explicit GzipCache(std::size_t capacity_bytes);

  // Returns the cached value for `key`, or runs `compress` (outside the lock)
  // and caches its result. Returns nullptr if `compress` returns nullopt.
  Value GetOrCompress(
      const std::string& key,
      const std::function<std::optional<std::string>()>& compress);

  std::size_t size_bytes() const;
  std::size_t entries() const;

 private:
  using Lru = std::list<std::pair<std::string, Value>>;

  void InsertLocked(const std::string& key, Value value);

  const std::size_t capacity_bytes_;
  mutable std::mutex mu_;
  Lru lru_;  // most recently used first
  std::unordered_map<std::string, Lru::iterator> index_;
  std::size_t size_bytes_ = 0;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_GZIP_CACHE_H_

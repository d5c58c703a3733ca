#include "http/gzip_cache.h"

#include <zlib.h>

namespace unknot::server {

std::optional<std::string> GzipCompress(std::string_view data, int level) {
  z_stream zs{};
  // windowBits 15 + 16 asks zlib for a gzip header and trailer, not zlib's.
  if (deflateInit2(&zs, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    return std::nullopt;
  }
  std::string out(deflateBound(&zs, static_cast<uLong>(data.size())), '\0');
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  zs.next_out = reinterpret_cast<Bytef*>(out.data());
  zs.avail_out = static_cast<uInt>(out.size());
  const int rc = deflate(&zs, Z_FINISH);
  out.resize(zs.total_out);
  deflateEnd(&zs);
  if (rc != Z_STREAM_END) return std::nullopt;
  return out;
}

GzipCache::GzipCache(std::size_t capacity_bytes)
    : capacity_bytes_(capacity_bytes) {}

GzipCache::Value GzipCache::GetOrCompress(
    const std::string& key,
    const std::function<std::optional<std::string>()>& compress) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = index_.find(key);
    if (it != index_.end()) {
      lru_.splice(lru_.begin(), lru_, it->second);
      return it->second->second;
    }
  }
  // Compress without the lock: two threads may compress the same file once
  // each, which is cheaper than serializing every miss.
  std::optional<std::string> compressed = compress();
  if (!compressed) return nullptr;
  auto value = std::make_shared<const std::string>(std::move(*compressed));
  std::lock_guard<std::mutex> lock(mu_);
  if (index_.count(key) == 0) InsertLocked(key, value);
  return value;
}

void GzipCache::InsertLocked(const std::string& key, Value value) {
  if (value->size() > capacity_bytes_) return;
  size_bytes_ += value->size();
  lru_.emplace_front(key, std::move(value));
  index_[key] = lru_.begin();
  while (size_bytes_ > capacity_bytes_) {
    auto& victim = lru_.back();
    size_bytes_ -= victim.second->size();
    index_.erase(victim.first);
    lru_.pop_back();
  }
}

std::size_t GzipCache::size_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return size_bytes_;
}

std::size_t GzipCache::entries() const {
  std::lock_guard<std::mutex> lock(mu_);
  return index_.size();
}

}  // namespace unknot::server

// PokeHub: which WebSockets belong to which user, so a committed push can
// poke that user's other devices ({"type":"changes","seq":HEAD}). No Beast:
// sockets register as PokeSinks (net/ws_session.cc). Thread-safe.
#ifndef UNKNOT_SERVER_SYNC_POKE_HUB_H_
#define UNKNOT_SERVER_SYNC_POKE_HUB_H_

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace unknot::server {

class PokeSink {
 public:
  virtual ~PokeSink() = default;
  // Thread-safe; must not block (queue and return).
  virtual void Poke(int64_t seq) = 0;
  // Thread-safe, must not block: tell the client why (an error `code`) and
  // close. Sent when the share a therapist's socket watches is revoked.
  virtual void End(const std::string& /*code*/) {}
};

class PokeHub {
 public:
  // Adds a socket of `user_id`, opened by `device` ("" when the client did
  // not say). Returns the id to Remove it with.
  // A therapist's socket watching a patient's journal through a share is
  // added under the patient's `user_id` with that `share_id` and the
  // share's expiry (UTC ms; 0: none).
  uint64_t Add(const std::string& user_id, std::string device,
               std::weak_ptr<PokeSink> sink, std::string share_id = "",
               int64_t expires_ms = 0);
  void Remove(const std::string& user_id, uint64_t id);
  // Pokes every socket of `user_id` except those of `except_device` (the
  // device that pushed: it knows). A share's socket whose expiry has passed
  // at `now_ms` is ended ("share-expired") instead. Returns how many were
  // poked.
  int Notify(const std::string& user_id, int64_t seq,
             std::string_view except_device, int64_t now_ms = 0);
  // Ends (PokeSink::End(code)) every socket watching through `share_id`.
  // Returns how many.
  int EndShare(const std::string& share_id, const std::string& code);
  // Ends every socket of `user_id` and every socket watching it.
  int EndUser(const std::string& user_id, const std::string& code);
  size_t size() const;

 private:
  struct Entry {
    uint64_t id;
    std::string device;
    std::weak_ptr<PokeSink> sink;
    std::string share_id;
    int64_t expires_ms;
  };
  mutable std::mutex mu_;
  std::unordered_map<std::string, std::vector<Entry>> by_user_;
  uint64_t next_id_ = 1;
  size_t size_ = 0;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_SYNC_POKE_HUB_H_

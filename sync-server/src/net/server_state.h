// What the listener and every session share: the router's context, the
// registry of live sessions (which bounds the connection count), and the
// shutdown state. Holds no Beast or asio types.
//
// Shutdown design: BeginShutdown() marks the state stopping and asks every
// live session to Shutdown(). An idle session closes at once; one reading or
// writing a request finishes it with "Connection: close" and then closes.
// When the last session unregisters, `on_drained` runs (RunServer stops the
// io_context); a grace timer in RunServer covers sessions that never finish.
#ifndef UNKNOT_SERVER_NET_SERVER_STATE_H_
#define UNKNOT_SERVER_NET_SERVER_STATE_H_

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <unordered_map>

#include "http/api_routes.h"
#include "http/server_context.h"

namespace unknot::server {

class SessionBase : public std::enable_shared_from_this<SessionBase> {
 public:
  virtual ~SessionBase() = default;
  // Thread-safe: posts to the session's own strand.
  virtual void Shutdown() = 0;
};

class ServerState {
 public:
  // `ctx` must outlive this object. `on_drained` may run on any io thread.
  ServerState(const ServerContext& ctx, std::function<void()> on_drained);
  ~ServerState();

  const ServerContext& context() const { return ctx_; }
  bool stopping() const { return stopping_.load(); }

  // Adds a live session. Returns its id, or 0 if the server is stopping or
  // already holds kMaxConnections HTTP sessions (kMaxWebSockets WebSocket
  // sessions when `websocket`); the caller then closes.
  std::uint64_t Register(std::weak_ptr<SessionBase> session,
                         bool websocket = false);
  // Removes a session (from its destructor); may run `on_drained`.
  void Unregister(std::uint64_t id);
  std::size_t live_sessions() const;

  // Runs `job` on the pool of `lane` (kWorker or kHash; kInline runs it at
  // once on the calling thread). The job must post its result back to its
  // session's strand itself.
  void RunOnLane(ApiLane lane, std::function<void()> job);
  // Waits for queued jobs and stops the pools: after the io_context stopped,
  // before the context (accounts, journals) goes away.
  void JoinWorkers();

  // Starts shutdown (see the design note). Calls `on_drained` at once if no
  // session is live. Idempotent.
  void BeginShutdown();
  // Drops `on_drained`: called once the io_context has stopped, before it is
  // destroyed, so late unregistrations do not touch it.
  void Detach();

 private:
  void MaybeDrainedLocked(std::unique_lock<std::mutex>& lock);

  const ServerContext& ctx_;
  std::atomic<bool> stopping_{false};
  mutable std::mutex mu_;
  std::function<void()> on_drained_;
  struct Entry {
    std::weak_ptr<SessionBase> session;
    bool websocket;
  };
  std::unordered_map<std::uint64_t, Entry> sessions_;
  std::size_t websockets_ = 0;
  std::uint64_t next_id_ = 1;
  struct Pools;  // asio thread pools, in server_state.cc
  std::unique_ptr<Pools> pools_;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_NET_SERVER_STATE_H_

// What the router may consult besides the request: set up once at startup by
// main.cc, read-only afterwards (except the gzip cache, which is
// thread-safe). The seam for later state — the sync store, share links —
// is a new member here, handed to the /api routes.
#ifndef UNKNOT_SERVER_HTTP_SERVER_CONTEXT_H_
#define UNKNOT_SERVER_HTTP_SERVER_CONTEXT_H_

#include <filesystem>
#include <optional>
#include <string>

#include "http/gzip_cache.h"

namespace unknot::server {

class Accounts;     // accounts/accounts.h
class SyncService;  // sync/sync_service.h
class PokeHub;      // sync/poke_hub.h
class Shares;       // sharing/shares.h
class PushService;  // push/push_service.h

struct ServerContext {
  // Reported by /healthz; the CMake project version.
  std::string version;
  // Canonical (symlink-free, absolute) root of the built web app, or nullopt
  // when no web app was found: static paths then answer 503.
  std::optional<std::filesystem::path> web_root;
  // Where server state lives (created at startup, mode 0700).
  std::filesystem::path data_dir;
  // On-the-fly gzip results; nullptr compresses without caching.
  GzipCache* gzip_cache = nullptr;
  // Accounts and per-user journals; nullptr: those /api endpoints answer
  // 503 service-unavailable (router tests of static files need neither).
  // Thread-safe.
  Accounts* accounts = nullptr;
  SyncService* sync = nullptr;
  // The WebSockets to poke after a push; nullptr: /api/ws is refused.
  PokeHub* pokes = nullptr;
  // Shares and the access log; nullptr: /api/shares* and /api/shared*
  // answer 503.
  Shares* shares = nullptr;
  // Web Push reminders; nullptr (--no-push): /api/push/* answer 404
  // push-disabled.
  PushService* push = nullptr;
};

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_SERVER_CONTEXT_H_

// unknot-server: serves the built web app and, later, sync and sharing.
// Flags and output are a contract with scripts: see sync-server/README.md.
#include <sys/resource.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "accounts/accounts.h"
#include "accounts/secrets.h"
#include "accounts/sqlite_account_store.h"
#include "app/access_log.h"
#include "app/locations.h"
#include "app/options.h"
#include "http/gzip_cache.h"
#include "http/server_context.h"
#include "net/server.h"
#include "push/push_service.h"
#include "sharing/shares.h"
#include "sync/poke_hub.h"
#include "sync/sync_service.h"
#include "tuning.h"
#include "unknot/server_version.h"

namespace fs = std::filesystem;
using namespace unknot::server;

namespace {

// Returns the web root, or nullopt (with a warning logged) if none is found.
// An explicit --web-dir that is not a directory is a fatal error (exit 1).
std::optional<fs::path> ResolveWebRoot(const Options& opts, const char* argv0,
                                       bool* fatal) {
  if (opts.web_dir) {
    std::error_code ec;
    fs::path root = fs::canonical(*opts.web_dir, ec);
    if (ec || !fs::is_directory(root, ec)) {
      std::fprintf(stderr, "error: --web-dir %s is not a directory\n",
                   opts.web_dir->c_str());
      *fatal = true;
      return std::nullopt;
    }
    if (!fs::is_regular_file(root / "index.html", ec)) {
      LogEvent("warn", "--web-dir " + root.string() + " has no index.html");
    }
    return root;
  }
  const auto candidates = WebDirCandidates(
      ExecutableDir(argv0), std::getenv("UNKNOT_WEB_DIR"), UNKNOT_SOURCE_DIR);
  if (auto root = FindWebDir(candidates)) return root;
  std::string tried;
  for (const auto& dir : candidates)
    tried += (tried.empty() ? "" : ", ") + dir.string();
  LogEvent("warn", "web app not found (tried " + tried +
                       "); serving /healthz and the API only");
  return std::nullopt;
}

// Idle WebSockets are cheap but each holds a descriptor: take every one the
// hard limit allows (kMaxConnections + kMaxWebSockets fit under 20,000).
void RaiseDescriptorLimit() {
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur < lim.rlim_max) {
    lim.rlim_cur = lim.rlim_max;
    setrlimit(RLIMIT_NOFILE, &lim);
  }
}

}  // namespace

int main(int argc, char** argv) {
  const ParsedOptions parsed =
      ParseOptions(std::vector<std::string>(argv + 1, argv + argc));
  if (!parsed.options) {
    std::fprintf(stderr, "error: usage: %s\n  (%s)\n", kUsage,
                 parsed.error.c_str());
    return 2;
  }
  const Options& opts = *parsed.options;
  if (opts.help) {
    std::printf("usage: %s\n", kUsage);
    return 0;
  }
  std::signal(SIGPIPE, SIG_IGN);

  std::optional<fs::path> data_dir =
      opts.data_dir
          ? std::optional<fs::path>(*opts.data_dir)
          : DefaultDataDir(std::getenv("XDG_DATA_HOME"), std::getenv("HOME"));
  if (!data_dir) {
    std::fprintf(
        stderr,
        "error: no --data-dir and neither XDG_DATA_HOME nor HOME is set\n");
    return 1;
  }
  if (std::string error = EnsureDataDir(*data_dir); !error.empty()) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }

  if (!InitSecrets()) {
    std::fprintf(stderr, "error: libsodium failed to initialise\n");
    return 1;
  }
  RaiseDescriptorLimit();
  std::unique_ptr<SqliteAccountStore> store;
  const std::string accounts_db = (*data_dir / "accounts.db").string();
  if (auto s = SqliteAccountStore::Open(accounts_db, &store); !s.ok()) {
    std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
    return 1;
  }
  Accounts accounts(store.get(), unknot::Env::Default());
  PokeHub pokes;
  const fs::path users_dir = *data_dir / "users";
  if (std::string error = EnsureDataDir(users_dir); !error.empty()) {
    std::fprintf(stderr, "error: %s\n", error.c_str());
    return 1;
  }
  SyncService sync(users_dir, store.get(), unknot::Env::Default(), &pokes);
  Shares shares(store.get(), &sync, &pokes, unknot::Env::Default());

  // Web Push reminders (docs/push.md): a VAPID key made once per data dir.
  std::unique_ptr<VapidKey> vapid;
  std::unique_ptr<PushTransport> push_transport;
  std::unique_ptr<PushService> push;
  if (opts.push) {
    const fs::path key_file = *data_dir / "vapid_key.pem";
    if (auto s = VapidKey::LoadOrCreate(key_file, &vapid); !s.ok()) {
      std::fprintf(stderr, "error: %s\n", s.ToString().c_str());
      return 1;
    }
    std::error_code ec;
    if (opts.push_ca && !fs::is_regular_file(*opts.push_ca, ec)) {
      std::fprintf(stderr, "error: --push-ca %s is not a file\n",
                   opts.push_ca->c_str());
      return 1;
    }
    PushConfig config;
    if (opts.push_subject) config.subject = *opts.push_subject;
    if (opts.push_hosts) config.hosts = ParseHostList(*opts.push_hosts);
    if (opts.push_interval_s > 0) {
      config.interval = std::chrono::seconds(opts.push_interval_s);
    }
    push_transport = NewHttpsPushTransport(opts.push_ca.value_or(""));
    push = std::make_unique<PushService>(store.get(), &sync,
                                         unknot::Env::Default(), vapid.get(),
                                         push_transport.get(), config);
    push->Start();
  }

  bool fatal = false;
  GzipCache gzip_cache(kGzipCacheBytes);
  ServerContext ctx;
  ctx.version = kServerVersion;
  ctx.web_root = ResolveWebRoot(opts, argv[0], &fatal);
  if (fatal) return 1;
  ctx.data_dir = *data_dir;
  ctx.gzip_cache = &gzip_cache;
  ctx.accounts = &accounts;
  ctx.pokes = &pokes;
  ctx.sync = &sync;
  ctx.shares = &shares;
  ctx.push = push.get();

  ListenConfig listen{opts.bind, opts.port, opts.tls_cert, opts.tls_key};
  return RunServer(listen, ctx);
}

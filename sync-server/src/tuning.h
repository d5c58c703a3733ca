// Every limit, timeout and size the server tunes, in one place (LiteCore's
// ReplicatorTuning.hh). Change them here, not at the call sites.
#ifndef UNKNOT_SERVER_TUNING_H_
#define UNKNOT_SERVER_TUNING_H_

#include <chrono>
#include <cstddef>
#include <cstdint>

namespace unknot::server {

// A connection that sends nothing for this long (while we wait for a request,
// a TLS handshake, or for the client to drain a response) is closed.
constexpr auto kIoTimeout = std::chrono::seconds(30);

// On SIGTERM/SIGINT, requests already being read or written get this long to
// finish; then the process exits anyway.
constexpr auto kShutdownGrace = std::chrono::seconds(3);

// Largest request body accepted (sync pushes will be the big ones): 1 MiB plus
// room for the JSON envelope. Larger bodies get 413 and the connection closes.
constexpr std::size_t kBodyLimit = (1u << 20) + 64 * 1024;

// Largest request header block (request line + all fields).
constexpr std::uint32_t kHeaderLimit = 16 * 1024;

// HTTP connections open at once; further connections are accepted and
// closed immediately, so one misbehaving client cannot exhaust file
// descriptors. WebSockets count separately (kMaxWebSockets).
constexpr std::size_t kMaxConnections = 1024;

// Idle poke WebSockets held at once (each costs a descriptor and a few KiB).
// With kMaxConnections this stays under a 20,000 descriptor limit; the
// server raises its soft RLIMIT_NOFILE to the hard limit at startup.
constexpr std::size_t kMaxWebSockets = 16384;

// Threads running the io_context. The router reads files and gzips
// synchronously, so two threads keep one slow request from stalling others.
constexpr int kIoThreads = 2;

// Threads running /api handlers off the io threads (sync pushes wait for
// fsync; pulls read journals), so static files never wait behind them.
constexpr int kApiThreads = 4;
// Threads running the password-hashing endpoints (signup, login, recover).
// Also the number of argon2id hashes at once (the issue allows two).
constexpr int kHashThreads = 2;
constexpr int kMaxConcurrentHashes = 2;

// argon2id at OWASP's minimum: t = 2, m = 19 MiB, p = 1 (libsodium).
constexpr unsigned long long kArgon2OpsLimit = 2;
constexpr std::size_t kArgon2MemLimit = 19u * 1024 * 1024;

// Accounts: input limits, secrets, session lifetime.
constexpr std::size_t kMinPasswordChars = 8;
constexpr std::size_t kMaxPasswordBytes = 1024;
constexpr std::size_t kMaxEmailBytes = 254;  // RFC 5321 path limit
constexpr std::size_t kTokenBytes = 32;      // 256 random bits
constexpr std::size_t kMaxTokenBytes = 128;  // longer "tokens" are refused
constexpr int kRecoveryCodes = 10;
constexpr auto kSessionLifetime = std::chrono::hours(24 * 30);
// How often a session's last use is written (and at most how stale it is).
constexpr auto kSessionTouchInterval = std::chrono::hours(1);

// Failed logins (and recoveries) allowed per window, per email and per
// client address; then 429 too-many-attempts until the window ends.
constexpr int kLoginFailuresPerEmail = 5;
constexpr int kLoginFailuresPerClient = 20;
constexpr auto kLoginWindow = std::chrono::minutes(15);
constexpr std::size_t kRateLimitMaxKeys = 100000;

// Sharing: an invitation's code (symbols of Crockford base32, 5 bits each:
// 140 random bits) and how far ahead a share may expire.
constexpr std::size_t kInviteCodeChars = 28;
constexpr auto kMaxShareLifetime = std::chrono::hours(24 * 366);
// "Since last visit": views closer together than this are one visit (a
// therapist's open view re-reads on every change), so the previous visit is
// the last view before a gap this long.
constexpr auto kShareVisitGap = std::chrono::hours(2);
// A therapist's suggestion: a comment, or a routine of up to 30 steps.
constexpr std::size_t kSuggestionBodyLimit = 64u << 10;
// Lines of a share's access log the patient's list shows.
constexpr std::size_t kShareLogLines = 200;

// WebSocket poke channel: the hello ({"token"}) must arrive this soon; a
// client message larger than this closes the socket.
constexpr auto kWsHelloTimeout = std::chrono::seconds(10);
constexpr std::size_t kWsMessageLimit = 4096;

// Web Push reminders (docs/push.md): how often the sender looks for due
// reminders, how long one request to a push service may take, how long a
// push service may hold a reminder for an offline device (a reminder is
// stale after kReminderLateMinutes, 30 min), and the input limits of a
// subscription.
constexpr auto kPushCheckInterval = std::chrono::seconds(30);
constexpr auto kPushRequestTimeout = std::chrono::seconds(10);
constexpr int kPushTtlSeconds = 30 * 60;
constexpr std::size_t kPushBodyLimit = 32u << 10;
constexpr std::size_t kMaxZoneOffsets = 64;  // a year has two DST changes
constexpr std::size_t kMaxPushSubscriptionsPerUser = 20;

// Per-user journals kept open (LRU) and each one's SQLite page cache. 8
// pushing users x 2 MiB stays well inside the 48 MB memory target.
constexpr std::size_t kMaxOpenJournals = 64;
constexpr int kJournalCacheKib = 2048;
// A push is one small commit that writes the pages it touched whole: 4 KiB
// pages write a quarter of what a device's 16 KiB pages would (1 client
// pushing batches of 100: ~61,000 changes/s vs ~51,000 here).
constexpr int kJournalPageSize = 4096;

// On-the-fly gzip: smaller bodies are not worth compressing, larger ones are
// sent as they are (the build should precompress them as FILE.gz).
constexpr std::size_t kGzipMinBytes = 1024;
constexpr std::size_t kGzipMaxBytes = 8u << 20;

// Total compressed bytes kept in memory across all cached files (LRU).
constexpr std::size_t kGzipCacheBytes = 32u << 20;

// zlib level for on-the-fly compression: 6 is zlib's default trade-off; the
// result is cached, so it is paid once per file version.
constexpr int kGzipLevel = 6;

// Cache-Control for files that are neither always-revalidated nor hashed.
constexpr const char* kDefaultCacheControl = "public, max-age=3600";
constexpr const char* kRevalidateCacheControl = "no-cache";
constexpr const char* kHashedCacheControl =
    "public, max-age=31536000, immutable";

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_TUNING_H_

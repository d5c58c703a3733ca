// Every limit, timeout and size the server tunes, in one place (LiteCore's
// ReplicatorTuning.hh). Change them here, not at the call sites.
#ifndef UNKNOT_SERVER_TUNING_H_
#define UNKNOT_SERVER_TUNING_H_

#include <chrono>
#include <cstddef>

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

// Connections open at once; further connections are accepted and closed
// immediately, so one misbehaving client cannot exhaust file descriptors.
constexpr std::size_t kMaxConnections = 256;

// Threads running the io_context. The router reads files and gzips
// synchronously, so two threads keep one slow request from stalling others.
constexpr int kIoThreads = 2;

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

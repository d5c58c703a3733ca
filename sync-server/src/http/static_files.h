// Serving the built web app: path safety, content types, caching headers,
// ETags and gzip. Every function here is pure except ServeStatic, which reads
// the file system under ServerContext::web_root.
//
// Caching policy (documented in sync-server/README.md):
//   index.html (incl. the SPA fallback), sw.js, service-worker.js,
//   *.webmanifest, manifest.json  -> "no-cache" (always revalidate)
//   hashed names (IsHashedName)   -> "public, max-age=31536000, immutable"
//   everything else               -> "public, max-age=3600"
// Every file gets a strong ETag from its size and mtime; a gzip variant gets
// a distinct ETag ("…-gz"), and If-None-Match answers 304.
#ifndef UNKNOT_SERVER_HTTP_STATIC_FILES_H_
#define UNKNOT_SERVER_HTTP_STATIC_FILES_H_

#include <optional>
#include <string>
#include <string_view>

#include "http/message.h"
#include "http/server_context.h"

namespace unknot::server {

// A request path made safe to join onto the web root.
struct SafePath {
  std::string relative;         // "a/b.js"; "" for "/"; never has ".."
  bool directory_form = false;  // the path ended in '/'
};

// Decodes the path of an origin-form `target` (query and fragment dropped,
// %XX decoded, empty and "." segments removed). Returns nullopt — refuse the
// request — if the target does not start with '/', has a bad %-escape, or,
// after decoding, contains "..", a backslash or a NUL byte.
std::optional<SafePath> ParseSafePath(std::string_view target);

// True if the file name carries a content hash, so its bytes never change:
// the stem's last '-' or '.' separated part is 8+ characters of [A-Za-z0-9_]
// with at least one digit and one letter ("index-3f9a2b1c.js",
// "app.5d41402a.css"). Conservative on purpose: a missed hash only costs a
// revalidation, a false one would pin a stale file for a year.
bool IsHashedName(std::string_view filename);

// The Cache-Control value for `filename` (a bare name or a path).
std::string_view CacheControlFor(std::string_view filename);

// True if an Accept-Encoding value accepts gzip (a "gzip" token without
// q=0).
bool AcceptsGzip(std::string_view accept_encoding);

// True if an If-None-Match value matches `etag` ("*", or a listed tag, weak
// comparison: W/ prefixes ignored).
bool EtagMatches(std::string_view if_none_match, std::string_view etag);

// Answers GET/HEAD for the web app: 200 / 304, the SPA fallback (unknown
// paths without an extension get index.html), 400 bad-path, 404 not-found,
// 405 method-not-allowed, 503 web-app-missing. Files are read whole into the
// response body.
Response ServeStatic(const Request& req, const ServerContext& ctx);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_STATIC_FILES_H_

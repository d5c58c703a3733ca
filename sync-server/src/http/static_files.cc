#include "http/static_files.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <system_error>

#include "http/mime.h"
#include "tuning.h"

namespace unknot::server {
namespace fs = std::filesystem;
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::optional<std::string> PercentDecode(std::string_view in) {
  std::string out;
  out.reserve(in.size());
  for (std::size_t i = 0; i < in.size(); ++i) {
    if (in[i] != '%') {
      out.push_back(in[i]);
      continue;
    }
    if (i + 2 >= in.size()) return std::nullopt;
    const int hi = HexValue(in[i + 1]), lo = HexValue(in[i + 2]);
    if (hi < 0 || lo < 0) return std::nullopt;
    out.push_back(static_cast<char>(hi * 16 + lo));
    i += 2;
  }
  return out;
}

std::string_view LastSegment(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool HasExtension(std::string_view name) {
  return name.find('.') != std::string_view::npos;
}

bool IsAlnumOrUnderscore(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         (c >= '0' && c <= '9') || c == '_';
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) {
    s.remove_prefix(1);
  }
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  return s;
}

// True if any segment of a relative path starts with '.' (".git", ".env"):
// such files are never part of the web app.
bool HasDotSegment(std::string_view relative) {
  std::size_t start = 0;
  while (start <= relative.size()) {
    if (start < relative.size() && relative[start] == '.') return true;
    const auto slash = relative.find('/', start);
    if (slash == std::string_view::npos) break;
    start = slash + 1;
  }
  return false;
}

bool IsInside(const fs::path& root, const fs::path& p) {
  auto q = p.begin();
  for (const auto& part : root) {
    if (q == p.end() || *q != part) return false;
    ++q;
  }
  return true;
}

// Resolves `relative` under the canonical `root`, following symlinks, and
// returns the real path if it is a regular file still inside the root.
std::optional<fs::path> ResolveFile(const fs::path& root,
                                    const std::string& relative) {
  std::error_code ec;
  fs::path real = fs::canonical(root / relative, ec);
  if (ec || !IsInside(root, real) || !fs::is_regular_file(real, ec)) {
    return std::nullopt;
  }
  return real;
}

struct Located {
  fs::path real;         // the file to read
  std::string relative;  // its name under the root, for policy decisions
};

std::optional<Located> Locate(const fs::path& root, const SafePath& safe) {
  std::string relative = safe.relative;
  if (safe.directory_form) {
    relative = relative.empty() ? "index.html" : relative + "/index.html";
  }
  if (auto real = ResolveFile(root, relative)) return Located{*real, relative};
  // SPA fallback: client-side routes ("/entries/42") have no extension.
  if (safe.directory_form || !HasExtension(LastSegment(safe.relative))) {
    if (auto real = ResolveFile(root, "index.html")) {
      return Located{*real, "index.html"};
    }
  }
  return std::nullopt;
}

struct FileStamp {
  std::uintmax_t size = 0;
  long long mtime = 0;  // file clock ticks; only compared, never shown
};

std::optional<FileStamp> Stamp(const fs::path& p) {
  std::error_code ec;
  FileStamp stamp;
  stamp.size = fs::file_size(p, ec);
  if (ec) return std::nullopt;
  const auto mtime = fs::last_write_time(p, ec);
  if (ec) return std::nullopt;
  stamp.mtime = static_cast<long long>(mtime.time_since_epoch().count());
  return stamp;
}

std::string MakeEtag(const FileStamp& stamp, std::string_view suffix) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "\"%jx-%llx%.*s\"", stamp.size,
                static_cast<unsigned long long>(stamp.mtime),
                static_cast<int>(suffix.size()), suffix.data());
  return buf;
}

std::optional<std::string> ReadFile(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream out;
  out << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(out).str();
}

Response NotFound() {
  return JsonError(404, "not-found", "No such file in the web app.");
}

// The body and ETag of the representation chosen for this request.
struct Variant {
  std::string etag;
  bool gzip = false;
  std::optional<fs::path> file;                  // read on demand, or
  std::shared_ptr<const std::string> in_memory;  // already compressed
};

Variant OnTheFlyOrIdentity(const Located& file, const FileStamp& stamp,
                           const ServerContext& ctx) {
  auto compress = [&]() -> std::optional<std::string> {
    auto raw = ReadFile(file.real);
    if (!raw) return std::nullopt;
    return GzipCompress(*raw, kGzipLevel);
  };
  std::shared_ptr<const std::string> gz;
  if (ctx.gzip_cache != nullptr) {
    const std::string key = file.real.string() + '\n' +
                            std::to_string(stamp.mtime) + '\n' +
                            std::to_string(stamp.size);
    gz = ctx.gzip_cache->GetOrCompress(key, compress);
  } else if (auto once = compress()) {
    gz = std::make_shared<const std::string>(std::move(*once));
  }
  if (gz == nullptr) return Variant{MakeEtag(stamp, ""), false, file.real, {}};
  return Variant{MakeEtag(stamp, "-gz"), true, std::nullopt, gz};
}

}  // namespace

std::optional<SafePath> ParseSafePath(std::string_view target) {
  target = target.substr(0, target.find_first_of("?#"));
  if (target.empty() || target.front() != '/') return std::nullopt;
  std::optional<std::string> decoded = PercentDecode(target);
  if (!decoded) return std::nullopt;
  if (decoded->find('\0') != std::string::npos ||
      decoded->find('\\') != std::string::npos) {
    return std::nullopt;
  }
  SafePath safe;
  safe.directory_form = decoded->back() == '/';
  std::string_view rest(*decoded);
  while (!rest.empty()) {
    const auto slash = rest.find('/');
    const std::string_view segment = rest.substr(0, slash);
    rest = slash == std::string_view::npos ? "" : rest.substr(slash + 1);
    if (segment.empty() || segment == ".") continue;
    if (segment == "..") return std::nullopt;
    if (!safe.relative.empty()) safe.relative += '/';
    safe.relative += segment;
  }
  return safe;
}

bool IsHashedName(std::string_view filename) {
  std::string_view stem = LastSegment(filename);
  stem = stem.substr(0, stem.rfind('.'));
  const auto sep = stem.find_last_of("-.");
  if (sep == std::string_view::npos) return false;
  const std::string_view part = stem.substr(sep + 1);
  if (part.size() < 8) return false;
  bool digit = false, letter = false;
  for (char c : part) {
    if (!IsAlnumOrUnderscore(c)) return false;
    digit = digit || (c >= '0' && c <= '9');
    letter = letter || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
  return digit && letter;
}

std::string_view CacheControlFor(std::string_view filename) {
  const std::string_view name = LastSegment(filename);
  const auto dot = name.rfind('.');
  const std::string_view ext =
      dot == std::string_view::npos ? "" : name.substr(dot + 1);
  if (name == "index.html" || name == "sw.js" || name == "service-worker.js" ||
      name == "manifest.json" || ext == "webmanifest") {
    return kRevalidateCacheControl;
  }
  return IsHashedName(name) ? kHashedCacheControl : kDefaultCacheControl;
}

bool AcceptsGzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos
                          ? ""
                          : accept_encoding.substr(comma + 1);
    const auto semi = item.find(';');
    const std::string_view coding = Trim(item.substr(0, semi));
    if (!EqualsIgnoreCase(coding, "gzip")) continue;
    if (semi == std::string_view::npos) return true;
    std::string_view param = Trim(item.substr(semi + 1));
    if (param.substr(0, 2) != "q=" && param.substr(0, 2) != "Q=") return true;
    return std::strtod(std::string(param.substr(2)).c_str(), nullptr) > 0;
  }
  return false;
}

bool EtagMatches(std::string_view if_none_match, std::string_view etag) {
  auto strip_weak = [](std::string_view tag) {
    return tag.substr(0, 2) == "W/" ? tag.substr(2) : tag;
  };
  etag = strip_weak(etag);
  while (!if_none_match.empty()) {
    const auto comma = if_none_match.find(',');
    const std::string_view tag = Trim(if_none_match.substr(0, comma));
    if_none_match =
        comma == std::string_view::npos ? "" : if_none_match.substr(comma + 1);
    if (tag == "*" || strip_weak(tag) == etag) return true;
  }
  return false;
}

namespace {

Response ServeFile(const Request& req, const ServerContext& ctx,
                   const Located& file) {
  const std::optional<FileStamp> stamp = Stamp(file.real);
  if (!stamp) return NotFound();
  const std::string_view type = MimeTypeFor(file.relative);
  const auto sibling = ResolveFile(*ctx.web_root, file.relative + ".gz");
  const auto sibling_stamp = sibling ? Stamp(*sibling) : std::nullopt;
  const bool compressible = IsCompressible(type) &&
                            stamp->size >= kGzipMinBytes &&
                            stamp->size <= kGzipMaxBytes;
  const bool gzip_ok =
      AcceptsGzip(req.headers.Get("Accept-Encoding").value_or(""));

  Variant variant{MakeEtag(*stamp, ""), false, file.real, {}};
  if (gzip_ok && sibling_stamp) {
    variant = Variant{MakeEtag(*sibling_stamp, "-gz"), true, *sibling, {}};
  } else if (gzip_ok && compressible) {
    variant = OnTheFlyOrIdentity(file, *stamp, ctx);
  }

  Response res;
  res.headers.Set("Cache-Control", std::string(CacheControlFor(file.relative)));
  res.headers.Set("ETag", variant.etag);
  if (sibling_stamp || compressible) res.headers.Set("Vary", "Accept-Encoding");
  const auto if_none_match = req.headers.Get("If-None-Match");
  if (if_none_match && EtagMatches(*if_none_match, variant.etag)) {
    res.status = 304;
    return res;
  }
  res.headers.Set("Content-Type", std::string(type));
  res.headers.Set("X-Content-Type-Options", "nosniff");
  if (variant.gzip) res.headers.Set("Content-Encoding", "gzip");
  if (variant.in_memory) {
    res.body = *variant.in_memory;
  } else if (auto body = ReadFile(*variant.file)) {
    res.body = std::move(*body);
  } else {
    return JsonError(500, "read-failed", "The file could not be read.");
  }
  return res;
}

}  // namespace

Response ServeStatic(const Request& req, const ServerContext& ctx) {
  const bool head = req.method == "HEAD";
  if (!head && req.method != "GET") {
    Response res = JsonError(405, "method-not-allowed",
                             "The web app is served with GET and HEAD only.");
    res.headers.Set("Allow", "GET, HEAD");
    return res;
  }
  if (!ctx.web_root) {
    return JsonError(503, "web-app-missing",
                     "The web app was not found: build it, or start the "
                     "server with --web-dir.");
  }
  const std::optional<SafePath> safe = ParseSafePath(req.target);
  if (!safe) return JsonError(400, "bad-path", "The request path is refused.");
  if (HasDotSegment(safe->relative)) return NotFound();
  const std::optional<Located> file = Locate(*ctx.web_root, *safe);
  if (!file) return NotFound();
  Response res = ServeFile(req, ctx, *file);
  res.omit_body = head;
  return res;
}

}  // namespace unknot::server

#include "http/mime.h"

#include "http/message.h"

namespace unknot::server {
namespace {

struct MimeEntry {
  std::string_view extension;
  std::string_view type;
};

constexpr MimeEntry kMimeTypes[] = {
    {"html", "text/html; charset=utf-8"},
    {"htm", "text/html; charset=utf-8"},
    {"js", "text/javascript"},
    {"mjs", "text/javascript"},
    {"css", "text/css"},
    {"json", "application/json"},
    {"map", "application/json"},
    {"webmanifest", "application/manifest+json"},
    {"wasm", "application/wasm"},
    {"svg", "image/svg+xml"},
    {"png", "image/png"},
    {"jpg", "image/jpeg"},
    {"jpeg", "image/jpeg"},
    {"gif", "image/gif"},
    {"webp", "image/webp"},
    {"avif", "image/avif"},
    {"ico", "image/x-icon"},
    {"txt", "text/plain; charset=utf-8"},
    {"xml", "application/xml"},
    {"woff", "font/woff"},
    {"woff2", "font/woff2"},
    {"ttf", "font/ttf"},
    {"otf", "font/otf"},
};

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

std::string_view MimeTypeFor(std::string_view filename) {
  const auto slash = filename.rfind('/');
  if (slash != std::string_view::npos) filename.remove_prefix(slash + 1);
  const auto dot = filename.rfind('.');
  if (dot == std::string_view::npos) return "application/octet-stream";
  const std::string_view ext = filename.substr(dot + 1);
  for (const auto& entry : kMimeTypes) {
    if (EqualsIgnoreCase(entry.extension, ext)) return entry.type;
  }
  return "application/octet-stream";
}

bool IsCompressible(std::string_view mime_type) {
  const std::string_view base = mime_type.substr(0, mime_type.find(';'));
  return StartsWith(base, "text/") || base == "application/json" ||
         base == "application/manifest+json" || base == "image/svg+xml" ||
         base == "application/xml" || base == "application/wasm";
}

}  // namespace unknot::server

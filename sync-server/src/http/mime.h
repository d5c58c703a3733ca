// Content types for the files the web app ships, chosen by file extension.
#ifndef UNKNOT_SERVER_HTTP_MIME_H_
#define UNKNOT_SERVER_HTTP_MIME_H_

#include <string_view>

namespace unknot::server {

// Returns the Content-Type for `filename` by its extension (case-insensitive),
// or "application/octet-stream" for unknown extensions. HTML and plain text
// carry "; charset=utf-8"; everything else is the bare type (".js" is
// exactly "text/javascript", ".wasm" exactly "application/wasm").
std::string_view MimeTypeFor(std::string_view filename);

// True if bodies of this Content-Type shrink under gzip: text/*, JSON, the
// web manifest, SVG, XML and wasm. Images in binary formats and fonts (woff2
// is already compressed) are not.
bool IsCompressible(std::string_view mime_type);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_HTTP_MIME_H_

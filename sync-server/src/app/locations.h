// Where the server finds the web app and keeps its data.
#ifndef UNKNOT_SERVER_APP_LOCATIONS_H_
#define UNKNOT_SERVER_APP_LOCATIONS_H_

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace unknot::server {

// The directory holding the running executable (/proc/self/exe), or the
// directory part of `argv0` if that cannot be read.
std::filesystem::path ExecutableDir(const char* argv0);

// Places to look for the built web app, in order:
//   $UNKNOT_WEB_DIR (if `env_web_dir` is non-null and non-empty),
//   <exe_dir>/../web            (build tree: <build>/web),
//   <exe_dir>/../web/dist,
//   <exe_dir>/../share/unknot/web  (installed: <prefix>/bin/unknot-server),
// where ".." is the lexical parent of `exe_dir`.
//   <source_dir>/web/dist        (if `source_dir` is non-empty).
std::vector<std::filesystem::path> WebDirCandidates(
    const std::filesystem::path& exe_dir, const char* env_web_dir,
    const std::filesystem::path& source_dir);

// The first candidate holding an index.html, canonicalized; nullopt if none.
std::optional<std::filesystem::path> FindWebDir(
    const std::vector<std::filesystem::path>& candidates);

// $XDG_DATA_HOME/unknot-server if XDG_DATA_HOME is absolute, else
// $HOME/.local/share/unknot-server; nullopt if neither is usable.
std::optional<std::filesystem::path> DefaultDataDir(const char* xdg_data_home,
                                                    const char* home);

// Creates `dir` (and parents) if missing; the directory itself gets mode
// 0700. An existing directory is left as it is. Returns "" or an error.
std::string EnsureDataDir(const std::filesystem::path& dir);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_APP_LOCATIONS_H_

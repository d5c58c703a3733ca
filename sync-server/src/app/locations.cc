#include "app/locations.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace unknot::server {
namespace fs = std::filesystem;

fs::path ExecutableDir(const char* argv0) {
  std::error_code ec;
  fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (ec && argv0 != nullptr) exe = fs::absolute(argv0, ec);
  return exe.parent_path();
}

std::vector<fs::path> WebDirCandidates(const fs::path& exe_dir,
                                       const char* env_web_dir,
                                       const fs::path& source_dir) {
  std::vector<fs::path> out;
  if (env_web_dir != nullptr && *env_web_dir != '\0') {
    out.emplace_back(env_web_dir);
  }
  // Lexical parent, not "..": exe_dir is already canonical, and ".." would
  // fail if the directory were gone.
  const fs::path up = exe_dir.parent_path();
  out.push_back(up / "web");
  out.push_back(up / "web" / "dist");
  out.push_back(up / "share" / "unknot" / "web");
  if (!source_dir.empty()) out.push_back(source_dir / "web" / "dist");
  return out;
}

std::optional<fs::path> FindWebDir(const std::vector<fs::path>& candidates) {
  for (const fs::path& dir : candidates) {
    std::error_code ec;
    if (fs::is_regular_file(dir / "index.html", ec)) {
      fs::path real = fs::canonical(dir, ec);
      if (!ec) return real;
    }
  }
  return std::nullopt;
}

std::optional<fs::path> DefaultDataDir(const char* xdg_data_home,
                                       const char* home) {
  if (xdg_data_home != nullptr && xdg_data_home[0] == '/') {
    return fs::path(xdg_data_home) / "unknot-server";
  }
  if (home != nullptr && home[0] != '\0') {
    return fs::path(home) / ".local" / "share" / "unknot-server";
  }
  return std::nullopt;
}

std::string EnsureDataDir(const fs::path& dir) {
  std::error_code ec;
  if (fs::is_directory(dir, ec)) return "";
  if (dir.has_parent_path()) fs::create_directories(dir.parent_path(), ec);
  if (ec)
    return "cannot create " + dir.parent_path().string() + ": " + ec.message();
  if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) {
    return "cannot create " + dir.string() + ": " + std::strerror(errno);
  }
  if (!fs::is_directory(dir, ec)) return dir.string() + " is not a directory";
  return "";
}

}  // namespace unknot::server

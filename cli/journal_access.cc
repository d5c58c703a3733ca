#include "journal_access.h"

#include <cstdlib>
#include <filesystem>
#include <system_error>

namespace unknot::cli {
namespace {

namespace fs = std::filesystem;

constexpr const char* kJournalSubpath = "unknot/journal.db";
constexpr const char* kMemoryPath = ":memory:";

// A non-empty environment variable, or "".
std::string GetEnv(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

Status CreateParentFolder(const std::string& path) {
  if (path == kMemoryPath) return Status::OK();
  fs::path parent = fs::path(path).parent_path();
  if (parent.empty()) return Status::OK();
  std::error_code ec;
  fs::create_directories(parent, ec);
  if (ec) {
    return Status::IOError(
        "io-error",
        "cannot create folder " + parent.string() + ": " + ec.message());
  }
  return Status::OK();
}

}  // namespace

Status ResolveDbPath(const ParsedArgs& args, std::string* path) {
  if (args.db) {
    if (args.db->empty()) return UsageError("--db needs a path");
    *path = *args.db;
    return Status::OK();
  }
  if (std::string db = GetEnv("UNKNOT_DB"); !db.empty()) {
    *path = db;
    return Status::OK();
  }
  // The XDG spec says to ignore a relative XDG_DATA_HOME.
  if (std::string xdg = GetEnv("XDG_DATA_HOME");
      !xdg.empty() && fs::path(xdg).is_absolute()) {
    *path = (fs::path(xdg) / kJournalSubpath).string();
    return Status::OK();
  }
  if (std::string home = GetEnv("HOME"); !home.empty()) {
    *path = (fs::path(home) / ".local/share" / kJournalSubpath).string();
    return Status::OK();
  }
  return Status::IOError("io-error",
                         "no place for the journal: use --db PATH or set "
                         "UNKNOT_DB, XDG_DATA_HOME or HOME");
}

Status OpenJournal(const ParsedArgs& args, Env* env,
                   std::unique_ptr<Journal>* journal) {
  JournalOptions options;
  options.env = env;
  UNKNOT_RETURN_IF_ERROR(ResolveDbPath(args, &options.path));
  UNKNOT_RETURN_IF_ERROR(CreateParentFolder(options.path));
  return Journal::Open(options, journal);
}

Status OpenExistingJournal(const ParsedArgs& args, Env* env,
                           std::unique_ptr<Journal>* journal) {
  journal->reset();
  std::string path;
  if (!ResolveDbPath(args, &path).ok() || path == kMemoryPath) {
    return Status::OK();
  }
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return Status::OK();
  JournalOptions options;
  options.env = env;
  options.path = path;
  return Journal::Open(options, journal);
}

}  // namespace unknot::cli

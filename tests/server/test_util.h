// Helpers shared by the server tests: temporary directories and gunzip.
#ifndef UNKNOT_TESTS_SERVER_TEST_UTIL_H_
#define UNKNOT_TESTS_SERVER_TEST_UTIL_H_

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace unknot::server::testing {

// A fresh directory under $TMPDIR (or /tmp), removed with its contents.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // Writes `contents` to `relative` (parents created); returns the path.
  std::filesystem::path Write(const std::string& relative,
                              std::string_view contents) const;

 private:
  std::filesystem::path path_;
};

// Inflates a gzip member; nullopt if it is not valid gzip.
std::optional<std::string> Gunzip(std::string_view gz);

// `n` bytes of compressible text ("line 0\nline 1\n…").
std::string CompressibleText(std::size_t n);

}  // namespace unknot::server::testing

#endif  // UNKNOT_TESTS_SERVER_TEST_UTIL_H_

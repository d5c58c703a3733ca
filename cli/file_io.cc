#include "file_io.h"

#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace unknot::cli {
namespace {

Status IoError(const std::string& what, const std::string& path, int err) {
  return Status::IOError("io-error",
                         what + " " + path + ": " + std::strerror(err));
}

Status WriteAll(int fd, const std::string& data, const std::string& path) {
  size_t done = 0;
  while (done < data.size()) {
    ssize_t n = ::write(fd, data.data() + done, data.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot write", path, errno);
    done += static_cast<size_t>(n);
  }
  return Status::OK();
}

// Writes, syncs and closes `fd`; closes it on failure too.
Status FillAndClose(int fd, const std::string& data, const std::string& path) {
  Status status = WriteAll(fd, data, path);
  if (status.ok() && ::fsync(fd) != 0) {
    status = IoError("cannot sync", path, errno);
  }
  if (::close(fd) != 0 && status.ok()) {
    status = IoError("cannot close", path, errno);
  }
  return status;
}

}  // namespace

Status ReadWholeFile(const std::string& path, std::string* data) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec) && !ec) {
    return Status::NotFound("file-not-found", "no such file: " + path);
  }
  if (std::filesystem::is_directory(path, ec)) {
    return IoError("cannot read", path, EISDIR);
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return IoError("cannot open", path, errno);
  return ReadWholeStream(in, data);
}

Status ReadWholeStream(std::istream& in, std::string* data) {
  std::ostringstream buffer;
  buffer << in.rdbuf();
  if (in.bad()) return Status::IOError("io-error", "read failed");
  *data = buffer.str();
  return Status::OK();
}

Status WriteFileAtomically(const std::string& path, const std::string& data) {
  std::string temp_template = path + ".tmp-XXXXXX";
  std::vector<char> temp(temp_template.begin(), temp_template.end());
  temp.push_back('\0');
  int fd = ::mkstemp(temp.data());
  if (fd < 0) return IoError("cannot create a file next to", path, errno);
  std::string temp_path(temp.data());
  // mkstemp makes the file 0600 and we keep it so: an export is health
  // data, readable only by its owner.
  Status status = FillAndClose(fd, data, temp_path);
  if (status.ok() && std::rename(temp_path.c_str(), path.c_str()) != 0) {
    status = IoError("cannot replace", path, errno);
  }
  if (!status.ok()) ::unlink(temp_path.c_str());
  return status;
}

}  // namespace unknot::cli

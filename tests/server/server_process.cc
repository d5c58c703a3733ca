#include "server_process.h"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <openssl/ssl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <stdexcept>
#include <thread>

extern char** environ;

namespace unknot::server::testing {

ServerProcess::ServerProcess(const std::string& binary,
                             const std::vector<std::string>& args,
                             const std::filesystem::path& stderr_file) {
  int out[2];
  if (pipe(out) != 0) throw std::runtime_error("pipe");
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addclose(&actions, out[0]);
  posix_spawn_file_actions_addopen(&actions, 2, stderr_file.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<char*> argv;
  argv.push_back(const_cast<char*>(binary.c_str()));
  for (const auto& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const int rc = posix_spawn(&pid_, binary.c_str(), &actions, nullptr,
                             argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(out[1]);
  stdout_fd_ = out[0];
  if (rc != 0) throw std::runtime_error("posix_spawn " + binary);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) {
    kill(pid_, SIGKILL);
    waitpid(pid_, nullptr, 0);
  }
  if (stdout_fd_ >= 0) close(stdout_fd_);
}

std::string ServerProcess::ReadFirstLine(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  std::string line;
  char c;
  while (std::chrono::steady_clock::now() < deadline) {
    pollfd p{stdout_fd_, POLLIN, 0};
    if (poll(&p, 1, 50) <= 0) continue;
    if (read(stdout_fd_, &c, 1) != 1) return "";
    if (c == '\n') return line;
    line.push_back(c);
  }
  return "";
}

void ServerProcess::Signal(int signo) { kill(pid_, signo); }

std::optional<int> ServerProcess::Wait(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  do {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  } while (std::chrono::steady_clock::now() < deadline);
  return std::nullopt;
}

std::string HttpResponse::Header(const std::string& lower_name) const {
  auto it = headers.find(lower_name);
  return it == headers.end() ? "" : it->second;
}

int ConnectIdle(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  timeval tv{5, 0};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

namespace {

std::string Exchange(int fd, const std::string& raw, bool tls) {
  std::string in;
  char buf[8192];
  if (!tls) {
    if (send(fd, raw.data(), raw.size(), MSG_NOSIGNAL) !=
        static_cast<ssize_t>(raw.size())) {
      return "";
    }
    for (ssize_t n; (n = recv(fd, buf, sizeof buf, 0)) > 0;) in.append(buf, n);
    return in;
  }
  SSL_CTX* ctx = SSL_CTX_new(TLS_client_method());
  SSL* ssl = SSL_new(ctx);
  SSL_set_fd(ssl, fd);
  if (SSL_connect(ssl) == 1 &&
      SSL_write(ssl, raw.data(), static_cast<int>(raw.size())) > 0) {
    for (int n; (n = SSL_read(ssl, buf, sizeof buf)) > 0;) in.append(buf, n);
  }
  SSL_free(ssl);
  SSL_CTX_free(ctx);
  return in;
}

HttpResponse Parse(const std::string& in) {
  HttpResponse res;
  const auto end = in.find("\r\n\r\n");
  if (in.rfind("HTTP/1.", 0) != 0 || end == std::string::npos) return res;
  res.status = std::stoi(in.substr(9, 3));
  std::size_t pos = in.find("\r\n") + 2;
  while (pos < end) {
    const auto eol = in.find("\r\n", pos);
    const std::string line = in.substr(pos, eol - pos);
    const auto colon = line.find(':');
    std::string name = line.substr(0, colon);
    for (char& c : name) c = static_cast<char>(std::tolower(c));
    std::string value = line.substr(colon + 1);
    value.erase(0, value.find_first_not_of(' '));
    res.headers[name] = value;
    pos = eol + 2;
  }
  res.body = in.substr(end + 4);
  return res;
}

}  // namespace

HttpResponse RawRequest(int port, const std::string& raw, bool tls) {
  const int fd = ConnectIdle(port);
  if (fd < 0) return {};
  const std::string in = Exchange(fd, raw, tls);
  close(fd);
  return Parse(in);
}

HttpResponse Send(int port, const std::string& method,
                  const std::string& target, const std::string& body,
                  const std::vector<std::string>& extra_headers) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& h : extra_headers) raw += h + "\r\n";
  raw += "Content-Type: application/json\r\nContent-Length: " +
         std::to_string(body.size()) + "\r\nConnection: close\r\n\r\n";
  return RawRequest(port, raw + body);
}

WsClient::WsClient(int port, const std::string& target) {
  fd_ = ConnectIdle(port);
  if (fd_ < 0) return;
  const std::string req =
      "GET " + target +
      " HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  std::string in;
  char buf[4096];
  if (send(fd_, req.data(), req.size(), MSG_NOSIGNAL) !=
      static_cast<ssize_t>(req.size())) {
    close(fd_);
    fd_ = -1;
    return;
  }
  while (in.find("\r\n\r\n") == std::string::npos) {
    const ssize_t n = recv(fd_, buf, sizeof buf, 0);
    if (n <= 0) break;
    in.append(buf, n);
  }
  status_line_ = in.substr(0, in.find("\r\n"));
  const auto end = in.find("\r\n\r\n");
  if (status_line_.find(" 101 ") == std::string::npos ||
      end == std::string::npos) {
    close(fd_);
    fd_ = -1;
    return;
  }
  pending_ = in.substr(end + 4);
}

WsClient::~WsClient() {
  if (fd_ >= 0) close(fd_);
}

bool WsClient::SendText(const std::string& text) {
  if (fd_ < 0) return false;
  std::string frame;
  frame += static_cast<char>(0x81);  // FIN, text
  const size_t n = text.size();
  if (n < 126) {
    frame += static_cast<char>(0x80 | n);
  } else if (n < 65536) {
    frame += static_cast<char>(0x80 | 126);
    frame += static_cast<char>(n >> 8);
    frame += static_cast<char>(n & 0xFF);
  } else {
    frame += static_cast<char>(0x80 | 127);
    for (int i = 7; i >= 0; --i)
      frame += static_cast<char>((n >> (8 * i)) & 0xFF);
  }
  const char mask[4] = {0x12, 0x34, 0x56, 0x78};
  frame.append(mask, 4);
  for (size_t i = 0; i < n; ++i)
    frame += static_cast<char>(text[i] ^ mask[i % 4]);
  return send(fd_, frame.data(), frame.size(), MSG_NOSIGNAL) ==
         static_cast<ssize_t>(frame.size());
}

bool WsClient::ReadExact(size_t n, std::string* out,
                         std::chrono::steady_clock::time_point deadline) {
  char buf[4096];
  while (pending_.size() < n) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd p{fd_, POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left.count())) <= 0) return false;
    const ssize_t got = recv(fd_, buf, sizeof buf, 0);
    if (got <= 0) return false;
    pending_.append(buf, got);
  }
  *out = pending_.substr(0, n);
  pending_.erase(0, n);
  return true;
}

std::optional<std::string> WsClient::Read(std::chrono::milliseconds timeout,
                                          int* close_code) {
  if (close_code != nullptr) *close_code = -1;
  if (fd_ < 0) return std::nullopt;
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  for (;;) {
    std::string head, ext, payload;
    if (!ReadExact(2, &head, deadline)) return std::nullopt;
    const int opcode = head[0] & 0x0F;
    uint64_t len = static_cast<unsigned char>(head[1]) & 0x7F;
    if (len >= 126) {
      if (!ReadExact(len == 126 ? 2 : 8, &ext, deadline)) return std::nullopt;
      len = 0;
      for (char c : ext) len = (len << 8) | static_cast<unsigned char>(c);
    }
    if (!ReadExact(len, &payload, deadline)) return std::nullopt;
    if (opcode == 0x8) {  // close
      if (close_code != nullptr && payload.size() >= 2)
        *close_code = (static_cast<unsigned char>(payload[0]) << 8) |
                      static_cast<unsigned char>(payload[1]);
      return std::nullopt;
    }
    if (opcode == 0x9) {  // ping: answer with a masked pong
      const char pong[6] = {'\x8A', '\x80', 0, 0, 0, 0};
      send(fd_, pong, sizeof pong, MSG_NOSIGNAL);
      continue;
    }
    if (opcode == 0x1) return payload;
  }
}

HttpResponse Get(int port, const std::string& target,
                 const std::vector<std::string>& extra_headers,
                 const std::string& method, bool tls) {
  std::string raw = method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& h : extra_headers) raw += h + "\r\n";
  raw += "Connection: close\r\n\r\n";
  return RawRequest(port, raw, tls);
}

}  // namespace unknot::server::testing

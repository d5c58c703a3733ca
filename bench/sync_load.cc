// Load generator for unknot-server's sync (issue 4, "Performance"): runs the
// server as a child process on a fresh data dir, then
//   - C clients (threads, one keep-alive connection and one account each)
//     push batches of B changes (~130 bytes each) for S seconds: changes/s,
//     push latency p50/p99;
//   - W idle WebSockets (hello, ready) held at once;
// and reports the server's peak RSS (VmHWM from /proc). Its own process, so
// client sockets do not count against the server's descriptor limit.
//
//   sync_load --server build/release/sync-server/unknot-server
//             [--clients 1] [--batch 100] [--seconds 10] [--websockets 0]
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>
#include <vector>

extern char** environ;

namespace {

using Clock = std::chrono::steady_clock;

int Connect(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

bool WriteAll(int fd, const std::string& s) {
  size_t off = 0;
  while (off < s.size()) {
    const ssize_t n = send(fd, s.data() + off, s.size() - off, MSG_NOSIGNAL);
    if (n <= 0) return false;
    off += static_cast<size_t>(n);
  }
  return true;
}

// One request on a keep-alive connection; returns the status (0 on error)
// and the body.
int Request(int fd, const std::string& method, const std::string& target,
            const std::string& body, const std::string& token,
            std::string* out) {
  std::string req = method + " " + target +
                    " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    "Content-Type: application/json\r\nContent-Length: " +
                    std::to_string(body.size()) + "\r\n";
  if (!token.empty()) req += "Authorization: Bearer " + token + "\r\n";
  req += "\r\n" + body;
  if (!WriteAll(fd, req)) return 0;
  std::string in;
  char buf[16384];
  size_t header_end = std::string::npos;
  while ((header_end = in.find("\r\n\r\n")) == std::string::npos) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return 0;
    in.append(buf, static_cast<size_t>(n));
  }
  const std::string head = in.substr(0, header_end);
  size_t length = 0;
  std::string lower = head;
  for (char& c : lower) c = static_cast<char>(std::tolower(c));
  if (auto p = lower.find("content-length:"); p != std::string::npos)
    length = std::strtoul(lower.c_str() + p + 15, nullptr, 10);
  while (in.size() < header_end + 4 + length) {
    const ssize_t n = recv(fd, buf, sizeof buf, 0);
    if (n <= 0) return 0;
    in.append(buf, static_cast<size_t>(n));
  }
  if (out != nullptr) *out = in.substr(header_end + 4, length);
  return std::atoi(head.c_str() + 9);
}

std::string JsonString(const std::string& body, const std::string& key) {
  const auto p = body.find("\"" + key + "\":\"");
  if (p == std::string::npos) return "";
  const auto start = p + key.size() + 4;
  return body.substr(start, body.find('"', start) - start);
}

std::string Stamp(int64_t ms, int counter, const char* device) {
  const time_t secs = static_cast<time_t>(ms / 1000);
  tm t{};
  gmtime_r(&secs, &t);
  char buf[80];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ-%04x-%s",
                t.tm_year + 1900, t.tm_mon + 1, t.tm_mday, t.tm_hour, t.tm_min,
                t.tm_sec, static_cast<int>(ms % 1000), counter, device);
  return buf;
}

int64_t NowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Appends `v` as `digits` lowercase hex digits.
void AppendHex(uint64_t v, int digits, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  for (int shift = 4 * (digits - 1); shift >= 0; shift -= 4) {
    out->push_back(shift < 64 ? kHex[(v >> shift) & 15] : '0');
  }
}

// A push of `batch` changes, each ~130 bytes: a note cell of a new row.
// The stamp's date is formatted once per push and nothing else goes
// through printf: the time spent here, between pushes, counts against the
// server's throughput (formatting every stamp took 2.4-2.7 ms per push of
// 1,000; this takes ~0.2 ms).
std::string PushBody(int client, int64_t* row, int batch, const char* device) {
  const std::string first = Stamp(NowMs(), 0, device);  // counter at [25, 29)
  std::string changes;
  changes.reserve(static_cast<size_t>(batch) * 140);
  for (int i = 0; i < batch; ++i) {
    if (i > 0) changes += ',';
    changes += "[\"";
    changes.append(first, 0, 25);
    AppendHex(static_cast<uint64_t>(i), 4, &changes);
    changes.append(first, 29, std::string::npos);
    changes += "\",\"entries\",\"0193";
    AppendHex(static_cast<uint64_t>(client), 4, &changes);
    AppendHex(static_cast<uint64_t>((*row)++), 24, &changes);
    changes += "\",\"note\",\"sore neck after work\"]";
  }
  std::string last = first.substr(0, 25);
  AppendHex(static_cast<uint64_t>(batch - 1), 4, &last);
  last.append(first, 29, std::string::npos);
  return "{\"protocol\":1,\"device\":\"" + std::string(device) +
         "\",\"clock\":\"" + last + "\",\"changes\":[" + changes + "]}";
}

long PeakRssKib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmHWM:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

long RssKib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atol(line.c_str() + 6);
  }
  return -1;
}

struct Args {
  std::string server;
  int clients = 1, batch = 100, seconds = 10, websockets = 0;
};

Args Parse(int argc, char** argv) {
  Args a;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string k = argv[i], v = argv[i + 1];
    if (k == "--server") a.server = v;
    if (k == "--clients") a.clients = std::atoi(v.c_str());
    if (k == "--batch") a.batch = std::atoi(v.c_str());
    if (k == "--seconds") a.seconds = std::atoi(v.c_str());
    if (k == "--websockets") a.websockets = std::atoi(v.c_str());
  }
  return a;
}

// Opens `n` WebSockets, sends each hello, waits for every "ready".
int HoldWebSockets(int port, int n, const std::string& token,
                   std::vector<int>* fds) {
  const std::string upgrade =
      "GET /api/ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
      "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
      "Sec-WebSocket-Version: 13\r\n\r\n";
  const std::string hello = "{\"token\":\"" + token + "\"}";
  std::string frame = {static_cast<char>(0x81),
                       static_cast<char>(0x80 | hello.size()),
                       0,
                       0,
                       0,
                       0};
  frame += hello;  // mask 0: payload unchanged
  int ready = 0;
  char buf[512];
  for (int i = 0; i < n; ++i) {
    const int fd = Connect(port);
    if (fd < 0) break;
    timeval tv{10, 0};
    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    if (!WriteAll(fd, upgrade)) break;
    std::string in;
    while (in.find("\r\n\r\n") == std::string::npos) {
      const ssize_t r = recv(fd, buf, sizeof buf, 0);
      if (r <= 0) break;
      in.append(buf, static_cast<size_t>(r));
    }
    if (in.find(" 101 ") == std::string::npos || !WriteAll(fd, frame)) {
      close(fd);
      break;
    }
    in.erase(0, in.find("\r\n\r\n") + 4);
    while (in.find("ready") == std::string::npos) {
      const ssize_t r = recv(fd, buf, sizeof buf, 0);
      if (r <= 0) break;
      in.append(buf, static_cast<size_t>(r));
    }
    if (in.find("ready") != std::string::npos) ++ready;
    fds->push_back(fd);
  }
  return ready;
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = Parse(argc, argv);
  if (args.server.empty()) {
    std::fprintf(stderr,
                 "usage: sync_load --server PATH [--clients N] [--batch N] "
                 "[--seconds N] [--websockets N]\n");
    return 2;
  }
  const auto dir = std::filesystem::temp_directory_path() /
                   ("sync_load." + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  int out[2];
  if (pipe(out) != 0) return 1;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_addopen(&actions, 2, (dir / "stderr").c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  const std::string data = (dir / "data").string();
  std::vector<const char*> sargv = {args.server.c_str(), "--port",     "0",
                                    "--data-dir",        data.c_str(), nullptr};
  pid_t pid = 0;
  if (posix_spawn(&pid, args.server.c_str(), &actions, nullptr,
                  const_cast<char**>(sargv.data()), environ) != 0) {
    std::fprintf(stderr, "cannot start %s\n", args.server.c_str());
    return 1;
  }
  close(out[1]);
  std::string line;
  char c;
  while (read(out[0], &c, 1) == 1 && c != '\n') line += c;
  const int port = std::atoi(line.c_str() + line.rfind(':') + 1);

  std::vector<std::string> tokens(args.clients);
  for (int i = 0; i < args.clients; ++i) {
    const int fd = Connect(port);
    std::string body;
    Request(fd, "POST", "/api/account/signup",
            "{\"email\":\"load" + std::to_string(i) +
                "@example.org\",\"password\":\"correct horse\"}",
            "", &body);
    tokens[i] = JsonString(body, "token");
    close(fd);
  }

  std::vector<std::vector<double>> latencies(args.clients);
  std::atomic<long> changes{0}, failures{0};
  const auto end = Clock::now() + std::chrono::seconds(args.seconds);
  std::vector<std::thread> threads;
  const auto start = Clock::now();
  for (int i = 0; i < args.clients; ++i) {
    threads.emplace_back([&, i] {
      const int fd = Connect(port);
      char device[17];
      std::snprintf(device, sizeof device, "%016x", i + 1);
      int64_t row = 0;
      while (Clock::now() < end) {
        const std::string body = PushBody(i, &row, args.batch, device);
        const auto t0 = Clock::now();
        const int status =
            Request(fd, "POST", "/api/sync/push", body, tokens[i], nullptr);
        const std::chrono::duration<double, std::milli> ms = Clock::now() - t0;
        if (status != 200) {
          ++failures;
          break;
        }
        latencies[i].push_back(ms.count());
        changes += args.batch;
      }
      close(fd);
    });
  }
  for (auto& t : threads) t.join();
  const std::chrono::duration<double> wall = Clock::now() - start;
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto pct = [&](double p) {
    return all.empty() ? 0.0 : all[static_cast<size_t>(p * (all.size() - 1))];
  };
  std::printf(
      "clients=%d batch=%d: %.0f changes/s, push p50 %.2f ms, p99 %.2f ms "
      "(%zu pushes, %ld failed), server peak RSS %.1f MiB\n",
      args.clients, args.batch, changes / wall.count(), pct(0.5), pct(0.99),
      all.size(), failures.load(), PeakRssKib(pid) / 1024.0);

  if (args.websockets > 0 && !tokens.empty()) {
    std::vector<int> fds;
    const long before = RssKib(pid);
    const int ready = HoldWebSockets(port, args.websockets, tokens[0], &fds);
    const long after = RssKib(pid);
    std::printf(
        "websockets: %d of %d ready and held; server RSS %.1f -> %.1f MiB "
        "(%.1f KiB each), peak %.1f MiB\n",
        ready, args.websockets, before / 1024.0, after / 1024.0,
        ready ? double(after - before) / ready : 0.0, PeakRssKib(pid) / 1024.0);
    for (int fd : fds) close(fd);
  }
  kill(pid, SIGTERM);
  waitpid(pid, nullptr, 0);
  std::filesystem::remove_all(dir);
  return failures > 0 ? 1 : 0;
}

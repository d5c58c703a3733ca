#include "net/server.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <csignal>
#include <cstdio>
#include <memory>
#include <thread>
#include <vector>

#include "app/access_log.h"
#include "net/http_session.h"
#include "net/server_state.h"
#include "tuning.h"

namespace unknot::server {
namespace {

namespace net = boost::asio;
using tcp = net::ip::tcp;
using error_code = boost::system::error_code;

// Accepts connections, each onto its own strand, and hands them to
// sessions. The acceptor lives on a strand of its own so Stop() may be
// called from the signal handler's thread.
class Listener : public std::enable_shared_from_this<Listener> {
 public:
  Listener(net::io_context& ioc, net::ssl::context* tls, ServerState& state)
      : ioc_(ioc), acceptor_(net::make_strand(ioc)), tls_(tls), state_(state) {}

  // Returns "" or what failed.
  std::string Listen(const tcp::endpoint& endpoint) {
    error_code ec;
    acceptor_.open(endpoint.protocol(), ec);
    if (!ec) acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    if (!ec) acceptor_.bind(endpoint, ec);
    if (!ec) acceptor_.listen(net::socket_base::max_listen_connections, ec);
    return ec ? ec.message() : "";
  }

  std::uint16_t port() const { return acceptor_.local_endpoint().port(); }

  void Run() { DoAccept(); }

  void Stop() {
    net::post(acceptor_.get_executor(), [self = shared_from_this()] {
      error_code ec;
      self->acceptor_.close(ec);
    });
  }

 private:
  void DoAccept() {
    acceptor_.async_accept(
        net::make_strand(ioc_),
        [self = shared_from_this()](error_code ec, tcp::socket socket) {
          self->OnAccept(ec, std::move(socket));
        });
  }

  void OnAccept(error_code ec, tcp::socket socket) {
    if (!acceptor_.is_open() || ec == net::error::operation_aborted) return;
    if (ec) {
      LogEvent("warn", "accept failed: " + ec.message());
    } else {
      StartHttpSession(std::move(socket), tls_, state_);
    }
    DoAccept();
  }

  net::io_context& ioc_;
  tcp::acceptor acceptor_;
  net::ssl::context* tls_;
  ServerState& state_;
};

// Loads the certificate chain and key; returns "" or what failed.
std::string LoadTls(net::ssl::context& tls, const ListenConfig& config) {
  tls.set_options(net::ssl::context::default_workarounds |
                  net::ssl::context::no_sslv2 | net::ssl::context::no_sslv3 |
                  net::ssl::context::no_tlsv1 | net::ssl::context::no_tlsv1_1 |
                  net::ssl::context::single_dh_use);
  error_code ec;
  tls.use_certificate_chain_file(*config.tls_cert, ec);
  if (ec)
    return "cannot load --tls-cert " + *config.tls_cert + ": " + ec.message();
  tls.use_private_key_file(*config.tls_key, net::ssl::context::pem, ec);
  if (ec)
    return "cannot load --tls-key " + *config.tls_key + ": " + ec.message();
  return "";
}

// On SIGINT/SIGTERM: stop accepting, ask sessions to finish (the io_context
// stops when the last one ends) and stop regardless after kShutdownGrace.
void ArmShutdown(net::signal_set& signals, net::steady_timer& grace,
                 std::shared_ptr<Listener> listener, ServerState& state,
                 net::io_context& ioc) {
  signals.async_wait([&, listener](const error_code& ec, int signo) {
    if (ec) return;
    LogEvent("info", std::string("shutting down on ") +
                         (signo == SIGINT ? "SIGINT" : "SIGTERM"));
    listener->Stop();
    grace.expires_after(kShutdownGrace);
    grace.async_wait([&ioc](const error_code& timer_ec) {
      if (timer_ec) return;
      LogEvent("warn", "shutdown grace expired; closing remaining connections");
      ioc.stop();
    });
    state.BeginShutdown();
  });
}

}  // namespace

std::string ListeningUrl(const std::string& bind, std::uint16_t port,
                         bool tls) {
  const bool v6 = bind.find(':') != std::string::npos;
  return std::string(tls ? "https" : "http") + "://" +
         (v6 ? "[" + bind + "]" : bind) + ":" + std::to_string(port) + "/";
}

int RunServer(const ListenConfig& config, const ServerContext& ctx) {
  const bool use_tls = config.tls_cert.has_value();
  // Declared before the io_context: sessions still queued in it unregister
  // from `state` and use `tls` while the io_context is destroyed.
  net::ssl::context tls(net::ssl::context::tls_server);
  if (use_tls) {
    if (std::string error = LoadTls(tls, config); !error.empty()) {
      std::fprintf(stderr, "error: %s\n", error.c_str());
      return 1;
    }
  }
  net::io_context ioc(kIoThreads);
  ServerState state(ctx, [&ioc] { ioc.stop(); });
  // Signals are caught before the "listening on" line: a script may send
  // SIGTERM as soon as it has read it.
  net::signal_set signals(ioc, SIGINT, SIGTERM);
  net::steady_timer grace(ioc);

  error_code ec;
  const auto address = net::ip::make_address(config.bind, ec);
  auto listener =
      std::make_shared<Listener>(ioc, use_tls ? &tls : nullptr, state);
  const std::string error =
      ec ? ec.message() : listener->Listen(tcp::endpoint(address, config.port));
  if (!error.empty()) {
    std::fprintf(stderr, "error: cannot listen on %s port %u: %s\n",
                 config.bind.c_str(), unsigned{config.port}, error.c_str());
    return 1;
  }
  std::printf("listening on %s\n",
              ListeningUrl(config.bind, listener->port(), use_tls).c_str());
  std::fflush(stdout);
  listener->Run();
  ArmShutdown(signals, grace, listener, state, ioc);

  std::vector<std::thread> threads;
  for (int i = 1; i < kIoThreads; ++i)
    threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& thread : threads) thread.join();
  state.JoinWorkers();  // a handler still running uses ctx's accounts
  state.Detach();
  listener.reset();
  return 0;
}

}  // namespace unknot::server

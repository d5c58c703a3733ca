#include "net/tls_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "net/session_impl.h"
#include "net/ws_session.h"

namespace unknot::server {
namespace {

using namespace session_impl;
using tcp = net::ip::tcp;

class TlsSession : public HttpSession<TlsSession> {
 public:
  TlsSession(tcp::socket&& socket, net::ssl::context& tls, ServerState& state,
             std::string remote)
      : HttpSession(state, std::move(remote)),
        stream_(std::move(socket), tls) {}

  beast::ssl_stream<beast::tcp_stream>& stream() { return stream_; }

  void Run() {
    net::dispatch(stream_.get_executor(), [self = SelfTls()] {
      if (!self->Admit()) return;
      beast::get_lowest_layer(self->stream_).expires_after(kIoTimeout);
      self->stream_.async_handshake(net::ssl::stream_base::server,
                                    [self](beast::error_code ec) {
                                      if (!ec) self->DoRead();
                                    });
    });
  }

  void DoEof() {
    beast::get_lowest_layer(stream_).expires_after(kShutdownGrace);
    stream_.async_shutdown([self = SelfTls()](beast::error_code) {});
  }

  void CloseNow() { beast::get_lowest_layer(stream_).close(); }

  void UpgradeToWebSocket(BeastRequest&& req) {
    StartTlsWebSocket(std::move(stream_), std::move(req), state(), remote());
  }

 private:
  std::shared_ptr<TlsSession> SelfTls() {
    return std::static_pointer_cast<TlsSession>(shared_from_this());
  }

  beast::ssl_stream<beast::tcp_stream> stream_;
};

}  // namespace

void StartTlsSession(tcp::socket socket, net::ssl::context& tls,
                     ServerState& state, std::string remote) {
  std::make_shared<TlsSession>(std::move(socket), tls, state, std::move(remote))
      ->Run();
}

}  // namespace unknot::server

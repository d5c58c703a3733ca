#include "net/http_session.h"

#include <boost/asio/dispatch.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include "net/session_impl.h"
#include "net/tls_session.h"
#include "net/ws_session.h"

namespace unknot::server {
namespace session_impl {

Request FromBeast(BeastRequest&& in) {
  Request req;
  req.method = std::string(in.method_string());
  req.target = std::string(in.target());
  for (const auto& field : in) {
    req.headers.Add(std::string(field.name_string()),
                    std::string(field.value()));
  }
  req.body = std::move(in.body());
  return req;
}

BeastResponse ToBeast(Response&& res, unsigned version, bool keep_alive,
                      const std::string& server_name) {
  BeastResponse out{static_cast<http::status>(res.status), version};
  for (auto& [name, value] : res.headers.fields()) out.insert(name, value);
  out.set(http::field::server, server_name);
  const bool bodiless = res.status == 304 || res.status == 204 ||
                        (res.status >= 100 && res.status < 200);
  if (!bodiless) out.content_length(res.body.size());
  if (!res.omit_body && !bodiless) out.body() = std::move(res.body);
  out.keep_alive(keep_alive);
  return out;
}

std::optional<Response> ParseErrorResponse(beast::error_code ec) {
  if (ec == http::error::body_limit) {
    return JsonError(413, "payload-too-large",
                     "The request body is too large.");
  }
  if (ec == http::error::header_limit) {
    return JsonError(431, "headers-too-large",
                     "The request headers are too large.");
  }
  if (ec.category() ==
      http::make_error_code(http::error::bad_target).category()) {
    return JsonError(400, "bad-request", "The request is not valid HTTP/1.1.");
  }
  return std::nullopt;
}

}  // namespace session_impl

namespace {

using namespace session_impl;
using tcp = net::ip::tcp;

class PlainSession : public HttpSession<PlainSession> {
 public:
  PlainSession(tcp::socket&& socket, ServerState& state, std::string remote)
      : HttpSession(state, std::move(remote)), stream_(std::move(socket)) {}

  beast::tcp_stream& stream() { return stream_; }

  void Run() {
    net::dispatch(stream_.get_executor(), [self = SelfPlain()] {
      if (self->Admit()) self->DoRead();
    });
  }

  void DoEof() {
    beast::error_code ec;
    stream_.socket().shutdown(tcp::socket::shutdown_send, ec);
  }

  void CloseNow() { stream_.close(); }

  // This session ends; the WebSocket session owns the connection now.
  void UpgradeToWebSocket(BeastRequest&& req) {
    StartPlainWebSocket(std::move(stream_), std::move(req), state(), remote());
  }

 private:
  std::shared_ptr<PlainSession> SelfPlain() {
    return std::static_pointer_cast<PlainSession>(shared_from_this());
  }

  beast::tcp_stream stream_;
};

std::string RemoteAddress(const tcp::socket& socket) {
  beast::error_code ec;
  const tcp::endpoint peer = socket.remote_endpoint(ec);
  return ec ? std::string("unknown") : peer.address().to_string();
}

}  // namespace

void StartHttpSession(tcp::socket socket, net::ssl::context* tls,
                      ServerState& state) {
  std::string remote = RemoteAddress(socket);
  if (tls == nullptr) {
    std::make_shared<PlainSession>(std::move(socket), state, std::move(remote))
        ->Run();
  } else {
    StartTlsSession(std::move(socket), *tls, state, std::move(remote));
  }
}

}  // namespace unknot::server

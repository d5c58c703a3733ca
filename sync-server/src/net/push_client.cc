// The HTTPS client behind PushTransport: Beast over OpenSSL. Each message
// is one connection on a private io_context run by the caller's thread (the
// push sender's), every step bounded by kPushRequestTimeout.
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/asio/ssl/host_name_verification.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>

#include "push/push_transport.h"
#include "tuning.h"

namespace unknot::server {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;

constexpr size_t kMaxPushResponseBytes = 64 * 1024;

class HttpsPushTransport : public PushTransport {
 public:
  explicit HttpsPushTransport(const std::string& extra_ca_file) {
    beast::error_code ec;
    tls_.set_default_verify_paths(ec);
    if (!extra_ca_file.empty()) tls_.load_verify_file(extra_ca_file, ec);
    ca_error_ = ec ? ec.message() : "";
    tls_.set_verify_mode(net::ssl::verify_peer);
  }

  PushOutcome Send(const PushMessage& m) override {
    if (!ca_error_.empty()) return {0, "certificate authorities: " + ca_error_};
    net::io_context ioc;
    tcp::resolver resolver(ioc);
    beast::ssl_stream<beast::tcp_stream> stream(ioc, tls_);
    const std::string& host = m.endpoint.host;
    stream.set_verify_callback(net::ssl::host_name_verification(host));
    // SNI, for names only (RFC 6066: not for address literals).
    beast::error_code ec;
    net::ip::make_address(host, ec);
    if (ec && !SSL_set_tlsext_host_name(stream.native_handle(), host.c_str())) {
      return {0, "cannot set the TLS server name"};
    }
    tcp::resolver::results_type addresses;
    if (!Step(ioc, ec, [&](auto done) {
          resolver.async_resolve(host, std::to_string(m.endpoint.port),
                                 [&, done](beast::error_code e, auto r) {
                                   addresses = r;
                                   done(e);
                                 });
        })) {
      return Failed("resolve", ec);
    }
    auto& tcp_layer = beast::get_lowest_layer(stream);
    tcp_layer.expires_after(kPushRequestTimeout);
    if (!Step(ioc, ec,
              [&](auto done) {
                tcp_layer.async_connect(addresses, [done](beast::error_code e,
                                                          auto&&) { done(e); });
              }) ||
        !Step(ioc, ec, [&](auto done) {
          stream.async_handshake(net::ssl::stream_base::client, done);
        })) {
      return Failed("connect", ec);
    }
    http::request<http::string_body> req{http::verb::post, m.endpoint.target,
                                         11};
    req.set(http::field::host, HostHeader(m.endpoint));
    req.set(http::field::authorization, m.authorization);
    req.set(http::field::content_type, "application/octet-stream");
    req.set(http::field::content_encoding, "aes128gcm");
    req.set("TTL", std::to_string(m.ttl_seconds));
    req.set("Urgency", "normal");
    if (!m.topic.empty()) req.set("Topic", m.topic);
    req.body() = m.body;
    req.prepare_payload();
    beast::flat_buffer buffer;
    http::response_parser<http::string_body> parser;
    parser.body_limit(kMaxPushResponseBytes);
    if (!Step(ioc, ec,
              [&](auto done) {
                http::async_write(
                    stream, req,
                    [done](beast::error_code e, size_t) { done(e); });
              }) ||
        !Step(ioc, ec, [&](auto done) {
          http::async_read(stream, buffer, parser,
                           [done](beast::error_code e, size_t) { done(e); });
        })) {
      return Failed("request", ec);
    }
    // The answer is in; no TLS close_notify round trip needed.
    return {static_cast<int>(parser.get().result_int()), ""};
  }

 private:
  // Starts one asynchronous step and runs the context until it is done or
  // kPushRequestTimeout passes (the tcp_stream's timer closes the socket).
  template <class Start>
  static bool Step(net::io_context& ioc, beast::error_code& ec, Start start) {
    bool finished = false;
    start([&](beast::error_code e) {
      ec = e;
      finished = true;
    });
    ioc.restart();
    ioc.run_for(kPushRequestTimeout);
    if (!finished) ec = net::error::timed_out;
    return !ec;
  }

  static PushOutcome Failed(const char* what, const beast::error_code& ec) {
    return {0, std::string(what) + ": " + ec.message()};
  }

  static std::string HostHeader(const PushEndpoint& e) {
    const bool ipv6 = e.host.find(':') != std::string::npos;
    std::string host = ipv6 ? "[" + e.host + "]" : e.host;
    return e.port == 443 ? host : host + ":" + std::to_string(e.port);
  }

  net::ssl::context tls_{net::ssl::context::tls_client};
  std::string ca_error_;
};

}  // namespace

std::unique_ptr<PushTransport> NewHttpsPushTransport(
    const std::string& extra_ca_file) {
  return std::make_unique<HttpsPushTransport>(extra_ca_file);
}

}  // namespace unknot::server

#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <functional>
#include <memory>
#include <optional>

namespace unknot::cli {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = net::ssl;
using tcp = net::ip::tcp;

namespace {

// Answers larger than this are refused: a pull page is at most 1 MiB of
// changes plus its envelope.
constexpr size_t kMaxAnswerBytes = 8u << 20;

Status NetworkError(const std::string& what, const beast::error_code& ec) {
  return Status::IOError("network-error", what + ": " + ec.message());
}

// One request over an established stream (plain TCP or TLS), asynchronous
// so that the io_context's deadline bounds it.
template <class Stream>
void WriteAndRead(Stream& stream,
                  const http::request<http::string_body>& request,
                  beast::flat_buffer& buffer,
                  http::response_parser<http::string_body>& parser,
                  std::function<void(beast::error_code)> done) {
  http::async_write(
      stream, request,
      [&stream, &buffer, &parser, done](beast::error_code ec, size_t) {
        if (ec) return done(ec);
        http::async_read(stream, buffer, parser,
                         [done](beast::error_code ec2, size_t) { done(ec2); });
      });
}

}  // namespace

Status ParseHttpUrl(std::string_view url, HttpUrl* out) {
  HttpUrl parsed;
  auto bad = [&](const char* why) {
    return Status::Invalid("invalid-server-url",
                           "'" + std::string(url) + "' " + why +
                               " (expected http://HOST[:PORT] or https://…)");
  };
  std::string_view rest = url;
  if (rest.substr(0, 7) == "http://") {
    rest.remove_prefix(7);
  } else if (rest.substr(0, 8) == "https://") {
    parsed.tls = true;
    rest.remove_prefix(8);
  } else {
    return bad("is not an http(s) URL");
  }
  const size_t slash = rest.find('/');
  std::string_view authority = rest.substr(0, slash);
  std::string_view path =
      slash == std::string_view::npos ? "" : rest.substr(slash);
  if (path.find_first_of("?#") != std::string_view::npos) {
    return bad("has a query or fragment");
  }
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  if (authority.empty() || authority.find('@') != std::string_view::npos) {
    return bad("has no host");
  }
  std::string_view host = authority;
  std::string_view port;
  if (authority.front() == '[') {  // [v6]:port
    const size_t close = authority.find(']');
    if (close == std::string_view::npos) return bad("has a malformed host");
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return bad("has a malformed host");
      port = after.substr(1);
    }
  } else if (const size_t colon = authority.rfind(':');
             colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
  }
  if (host.empty()) return bad("has no host");
  if (!port.empty()) {
    if (port.size() > 5 ||
        port.find_first_not_of("0123456789") != std::string_view::npos ||
        std::stoi(std::string(port)) == 0 ||
        std::stoi(std::string(port)) > 65535) {
      return bad("has a bad port");
    }
  }
  parsed.host = std::string(host);
  parsed.port = port.empty() ? (parsed.tls ? "443" : "80") : std::string(port);
  parsed.base_path = std::string(path);
  *out = std::move(parsed);
  return Status::OK();
}

Status PerformHttp(std::string_view server, const HttpCall& call,
                   HttpAnswer* answer) {
  HttpUrl url;
  Status s = ParseHttpUrl(server, &url);
  if (!s.ok()) return s;

  http::request<http::string_body> request;
  request.method_string(call.method);
  request.target(url.base_path + call.path);
  request.version(11);
  const bool default_port = url.port == (url.tls ? "443" : "80");
  request.set(http::field::host,
              default_port ? url.host : url.host + ":" + url.port);
  request.set(http::field::user_agent, "unknot-cli");
  request.set(http::field::accept, "application/json");
  request.set(http::field::connection, "close");
  if (!call.bearer.empty()) {
    request.set(http::field::authorization, "Bearer " + call.bearer);
  }
  if (!call.body.empty() || call.method == "POST") {
    request.set(http::field::content_type, "application/json");
    request.body() = call.body;
  }
  request.prepare_payload();

  net::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::error_code result = net::error::timed_out;
  std::string stage = "timed out";
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(kMaxAnswerBytes);

  ssl::context tls_context(ssl::context::tls_client);
  std::optional<beast::tcp_stream> plain;
  std::optional<beast::ssl_stream<beast::tcp_stream>> secure;
  if (url.tls) {
    tls_context.set_default_verify_paths();
    tls_context.set_verify_mode(ssl::verify_peer);
    secure.emplace(ioc, tls_context);
    // SNI and host name verification.
    if (!SSL_set_tlsext_host_name(secure->native_handle(), url.host.c_str())) {
      return Status::IOError("network-error", "cannot set the TLS server name");
    }
    secure->set_verify_callback(ssl::host_name_verification(url.host));
  } else {
    plain.emplace(ioc);
  }
  beast::tcp_stream& tcp_layer =
      url.tls ? beast::get_lowest_layer(*secure) : *plain;

  auto finish = [&](const std::string& what, beast::error_code ec) {
    stage = what;
    result = ec;
  };
  resolver.async_resolve(
      url.host, url.port,
      [&](beast::error_code ec, tcp::resolver::results_type endpoints) {
        if (ec) return finish("cannot resolve " + url.host, ec);
        tcp_layer.async_connect(
            endpoints, [&](beast::error_code ec2, const tcp::endpoint&) {
              if (ec2) return finish("cannot connect to " + url.host, ec2);
              auto exchange = [&](beast::error_code ec3) {
                finish("the request to " + url.host + " failed", ec3);
              };
              if (!url.tls) {
                return WriteAndRead(*plain, request, buffer, parser, exchange);
              }
              secure->async_handshake(
                  ssl::stream_base::client, [&](beast::error_code ec4) {
                    if (ec4) return finish("TLS with " + url.host, ec4);
                    WriteAndRead(*secure, request, buffer, parser, exchange);
                  });
            });
      });
  ioc.run_for(call.timeout);
  if (!ioc.stopped()) {
    return Status::IOError("network-error",
                           "no answer from " + url.host + " within " +
                               std::to_string(call.timeout.count() / 1000) +
                               " s");
  }
  if (result) return NetworkError(stage, result);
  answer->status = static_cast<int>(parser.get().result_int());
  answer->body = std::move(parser.get().body());
  return Status::OK();
}

}  // namespace unknot::cli

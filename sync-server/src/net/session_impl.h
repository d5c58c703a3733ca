// The session logic shared by plain and TLS connections. Private to src/net:
// included only by http_session.cc and tls_session.cc, the two TUs that pay
// for Beast's templates (TOOLCHAIN.md trap 10).
//
// Sessions follow Beast's advanced server (example/advanced/server): one
// object per connection, every handler on the connection's strand,
// expires_after before every read and write, body and header limits on every
// parser. Requests are answered one at a time (read, route, write, read), so
// the write queue is bounded at one response; pipelined requests wait in the
// read buffer. Plain and TLS sessions share the logic through CRTP, as in
// Beast's advanced_server_flex.
//
// Requests on a slow lane (http/api_routes.h: password hashing, journal
// work) run on a thread pool; the session stays busy (no read pending) and
// resumes on its strand with the response, as Beast's advanced server
// resumes after its handler.
//
// Derived provides: stream(), DoEof() (graceful close after the last
// response), CloseNow() (abrupt close, for shutdown and refusal) and
// UpgradeToWebSocket(BeastRequest&&) (hands the stream to a WebSocket
// session, net/ws_session.h).
#ifndef UNKNOT_SERVER_NET_SESSION_IMPL_H_
#define UNKNOT_SERVER_NET_SESSION_IMPL_H_

#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/stream_traits.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "app/access_log.h"
#include "http/api_routes.h"
#include "http/message.h"
#include "http/router.h"
#include "net/server_state.h"
#include "tuning.h"

namespace unknot::server::session_impl {

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using BeastRequest = http::request<http::string_body>;
using BeastResponse = http::response<http::string_body>;

Request FromBeast(BeastRequest&& in);

// Adds the transport headers the router leaves out: Content-Length (of the
// GET body, even for HEAD), Connection and Server.
BeastResponse ToBeast(Response&& res, unsigned version, bool keep_alive,
                      const std::string& server_name);

// The error response for a request Beast refused to parse, or nullopt if
// the connection just failed (reset, timeout) and nothing should be sent.
std::optional<Response> ParseErrorResponse(beast::error_code ec);

template <class Derived>
class HttpSession : public SessionBase {
 public:
  explicit HttpSession(ServerState& state, std::string remote)
      : state_(state),
        remote_(std::move(remote)),
        server_name_("unknot-server/" + state.context().version) {}

  ~HttpSession() override {
    if (id_ != 0) state_.Unregister(id_);
  }

  void Shutdown() override {
    net::post(Stream().get_executor(), [self = Self()] {
      self->stopping_ = true;
      const bool mid_request =
          self->busy_ || (self->parser_ && self->parser_->got_some());
      if (!mid_request) self->AsDerived().CloseNow();
    });
  }

 protected:
  ServerState& state() { return state_; }
  const std::string& remote() const { return remote_; }

  // Registers (or refuses, over the connection limit) and starts the
  // derived session's first step. Runs on the strand.
  bool Admit() {
    id_ = state_.Register(this->weak_from_this());
    if (id_ != 0) return true;
    if (!state_.stopping())
      LogEvent("warn", "connection limit reached; closing " + remote_);
    AsDerived().CloseNow();
    return false;
  }

  void DoRead() {
    if (stopping_ || state_.stopping()) return AsDerived().DoEof();
    parser_.emplace();
    parser_->body_limit(kBodyLimit);
    parser_->header_limit(kHeaderLimit);
    beast::get_lowest_layer(Stream()).expires_after(kIoTimeout);
    http::async_read(Stream(), buffer_, *parser_,
                     beast::bind_front_handler(&HttpSession::OnRead, Self()));
  }

 private:
  Derived& AsDerived() { return static_cast<Derived&>(*this); }
  auto& Stream() { return AsDerived().stream(); }
  std::shared_ptr<HttpSession> Self() {
    return std::static_pointer_cast<HttpSession>(this->shared_from_this());
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec == http::error::end_of_stream) return AsDerived().DoEof();
    started_ = std::chrono::steady_clock::now();
    if (ec) {
      std::optional<Response> error = ParseErrorResponse(ec);
      if (!error) return;  // reset, timeout or shutdown: nothing to answer
      log_ = {std::chrono::system_clock::now(), remote_, "", "", 0, 0, 0};
      if (parser_->is_header_done()) {  // e.g. 413: say what was refused
        log_.method = std::string(parser_->get().method_string());
        log_.target = std::string(parser_->get().target());
      }
      return Send(std::move(*error), 11, /*keep_alive=*/false);
    }
    BeastRequest beast_req = parser_->release();
    const unsigned version = beast_req.version();
    const bool keep_alive = beast_req.keep_alive();
    // Only an upgrade keeps Beast's request (the handshake answers it).
    std::optional<BeastRequest> upgrade;
    const std::string_view target(beast_req.target().data(),
                                  beast_req.target().size());
    if (target.substr(0, target.find_first_of("?#")) == kWebSocketPath)
      upgrade = beast_req;
    Request req = FromBeast(std::move(beast_req));
    req.remote = remote_;
    log_ = {std::chrono::system_clock::now(),
            remote_,
            req.method,
            req.target,
            0,
            0,
            0};
    if (upgrade && WantsWebSocket(req) && !stopping_ && !state_.stopping())
      return AsDerived().UpgradeToWebSocket(std::move(*upgrade));
    const ApiLane lane = LaneOf(req);
    if (lane == ApiLane::kInline)
      return Send(Route(req, state_.context()), version, keep_alive);
    busy_ = true;  // shutdown waits for the answer
    auto shared_req = std::make_shared<Request>(std::move(req));
    state_.RunOnLane(lane, [self = Self(), shared_req, version, keep_alive,
                            executor = Stream().get_executor()] {
      auto res = std::make_shared<Response>(
          Route(*shared_req, self->state_.context()));
      net::post(executor, [self, res, version, keep_alive] {
        self->Send(std::move(*res), version, keep_alive);
      });
    });
  }

  void Send(Response&& res, unsigned version, bool keep_alive) {
    busy_ = true;
    keep_alive = keep_alive && !stopping_ && !state_.stopping();
    res_.emplace(ToBeast(std::move(res), version, keep_alive, server_name_));
    log_.status = static_cast<int>(res_->result_int());
    log_.bytes = res_->body().size();
    beast::get_lowest_layer(Stream()).expires_after(kIoTimeout);
    http::async_write(Stream(), *res_,
                      beast::bind_front_handler(&HttpSession::OnWrite, Self()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    busy_ = false;
    const std::chrono::duration<double, std::milli> elapsed =
        std::chrono::steady_clock::now() - started_;
    log_.ms = elapsed.count();
    LogAccess(log_);
    const bool close = res_->need_eof();
    res_.reset();
    if (ec) return;
    if (close) return AsDerived().DoEof();
    DoRead();
  }

  ServerState& state_;
  const std::string remote_;
  const std::string server_name_;
  std::uint64_t id_ = 0;
  bool stopping_ = false;  // this session was asked to shut down
  bool busy_ = false;      // a response is being written
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
  std::optional<BeastResponse> res_;
  std::chrono::steady_clock::time_point started_;
  AccessLogEntry log_;
};

}  // namespace unknot::server::session_impl

#endif  // UNKNOT_SERVER_NET_SESSION_IMPL_H_

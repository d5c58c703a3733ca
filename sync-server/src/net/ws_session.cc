#include "net/ws_session.h"

#include <algorithm>
#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>

#include "accounts/accounts.h"
#include "app/access_log.h"
#include "http/api_util.h"
#include "sharing/shares.h"
#include "sync/poke_hub.h"
#include "tuning.h"

namespace unknot::server {
namespace {

namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using nlohmann::json;

template <class NextLayer>
class WsSession : public SessionBase, public PokeSink {
 public:
  WsSession(NextLayer&& stream, ServerState& state, std::string remote)
      : ws_(std::move(stream)),
        expiry_(ws_.get_executor()),
        state_(state),
        remote_(std::move(remote)) {}

  ~WsSession() override {
    if (hub_id_ != 0) Hub()->Remove(user_id_, hub_id_);
    if (id_ != 0) state_.Unregister(id_);
  }

  void Run(WsUpgradeRequest&& req) {
    req_ = std::move(req);
    id_ = state_.Register(weak_from_this(), /*websocket=*/true);
    if (id_ == 0 || Hub() == nullptr) {
      if (id_ == 0 && !state_.stopping())
        LogEvent("warn", "websocket limit reached; closing " + remote_);
      return beast::get_lowest_layer(ws_).close();
    }
    // Websocket timeouts replace the tcp_stream's. Until the hello, the
    // idle timeout is the hello deadline and no pings keep it alive.
    beast::get_lowest_layer(ws_).expires_never();
    ws_.set_option(websocket::stream_base::timeout{kIoTimeout, kWsHelloTimeout,
                                                   /*keep_alive_pings=*/false});
    ws_.read_message_max(kWsMessageLimit);
    ws_.async_accept(req_,
                     beast::bind_front_handler(&WsSession::OnAccept, Self()));
  }

  void Shutdown() override {
    net::post(ws_.get_executor(), [self = Self()] {
      self->expiry_.cancel();
      beast::get_lowest_layer(self->ws_).close();
    });
  }

  void Poke(int64_t seq) override {
    net::post(ws_.get_executor(), [self = Self(), seq] {
      self->pending_seq_ = std::max(self->pending_seq_, seq);
      self->MaybeWrite();
    });
  }

 private:
  std::shared_ptr<WsSession> Self() {
    return std::static_pointer_cast<WsSession>(shared_from_this());
  }
  PokeHub* Hub() { return state_.context().pokes; }

  // The share this socket watches was revoked (or its account deleted):
  // say so and close.
  void End(const std::string& code) override {
    net::post(ws_.get_executor(), [self = Self(), code] {
      if (self->closing_ || self->refused_) return;
      self->Refuse(code, code == "share-revoked"
                             ? "The patient stopped sharing."
                         : code == "share-expired" ? "This share has expired."
                                                   : "Sign in again.");
    });
  }

  void OnAccept(beast::error_code ec) {
    AccessLogEntry log{std::chrono::system_clock::now(),
                       remote_,
                       "GET",
                       std::string(req_.target()),
                       ec ? 400 : 101,
                       0,
                       0};
    LogAccess(log);
    req_ = {};
    if (ec) return;
    DoRead();
  }

  void DoRead() {
    ws_.async_read(buffer_,
                   beast::bind_front_handler(&WsSession::OnRead, Self()));
  }

  void OnRead(beast::error_code ec, std::size_t) {
    if (ec) return;  // closed, timed out, or too large (Beast closes 1009)
    const std::string text = beast::buffers_to_string(buffer_.data());
    buffer_.consume(buffer_.size());
    if (user_id_.empty() && !authenticating_) return Hello(text);
    DoRead();  // later client messages carry nothing; keep reading
  }

  // Authenticates on the api lane (a token lookup may write the session's
  // last use), then resumes here.
  void Hello(const std::string& text) {
    json hello = JsonNestsDeeperThan(text, 2)
                     ? json(json::value_t::discarded)
                     : json::parse(text, nullptr, false);
    auto token = hello.is_object() ? hello.find("token") : hello.end();
    if (!hello.is_object() || token == hello.end() || !token->is_string())
      return Refuse("invalid-request", "Send {\"token\": \"…\"} first.");
    std::string device, share;
    if (auto d = hello.find("device"); d != hello.end() && d->is_string())
      device = d->template get<std::string>();
    // A therapist watching a patient's journal names the share.
    if (auto d = hello.find("share"); d != hello.end() && d->is_string())
      share = d->template get<std::string>();
    authenticating_ = true;
    state_.RunOnLane(
        ApiLane::kWorker,
        [self = Self(), token = token->template get<std::string>(),
         device = std::move(device), share = std::move(share)] {
          Principal who;
          const ServerContext& ctx = self->state_.context();
          Status s = ctx.accounts == nullptr
                         ? Status::Invalid("unauthorized", "No accounts.")
                         : ctx.accounts->Authenticate(token, &who);
          std::string watched = who.user_id;
          int64_t expires_ms = 0;
          if (s.ok() && !share.empty()) {
            ShareRecord grant;
            s = ctx.shares == nullptr
                    ? Status::NotFound("not-found", "No sharing.")
                    : ctx.shares->FindGrant(who, share, "", &grant);
            watched = grant.owner_id;
            expires_ms = grant.expires_ms;
          }
          net::post(self->ws_.get_executor(), [self, s, watched, device, share,
                                               expires_ms] {
            self->OnAuthenticated(s, watched, device, share, expires_ms);
          });
        });
    DoRead();
  }

  // `watched`: the journal whose pokes this socket gets (the user's own, or
  // the patient's of `share`).
  void OnAuthenticated(const Status& s, const std::string& watched,
                       const std::string& device, const std::string& share,
                       int64_t expires_ms) {
    authenticating_ = false;
    if (!s.ok()) return Refuse(s.code(), s.message());
    user_id_ = watched;
    hub_id_ = Hub()->Add(user_id_, share.empty() ? device : "share:" + share,
                         std::static_pointer_cast<PokeSink>(Self()), share,
                         expires_ms);
    ws_.set_option(
        websocket::stream_base::timeout::suggested(beast::role_type::server));
    Queue(json{{"type", "ready"}}.dump());
    if (expires_ms != 0) EndAtExpiry(expires_ms);
  }

  // A share's socket ends when the share expires, not at the patient's next
  // change. The timer holds the session weakly: a socket closed earlier is
  // not kept alive until then (its destruction cancels the wait).
  void EndAtExpiry(int64_t expires_ms) {
    const int64_t now_ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(
            std::chrono::system_clock::now().time_since_epoch())
            .count();
    expiry_.expires_after(
        std::chrono::milliseconds(std::max<int64_t>(0, expires_ms - now_ms)));
    expiry_.async_wait(
        [weak = std::weak_ptr<WsSession>(Self())](beast::error_code ec) {
          auto self = weak.lock();
          if (ec || !self) return;
          if (!self->closing_ && !self->refused_)
            self->Refuse("share-expired", "This share has expired.");
        });
  }

  void Refuse(const std::string& code, const std::string& message) {
    refused_ = true;
    Queue(json{{"type", "error"},
               {"error", {{"code", code}, {"message", message}}}}
              .dump());
  }

  void Queue(std::string message) {
    outbox_ = std::move(message);
    MaybeWrite();
  }

  // One write at a time. Pokes coalesce: only the latest seq is sent.
  void MaybeWrite() {
    if (writing_ || closing_) return;
    if (outbox_.empty() && pending_seq_ > sent_seq_ && !user_id_.empty() &&
        !refused_) {
      // Built by hand: the protocol fixes the member order.
      outbox_ =
          R"({"type":"changes","seq":)" + std::to_string(pending_seq_) + "}";
      sent_seq_ = pending_seq_;
    }
    if (outbox_.empty()) {
      if (refused_) Close();
      return;
    }
    writing_ = true;
    writing_text_ = std::move(outbox_);
    outbox_.clear();
    ws_.text(true);
    ws_.async_write(net::buffer(writing_text_),
                    beast::bind_front_handler(&WsSession::OnWrite, Self()));
  }

  void OnWrite(beast::error_code ec, std::size_t) {
    writing_ = false;
    writing_text_.clear();
    if (ec) return;
    MaybeWrite();
  }

  void Close() {
    closing_ = true;
    ws_.async_close(websocket::close_code::policy_error,
                    [self = Self()](beast::error_code) {});
  }

  websocket::stream<NextLayer> ws_;
  net::steady_timer expiry_;  // a share's socket: ends at the share's expiry
  ServerState& state_;
  const std::string remote_;
  WsUpgradeRequest req_;
  beast::flat_buffer buffer_;
  std::uint64_t id_ = 0;
  std::uint64_t hub_id_ = 0;
  std::string user_id_;  // set once the hello authenticated
  bool authenticating_ = false;
  bool refused_ = false;
  bool writing_ = false;
  bool closing_ = false;
  std::string outbox_;
  std::string writing_text_;
  int64_t pending_seq_ = 0;
  int64_t sent_seq_ = 0;
};

}  // namespace

void StartPlainWebSocket(beast::tcp_stream&& stream, WsUpgradeRequest&& req,
                         ServerState& state, std::string remote) {
  std::make_shared<WsSession<beast::tcp_stream>>(std::move(stream), state,
                                                 std::move(remote))
      ->Run(std::move(req));
}

void StartTlsWebSocket(beast::ssl_stream<beast::tcp_stream>&& stream,
                       WsUpgradeRequest&& req, ServerState& state,
                       std::string remote) {
  std::make_shared<WsSession<beast::ssl_stream<beast::tcp_stream>>>(
      std::move(stream), state, std::move(remote))
      ->Run(std::move(req));
}

}  // namespace unknot::server

// The WebSocket poke channel on /api/ws (docs/sync-protocol.md, "Poke").
// This header names Beast's stream and request types only; the websocket
// templates are instantiated in ws_session.cc alone (TOOLCHAIN.md trap 10).
//
// Protocol: the client's first message is {"token": "...", "device"?:
// "<16 hex>"} within kWsHelloTimeout; the server answers {"type":"ready"}
// (or {"type":"error","error":{...}} and closes with 1008). Afterwards the
// server sends {"type":"changes","seq":HEAD} when another device of the
// user pushed something new; the client's messages are read (to notice a
// close) and ignored; one above kWsMessageLimit closes the socket. Pings
// keep idle sockets alive (Beast's suggested server timeouts).
#ifndef UNKNOT_SERVER_NET_WS_SESSION_H_
#define UNKNOT_SERVER_NET_WS_SESSION_H_

#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <string>

#include "net/server_state.h"

namespace unknot::server {

using WsUpgradeRequest =
    boost::beast::http::request<boost::beast::http::string_body>;

// Takes over `stream` (a connection whose request `req` asked for the
// upgrade), accepts the WebSocket and serves it until it closes. Runs on
// the stream's strand; returns at once.
void StartPlainWebSocket(boost::beast::tcp_stream&& stream,
                         WsUpgradeRequest&& req, ServerState& state,
                         std::string remote);
void StartTlsWebSocket(
    boost::beast::ssl_stream<boost::beast::tcp_stream>&& stream,
    WsUpgradeRequest&& req, ServerState& state, std::string remote);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_NET_WS_SESSION_H_

// One HTTP(S) connection. This header is Beast-free; Beast's HTTP templates
// are instantiated only in http_session.cc (plain) and tls_session.cc (TLS).
#ifndef UNKNOT_SERVER_NET_HTTP_SESSION_H_
#define UNKNOT_SERVER_NET_HTTP_SESSION_H_

#include <boost/asio/ip/tcp.hpp>

#include "net/server_state.h"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace unknot::server {

// Takes over an accepted `socket` (whose executor is its own strand) and
// serves requests on it until the peer closes, a timeout, or shutdown. With
// `tls` non-null the connection does a TLS handshake first. `state` and
// `tls` must outlive every session. Returns at once.
void StartHttpSession(boost::asio::ip::tcp::socket socket,
                      boost::asio::ssl::context* tls, ServerState& state);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_NET_HTTP_SESSION_H_

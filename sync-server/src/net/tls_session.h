// The TLS flavour of the HTTP session (net/tls_session.cc), kept in its own
// TU because instantiating Beast over ssl_stream doubles the compile time.
#ifndef UNKNOT_SERVER_NET_TLS_SESSION_H_
#define UNKNOT_SERVER_NET_TLS_SESSION_H_

#include <boost/asio/ip/tcp.hpp>
#include <string>

#include "net/server_state.h"

namespace boost::asio::ssl {
class context;
}  // namespace boost::asio::ssl

namespace unknot::server {

// As StartHttpSession with a TLS context; `remote` is the peer address for
// the access log.
void StartTlsSession(boost::asio::ip::tcp::socket socket,
                     boost::asio::ssl::context& tls, ServerState& state,
                     std::string remote);

}  // namespace unknot::server

#endif  // UNKNOT_SERVER_NET_TLS_SESSION_H_

// Which push endpoints the server will ever connect to (docs/push.md):
// https to an allowed push service, nothing else.
#include "push/push_endpoint.h"

#include <gtest/gtest.h>

namespace unknot::server {
namespace {

std::string Parse(const std::string& url,
                  const std::vector<std::string>& hosts = DefaultPushHosts()) {
  PushEndpoint e;
  const Status s = ParsePushEndpoint(url, hosts, &e);
  if (!s.ok()) return s.code();
  return e.host + " " + std::to_string(e.port) + " " + e.target + " " +
         e.origin;
}

TEST(PushEndpointTest, TheBrowsersPushServices) {
  EXPECT_EQ(Parse("https://fcm.googleapis.com/fcm/send/abc:def"),
            "fcm.googleapis.com 443 /fcm/send/abc:def "
            "https://fcm.googleapis.com");
  EXPECT_EQ(Parse("https://updates.push.services.mozilla.com/wpush/v2/gAAA"),
            "updates.push.services.mozilla.com 443 /wpush/v2/gAAA "
            "https://updates.push.services.mozilla.com");
  EXPECT_EQ(Parse("https://web.push.apple.com/QGuQyavXutnMH"),
            "web.push.apple.com 443 /QGuQyavXutnMH https://web.push.apple.com");
  EXPECT_EQ(Parse("HTTPS://WNS2-BY3P.Notify.Windows.com/w/?token=AQE%3d"),
            "wns2-by3p.notify.windows.com 443 /w/?token=AQE%3d "
            "https://wns2-by3p.notify.windows.com");
}

TEST(PushEndpointTest, OnlyAllowedHostsOverHttps) {
  EXPECT_EQ(Parse("http://fcm.googleapis.com/fcm/send/x"),
            "invalid-subscription");
  EXPECT_EQ(Parse("https://evil.example/fcm.googleapis.com"),
            "push-host-not-allowed");
  EXPECT_EQ(Parse("https://fcm.googleapis.com.evil.example/x"),
            "push-host-not-allowed");
  EXPECT_EQ(Parse("https://notfcm.googleapis.com/x"), "push-host-not-allowed");
  EXPECT_EQ(Parse("https://127.0.0.1:8443/x"), "push-host-not-allowed");
  EXPECT_EQ(Parse("https://user@fcm.googleapis.com/x"), "invalid-subscription");
  EXPECT_EQ(Parse("https://fcm.googleapis.com:0/x"), "invalid-subscription");
  EXPECT_EQ(Parse("https://fcm.googleapis.com:99999/x"),
            "invalid-subscription");
  EXPECT_EQ(Parse("https://fcm.googleapis.com/a b"), "invalid-subscription");
  EXPECT_EQ(Parse("https://fcm.googleapis.com/" + std::string(2100, 'a')),
            "invalid-subscription");
  EXPECT_EQ(Parse("https:///x"), "invalid-subscription");
  EXPECT_EQ(Parse(""), "invalid-subscription");
}

TEST(PushEndpointTest, AnOperatorsOwnListAndPorts) {
  const auto hosts = ParseHostList(" 127.0.0.1, Push.Example ,,::1");
  EXPECT_EQ(hosts,
            (std::vector<std::string>{"127.0.0.1", "push.example", "::1"}));
  EXPECT_EQ(Parse("https://127.0.0.1:8443/p/1", hosts),
            "127.0.0.1 8443 /p/1 https://127.0.0.1:8443");
  EXPECT_EQ(Parse("https://[::1]:9/p", hosts), "::1 9 /p https://[::1]:9");
  EXPECT_EQ(Parse("https://eu.push.example", hosts),
            "eu.push.example 443 / https://eu.push.example");
  EXPECT_EQ(Parse("https://fcm.googleapis.com/x", hosts),
            "push-host-not-allowed");
}

}  // namespace
}  // namespace unknot::server

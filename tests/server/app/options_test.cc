#include "app/options.h"

#include <gtest/gtest.h>

namespace unknot::server {
namespace {

std::string Describe(const std::vector<std::string>& args) {
  const ParsedOptions parsed = ParseOptions(args);
  if (!parsed.options) return "error: " + parsed.error;
  const Options& o = *parsed.options;
  std::string out = o.bind + ":" + std::to_string(o.port);
  if (o.data_dir) out += " data=" + *o.data_dir;
  if (o.web_dir) out += " web=" + *o.web_dir;
  if (o.tls_cert) out += " tls=" + *o.tls_cert + "," + *o.tls_key;
  if (!o.push) out += " no-push";
  if (o.push_subject) out += " subject=" + *o.push_subject;
  if (o.push_hosts) out += " hosts=" + *o.push_hosts;
  if (o.push_ca) out += " ca=" + *o.push_ca;
  if (o.push_interval_s) out += " every=" + std::to_string(o.push_interval_s);
  if (o.help) out += " help";
  return out;
}

TEST(OptionsTest, Defaults) { EXPECT_EQ(Describe({}), "127.0.0.1:8080"); }

TEST(OptionsTest, AllFlagsInBothForms) {
  EXPECT_EQ(
      Describe({"--port", "0", "--bind", "::1", "--data-dir", "/d",
                "--web-dir=/w", "--tls-cert", "c.pem", "--tls-key=k.pem"}),
      "::1:0 data=/d web=/w tls=c.pem,k.pem");
  EXPECT_EQ(Describe({"--port=65535", "--bind=0.0.0.0"}), "0.0.0.0:65535");
  EXPECT_EQ(Describe({"-h"}), "127.0.0.1:8080 help");
}

TEST(OptionsTest, PushFlags) {
  EXPECT_EQ(Describe({"--no-push"}), "127.0.0.1:8080 no-push");
  EXPECT_EQ(Describe({"--push-subject", "mailto:ops@example.org",
                      "--push-hosts=127.0.0.1,push.example", "--push-ca",
                      "ca.pem", "--push-interval", "5"}),
            "127.0.0.1:8080 subject=mailto:ops@example.org "
            "hosts=127.0.0.1,push.example ca=ca.pem every=5");
  EXPECT_EQ(Describe({"--push-subject", "ops@example.org"}),
            "error: --push-subject needs a mailto: or https: URI, got "
            "'ops@example.org'");
  EXPECT_EQ(Describe({"--push-interval", "0"}),
            "error: --push-interval needs 1..3600 seconds, got '0'");
  EXPECT_EQ(Describe({"--push-interval", "3601"}),
            "error: --push-interval needs 1..3600 seconds, got '3601'");
}

TEST(OptionsTest, BadFlagsAreRefused) {
  EXPECT_EQ(Describe({"--nope"}), "error: unknown flag '--nope'");
  EXPECT_EQ(Describe({"--port=8080=1"}), "error: bad --port '8080=1'");
  EXPECT_EQ(Describe({"--nope", "1"}), "error: unknown flag '--nope'");
  EXPECT_EQ(Describe({"--port"}), "error: --port needs a value");
  EXPECT_EQ(Describe({"--port", "65536"}), "error: bad --port '65536'");
  EXPECT_EQ(Describe({"--port", "-1"}), "error: bad --port '-1'");
  EXPECT_EQ(Describe({"--port", "80x"}), "error: bad --port '80x'");
  EXPECT_EQ(Describe({"--bind", "localhost"}),
            "error: --bind needs an IP address, got 'localhost'");
  EXPECT_EQ(Describe({"--tls-cert", "c.pem"}),
            "error: --tls-cert and --tls-key go together");
  EXPECT_EQ(Describe({"--data-dir="}),
            "error: --data-dir needs a non-empty value");
  EXPECT_EQ(Describe({"serve"}), "error: unexpected argument 'serve'");
}

}  // namespace
}  // namespace unknot::server

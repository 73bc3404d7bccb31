// wiredesk through a SASL_SSL listener: TLS with a CA of its own and
// SCRAM-SHA-512, the way a managed cluster is reached. The broker is a second
// local one (scripts/local-kafka with KAFKA_VERSION=3.9.1 on
// TEST_KAFKA_SECURE_PORT, default 9192): Debian 12's librdkafka 2.0.2 sends a
// SCRAM client-final nonce that Kafka 4.x brokers reject (fixed in librdkafka
// 2.6.1, confluentinc/librdkafka#4895), so SCRAM is tested against the last
// broker line that accepts it. docs/reliability.md, "Secured connections".
//
// The password comes from a mounted file or the environment, never the
// config file; it must appear in no log line (at debug level) and nowhere in
// the output of check-config.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <thread>

#include "support/fixtures.hpp"
#include "support/kafka_test_client.hpp"

namespace wiredesk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using wiredesk::testing::KafkaTestClient;
using wiredesk::testing::ServiceProcess;
using wiredesk::testing::shell;
using Names = wiredesk::testing::TestTopics;

std::string secure_port() {
  const char* p = std::getenv("TEST_KAFKA_SECURE_PORT");
  return p && *p ? p : "9192";
}

std::string local_kafka(const std::string& args) {
  return "KAFKA_VERSION=3.9.1 KAFKA_PORT=" + secure_port() + " " + WIREDESK_SOURCE_DIR +
         "/scripts/local-kafka " + args;
}

class SecureKafka : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    started_ = shell(local_kafka("status")).first != 0;
    const auto start = shell(local_kafka("start"));
    ASSERT_EQ(start.first, 0) << start.second;
    const auto secure = shell(local_kafka("secure"));
    ASSERT_EQ(secure.first, 0) << secure.second;
    std::istringstream lines(secure.second);
    for (std::string line; std::getline(lines, line);) {
      const size_t eq = line.find('=');
      if (line.rfind("WIREDESK_", 0) == 0 && eq != std::string::npos) {
        secure_env_[line.substr(0, eq)] = line.substr(eq + 1);
      }
    }
    password_ = wiredesk::testing::read_file(
        secure_env_.at("WIREDESK_KAFKA__COMMON__SASL_PASSWORD_FILE"));
    while (!password_.empty() && password_.back() == '\n') password_.pop_back();
  }
  static void TearDownTestSuite() {
    if (started_) shell(local_kafka("stop"));
  }

  // The service's environment: topics, then the SASL_SSL listener and credentials.
  std::map<std::string, std::string> env(const Names& n, int port) const {
    auto e = wiredesk::testing::service_env(n, port);
    for (const auto& [k, v] : secure_env_) e[k] = v;
    e["WIREDESK_LOG__LEVEL"] = "debug";
    return e;
  }

  // Topics and inputs go through the broker's PLAINTEXT listener.
  static std::string plaintext() { return "127.0.0.1:" + secure_port(); }

  static bool started_;
  static std::map<std::string, std::string> secure_env_;
  static std::string password_;
};

bool SecureKafka::started_ = false;
std::map<std::string, std::string> SecureKafka::secure_env_;
std::string SecureKafka::password_;

std::string check_config(const std::map<std::string, std::string>& env) {
  std::string cmd;
  for (const auto& [k, v] : env) cmd += k + "='" + v + "' ";
  cmd += std::string(WIREDESK_BINARY) + " --config " + WIREDESK_SOURCE_DIR +
         "/config/wiredesk.yaml check-config";
  return shell(cmd).second;
}

TEST_F(SecureKafka, ProcessesThroughSaslSslWithThePasswordFromAMountedSecretAndNeverShowsIt) {
  ASSERT_FALSE(password_.empty());
  // A Kubernetes Secret mounted as a directory of files.
  const fs::path secret = fs::temp_directory_path() / wiredesk::testing::unique_name("secret");
  fs::create_directories(secret);
  std::ofstream(secret / "password") << password_ << "\n";

  KafkaTestClient client(plaintext());
  ASSERT_TRUE(client.reachable());
  Names n;
  client.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client, n);
  const auto items = wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
  client.produce(n.in, items, {}, 0);

  const int port = wiredesk::testing::free_port();
  auto e = env(n, port);
  e["WIREDESK_KAFKA__COMMON__SASL_PASSWORD_FILE"] = (secret / "password").string();
  ServiceProcess service(e);
  service.start();
  ASSERT_TRUE(wiredesk::testing::wait_ready(service, port)) << service.log_path();
  const auto out = client.consume({n.items, n.duplicates}, items.size(), 60s);
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  EXPECT_EQ(out.size(), items.size()) << service.log_path();

  const std::string log = wiredesk::testing::read_file(service.log_path());
  EXPECT_NE(log.find("SASL_SSL, SCRAM-SHA-512 as wiredesk"), std::string::npos)
      << "the log does not say how it connects";
  EXPECT_EQ(log.find(password_), std::string::npos) << "the password is in " << service.log_path();
  const std::string checked = check_config(e);
  EXPECT_NE(checked.find("ok:"), std::string::npos) << checked;
  EXPECT_NE(checked.find("(SASL_SSL, SCRAM-SHA-512 as wiredesk)"), std::string::npos) << checked;
  EXPECT_EQ(checked.find(password_), std::string::npos) << checked;
  std::printf("SECURE sasl_ssl scram-sha-512: items=%zu out=%zu log-lines=%zu password-in-logs=no\n",
              items.size(), out.size(),
              static_cast<size_t>(std::count(log.begin(), log.end(), '\n')));
  fs::remove_all(secret);
}

TEST_F(SecureKafka, APasswordInTheEnvironmentWorksAndAWrongOneIsRefusedWithoutBeingShown) {
  KafkaTestClient client(plaintext());
  Names n;
  client.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client, n);
  client.produce(n.in, {R"({"uri":"urn:secure:1","version":"1","headline":"Through TLS"})"}, {}, 0);

  // The password in the environment (a secretKeyRef), not in a file.
  auto e = env(n, wiredesk::testing::free_port());
  e.erase("WIREDESK_KAFKA__COMMON__SASL_PASSWORD_FILE");
  e["WIREDESK_KAFKA__COMMON__SASL_PASSWORD"] = password_;
  {
    ServiceProcess service(e);
    service.start();
    const auto out = client.consume({n.items}, 1, 60s);
    EXPECT_EQ(service.stop(), 0) << service.log_path();
    EXPECT_EQ(out.size(), 1u) << service.log_path();
    EXPECT_EQ(wiredesk::testing::read_file(service.log_path()).find(password_),
              std::string::npos);
    EXPECT_EQ(check_config(e).find(password_), std::string::npos);
  }

  // A wrong password: never ready, the log says why, and shows neither password.
  const std::string wrong = "Wr0ng-" + password_.substr(0, 8) + "-pw";
  const int port = wiredesk::testing::free_port();
  e = env(n, port);
  e.erase("WIREDESK_KAFKA__COMMON__SASL_PASSWORD_FILE");
  e["WIREDESK_KAFKA__COMMON__SASL_PASSWORD"] = wrong;
  ServiceProcess service(e);
  service.start();
  EXPECT_FALSE(wiredesk::testing::wait_ready(service, port, 15s));
  service.stop(15s);
  const std::string log = wiredesk::testing::read_file(service.log_path());
  EXPECT_NE(log.find("uthentication"), std::string::npos) << service.log_path();
  EXPECT_EQ(log.find(wrong), std::string::npos) << service.log_path();
  EXPECT_EQ(log.find(password_), std::string::npos) << service.log_path();
}

}  // namespace
}  // namespace wiredesk

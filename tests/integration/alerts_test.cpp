// Alerts per story against a real broker (design §5): which stories alerted
// on which rules survives a restart and reaches the other replicas through
// the dedup index topic, so a later item of an alerted story pings nobody
// and a kill of it is one follow-up naming the first alert.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>
#include <regex>
#include <thread>

#include "support/fixtures.hpp"
#include "support/kafka_test_client.hpp"

namespace wiredesk {
namespace {

using namespace std::chrono_literals;
using wiredesk::testing::Consumed;
using wiredesk::testing::KafkaTestClient;
using wiredesk::testing::ServiceProcess;
using wiredesk::testing::service_env;
using wiredesk::testing::wait_ready;
using Names = wiredesk::testing::TestTopics;

// A Yonhap item (ninjs 2.x) at 2026-11-30 07:mm KST.
std::string item(const std::string& uri, const std::string& version, int minute,
                 const std::string& headline, const std::string& body, int urgency,
                 const std::string& pubstatus = "usable") {
  char when[40];
  std::snprintf(when, sizeof when, "2026-11-30T07:%02d:00+09:00", minute);
  return R"({"uri":")" + uri + R"(","version":")" + version + R"(","versioncreated":")" + when +
         R"(","pubstatus":")" + pubstatus + R"(","urgency":)" + std::to_string(urgency) +
         R"(,"language":"en","headlines":[{"role":"main","value":")" + headline +
         R"("}],"bodies":[{"role":"main","contenttype":"text/plain","value":")" + body +
         R"("}],"infosources":[{"name":"Yonhap News Agency","role":"originfeed"}]})";
}

const std::string kFlash = item(
    "urn:yna:AEN20261130000100315", "1", 1, "(URGENT) N. Korea fires ballistic missile into East Sea",
    "SEOUL, Nov. 30 (Yonhap) -- North Korea fired a ballistic missile into the East Sea on "
    "Monday morning, South Korea's Joint Chiefs of Staff said.\\n\\n(END)",
    1);
const std::string kStory = item(
    "urn:yna:AEN20261130000400315", "1", 15,
    "N. Korea launches ballistic missile toward East Sea, military says",
    "SEOUL, Nov. 30 (Yonhap) -- North Korea launched a ballistic missile toward the East Sea "
    "early Monday, according to the Joint Chiefs of Staff (JCS), its first launch in a month."
    "\\n\\nThe missile flew about 600 kilometers before falling into waters off the east coast, "
    "the JCS said, adding that South Korea and the United States were analyzing its details."
    "\\n\\nThe military has raised its readiness and is sharing information with Washington and "
    "Tokyo, the JCS said.\\n\\n(END)",
    2);
const std::string kKill = item(
    "urn:yna:AEN20261130000400315", "2", 40,
    "(KILL) N. Korea launches ballistic missile toward East Sea, military says",
    "SEOUL, Nov. 30 (Yonhap) -- EDITORS: Please kill the story headlined \\\"N. Korea launches "
    "ballistic missile toward East Sea, military says.\\\" It contained a wrong flight distance. "
    "A corrected story will follow.\\n\\n(END)",
    2, "canceled");

std::string field(const std::string& json, const std::string& name) {
  std::smatch m;
  if (std::regex_search(json, m, std::regex("\"" + name + "\":\"([^\"]*)\""))) return m[1];
  return {};
}

double metric(int port, const std::string& pattern) {
  const auto body =
      wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/metrics").second;
  std::smatch m;
  if (std::regex_search(body, m, std::regex("\n" + pattern + " ([0-9.e+-]+)"))) {
    return std::stod(m[1]);
  }
  return -1;
}

class AlertsIntegration : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(client_.reachable()) << "no broker — scripts/local-kafka start";
  }
  KafkaTestClient client_;
};

TEST_F(AlertsIntegration, WhatAStoryAlertedOnSurvivesARestart) {
  Names n;
  client_.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client_, n);
  const int port = wiredesk::testing::free_port();
  const auto env = service_env(n, port);
  {
    ServiceProcess first(env);
    first.start();
    ASSERT_TRUE(wait_ready(first, port)) << first.log_path();
    client_.produce(n.in, {kFlash});
    ASSERT_EQ(client_.consume({n.items}, 1, 30s).size(), 1u);
    ASSERT_EQ(client_.consume({n.alerts}, 1, 30s).size(), 1u);
    EXPECT_EQ(metric(port, R"(wiredesk_alerts_total\{kind="first",rule="urgent-flash"\})"), 1);
    EXPECT_EQ(first.stop(), 0) << first.log_path();
  }
  ServiceProcess second(env);
  second.start();
  ASSERT_TRUE(wait_ready(second, port)) << second.log_path();
  // The full story matches the rules the flash alerted on: no new ping.
  client_.produce(n.in, {kStory});
  const auto items = client_.consume({n.items}, 2, 30s);
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[1].headers.at("wiredesk-verdict"), "update");
  EXPECT_EQ(client_.consume({n.alerts}, 2, 5s).size(), 1u) << "the story alerted twice";
  EXPECT_GE(metric(port, R"(wiredesk_alerts_suppressed_total\{rule="urgent-flash"\})"), 1);
  // Its kill is one follow-up of the first alert.
  client_.produce(n.in, {kKill});
  const auto alerts = client_.consume({n.alerts}, 2, 30s, 2s);
  EXPECT_EQ(second.stop(), 0) << second.log_path();
  ASSERT_EQ(alerts.size(), 2u);
  const std::string first_id = field(alerts[0].value, "alert_id");
  EXPECT_FALSE(first_id.empty());
  EXPECT_EQ(field(alerts[1].value, "followup_of"), first_id);
  EXPECT_EQ(field(alerts[1].value, "reason"), "kill");
  EXPECT_EQ(*alerts[1].key, "urn:yna:AEN20261130000100315");  // keyed by the story
}

TEST_F(AlertsIntegration, AnotherReplicaKnowsTheStoryAlerted) {
  Names n;
  client_.create_topic(n.in, 2);
  wiredesk::testing::create_outputs(client_, n);
  const int port_a = wiredesk::testing::free_port(), port_b = wiredesk::testing::free_port();
  ServiceProcess a(service_env(n, port_a)), b(service_env(n, port_b));
  a.start();
  ASSERT_TRUE(wait_ready(a, port_a)) << a.log_path();
  b.start();
  ASSERT_TRUE(wait_ready(b, port_b)) << b.log_path();
  const auto deadline = std::chrono::steady_clock::now() + 60s;
  while (std::chrono::steady_clock::now() < deadline &&
         (metric(port_a, "wiredesk_assigned_partitions") != 1 ||
          metric(port_b, "wiredesk_assigned_partitions") != 1)) {
    std::this_thread::sleep_for(200ms);
  }
  ASSERT_EQ(metric(port_a, "wiredesk_assigned_partitions"), 1);
  client_.produce(n.in, {kFlash}, {}, 0);
  ASSERT_EQ(client_.consume({n.alerts}, 1, 30s).size(), 1u);
  // Both replicas hold the flash's index entry (and its alert state beside it).
  const auto learned = std::chrono::steady_clock::now() + 30s;
  while (std::chrono::steady_clock::now() < learned &&
         (metric(port_a, "wiredesk_dedup_index_entries") < 1 ||
          metric(port_b, "wiredesk_dedup_index_entries") < 1)) {
    std::this_thread::sleep_for(250ms);
  }
  std::this_thread::sleep_for(1s);
  client_.produce(n.in, {kStory, kKill}, {}, 1);  // the other partition, the other replica
  const auto items = client_.consume({n.items}, 3, 30s);
  const auto alerts = client_.consume({n.alerts}, 3, 10s, 2s);
  EXPECT_EQ(a.stop(), 0);
  EXPECT_EQ(b.stop(), 0);
  ASSERT_EQ(items.size(), 3u);
  ASSERT_EQ(alerts.size(), 2u) << "the other replica alerted the story again";
  EXPECT_EQ(field(alerts[1].value, "reason"), "kill");
  EXPECT_EQ(field(alerts[1].value, "followup_of"), field(alerts[0].value, "alert_id"));
}

}  // namespace
}  // namespace wiredesk

// Hot reload under load, against a real broker: the taxonomy is replaced the
// way a Kubernetes ConfigMap update replaces it (a symlink swap of ..data)
// while items flow. Every item comes out, tagged by either the old or the
// new taxonomy, and once the new one is in, every later item uses it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <thread>

#include "support/fixtures.hpp"
#include "support/kafka_test_client.hpp"

namespace wiredesk {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using wiredesk::testing::KafkaTestClient;
using wiredesk::testing::ServiceProcess;
using wiredesk::testing::unique_name;

// A ConfigMap-style directory: real files in ..vN, ..data → ..vN, and each
// file name a symlink through ..data.
class ConfigMapDir {
 public:
  ConfigMapDir() : dir_(fs::temp_directory_path() / unique_name("configmap")) {
    fs::create_directories(dir_);
  }
  ~ConfigMapDir() { fs::remove_all(dir_); }

  void publish(const std::map<std::string, std::string>& files) {
    const std::string version = "..v" + std::to_string(++generation_);
    fs::create_directories(dir_ / version);
    for (const auto& [name, text] : files) std::ofstream(dir_ / version / name) << text;
    fs::create_directory_symlink(version, dir_ / "..data_tmp");
    fs::rename(dir_ / "..data_tmp", dir_ / "..data");  // atomic swap
    for (const auto& [name, text] : files) {
      if (!fs::is_symlink(dir_ / name)) fs::create_symlink(fs::path("..data") / name, dir_ / name);
    }
  }
  fs::path path(const std::string& name) const { return dir_ / name; }

 private:
  fs::path dir_;
  int generation_ = 0;
};

std::string config_file(const std::string& name) {
  return wiredesk::testing::read_file(std::string(WIREDESK_SOURCE_DIR) + "/config/" + name);
}

constexpr const char* kExtraTopic = R"(
  - id: zebra-test
    name: zebra test topic
    kind: subject
    rules:
      - weight: 5
        en: [zebracorn]
)";

TEST(ReloadIntegration, TaxonomySwappedWhileItemsFlowTagsEveryItemWithOldOrNewSet) {
  KafkaTestClient client;
  ASSERT_TRUE(client.reachable()) << "no broker — scripts/local-kafka start";
  const wiredesk::testing::TestTopics t;
  client.create_topic(t.in, 1);
  wiredesk::testing::create_outputs(client, t);

  ConfigMapDir configmap;
  const std::string taxonomy = config_file("taxonomy.yaml");
  configmap.publish({{"wiredesk.yaml", config_file("wiredesk.yaml")},
                     {"taxonomy.yaml", taxonomy},
                     {"alerts.yaml", config_file("alerts.yaml")}});

  const int port = wiredesk::testing::free_port();
  ServiceProcess service(wiredesk::testing::service_env(t, port),
                         configmap.path("wiredesk.yaml").string());
  service.start();
  ASSERT_TRUE(wiredesk::testing::wait_ready(service, port)) << service.log_path();

  // Distinct stories that all mention the word only the new taxonomy knows.
  constexpr int kCount = 3000;
  std::mt19937 rng(5);
  std::vector<std::string> values;
  for (int i = 0; i < kCount; ++i) {
    std::string body = "SEOUL, Nov. 3 (Yonhap) -- The zebracorn report number " + std::to_string(i);
    for (int w = 0; w < 80; ++w) body += " w" + std::to_string(rng() % 100000);
    values.push_back(R"({"uri":"urn:test:reload:)" + std::to_string(i) +
                     R"(","headlines":[{"role":"main","value":"Report )" + std::to_string(i) +
                     R"("}],"bodies":[{"role":"main","value":")" + body + R"("}]})");
  }
  std::thread feeder([&] {
    KafkaTestClient feed;
    for (int start = 0; start < kCount; start += 100) {
      feed.produce(t.in, std::vector<std::string>(values.begin() + start, values.begin() + start + 100));
      // About 6 s of feed: the reloader polls every 2 s.
      std::this_thread::sleep_for(200ms);
    }
  });
  std::this_thread::sleep_for(400ms);
  configmap.publish({{"wiredesk.yaml", config_file("wiredesk.yaml")},
                     {"taxonomy.yaml", taxonomy + kExtraTopic},
                     {"alerts.yaml", config_file("alerts.yaml")}});
  feeder.join();

  auto out = client.consume({t.items, t.duplicates, t.dlq}, kCount, 120s, 1s);
  const auto metrics = wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/metrics").second;
  EXPECT_EQ(service.stop(), 0) << service.log_path();

  ASSERT_EQ(out.size(), static_cast<size_t>(kCount)) << "an item was lost";
  int old_set = 0, new_set = 0;
  bool switched = false;
  for (const auto& r : out) {
    ASSERT_EQ(r.topic, t.items);
    const bool tagged = r.value.find("\"zebra-test\"") != std::string::npos;
    if (tagged) {
      switched = true;
      ++new_set;
    } else {
      EXPECT_FALSE(switched) << "an item after the reload used the old taxonomy: "
                             << r.headers.at("wiredesk-origin");
      ++old_set;
    }
  }
  EXPECT_GT(old_set, 0) << "the reload happened before any item: the test proves nothing";
  EXPECT_GT(new_set, 0) << "the new taxonomy was never used";
  EXPECT_TRUE(std::regex_search(metrics, std::regex("\nwiredesk_config_reloads_total [1-9]")))
      << metrics;
  std::cerr << "old taxonomy: " << old_set << " items, new: " << new_set << "\n";
}

}  // namespace
}  // namespace wiredesk

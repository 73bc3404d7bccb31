#include "config/config.hpp"

#include "config/defaults.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace wiredesk {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

class ConfigTest : public ::testing::Test {
 protected:
  std::string write(const std::string& yaml) {
    path_ = std::filesystem::temp_directory_path() /
            ("wiredesk-config-test-" + std::to_string(::getpid()) + ".yaml");
    std::ofstream(path_) << yaml;
    return path_.string();
  }
  void TearDown() override { std::filesystem::remove(path_); }
  std::filesystem::path path_;
};

TEST_F(ConfigTest, TheShippedDefaultsLoadAndRunLocally) {
  auto loaded = load_config(std::string(WIREDESK_SOURCE_DIR) + "/config/wiredesk.yaml", {});
  for (const auto& e : loaded.errors) ADD_FAILURE() << e.to_string();
  const Config& c = loaded.config;
  EXPECT_EQ(c.kafka.bootstrap_servers, "127.0.0.1:9092");
  EXPECT_EQ(c.kafka.group_id, "wiredesk");
  EXPECT_EQ(c.input.topics, std::vector<std::string>{"wire.items"});
  EXPECT_EQ(c.output.items, "news.items");
  EXPECT_EQ(c.output.duplicates, "news.duplicates");
  EXPECT_EQ(c.output.alerts, "news.alerts");
  EXPECT_EQ(c.output.dlq, "news.dlq");
  EXPECT_EQ(c.delivery, Delivery::at_least_once);
  EXPECT_EQ(c.http.listen, "127.0.0.1:8080");
  EXPECT_EQ(c.dedup.window, std::chrono::hours(72));
  EXPECT_EQ(c.kafka.order_wait, std::chrono::milliseconds(250));
  EXPECT_EQ(c.limits.max_message_bytes, 1048576u);
  EXPECT_EQ(c.limits.max_depth, 64);
  EXPECT_EQ(c.shutdown_timeout, std::chrono::seconds(10));
  EXPECT_THAT(c.alerts, ::testing::EndsWith("config/alerts.yaml"));
  EXPECT_EQ(c.alerts_per_story, "thread");
}

std::string read_source(const std::string& relative) {
  std::ifstream in(std::string(WIREDESK_SOURCE_DIR) + "/" + relative, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

TEST(EmbeddedDefaults, AreTheFilesOfConfigByteForByte) {
  for (const char* name : {"wiredesk.yaml", "taxonomy.yaml", "alerts.yaml"}) {
    const auto text = builtin_text(std::string("builtin:") + name);
    ASSERT_TRUE(text) << name;
    EXPECT_EQ(*text, read_source(std::string("config/") + name)) << name;
  }
  EXPECT_FALSE(builtin_text("builtin:nope.yaml"));
  EXPECT_FALSE(builtin_text("wiredesk.yaml"));  // a path on disk is not embedded
  std::string out;
  EXPECT_FALSE(read_text_file("builtin:nope.yaml", out));
}

TEST(EmbeddedDefaults, LoadWithNoFileAndNameTheEmbeddedRules) {
  auto loaded = load_config("builtin:wiredesk.yaml", {});
  for (const auto& e : loaded.errors) ADD_FAILURE() << e.to_string();
  EXPECT_EQ(loaded.config.taxonomy, "builtin:taxonomy.yaml");
  EXPECT_EQ(loaded.config.alerts, "builtin:alerts.yaml");
  EXPECT_EQ(loaded.config.output.items, "news.items");
}

TEST(EmbeddedDefaults, TheConfigFileIsTheNamedOneThenTheSystemOneThenTheEmbeddedOne) {
  const auto system = std::filesystem::temp_directory_path() /
                      ("wiredesk-system-" + std::to_string(::getpid()) + ".yaml");
  std::filesystem::remove(system);
  EXPECT_EQ(default_config_path(nullptr, system.string()), "builtin:wiredesk.yaml");
  EXPECT_EQ(default_config_path("", system.string()), "builtin:wiredesk.yaml");
  std::ofstream(system) << "{}\n";
  EXPECT_EQ(default_config_path(nullptr, system.string()), system.string());
  EXPECT_EQ(default_config_path("/x/mine.yaml", system.string()), "/x/mine.yaml");
  std::filesystem::remove(system);
}

TEST_F(ConfigTest, AFileWithoutRulePathsKeepsTheEmbeddedOnesAndResolvesItsOwnBesideIt) {
  auto bare = load_config(write("kafka:\n  bootstrap_servers: b:9092\n"), {});
  for (const auto& e : bare.errors) ADD_FAILURE() << e.to_string();
  EXPECT_EQ(bare.config.taxonomy, "builtin:taxonomy.yaml");
  EXPECT_EQ(bare.config.alerts, "builtin:alerts.yaml");

  auto own = load_config(write("taxonomy: t.yaml\nalerts: \"\"\n"), {});
  for (const auto& e : own.errors) ADD_FAILURE() << e.to_string();
  EXPECT_EQ(own.config.taxonomy, (path_.parent_path() / "t.yaml").string());
  EXPECT_EQ(own.config.alerts, "");  // "" turns the rules off

  auto named = load_config(write("taxonomy: builtin:taxonomy.yaml\n"), {});
  EXPECT_EQ(named.config.taxonomy, "builtin:taxonomy.yaml");
}

TEST_F(ConfigTest, ShowPrintsWhatLoadsBackWithSecretsMasked) {
  auto loaded = load_config(
      write("kafka:\n  order_wait: 40ms\n  common:\n    sasl.username: desk\n"
            "    sasl.password: hunter2\n"
            "dedup:\n  window: 36h\n  duplicate_similarity: 0.7\nworkers: 3\n"
            "delivery: exactly-once\noutput:\n  stories: \"\"\n"),
      {"WIREDESK_LIMITS__BLOCKED_RETRY=1500ms"});
  ASSERT_TRUE(loaded.ok());
  const std::string yaml = config_to_yaml(loaded.config);
  EXPECT_THAT(yaml, Not(HasSubstr("hunter2")));
  EXPECT_THAT(yaml, HasSubstr("sasl.username: desk"));

  auto again = parse_config(yaml, "builtin:wiredesk.yaml", {});
  for (const auto& e : again.errors) ADD_FAILURE() << e.to_string() << "\n" << yaml;
  const Config& a = loaded.config;
  const Config& b = again.config;
  EXPECT_EQ(b.kafka.common.at("sasl.password"), "********");
  EXPECT_EQ(b.kafka.common.at("sasl.username"), "desk");
  EXPECT_EQ(b.dedup.window, a.dedup.window);
  EXPECT_EQ(b.kafka.order_wait, std::chrono::milliseconds(40));
  EXPECT_EQ(b.dedup.duplicate_similarity, a.dedup.duplicate_similarity);
  EXPECT_EQ(b.limits.blocked_retry, std::chrono::milliseconds(1500));
  EXPECT_EQ(b.workers, 3u);
  EXPECT_EQ(b.delivery, Delivery::exactly_once);
  EXPECT_EQ(b.output.stories, "");
  EXPECT_EQ(b.taxonomy, a.taxonomy);
  EXPECT_EQ(b.alerts, a.alerts);
  EXPECT_EQ(b.input.sources, a.input.sources);
  EXPECT_EQ(b.kafka.producer, a.kafka.producer);
}

TEST_F(ConfigTest, AlertsTakeTheShortAndTheLongFormAndThePerStoryMode) {
  auto short_form = load_config(write("alerts: rules.yaml\n"), {"WIREDESK_ALERTS__PER_STORY=every"});
  for (const auto& e : short_form.errors) ADD_FAILURE() << e.to_string();
  EXPECT_THAT(short_form.config.alerts, ::testing::EndsWith("/rules.yaml"));  // kept
  EXPECT_EQ(short_form.config.alerts_per_story, "every");

  auto long_form = load_config(write("alerts:\n  rules: r.yaml\n  per_story: thread\n"), {});
  for (const auto& e : long_form.errors) ADD_FAILURE() << e.to_string();
  EXPECT_THAT(long_form.config.alerts, ::testing::EndsWith("/r.yaml"));
  EXPECT_EQ(long_form.config.alerts_per_story, "thread");

  auto bad = load_config(write("alerts:\n  per_story: sometimes\n  colour: red\n"), {});
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0].key, "alerts.colour");
  EXPECT_EQ(bad.errors[1].key, "alerts.per_story");
}

TEST_F(ConfigTest, EnvironmentOverridesEveryLevelAndLists) {
  const auto file = write("kafka:\n  bootstrap_servers: a:1\n");
  auto loaded = load_config(file, {
                                      "WIREDESK_KAFKA__BOOTSTRAP_SERVERS=b:2,c:3",
                                      "WIREDESK_INPUT__TOPICS=wire.yonhap.en, wire.yonhap.ko",
                                      "WIREDESK_KAFKA__PRODUCER__LINGER_MS=20",
                                      "WIREDESK_KAFKA__CONSUMER__SESSION_TIMEOUT_MS=6000",
                                      "WIREDESK_DEDUP__WINDOW=48h",
                                      "WIREDESK_KAFKA__ORDER_WAIT=0s",
                                      "WIREDESK_DELIVERY=exactly-once",
                                      "WIREDESK_OUTPUT__DUPLICATES_ENABLED=false",
                                      "WIREDESK_CONFIG=ignored",
                                      "OTHER_VAR=x",
                                  });
  for (const auto& e : loaded.errors) ADD_FAILURE() << e.to_string();
  const Config& c = loaded.config;
  EXPECT_EQ(c.kafka.bootstrap_servers, "b:2,c:3");
  EXPECT_EQ(c.input.topics, (std::vector<std::string>{"wire.yonhap.en", "wire.yonhap.ko"}));
  EXPECT_EQ(c.kafka.producer.at("linger.ms"), "20");
  EXPECT_EQ(c.kafka.consumer.at("session.timeout.ms"), "6000");
  EXPECT_EQ(c.dedup.window, std::chrono::hours(48));
  EXPECT_EQ(c.kafka.order_wait, std::chrono::milliseconds(0));
  EXPECT_EQ(c.delivery, Delivery::exactly_once);
  EXPECT_FALSE(c.output.duplicates_enabled);
  EXPECT_EQ(consumer_properties(c).at("session.timeout.ms"), "6000");
  EXPECT_EQ(consumer_properties(c).at("isolation.level"), "read_committed");
}

TEST_F(ConfigTest, ReportsEachErrorWithFileAndKey) {
  const auto file = write(
      "kafka:\n  bootstrap_servers: ''\n  colour: blue\n"
      "limits:\n  max_depth: deep\n  max_message_bytes: 0\n"
      "delivery: twice\n"
      "http:\n  listen: nowhere\n"
      "shutdown_timeout: soon\n"
      "input:\n  topics: [news.items]\n");
  auto loaded = load_config(file, {"WIREDESK_DEDUP__WINDOW=forever"});
  std::vector<std::string> lines;
  for (const auto& e : loaded.errors) lines.push_back(e.to_string());
  const std::string all = ::testing::PrintToString(lines);
  EXPECT_THAT(all, HasSubstr(file + ": kafka.bootstrap_servers: must not be empty"));
  EXPECT_THAT(all, HasSubstr(file + ": kafka.colour: unknown key"));
  EXPECT_THAT(all, HasSubstr(file + ": limits.max_depth: expected an integer"));
  EXPECT_THAT(all, HasSubstr(file + ": limits.max_message_bytes: must be between"));
  EXPECT_THAT(all, HasSubstr(file + ": delivery: expected at-least-once or exactly-once"));
  EXPECT_THAT(all, HasSubstr(file + ": http.listen: expected host:port"));
  EXPECT_THAT(all, HasSubstr(file + ": shutdown_timeout: expected a duration"));
  EXPECT_THAT(all, HasSubstr(file + ": input.topics: topic 'news.items' is also an output topic"));
  EXPECT_THAT(all, HasSubstr("env WIREDESK_DEDUP__WINDOW: dedup.window: expected a duration"));
  EXPECT_EQ(loaded.errors.size(), 9u) << all;
}

// The dedup index addresses 16,000,000 entries (DedupIndex::kMaxEntries).
TEST_F(ConfigTest, MaxEntriesIsAtMostWhatTheIndexAddresses) {
  const auto file = write("dedup:\n  max_entries: 16000000\n");
  EXPECT_TRUE(load_config(file, {}).errors.empty());
  const auto over = write("dedup:\n  max_entries: 16000001\n");
  const auto loaded = load_config(over, {});
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_THAT(loaded.errors[0].to_string(), HasSubstr("dedup.max_entries: must be between"));
}

TEST_F(ConfigTest, HotWindowIsADurationOfTwelveHoursByDefault) {
  EXPECT_EQ(load_config(write("{}\n"), {}).config.dedup.hot_window, std::chrono::hours(12));
  const auto off = load_config(write("dedup:\n  hot_window: 0\n"), {});
  EXPECT_TRUE(off.errors.empty());
  EXPECT_EQ(off.config.dedup.hot_window.count(), 0);
  const auto env = load_config(write("{}\n"), {"WIREDESK_DEDUP__HOT_WINDOW=90m"});
  EXPECT_EQ(env.config.dedup.hot_window, std::chrono::minutes(90));
  const auto bad = load_config(write("dedup:\n  hot_window: soon\n"), {});
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_THAT(bad.errors[0].to_string(), HasSubstr("dedup.hot_window"));
}

// A backlog's outputs go in batches of 50 ms (a steady feed is sent at once
// by the engine, not by the linger); the shipped file says the same, and
// the user's value wins over both.
TEST_F(ConfigTest, TheProducerLingersFiftyMillisecondsUnlessTold) {
  EXPECT_EQ(producer_properties(load_config(write("{}\n"), {}).config).at("linger.ms"), "50");
  const auto shipped =
      load_config(std::string(WIREDESK_SOURCE_DIR) + "/config/wiredesk.yaml", {});
  EXPECT_EQ(producer_properties(shipped.config).at("linger.ms"), "50");
  const auto told = load_config(write("{}\n"), {"WIREDESK_KAFKA__PRODUCER__LINGER_MS=5"});
  EXPECT_EQ(producer_properties(told.config).at("linger.ms"), "5");
}

TEST_F(ConfigTest, UnknownEnvironmentKeyIsAnError) {
  const auto file = write("{}\n");
  auto loaded = load_config(file, {"WIREDESK_KAFKA__BOOTSTRAP=x"});
  ASSERT_EQ(loaded.errors.size(), 1u);
  EXPECT_EQ(loaded.errors[0].to_string(), "env WIREDESK_KAFKA__BOOTSTRAP: kafka.bootstrap: unknown key");
}

// A list or a mapping used as a key is an unknown key, not an exception
// (yaml-cpp throws when such a key is read as a string).
TEST_F(ConfigTest, AListOrMappingAsAKeyIsAnUnknownKey) {
  auto loaded = load_config(write("[0, 2]: x\nkafka:\n  {a: 1}: y\n  common:\n    [3]: z\n"), {});
  std::vector<std::string> lines;
  for (const auto& e : loaded.errors) lines.push_back(e.to_string());
  const std::string all = ::testing::PrintToString(lines);
  EXPECT_THAT(all, HasSubstr("<a list used as a key>: unknown key"));
  EXPECT_THAT(all, HasSubstr("kafka.<a mapping used as a key>: unknown key"));
  EXPECT_THAT(all, HasSubstr("kafka.common.<a list used as a key>: expected a name"));
}

TEST_F(ConfigTest, MissingAndMalformedFiles) {
  auto missing = load_config("/nonexistent/wiredesk.yaml", {});
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_THAT(missing.errors[0].to_string(), HasSubstr("/nonexistent/wiredesk.yaml: cannot read"));
  auto broken = load_config(write("kafka: [unclosed\n"), {});
  ASSERT_EQ(broken.errors.size(), 1u);
  EXPECT_THAT(broken.errors[0].message, HasSubstr("not valid YAML"));
}

// Kubernetes mounts a Secret as files: NAME.file (or WIREDESK_…_FILE) reads
// the value of NAME from one, and an error names the file, not the secret.
TEST_F(ConfigTest, ALibrdkafkaPropertyCanComeFromAMountedFile) {
  const auto dir = std::filesystem::temp_directory_path() /
                   ("wiredesk-secret-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "password") << "s3cr3t-Value\n";
  std::ofstream(dir / "user") << "wiredesk";
  const std::string file = write(
      "kafka:\n  common:\n    sasl.username.file: " + (dir / "user").string() + "\n");
  auto loaded = load_config(
      file, {"WIREDESK_KAFKA__COMMON__SASL_PASSWORD_FILE=" + (dir / "password").string(),
             "WIREDESK_KAFKA__COMMON__SECURITY_PROTOCOL=SASL_SSL"});
  for (const auto& e : loaded.errors) ADD_FAILURE() << e.to_string();
  const auto& common = loaded.config.kafka.common;
  EXPECT_EQ(common.at("sasl.password"), "s3cr3t-Value");  // without the newline
  EXPECT_EQ(common.at("sasl.username"), "wiredesk");
  EXPECT_EQ(common.at("security.protocol"), "SASL_SSL");
  EXPECT_EQ(common.count("sasl.password.file"), 0u);

  auto missing = load_config(file, {"WIREDESK_KAFKA__PRODUCER__SASL_PASSWORD_FILE=/nonexistent/pw"});
  ASSERT_EQ(missing.errors.size(), 1u);
  EXPECT_EQ(missing.errors[0].file, "env WIREDESK_KAFKA__PRODUCER__SASL_PASSWORD_FILE");
  EXPECT_THAT(missing.errors[0].message, HasSubstr("cannot read /nonexistent/pw"));

  auto both = load_config(file, {"WIREDESK_KAFKA__COMMON__SASL_USERNAME=other"});
  ASSERT_EQ(both.errors.size(), 1u);
  EXPECT_THAT(both.errors[0].message, HasSubstr("both sasl.username and sasl.username.file"));
  std::filesystem::remove_all(dir);
}

TEST(Durations, ParseUnits) {
  std::chrono::milliseconds d{};
  ASSERT_TRUE(parse_duration("72h", d));
  EXPECT_EQ(d, std::chrono::hours(72));
  ASSERT_TRUE(parse_duration("1500ms", d));
  EXPECT_EQ(d.count(), 1500);
  ASSERT_TRUE(parse_duration("10", d));
  EXPECT_EQ(d.count(), 10000);
  ASSERT_TRUE(parse_duration("1.5m", d));
  EXPECT_EQ(d.count(), 90000);
  EXPECT_FALSE(parse_duration("10 years", d));
  EXPECT_FALSE(parse_duration("-1s", d));
  EXPECT_FALSE(parse_duration("1e99", d));  // not representable: refused, not undefined
  EXPECT_FALSE(parse_duration("1e300h", d));
  EXPECT_FALSE(parse_duration("nan", d));
  EXPECT_FALSE(parse_duration("infs", d));
}

TEST(SecretProperties, AreRecognised) {
  EXPECT_TRUE(is_secret_property("sasl.password"));
  EXPECT_TRUE(is_secret_property("ssl.key.password"));
  EXPECT_TRUE(is_secret_property("sasl.oauthbearer.client.secret"));
  EXPECT_FALSE(is_secret_property("bootstrap.servers"));
}

}  // namespace
}  // namespace wiredesk

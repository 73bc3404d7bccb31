// Integration tests of `wiredesk run` against a real Kafka broker (started by
// scripts/local-kafka; address in $TEST_KAFKA_BOOTSTRAP).
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <simdjson.h>

#include <cstdlib>
#include <ctime>
#include <iostream>
#include <fstream>
#include <random>
#include <regex>
#include <set>
#include <sstream>
#include <thread>

#include "support/fixtures.hpp"
#include "support/kafka_test_client.hpp"

namespace wiredesk {
namespace {

using namespace std::chrono_literals;
using wiredesk::testing::Consumed;
using wiredesk::testing::KafkaTestClient;
using wiredesk::testing::ServiceProcess;
using wiredesk::testing::unique_name;

using Topics = wiredesk::testing::TestTopics;

class ServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(client_.reachable())
        << "no Kafka broker at " << wiredesk::testing::test_bootstrap()
        << " — start one with scripts/local-kafka start";
  }

  static std::map<std::string, std::string> env(const Topics& t, int http_port) {
    return wiredesk::testing::service_env(t, http_port);
  }

  void create_outputs(const Topics& t) { wiredesk::testing::create_outputs(client_, t); }

  static void wait_ready(ServiceProcess& service, int port) {
    ASSERT_TRUE(wiredesk::testing::wait_ready(service, port))
        << "wiredesk not ready; log: " << service.log_path();
  }

  // Waits until the group has committed the end of every input partition.
  void wait_committed(const Topics& t, int partitions, std::chrono::seconds timeout) {
    const auto end = client_.end_offsets(t.in, partitions);
    const auto deadline = std::chrono::steady_clock::now() + timeout;
    while (std::chrono::steady_clock::now() < deadline) {
      if (client_.committed(t.group, t.in, partitions) == end) return;
      std::this_thread::sleep_for(500ms);
    }
    FAIL() << "offsets not committed to the end in time";
  }

  KafkaTestClient client_;
};

std::string origin_of(const Consumed& r) {
  auto it = r.headers.find("wiredesk-origin");
  return it == r.headers.end() ? "" : it->second;
}

TEST_F(ServiceTest, FixturesEachEndInExactlyOnePlaceWithHeaders) {
  Topics t;
  client_.create_topic(t.in, 1);
  create_outputs(t);
  const auto items = wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
  const auto bad_files = wiredesk::testing::bad_fixture_files();
  std::vector<std::string> values = items;
  std::vector<std::optional<std::string>> keys(items.size());
  std::map<int64_t, std::string> expected_reason;
  for (const auto& f : bad_files) {
    expected_reason[static_cast<int64_t>(values.size())] = wiredesk::testing::expected_reason(f);
    values.push_back(wiredesk::testing::read_file(f.string()));
    keys.push_back(f.filename().string());
  }
  client_.produce(t.in, values, keys);

  const int port = wiredesk::testing::free_port();
  ServiceProcess service(env(t, port));
  service.start();
  ASSERT_NO_FATAL_FAILURE(wait_ready(service, port));
  const auto out = client_.consume({t.items, t.duplicates, t.dlq}, values.size(), 60s, 2s);

  // /metrics passes promtool and counts what was consumed.
  const auto [status, metrics] = wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/metrics");
  EXPECT_EQ(status, 200);
  EXPECT_THAT(metrics, ::testing::HasSubstr("wiredesk_items_consumed_total{topic=\"" + t.in + "\"} 46"));
  EXPECT_THAT(metrics, ::testing::HasSubstr("wiredesk_dead_letters_total{reason=\"empty\"} 1"));
  const std::string metrics_file = "/tmp/" + unique_name("metrics.txt");
  std::ofstream(metrics_file) << metrics;
  EXPECT_EQ(std::system(("promtool check metrics < " + metrics_file).c_str()), 0) << metrics_file;
  EXPECT_EQ(wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/healthz").first, 200);

  EXPECT_EQ(service.stop(), 0) << service.log_path();

  ASSERT_EQ(out.size(), values.size());
  std::map<std::string, int> places;
  for (const auto& r : out) {
    const std::string origin = origin_of(r);
    ++places[origin];
    const int64_t offset = std::stoll(origin.substr(origin.rfind('/') + 1));
    ASSERT_EQ(origin, t.in + "/0/" + std::to_string(offset));
    if (r.topic == t.dlq) {
      ASSERT_TRUE(expected_reason.count(offset)) << "item dead-lettered: " << offset;
      EXPECT_EQ(r.headers.at("wiredesk-error"), expected_reason[offset]);
      EXPECT_EQ(r.value, values[offset]) << "dead letter must carry the input bytes unchanged";
      EXPECT_EQ(r.key, keys[offset]);
    } else {
      ASSERT_FALSE(expected_reason.count(offset)) << "bad input reached " << r.topic;
      EXPECT_EQ(r.key, r.headers.at("wiredesk-story"));
      const std::string verdict = r.headers.at("wiredesk-verdict");
      EXPECT_EQ(r.topic == t.duplicates, verdict == "duplicate");
    }
  }
  EXPECT_EQ(places.size(), values.size());
  for (const auto& [origin, n] : places) EXPECT_EQ(n, 1) << origin;
  EXPECT_EQ(client_.committed(t.group, t.in, 1).at(0), static_cast<int64_t>(values.size()));
}

// A backlog whose partitions are uneven, as a sticky partitioner writes
// them: 600 items over 100 h of event time, one in twenty in partition 0 and
// the rest in runs of ten in partitions 1 and 2, each record's timestamp its
// place in the feed. Read partition by partition, one partition runs hours
// ahead of the others, and the 72 h dedup window counts their older items
// late. Read in timestamp order (kafka.order_wait), none is late, and every
// item still ends in exactly one place. The same backlog with the order off
// shows that the check can fail.
struct UnevenRun {
  size_t outputs = 0;
  double late = -1;
  double order_bytes = -1;  // wiredesk_consumer_order_buffered_bytes at the end
};

UnevenRun run_uneven_backlog(KafkaTestClient& client, bool ordered) {
  Topics t;
  client.create_topic(t.in, 3);
  wiredesk::testing::create_outputs(client, t);
  const auto fixtures = wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
  const std::regex uri("\"uri\": \"[^\"]*\"");
  const std::regex created("\"(firstcreated|versioncreated)\": \"[^\"]*\"");
  const int64_t base_ms = 1'793'491'200'000;  // 2026-11-01T00:00:00Z
  constexpr int kItems = 600;
  std::vector<std::vector<std::string>> values(3);
  std::vector<std::vector<int64_t>> stamps(3);
  for (int i = 0; i < kItems; ++i) {
    const int64_t event_ms = base_ms + int64_t{i} * 10 * 60 * 1000;
    const std::time_t secs = event_ms / 1000;
    std::tm tm{};
    gmtime_r(&secs, &tm);
    char when[32];
    std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", &tm);
    std::string item = std::regex_replace(fixtures[i % fixtures.size()], uri,
                                          "\"uri\": \"urn:test:uneven-" + std::to_string(i) + "\"");
    item = std::regex_replace(item, created, std::string("\"$1\": \"") + when + "\"");
    const int p = i % 20 == 0 ? 0 : 1 + (i / 10) % 2;
    values[p].push_back(std::move(item));
    stamps[p].push_back(base_ms + i);
  }
  for (int p = 0; p < 3; ++p) client.produce(t.in, values[p], {}, p, stamps[p]);

  const int port = wiredesk::testing::free_port();
  auto service_env = wiredesk::testing::service_env(t, port);
  if (!ordered) service_env["WIREDESK_KAFKA__ORDER_WAIT"] = "0s";
  ServiceProcess service(service_env);
  service.start();
  UnevenRun run;
  if (!wiredesk::testing::wait_ready(service, port)) {
    ADD_FAILURE() << "wiredesk not ready; log: " << service.log_path();
    return run;
  }
  run.outputs = client.consume({t.items, t.duplicates, t.dlq}, kItems, 90s, 2s).size();
  const auto body =
      wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/metrics").second;
  std::smatch m;
  if (std::regex_search(body, m, std::regex("\nwiredesk_late_items_total ([0-9.e+-]+)"))) {
    run.late = std::stod(m[1]);
  }
  if (std::regex_search(body, m,
                        std::regex("\nwiredesk_consumer_order_buffered_bytes ([0-9.e+-]+)"))) {
    run.order_bytes = std::stod(m[1]);
  }
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  return run;
}

TEST_F(ServiceTest, AnUnevenBacklogIsReadInTimestampOrderAcrossPartitions) {
  const UnevenRun ordered = run_uneven_backlog(client_, true);
  EXPECT_EQ(ordered.outputs, 600u);
  EXPECT_EQ(ordered.late, 0) << "items counted late although read in timestamp order";
  EXPECT_EQ(ordered.order_bytes, 0) << "every record waiting in the order was handed out";
  const UnevenRun unordered = run_uneven_backlog(client_, false);
  std::cout << "late items: " << ordered.late << " in timestamp order, " << unordered.late
            << " as they arrive\n";
  EXPECT_EQ(unordered.outputs, 600u);
  EXPECT_GT(unordered.late, 0) << "read as it arrives, the backlog should run partitions apart";
}

// The story view on a real broker: a story's record on the stories topic
// after each of its items, and after a restart the count goes on where it
// stopped (the state came back from the index topic).
TEST_F(ServiceTest, TheStoryViewIsKeyedByStoryAndSurvivesARestart) {
  Topics t;
  client_.create_topic(t.in, 1);
  create_outputs(t);
  auto item = [](const std::string& uri, const std::string& time, const std::string& headline,
                 const std::string& extra) {
    return R"({"uri": ")" + uri + R"(", "version": "1", "versioncreated": "2026-12-01T)" + time +
           R"(:00+09:00", "language": "en", "headlines": [{"role": "main", "value": ")" +
           headline +
           R"("}], "bodies": [{"role": "main", "contenttype": "text/plain", "value": "SEOUL, Dec. 1 (Yonhap) -- North Korea fired a short-range ballistic missile into the East Sea on Tuesday, the Joint Chiefs of Staff said, the third launch this month. The missile flew about 350 kilometers, the JCS said.)" +
           extra + R"("}]})";
  };
  const std::string story = "urn:yna:AEN20261201000300315";
  client_.produce(t.in, {item(story, "10:00", "N. Korea fires ballistic missile into East Sea", ""),
                         item("urn:yna:AEN20261201000500315", "10:40",
                              "(LEAD) N. Korea fires ballistic missile into East Sea",
                              " It was the first launch since Nov. 3.")});
  const int port = wiredesk::testing::free_port();
  {
    ServiceProcess service(env(t, port));
    service.start();
    ASSERT_NO_FATAL_FAILURE(wait_ready(service, port));
    const auto views = client_.consume({t.stories}, 2, 60s);
    ASSERT_EQ(views.size(), 2u);
    EXPECT_EQ(views[1].key, story);
    EXPECT_THAT(views[1].value, ::testing::HasSubstr("\"versions\":2"));
    EXPECT_EQ(service.stop(), 0) << service.log_path();
  }
  client_.produce(t.in, {item("urn:yna:AEN20261201000700315", "11:30",
                              "(2nd LD) N. Korea fires ballistic missile into East Sea",
                              " It was the first launch since Nov. 3. Seoul condemned it.")});
  ServiceProcess again(env(t, port));
  again.start();
  ASSERT_NO_FATAL_FAILURE(wait_ready(again, port));
  const auto views = client_.consume({t.stories}, 3, 60s);
  EXPECT_EQ(again.stop(), 0) << again.log_path();
  ASSERT_EQ(views.size(), 3u);
  EXPECT_EQ(views[2].key, story);
  EXPECT_THAT(views[2].value, ::testing::HasSubstr("\"versions\":3"));
  EXPECT_THAT(views[2].value, ::testing::HasSubstr("(2nd LD)"));
}

// An item with an embargo (RFC 3339 UTC, empty: none) and a pubstatus; its
// body is one of a few unrelated stories, picked by its headline, so that
// items with different headlines are not near-duplicates of each other.
std::string embargo_item(const std::string& uri, const std::string& version,
                         const std::string& headline, const std::string& embargoed,
                         const std::string& pubstatus = "usable") {
  static const std::map<std::string, std::string> kBodies = {
      {"Budget", "The finance ministry proposed a 677 trillion won budget for next year, up 5.2 percent, with welfare and defense spending taking the largest shares of the increase."},
      {"Rate", "The Bank of Korea held its benchmark interest rate at 3.25 percent for a third straight meeting, citing household debt and a weak won against the dollar."},
      {"Port", "Dockworkers at Busan port returned to work after a four-day walkout over overtime pay, and container traffic was expected to recover by the weekend."},
      {"Merger", "Talks between the two shipbuilders on a merger of their offshore units broke down after they failed to agree on the valuation of a drilling yard in Geoje."},
      {"Chip", "Semiconductor exports rose 18 percent on-year in November to a record 12.4 billion dollars, led by high-bandwidth memory shipped to data centers."},
  };
  std::string body = "No details were given.";
  for (const auto& [word, text] : kBodies) {
    if (headline.find(word) != std::string::npos) body = text;
  }
  std::string v = R"({"uri": ")" + uri + R"(", "version": ")" + version +
                  R"(", "versioncreated": "2026-12-01T10:00:00+09:00", "pubstatus": ")" +
                  pubstatus + R"(", "language": "en", "headlines": [{"role": "main", "value": ")" +
                  headline + R"("}], "bodies": [{"role": "main", "contenttype": "text/plain", "value": "SEOUL, Dec. 1 (Yonhap) -- )" +
                  body + R"("}])";
  if (!embargoed.empty()) v += R"(, "embargoed": ")" + embargoed + "\"";
  return v + "}";
}

int64_t now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string rfc3339(int64_t ms) {
  const std::time_t secs = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&secs, &tm);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &tm);
  return std::string(buf) + "." + std::to_string(1000 + ms % 1000).substr(1) + "Z";
}

std::string uri_of(const Consumed& r) {
  const auto at = r.value.find("\"uri\":\"");
  if (at == std::string::npos) return "";
  return r.value.substr(at + 7, r.value.find('"', at + 7) - at - 7);
}

// Embargoed items wait in the embargo topic: one lifts while the service
// runs and comes out within a second of its embargo; one lifts while the
// service is stopped and comes out once when it is back. Nothing is
// written twice.
TEST_F(ServiceTest, AnEmbargoLiftsWhileRunningAndAcrossARestart) {
  Topics t;
  client_.create_topic(t.in, 1);
  create_outputs(t);
  const int64_t start = now_ms();
  const int64_t soon = start + 8000, later = start + 20000;
  client_.produce(t.in, {embargo_item("urn:test:soon", "1", "Budget plan unveiled", rfc3339(soon)),
                         embargo_item("urn:test:later", "1", "Rate decision announced", rfc3339(later)),
                         embargo_item("urn:test:now", "1", "Port strike ends", "")});
  const int port = wiredesk::testing::free_port();
  {
    ServiceProcess service(env(t, port));
    service.start();
    ASSERT_NO_FATAL_FAILURE(wait_ready(service, port));
    const auto first = client_.consume({t.items}, 2, 40s);
    ASSERT_EQ(first.size(), 2u) << service.log_path();
    EXPECT_EQ(uri_of(first[0]), "urn:test:now");
    EXPECT_EQ(uri_of(first[1]), "urn:test:soon");
    EXPECT_GE(first[1].timestamp_ms, soon);
    EXPECT_LE(first[1].timestamp_ms, soon + 1000) << "released more than a second late";
    const auto metrics = wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/metrics").second;
    EXPECT_THAT(metrics, ::testing::HasSubstr("wiredesk_embargo_held_items 1"));
    EXPECT_THAT(metrics, ::testing::HasSubstr("wiredesk_embargo_releases_total 1"));
    EXPECT_THAT(metrics, ::testing::HasSubstr("wiredesk_embargo_release_delay_seconds_count 1"));
    EXPECT_EQ(service.stop(), 0) << service.log_path();
  }
  while (now_ms() < later + 500) std::this_thread::sleep_for(200ms);
  ServiceProcess again(env(t, port));
  again.start();
  ASSERT_NO_FATAL_FAILURE(wait_ready(again, port));
  const auto all = client_.consume({t.items}, 3, 30s, 3s);  // and nothing more
  EXPECT_EQ(again.stop(), 0) << again.log_path();
  std::vector<std::string> uris;
  for (const auto& r : all) uris.push_back(uri_of(r));
  EXPECT_EQ(uris, (std::vector<std::string>{"urn:test:now", "urn:test:soon", "urn:test:later"}));
  // The hold is gone from the compacted topic: a tombstone follows it.
  const auto held = client_.consume({t.embargo}, 4, 10s, 1s);
  std::map<std::string, bool> open;
  for (const auto& r : held) open[r.key.value_or("")] = !r.value.empty();
  EXPECT_EQ(open.size(), 2u);
  for (const auto& [key, is_open] : open) EXPECT_FALSE(is_open) << key << " still held";
}

// A kill of an embargoed item before its embargo drops it: it is never
// released, the cancel goes out at once. A kill after the release is the
// usual cancel of a published story.
TEST_F(ServiceTest, AKillBeforeTheEmbargoDropsTheItemAndAfterItCancelsIt) {
  Topics t;
  client_.create_topic(t.in, 1);
  create_outputs(t);
  const int64_t start = now_ms();
  const int64_t dropped_at = start + 10000, released_at = start + 4000;
  const std::string dropped = "urn:test:dropped", released = "urn:test:released";
  client_.produce(t.in,
                  {embargo_item(dropped, "1", "Merger talks collapse", rfc3339(dropped_at)),
                   embargo_item(released, "1", "Chip exports rise", rfc3339(released_at)),
                   embargo_item(dropped, "2", "(KILL) Merger talks collapse", "", "canceled")});
  const int port = wiredesk::testing::free_port();
  ServiceProcess service(env(t, port));
  service.start();
  ASSERT_NO_FATAL_FAILURE(wait_ready(service, port));
  const auto first = client_.consume({t.items}, 2, 30s);
  ASSERT_EQ(first.size(), 2u) << service.log_path();
  EXPECT_EQ(uri_of(first[0]), dropped);  // the cancel, at once
  EXPECT_THAT(first[0].value, ::testing::HasSubstr("\"pubstatus\":\"canceled\""));
  EXPECT_EQ(uri_of(first[1]), released);
  EXPECT_GE(first[1].timestamp_ms, released_at);

  client_.produce(t.in, {embargo_item(released, "2", "(KILL) Chip exports rise", "", "canceled")});
  while (now_ms() < dropped_at + 1500) std::this_thread::sleep_for(200ms);
  const auto all = client_.consume({t.items}, 3, 10s, 2s);  // and nothing more
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  ASSERT_EQ(all.size(), 3u);  // the dropped item never came out
  EXPECT_EQ(uri_of(all[2]), released);
  EXPECT_THAT(all[2].value, ::testing::HasSubstr("\"pubstatus\":\"canceled\""));
  const auto alerts = client_.consume({t.alerts}, 2, 5s, 1s);
  EXPECT_EQ(alerts.size(), 2u);  // one per kill
}

// `wiredesk replay` over the range the service has processed writes what the
// service wrote — same place, verdict and story for every input record — and
// leaves the group's committed offsets alone; a range that ended before the
// records is empty.
TEST_F(ServiceTest, ReplayOfATimeRangeWritesWhatTheServiceWrote) {
  Topics t;
  client_.create_topic(t.in, 1);
  create_outputs(t);
  auto values = wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
  for (const auto& f : wiredesk::testing::bad_fixture_files()) {
    values.push_back(wiredesk::testing::read_file(f.string()));
  }
  // And one item under embargo until 2099: held by the service and by the
  // replay alike, written by neither.
  client_.produce(t.in, values);
  client_.produce(t.in, {embargo_item("urn:test:embargoed", "1", "Budget plan unveiled",
                                      "2099-01-01T00:00:00Z")});
  const int port = wiredesk::testing::free_port();
  std::map<std::string, std::string> original;  // origin → topic verdict story
  {
    ServiceProcess service(env(t, port));
    service.start();
    ASSERT_NO_FATAL_FAILURE(wait_ready(service, port));
    for (const auto& r : client_.consume({t.items, t.duplicates, t.dlq}, values.size(), 60s, 2s)) {
      const auto verdict = r.headers.count("wiredesk-verdict") ? r.headers.at("wiredesk-verdict") : "";
      original[origin_of(r)] = (r.topic == t.dlq ? "dlq" : r.topic == t.items ? "items" : "dups") +
                               std::string(" ") + verdict + " " + r.key.value_or("");
    }
    EXPECT_EQ(service.stop(), 0) << service.log_path();
  }
  ASSERT_EQ(original.size(), values.size());
  const auto committed = client_.committed(t.group, t.in, 1);

  const std::string log = "/tmp/" + unique_name("replay.log");
  const auto [code, out] = wiredesk::testing::run_wiredesk(
      env(t, port), "replay --from 1h --topics " + t.in, log);
  ASSERT_EQ(code, 0) << log;
  EXPECT_THAT(wiredesk::testing::read_file(log), ::testing::HasSubstr("1 still under embargo"));
  std::map<std::string, std::string> replayed;
  simdjson::ondemand::parser parser;
  std::istringstream lines(out);
  for (std::string line; std::getline(lines, line);) {
    simdjson::padded_string padded(line);
    auto doc = parser.iterate(padded);
    const std::string topic(std::string_view(doc["topic"].get_string()));
    if (topic != t.items && topic != t.duplicates && topic != t.dlq) continue;
    std::string key;
    if (auto k = doc["key"]; k.type() == simdjson::ondemand::json_type::string) {
      key = std::string(std::string_view(k.get_string()));
    }
    auto headers = doc["headers"].get_object();
    std::string verdict, origin;
    for (auto h : headers) {
      const std::string_view name = h.unescaped_key();
      if (name == "wiredesk-verdict") verdict = std::string(std::string_view(h.value().get_string()));
      if (name == "wiredesk-origin") origin = std::string(std::string_view(h.value().get_string()));
    }
    replayed[origin] = (topic == t.dlq ? "dlq" : topic == t.items ? "items" : "dups") +
                       std::string(" ") + verdict + " " + key;
  }
  EXPECT_EQ(replayed, original);
  EXPECT_EQ(client_.committed(t.group, t.in, 1), committed);  // the group is left alone

  const auto [empty_code, empty_out] = wiredesk::testing::run_wiredesk(
      env(t, port), "replay --from 3h --to 2h --topics " + t.in, log);
  EXPECT_EQ(empty_code, 0) << log;
  EXPECT_EQ(empty_out, "");

  // Into the output topics under a prefix: the same records, the live topics
  // untouched.
  const std::string prefix = unique_name("replay") + ".";
  for (const auto& topic : {t.items, t.duplicates, t.dlq}) client_.create_topic(prefix + topic, 1);
  const auto [prefixed_code, prefixed_out] = wiredesk::testing::run_wiredesk(
      env(t, port), "replay --from 1h --topics " + t.in + " --output-prefix " + prefix, log);
  ASSERT_EQ(prefixed_code, 0) << log;
  EXPECT_EQ(prefixed_out, "");
  const auto written = client_.consume({prefix + t.items, prefix + t.duplicates, prefix + t.dlq},
                                       values.size(), 60s, 1s);
  EXPECT_EQ(written.size(), values.size());
  std::set<std::string> origins;
  for (const auto& r : written) origins.insert(origin_of(r));
  EXPECT_EQ(origins.size(), values.size());
  EXPECT_EQ(client_.consume({t.items, t.duplicates, t.dlq}, values.size() + 1, 5s).size(),
            values.size());
}

TEST_F(ServiceTest, AMessageOverTheSizeLimitIsDeadLetteredUnchanged) {
  Topics t;
  // Topics that accept the 1.2 MB message, as a broker configured for large
  // items would.
  const std::map<std::string, std::string> large = {{"max.message.bytes", "4194304"}};
  client_.create_topic(t.in, 1, large);
  for (const auto& name : {t.items, t.duplicates, t.alerts}) client_.create_topic(name, 1);
  client_.create_topic(t.dlq, 1, large);
  const std::string big = wiredesk::testing::too_large_item();
  ASSERT_GT(big.size(), 1u << 20);
  const auto items = wiredesk::testing::read_lines(wiredesk::testing::fixture_path("items.jsonl"));
  client_.produce(t.in, {big, items[0]}, {std::string("big"), std::nullopt});

  const int port = wiredesk::testing::free_port();
  ServiceProcess service(env(t, port));
  service.start();
  ASSERT_NO_FATAL_FAILURE(wait_ready(service, port));
  const auto out = client_.consume({t.items, t.duplicates, t.dlq}, 2, 60s, 1s);
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  ASSERT_EQ(out.size(), 2u);
  const auto& dead = out[0].topic == t.dlq ? out[0] : out[1];
  const auto& item = out[0].topic == t.dlq ? out[1] : out[0];
  EXPECT_EQ(dead.topic, t.dlq);
  EXPECT_EQ(dead.headers.at("wiredesk-error"), "too_large");
  EXPECT_EQ(dead.value, big) << "the dead letter carries the input bytes unchanged";
  EXPECT_EQ(dead.key, std::optional<std::string>("big"));
  EXPECT_EQ(item.topic, t.items) << "the processor keeps going after the large message";
}

// Distinct stories: bodies of words drawn from a large generated vocabulary,
// so that dedup calls every one of them new (they share only function words).
std::vector<std::string> load_items(int n, const std::string& tag) {
  static const char* kSyllables[] = {"ka", "ro", "mi", "sen", "tal", "ver", "no", "qui", "bra",
                                     "dor", "el", "fin", "gu", "ha", "is", "jo", "lem", "mun"};
  std::mt19937 rng(99);
  std::vector<std::string> items;
  items.reserve(n);
  for (int i = 0; i < n; ++i) {
    std::string body;
    for (int w = 0; w < 120; ++w) {
      for (int s = 0; s < 3; ++s) body += kSyllables[rng() % std::size(kSyllables)];
      body += w % 15 == 14 ? ". " : " ";
    }
    const std::string id = tag + "-" + std::to_string(i);
    items.push_back(R"({"uri":"urn:test:load:)" + id +
                    R"(","version":"1","urgency":5,"language":"en","headlines":[{"role":"main","value":"Load item )" +
                    id + R"("}],"bodies":[{"role":"main","contenttype":"text/plain","value":")" + body +
                    R"("}]})");
  }
  return items;
}

// Runs the service over `count` load items, interrupting it once part-way by
// `interrupt` (SIGTERM or SIGKILL), and returns every output record.
struct InterruptedRun {
  std::vector<Consumed> out;
  std::map<int32_t, int64_t> committed_at_stop;
  std::map<int32_t, int64_t> output_end_at_stop;  // items topic
  int exit_code = 0;
};

class LoadTest : public ServiceTest {
 protected:
  InterruptedRun run_interrupted(const Topics& t, int count, bool graceful,
                                 const std::map<std::string, std::string>& extra_env = {}) {
    InterruptedRun run;
    constexpr int kPartitions = 3;
    client_.create_topic(t.in, kPartitions);
    create_outputs(t);
    const auto values = load_items(count, t.in);

    const int port = wiredesk::testing::free_port();
    {
      auto first_env = env(t, port);
      for (const auto& [k, v] : extra_env) first_env[k] = v;
      ServiceProcess first(first_env);
      first.start();
      wait_ready(first, port);
      if (HasFatalFailure()) return run;
      // The wire keeps flowing in batches while the service is interrupted.
      std::thread feeder([&] {
        KafkaTestClient feed;
        constexpr int kBatch = 250;
        for (int start = 0; start < count; start += kBatch) {
          const int end = std::min(count, start + kBatch);
          std::vector<std::string> batch(values.begin() + start, values.begin() + end);
          std::vector<std::optional<std::string>> keys;
          for (int i = start; i < end; ++i) keys.push_back("k" + std::to_string(i));
          feed.produce(t.in, batch, keys);
          std::this_thread::sleep_for(50ms);
        }
      });
      const auto deadline = std::chrono::steady_clock::now() + 60s;
      while (std::chrono::steady_clock::now() < deadline) {
        if (client_.end_offsets(t.items, 1).at(0) + client_.end_offsets(t.duplicates, 1).at(0) >=
            count / 4) {
          break;
        }
        std::this_thread::sleep_for(20ms);
      }
      if (graceful) {
        run.exit_code = first.stop();
      } else {
        first.kill_hard();
      }
      feeder.join();
    }
    run.committed_at_stop = client_.committed(t.group, t.in, kPartitions);
    run.output_end_at_stop = client_.end_offsets(t.items, 1);

    auto second_env = env(t, port);
    for (const auto& [k, v] : extra_env) second_env[k] = v;
    ServiceProcess second(second_env);
    second.start();
    wait_ready(second, port);
    if (HasFatalFailure()) return run;
    wait_committed(t, kPartitions, 120s);
    EXPECT_EQ(second.stop(), 0) << second.log_path();
    run.out = client_.consume({t.items, t.duplicates, t.dlq}, count, 120s, 2s);
    return run;
  }
};

TEST_F(LoadTest, TenThousandItemsThroughSigtermAndRestartComeOutOnceEach) {
  Topics t;
  constexpr int kCount = 10000;
  auto run = run_interrupted(t, kCount, true);
  EXPECT_EQ(run.exit_code, 0);
  int64_t committed = 0;
  for (const auto& [p, offset] : run.committed_at_stop) committed += std::max<int64_t>(offset, 0);
  EXPECT_GT(committed, 0) << "the first run committed nothing";
  EXPECT_LT(committed, kCount) << "the first run was not interrupted part-way";
  std::cerr << "first run committed " << committed << " of " << kCount << "\n";
  std::set<std::string> origins;
  for (const auto& r : run.out) origins.insert(origin_of(r));
  EXPECT_EQ(origins.size(), static_cast<size_t>(kCount)) << "an input is missing";
  EXPECT_EQ(run.out.size(), static_cast<size_t>(kCount)) << "a graceful stop repeats nothing";
  // Records written by the second run start at or after the committed offsets.
  for (const auto& r : run.out) {
    if (r.topic != t.items || r.offset < run.output_end_at_stop.at(0)) continue;
    const std::string origin = origin_of(r);
    const size_t a = origin.find('/'), b = origin.rfind('/');
    const int32_t partition = std::stoi(origin.substr(a + 1, b - a - 1));
    const int64_t offset = std::stoll(origin.substr(b + 1));
    EXPECT_GE(offset, run.committed_at_stop.at(partition)) << origin;
  }
}

TEST_F(LoadTest, CrashLosesNothing) {
  Topics t;
  constexpr int kCount = 5000;
  auto run = run_interrupted(t, kCount, false);
  int64_t committed = 0;
  for (const auto& [p, offset] : run.committed_at_stop) committed += std::max<int64_t>(offset, 0);
  EXPECT_LT(committed, kCount) << "the first run was not interrupted part-way";
  std::set<std::string> origins;
  for (const auto& r : run.out) origins.insert(origin_of(r));
  EXPECT_EQ(origins.size(), static_cast<size_t>(kCount)) << "an input is missing after a crash";
}

TEST_F(LoadTest, ExactlyOnceSurvivesACrashWithoutRepeats) {
  Topics t;
  constexpr int kCount = 5000;
  auto run = run_interrupted(t, kCount, false, {{"WIREDESK_DELIVERY", "exactly-once"}});
  int64_t committed = 0;
  for (const auto& [p, offset] : run.committed_at_stop) committed += std::max<int64_t>(offset, 0);
  EXPECT_LT(committed, kCount) << "the first run was not interrupted part-way";
  std::map<std::string, int> seen;
  for (const auto& r : run.out) ++seen[origin_of(r)];
  EXPECT_EQ(seen.size(), static_cast<size_t>(kCount)) << "an input is missing after a crash";
  int repeated = 0;
  for (const auto& [origin, n] : seen) repeated += n > 1;
  EXPECT_EQ(repeated, 0) << "read_committed readers must see each input once";
  EXPECT_EQ(run.out.size(), static_cast<size_t>(kCount));
}

}  // namespace
}  // namespace wiredesk

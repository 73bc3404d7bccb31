// The fault suite (CTest label `faults`, docs/reliability.md): wiredesk
// against a real local broker while things go wrong — kill -9 at random
// moments in both delivery modes, a 15 s broker outage, a rebalance with an
// instance added and one killed, a throttled downstream, outputs the brokers
// refuse. Each scenario prints one line, "FAULT <name>: …", with its figures.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <regex>
#include <set>
#include <thread>

#include "support/fixtures.hpp"
#include "support/kafka_test_client.hpp"

namespace wiredesk {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::steady_clock;
using wiredesk::testing::Consumed;
using wiredesk::testing::KafkaTestClient;
using wiredesk::testing::ServiceProcess;
using wiredesk::testing::service_env;
using wiredesk::testing::wait_ready;
using Names = wiredesk::testing::TestTopics;

std::string source(const std::string& relative) {
  return std::string(WIREDESK_SOURCE_DIR) + "/" + relative;
}

int run(const std::string& command) { return std::system(command.c_str()); }

double seconds_since(Clock::time_point t) {
  return std::chrono::duration<double>(Clock::now() - t).count();
}

// ------------------------------------------------------------- the stream

// Generated wire (scripts/gen-dedup-stress: originals, copies, write-throughs,
// flashes, notices) with a malformed message from tests/fixtures/bad after
// every 40 items.
struct Stream {
  std::vector<std::string> values;
  std::vector<bool> bad;
  std::vector<std::string> good;  // the well-formed items alone, in order
};

Stream make_stream(size_t items, int seed) {
  const std::string dir = "/tmp/" + wiredesk::testing::unique_name("fault-stream");
  const std::string cmd = "python3 " + source("scripts/gen-dedup-stress") + " --out " + dir +
                          " --seed " + std::to_string(seed) + " --stories " +
                          std::to_string(items / 2 + 50) + " > /dev/null";
  EXPECT_EQ(run(cmd), 0);
  std::vector<std::string> generated = wiredesk::testing::read_lines(dir + "/items.jsonl");
  std::filesystem::remove_all(dir);
  if (generated.size() > items) generated.resize(items);
  std::vector<std::string> malformed;
  for (const auto& f : wiredesk::testing::bad_fixture_files()) {
    malformed.push_back(wiredesk::testing::read_file(f.string()));
  }
  Stream s;
  for (size_t i = 0; i < generated.size(); ++i) {
    s.values.push_back(generated[i]);
    s.bad.push_back(false);
    s.good.push_back(generated[i]);
    if (i % 40 == 39) {
      s.values.push_back(malformed[(i / 40) % malformed.size()]);
      s.bad.push_back(true);
    }
  }
  return s;
}

// What wiredesk says of the good items without any fault: `wiredesk
// process` over them, one verdict per item in order.
std::vector<std::string> reference_verdicts(const Stream& s) {
  const std::string in = "/tmp/" + wiredesk::testing::unique_name("ref.jsonl");
  const std::string out = in + ".out";
  {
    std::ofstream f(in);
    for (const auto& v : s.good) f << v << "\n";
  }
  EXPECT_EQ(run(std::string(WIREDESK_BINARY) + " --config " + source("config/wiredesk.yaml") +
                " process " + in + " > " + out + " 2>/dev/null"),
            0);
  std::vector<std::string> verdicts;
  const std::regex verdict("\"wiredesk-verdict\":\"([a-z]+)\"");
  for (const auto& line : wiredesk::testing::read_lines(out)) {
    if (line.find("\"topic\":\"news.alerts\"") != std::string::npos) continue;
    std::smatch m;
    if (std::regex_search(line, m, verdict)) verdicts.push_back(m[1]);
  }
  std::filesystem::remove(in);
  std::filesystem::remove(out);
  return verdicts;
}

// Produces the stream in batches of `batch` every `every`, from a thread.
class Trickle {
 public:
  Trickle(const std::string& topic, const std::vector<std::string>& values, size_t batch,
          std::chrono::milliseconds every, int partitions = 1)
      : thread_([=, this] {
          KafkaTestClient client;
          for (size_t at = 0; at < values.size() && !stop_.load(); at += batch) {
            const size_t end = std::min(values.size(), at + batch);
            std::vector<std::string> chunk(values.begin() + static_cast<std::ptrdiff_t>(at),
                                           values.begin() + static_cast<std::ptrdiff_t>(end));
            // Item i goes to partition i % partitions, in order.
            std::vector<std::vector<std::string>> by_partition(static_cast<size_t>(partitions));
            for (size_t i = 0; i < chunk.size(); ++i) {
              by_partition[(at + i) % static_cast<size_t>(partitions)].push_back(chunk[i]);
            }
            for (int p = 0; p < partitions; ++p) {
              if (!by_partition[static_cast<size_t>(p)].empty()) {
                client.produce(topic, by_partition[static_cast<size_t>(p)], {}, p);
              }
            }
            produced_.store(end);
            std::this_thread::sleep_for(every);
          }
        }) {}
  ~Trickle() {
    stop_.store(true);
    if (thread_.joinable()) thread_.join();
  }
  size_t produced() const { return produced_.load(); }
  void join() {
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::atomic<bool> stop_{false};
  std::atomic<size_t> produced_{0};
  std::thread thread_;
};

// Outputs by the input record they came from (the wiredesk-origin header).
struct Tally {
  size_t inputs = 0;
  size_t lost = 0;       // inputs with no output on items, duplicates or the dead-letter topic
  size_t repeated = 0;   // outputs beyond one per input
  size_t wrong_verdict = 0;
  size_t alerts = 0;
  size_t alerts_repeated = 0;
};

Tally tally(const std::vector<Consumed>& records, const Names& n, const Stream& s,
            const std::vector<std::string>& reference, int partitions = 1) {
  Tally t;
  t.inputs = s.values.size();
  std::map<std::string, std::vector<const Consumed*>> by_origin;
  std::map<std::string, int> alert_ids;
  for (const auto& r : records) {
    if (r.topic == n.alerts) {
      ++t.alerts;
      const std::regex id("\"alert_id\":\"([^\"]+)\"");
      std::smatch m;
      if (std::regex_search(r.value, m, id)) alert_ids[m[1]]++;
      continue;
    }
    const auto it = r.headers.find("wiredesk-origin");
    if (it != r.headers.end()) by_origin[it->second].push_back(&r);
  }
  for (const auto& [id, count] : alert_ids) t.alerts_repeated += static_cast<size_t>(count - 1);
  // Input i went to partition i % partitions, at offset i / partitions.
  size_t good = 0;
  for (size_t i = 0; i < s.values.size(); ++i) {
    const std::string origin = n.in + "/" + std::to_string(i % partitions) + "/" +
                               std::to_string(i / partitions);
    const auto it = by_origin.find(origin);
    const size_t count = it == by_origin.end() ? 0 : it->second.size();
    if (count == 0) ++t.lost;
    if (count > 1) t.repeated += count - 1;
    if (!s.bad[i]) {
      if (count > 0 && partitions == 1 && good < reference.size()) {
        for (const Consumed* r : it->second) {
          if (r->headers.at("wiredesk-verdict") != reference[good]) {
            ++t.wrong_verdict;
            break;
          }
        }
      }
      ++good;
    }
  }
  return t;
}

std::vector<Consumed> read_outputs(KafkaTestClient& client, const Names& n, size_t expected,
                                   std::chrono::seconds timeout) {
  return client.consume({n.items, n.duplicates, n.dlq, n.alerts}, expected, timeout, 3s);
}

// Waits until every input has an output (or the timeout).
std::vector<Consumed> await_all(KafkaTestClient& client, const Names& n, const Stream& s,
                                std::chrono::seconds timeout, int partitions = 1) {
  const auto deadline = Clock::now() + timeout;
  std::vector<Consumed> out;
  while (Clock::now() < deadline) {
    out = read_outputs(client, n, s.values.size(), 10s);
    if (tally(out, n, s, {}, partitions).lost == 0) break;
  }
  return out;
}

// The sum of every series the pattern matches (its labels may be a
// wildcard: the output topics' series all exist from the start, at 0); -1
// when none does.
double metric(int port, const std::string& pattern) {
  const auto body =
      wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/metrics").second;
  const std::regex re("\n" + pattern + " ([0-9.e+-]+)");
  double sum = -1;
  for (auto it = std::sregex_iterator(body.begin(), body.end(), re); it != std::sregex_iterator();
       ++it) {
    sum = (sum < 0 ? 0 : sum) + std::stod((*it)[1]);
  }
  return sum;
}

int readyz(int port) {
  return wiredesk::testing::http_get("127.0.0.1:" + std::to_string(port), "/readyz").first;
}

// Peak resident memory of a process in MB (VmHWM).
double peak_rss_mb(pid_t pid) {
  std::ifstream f("/proc/" + std::to_string(pid) + "/status");
  for (std::string line; std::getline(f, line);) {
    if (line.rfind("VmHWM:", 0) == 0) return std::stod(line.substr(6)) / 1024.0;
  }
  return -1;
}

// Seconds from `from` until the instance on `port` has produced a record.
double await_first_output(ServiceProcess& p, int port, Clock::time_point from,
                          std::chrono::seconds timeout = 60s) {
  const auto deadline = Clock::now() + timeout;
  while (Clock::now() < deadline && p.running()) {
    const double produced = metric(port, R"(wiredesk_records_produced_total\{topic="[^"]*"\})");
    if (produced > 0) return seconds_since(from);
    std::this_thread::sleep_for(100ms);
  }
  return -1;
}

class Faults : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(client_.reachable()) << "no broker — scripts/local-kafka start";
  }
  KafkaTestClient client_;
};

// -------------------------------------------------------- kill -9 storms

void kill_storm(KafkaTestClient& client, bool exactly_once) {
  Names n;
  client.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client, n);
  const Stream stream = make_stream(6000, exactly_once ? 12 : 11);
  const auto reference = reference_verdicts(stream);
  const int port = wiredesk::testing::free_port();
  auto env = service_env(n, port);
  if (exactly_once) env["WIREDESK_DELIVERY"] = "exactly-once";
  env["WIREDESK_KAFKA__COMMIT_INTERVAL"] = "500ms";

  Trickle producer(n.in, stream.values, 30, 100ms);  // ~300 a second for ~20 s
  std::mt19937 rng(exactly_once ? 7 : 5);
  std::vector<double> recover;
  int kills = 0;
  {
    auto service = std::make_unique<ServiceProcess>(env);
    service->start();
    ASSERT_TRUE(wait_ready(*service, port)) << service->log_path();
    for (; kills < 10; ++kills) {
      std::this_thread::sleep_for(std::chrono::milliseconds(400 + rng() % 1600));
      // A kill after the last input was written and committed leaves the
      // restarted instance nothing to produce (a fast machine gets there
      // before the tenth kill): only a restart with input still to be
      // written must produce, and the tally below checks every item either
      // way. "Still to be written", not "the writer has not finished": it
      // rests 100 ms after its last batch, time enough under exactly-once
      // (a transaction commits 20 ms after the input runs dry) for the
      // killed instance to have committed everything.
      const bool input_coming = producer.produced() < stream.values.size();
      service->kill_hard();
      service = std::make_unique<ServiceProcess>(env);
      const auto restarted = Clock::now();
      service->start();
      const double s = await_first_output(*service, port, restarted, input_coming ? 60s : 15s);
      if (input_coming) {
        ASSERT_GE(s, 0) << "no output after restart " << kills + 1 << ": " << service->log_path();
      }
      if (s >= 0) recover.push_back(s);
    }
    producer.join();
    const auto out = await_all(client, n, stream, 120s);
    EXPECT_EQ(service->stop(), 0) << service->log_path();
    const Tally t = tally(out, n, stream, reference);
    double worst = 0, sum = 0;
    for (double r : recover) {
      worst = std::max(worst, r);
      sum += r;
    }
    std::printf("FAULT kill-9 %s: items=%zu lost=%zu repeated=%zu wrong-verdicts=%zu alerts=%zu "
                "alerts-repeated=%zu kills=%d recover-s mean=%.1f max=%.1f\n",
                exactly_once ? "exactly-once" : "at-least-once", t.inputs, t.lost, t.repeated,
                t.wrong_verdict, t.alerts, t.alerts_repeated, kills, sum / recover.size(), worst);
    EXPECT_FALSE(recover.empty()) << "no restart came while input was still coming";
    EXPECT_EQ(t.lost, 0u);
    EXPECT_EQ(t.wrong_verdict, 0u) << "a crash changed a verdict";
    EXPECT_LE(worst, 10.0) << "processing again more than 10 s after a restart";
    if (exactly_once) {
      EXPECT_EQ(t.repeated, 0u);
      EXPECT_EQ(t.alerts_repeated, 0u);
    }
  }
}

TEST_F(Faults, KillNineStormAtLeastOnce) { kill_storm(client_, false); }

TEST_F(Faults, KillNineStormExactlyOnce) { kill_storm(client_, true); }

// ---------------------------------------------------------- broker outage

TEST_F(Faults, BrokerOutageOfFifteenSeconds) {
  // The outage stops the broker the other tests use: only the script's own.
  if (run(source("scripts/local-kafka") + " status > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "the broker is not scripts/local-kafka's";
  }
  Names n;
  client_.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client_, n);
  const Stream stream = make_stream(2000, 13);
  const int port = wiredesk::testing::free_port();
  ServiceProcess service(service_env(n, port));
  service.start();
  ASSERT_TRUE(wait_ready(service, port)) << service.log_path();
  const size_t half = stream.values.size() / 2;
  client_.produce(n.in, std::vector<std::string>(stream.values.begin(),
                                                 stream.values.begin() + static_cast<std::ptrdiff_t>(half)),
                  {}, 0);
  std::this_thread::sleep_for(2s);

  // `local-kafka pid` names the live broker (benchmarks/run-load reads its
  // CPU through it), and fails once it is stopped.
  const std::string pid_of_broker = source("scripts/local-kafka") + " pid";
  std::string broker = wiredesk::testing::shell(pid_of_broker).second;
  while (!broker.empty() && broker.back() == '\n') broker.pop_back();
  ASSERT_FALSE(broker.empty());
  EXPECT_TRUE(std::filesystem::exists("/proc/" + broker)) << broker;
  const auto down = Clock::now();
  ASSERT_EQ(run(source("scripts/local-kafka") + " stop > /dev/null 2>&1"), 0);
  EXPECT_NE(wiredesk::testing::shell(pid_of_broker).first, 0);
  double not_ready_after = -1;
  while (seconds_since(down) < 15) {
    if (not_ready_after < 0 && readyz(port) != 200) not_ready_after = seconds_since(down);
    std::this_thread::sleep_for(250ms);
  }
  const bool up_through_outage = service.running();
  ASSERT_EQ(run(source("scripts/local-kafka") + " start > /dev/null 2>&1"), 0);
  const auto back = Clock::now();
  double ready_after = -1;
  while (seconds_since(back) < 60) {
    if (readyz(port) == 200) {
      ready_after = seconds_since(back);
      break;
    }
    std::this_thread::sleep_for(250ms);
  }
  KafkaTestClient after;
  after.produce(n.in, std::vector<std::string>(stream.values.begin() + static_cast<std::ptrdiff_t>(half),
                                               stream.values.end()),
                {}, 0);
  const auto out = await_all(after, n, stream, 90s);
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  const Tally t = tally(out, n, stream, {});
  std::printf("FAULT broker-outage 15s: items=%zu lost=%zu repeated=%zu up=%s "
              "not-ready-after-s=%.1f ready-again-after-s=%.1f\n",
              t.inputs, t.lost, t.repeated, up_through_outage ? "yes" : "no", not_ready_after,
              ready_after);
  EXPECT_TRUE(up_through_outage);
  EXPECT_GE(not_ready_after, 0) << "/readyz stayed true through the outage";
  EXPECT_GE(ready_after, 0) << "/readyz did not turn true again by itself";
  EXPECT_EQ(t.lost, 0u);
}

// --------------------------------------------------------------- rebalance

TEST_F(Faults, RebalanceWithAnInstanceAddedKilledAndRestarted) {
  constexpr int kPartitions = 6;
  Names n;
  client_.create_topic(n.in, kPartitions);
  wiredesk::testing::create_outputs(client_, n);
  const Stream stream = make_stream(6000, 14);
  std::vector<int> ports;
  std::vector<std::unique_ptr<ServiceProcess>> fleet;
  auto env_for = [&](int port) {
    auto env = service_env(n, port);
    env["WIREDESK_DELIVERY"] = "exactly-once";
    return env;
  };
  for (int i = 0; i < 3; ++i) {
    ports.push_back(wiredesk::testing::free_port());
    fleet.push_back(std::make_unique<ServiceProcess>(env_for(ports.back())));
    fleet.back()->start();
  }
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(wait_ready(*fleet[i], ports[i])) << fleet[i]->log_path();

  Trickle producer(n.in, stream.values, 40, 100ms, kPartitions);
  std::this_thread::sleep_for(3s);
  ports.push_back(wiredesk::testing::free_port());  // one added
  fleet.push_back(std::make_unique<ServiceProcess>(env_for(ports.back())));
  fleet.back()->start();
  std::this_thread::sleep_for(4s);
  fleet[1]->kill_hard();  // one killed
  const auto killed = Clock::now();
  std::this_thread::sleep_for(4s);
  fleet[1] = std::make_unique<ServiceProcess>(env_for(ports[1]));  // and restarted
  const auto restarted = Clock::now();
  fleet[1]->start();
  const double recover = await_first_output(*fleet[1], ports[1], restarted);
  producer.join();
  const auto out = await_all(client_, n, stream, 120s, kPartitions);
  for (auto& p : fleet) EXPECT_EQ(p->stop(), 0) << p->log_path();
  const Tally t = tally(out, n, stream, {}, kPartitions);
  std::printf("FAULT rebalance exactly-once: items=%zu lost=%zu repeated=%zu instances=3+1 "
              "kills=1 restarted-output-after-s=%.1f (killed %.1f s before)\n",
              t.inputs, t.lost, t.repeated, recover,
              std::chrono::duration<double>(restarted - killed).count());
  EXPECT_EQ(t.lost, 0u);
  EXPECT_EQ(t.repeated, 0u);
}

// A killed instance that does not come back: its partitions are silent
// until the group drops it (session.timeout.ms, 10 s), then another takes
// them over.
TEST_F(Faults, PartitionsOfAKilledInstanceThatStaysDownMoveAfterTheSessionTimeout) {
  Names n;
  client_.create_topic(n.in, 2);
  wiredesk::testing::create_outputs(client_, n);
  const Stream stream = make_stream(3000, 16);
  const int port_a = wiredesk::testing::free_port(), port_b = wiredesk::testing::free_port();
  ServiceProcess a(service_env(n, port_a)), b(service_env(n, port_b));
  a.start();
  ASSERT_TRUE(wait_ready(a, port_a)) << a.log_path();
  b.start();
  ASSERT_TRUE(wait_ready(b, port_b)) << b.log_path();
  const auto settle = Clock::now() + 30s;
  while (Clock::now() < settle && (metric(port_a, "wiredesk_assigned_partitions") != 1 ||
                                   metric(port_b, "wiredesk_assigned_partitions") != 1)) {
    std::this_thread::sleep_for(200ms);
  }
  Trickle producer(n.in, stream.values, 20, 100ms, 2);
  std::this_thread::sleep_for(3s);
  a.kill_hard();
  const auto killed = Clock::now();
  // B owns both partitions once the group has dropped A.
  double moved = -1;
  while (seconds_since(killed) < 60) {
    if (metric(port_b, "wiredesk_assigned_partitions") == 2) {
      moved = seconds_since(killed);
      break;
    }
    std::this_thread::sleep_for(200ms);
  }
  producer.join();
  const auto out = await_all(client_, n, stream, 120s, 2);
  EXPECT_EQ(b.stop(), 0) << b.log_path();
  const Tally t = tally(out, n, stream, {}, 2);
  std::printf("FAULT killed-and-gone: items=%zu lost=%zu repeated=%zu silent-s=%.1f\n", t.inputs,
              t.lost, t.repeated, moved);
  EXPECT_GE(moved, 0);
  EXPECT_LE(moved, 20.0);
  EXPECT_EQ(t.lost, 0u);
}

// -------------------------------------------------------- slow downstream

TEST_F(Faults, ThrottledOutputPausesTheConsumerAndBoundsMemory) {
  if (run(source("scripts/local-kafka") + " status > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "the quota is set with scripts/local-kafka";
  }
  Names n;
  client_.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client_, n);
  const Stream stream = make_stream(3000, 15);
  const std::string client_id = wiredesk::testing::unique_name("slow");
  const std::string quota = source("scripts/local-kafka") + " configs --alter --entity-type clients --entity-name " +
                            client_id;
  ASSERT_EQ(run(quota + " --add-config producer_byte_rate=200000 > /dev/null 2>&1"), 0);
  const int port = wiredesk::testing::free_port();
  auto env = service_env(n, port);
  env["WIREDESK_KAFKA__PRODUCER__CLIENT_ID"] = client_id;
  env["WIREDESK_LIMITS__MAX_IN_FLIGHT"] = "300";
  ServiceProcess service(env);
  service.start();
  ASSERT_TRUE(wait_ready(service, port)) << service.log_path();
  client_.produce(n.in, stream.values, {}, 0);
  bool paused = false;
  const auto start = Clock::now();
  while (seconds_since(start) < 20 && !paused) {
    paused = metric(port, "wiredesk_consumer_paused") == 1;
    std::this_thread::sleep_for(200ms);
  }
  const double rss = peak_rss_mb(service.pid());
  ASSERT_EQ(run(quota + " --delete-config producer_byte_rate > /dev/null 2>&1"), 0);
  const auto out = await_all(client_, n, stream, 120s);
  const double rss_end = peak_rss_mb(service.pid());
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  const Tally t = tally(out, n, stream, {});
  std::printf("FAULT slow-downstream 200 kB/s: items=%zu lost=%zu paused=%s peak-rss-mb=%.0f "
              "(%.0f at the end)\n",
              t.inputs, t.lost, paused ? "yes" : "no", rss, rss_end);
  EXPECT_TRUE(paused) << "the consumer did not pause";
  EXPECT_LT(rss_end, 400.0);
  EXPECT_EQ(t.lost, 0u);
}

// ------------------------------------------------- refused output records

// An item whose body does not compress (letters drawn at random), so that
// the brokers' size limits see its size.
std::string big_item(const std::string& uri, size_t body_bytes) {
  std::mt19937 rng(42);
  std::string body = "SEOUL, Nov. 30 (Yonhap) -- ";
  while (body.size() < body_bytes) {
    for (int w = 1 + static_cast<int>(rng() % 9); w > 0; --w) body.push_back(static_cast<char>('a' + rng() % 26));
    body.push_back(' ');
  }
  return R"({"uri":")" + uri +
         R"(","version":"1","language":"en","headlines":[{"role":"main","value":"Size test"}],)"
         R"("bodies":[{"role":"main","contenttype":"text/plain","value":")" +
         body + R"("}]})";
}

TEST_F(Faults, ARecordTheBrokersRefuseIsDeadLetteredAndARefusingDeadLetterTopicStopsThePartition) {
  if (run(source("scripts/local-kafka") + " status > /dev/null 2>&1") != 0) {
    GTEST_SKIP() << "the topic config is changed with scripts/local-kafka";
  }
  Names n;
  client_.create_topic(n.in, 1);
  client_.create_topic(n.items, 1, {{"max.message.bytes", "60000"}});
  client_.create_topic(n.duplicates, 1);
  client_.create_topic(n.alerts, 1);
  client_.create_topic(n.dlq, 1, {{"max.message.bytes", "60000"}});
  const int port = wiredesk::testing::free_port();
  auto env = service_env(n, port);
  env["WIREDESK_LIMITS__BLOCKED_RETRY"] = "2s";
  ServiceProcess service(env);
  service.start();
  ASSERT_TRUE(wait_ready(service, port)) << service.log_path();

  // A 70 kB item: its output is refused by the items topic (60 kB), and its
  // dead letter by the dead-letter topic as well: the partition stops.
  client_.produce(n.in, {big_item("urn:fault:big-1", 70000)}, {}, 0);
  double not_ready_after = -1;
  const auto start = Clock::now();
  while (seconds_since(start) < 30) {
    if (readyz(port) != 200) {
      not_ready_after = seconds_since(start);
      break;
    }
    std::this_thread::sleep_for(200ms);
  }
  // What comes after it waits, and no offset is committed past it.
  const std::string ok =
      R"({"uri":"urn:fault:ok-1","version":"1","headlines":[{"role":"main","value":"Small"}]})";
  client_.produce(n.in, {ok}, {}, 0);
  std::this_thread::sleep_for(4s);
  const size_t items_while_stopped = client_.consume({n.items}, 1, 3s).size();
  const auto committed = client_.committed(n.group, n.in, 1).at(0);
  // The operator raises the dead-letter topic's limit: the waiting record
  // goes through, the partition resumes, nothing was lost.
  ASSERT_EQ(run(source("scripts/local-kafka") + " configs --alter --entity-type topics --entity-name " +
                n.dlq + " --add-config max.message.bytes=2000000 > /dev/null 2>&1"),
            0);
  auto dlq = client_.consume({n.dlq}, 1, 30s);
  auto items = client_.consume({n.items}, 1, 30s);
  double ready_again = -1;
  const auto fixed = Clock::now();
  while (seconds_since(fixed) < 30) {
    if (readyz(port) == 200) {
      ready_again = seconds_since(fixed);
      break;
    }
    std::this_thread::sleep_for(200ms);
  }
  EXPECT_EQ(service.stop(), 0) << service.log_path();
  std::printf("FAULT refused-output: dead-lettered=%zu reason=%s not-ready-after-s=%.1f "
              "items-while-stopped=%zu committed-while-stopped=%lld ready-again-after-s=%.1f\n",
              dlq.size(), dlq.empty() ? "-" : dlq[0].headers["wiredesk-error"].c_str(),
              not_ready_after, items_while_stopped, static_cast<long long>(committed), ready_again);
  EXPECT_GE(not_ready_after, 0) << "/readyz did not say the partition stopped";
  EXPECT_EQ(items_while_stopped, 0u) << "the partition went on past the refused record";
  EXPECT_LE(committed, 0) << "an offset was committed past the refused record";
  ASSERT_EQ(dlq.size(), 1u);
  EXPECT_EQ(dlq[0].headers["wiredesk-error"], "produce_failed");
  EXPECT_EQ(dlq[0].headers["wiredesk-origin"], n.in + "/0/0");
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(items[0].headers["wiredesk-origin"], n.in + "/0/1");
  EXPECT_GE(ready_again, 0);
}

// ------------------------------------------------------------------ flood

// 100,000 malformed messages, then good items: every malformed one is
// dead-lettered with its reason, at full speed; the log gets a sample and
// counts, not a line each; and the good items wait only for the flood in
// front of them.
std::string malformed_message(size_t i) {
  const std::string n = std::to_string(i);
  switch (i % 6) {
    case 0: return R"({"uri":"urn:flood:)" + n + R"(","headline":"cut off)";
    case 1: return "[" + n + "]";
    case 2: return R"({"uri":"urn:flood:)" + n + R"(","version":"1"})";
    case 3: return R"({"headline":"no uri )" + n + R"(","body_text":"x"})";
    case 4: return "{\"uri\":\"urn:flood:" + n + "\",\"headline\":\"\xc3\x28 bad utf-8\"}";
    default: return R"({"uri":"urn:flood:)" + n + R"(","headline":7,"body_text":"wrong type"})";
  }
}

TEST_F(Faults, AFloodOfMalformedMessagesIsDeadLetteredAtFullSpeedAndDelaysNothingBehindIt) {
  constexpr size_t kFlood = 100'000;
  constexpr size_t kGood = 200;
  Names n;
  client_.create_topic(n.in, 1);
  wiredesk::testing::create_outputs(client_, n);
  std::vector<std::string> flood;
  flood.reserve(kFlood);
  for (size_t i = 0; i < kFlood; ++i) flood.push_back(malformed_message(i));
  std::vector<std::string> good;
  for (size_t i = 0; i < kGood; ++i) {
    good.push_back(R"({"uri":"urn:flood:good-)" + std::to_string(i) +
                   R"(","version":"1","headlines":[{"role":"main","value":"Harbour report )" +
                   std::to_string(i) + R"("}],"body_text":"Ships moved cargo number )" +
                   std::to_string(i * 7919) + R"( through the port on day )" +
                   std::to_string(i) + R"(."})");
  }
  // The whole backlog is there before the service starts: it reads at full speed.
  client_.produce(n.in, flood, {}, 0);
  client_.produce(n.in, good, {}, 0);

  ServiceProcess service(service_env(n, wiredesk::testing::free_port()));
  service.start();
  const auto dlq = client_.consume({n.dlq}, kFlood, 180s);
  const auto items = client_.consume({n.items, n.duplicates}, kGood, 60s);
  EXPECT_EQ(service.stop(), 0) << service.log_path();

  // Times from the output records' own timestamps (set when produced).
  int64_t first_dead = INT64_MAX, last_dead = 0, last_good = 0;
  for (const auto& r : dlq) {
    first_dead = std::min(first_dead, r.timestamp_ms);
    last_dead = std::max(last_dead, r.timestamp_ms);
  }
  for (const auto& r : items) last_good = std::max(last_good, r.timestamp_ms);
  const double flood_seconds = static_cast<double>(last_dead - first_dead) / 1000.0;
  const double good_after_flood = static_cast<double>(last_good - last_dead) / 1000.0;
  std::map<std::string, size_t> reasons;
  size_t without_reason = 0;
  for (const auto& r : dlq) {
    const auto it = r.headers.find("wiredesk-error");
    if (it == r.headers.end()) {
      ++without_reason;
    } else {
      ++reasons[it->second];
    }
  }
  size_t log_lines = 0;
  {
    std::ifstream log(service.log_path());
    for (std::string line; std::getline(log, line);) {
      log_lines += line.find("dead-lettered") != std::string::npos;
    }
  }
  std::string reason_list;
  for (const auto& [reason, count] : reasons) {
    reason_list += (reason_list.empty() ? "" : ",") + reason + ":" + std::to_string(count);
  }
  std::printf("FAULT flood: malformed=%zu dead-lettered=%zu good=%zu good-out=%zu "
              "flood-s=%.1f rate-per-s=%.0f good-after-flood-s=%.2f dead-letter-log-lines=%zu "
              "reasons=%s\n",
              kFlood, dlq.size(), kGood, items.size(), flood_seconds,
              static_cast<double>(kFlood) / std::max(flood_seconds, 0.001), good_after_flood,
              log_lines, reason_list.c_str());
  EXPECT_EQ(dlq.size(), kFlood);
  EXPECT_EQ(without_reason, 0u);
  EXPECT_EQ(items.size(), kGood);
  // Behind the flood, not stuck after it: the good items come out within a
  // few seconds of the flood's last dead letter.
  EXPECT_LT(good_after_flood, 5.0);
  // At most 10 lines per 10 s, plus the period the flood ended in.
  EXPECT_LE(log_lines, 10 * (static_cast<size_t>(flood_seconds / 10) + 2));
}

}  // namespace
}  // namespace wiredesk

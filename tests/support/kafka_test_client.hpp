// Integration-test helpers: a plain librdkafka client to produce inputs and
// read back every output topic, and a runner for the wiredesk binary.
#pragma once

#include <sys/types.h>

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace wiredesk::testing {

// The broker the integration tests use: $TEST_KAFKA_BOOTSTRAP, else 127.0.0.1:9092.
std::string test_bootstrap();
// A name unique to this test run, e.g. "it-1732741234-42-<suffix>".
std::string unique_name(const std::string& suffix);

struct Consumed {
  std::string topic;
  int32_t partition = 0;
  int64_t offset = 0;
  int64_t timestamp_ms = 0;  // the record's timestamp (CreateTime: when it was produced)
  std::optional<std::string> key;
  std::string value;
  std::map<std::string, std::string> headers;
};

class KafkaTestClient {
 public:
  explicit KafkaTestClient(std::string bootstrap = test_bootstrap());
  ~KafkaTestClient();

  bool reachable(int timeout_ms = 5000);
  void create_topic(const std::string& topic, int partitions,
                    const std::map<std::string, std::string>& configs = {});
  // Produces and waits for every acknowledgement. Keys are optional;
  // timestamps too (CreateTime in ms; 0: the time of producing).
  void produce(const std::string& topic, const std::vector<std::string>& values,
               const std::vector<std::optional<std::string>>& keys = {}, int partition = -1,
               const std::vector<int64_t>& timestamps = {});
  // Reads `topics` from the beginning until `expected` records arrived or the
  // timeout passed; then reads on for `settle` to catch extra records.
  std::vector<Consumed> consume(const std::vector<std::string>& topics, size_t expected,
                                std::chrono::milliseconds timeout,
                                std::chrono::milliseconds settle = std::chrono::milliseconds(0));
  // Committed offset of a group for each partition of a topic (-1001: none).
  std::map<int32_t, int64_t> committed(const std::string& group, const std::string& topic,
                                       int partitions);
  // High watermark per partition.
  std::map<int32_t, int64_t> end_offsets(const std::string& topic, int partitions);

 private:
  std::string bootstrap_;
};

// Runs `wiredesk run` as a child process with WIREDESK_… overrides.
class ServiceProcess {
 public:
  // `config` is the configuration file (default: the repository's config/wiredesk.yaml).
  explicit ServiceProcess(std::map<std::string, std::string> env, std::string config = {});
  ~ServiceProcess();
  void start();
  // SIGTERM, then waits up to `timeout`; returns the exit code (-1: killed).
  int stop(std::chrono::milliseconds timeout = std::chrono::seconds(20));
  void kill_hard();  // SIGKILL, as a crash
  bool running();
  pid_t pid() const { return pid_; }
  std::string log_path() const { return log_path_; }

 private:
  std::map<std::string, std::string> env_;
  std::string config_;
  pid_t pid_ = -1;
  std::string log_path_;
};

// Fresh topic and group names for one test.
struct TestTopics {
  std::string in = unique_name("in");
  std::string items = unique_name("items");
  std::string duplicates = unique_name("dups");
  std::string alerts = unique_name("alerts");
  std::string dlq = unique_name("dlq");
  std::string stories = unique_name("stories");
  std::string index = unique_name("index");
  std::string embargo = unique_name("embargo");
  std::string group = unique_name("group");
};

// WIREDESK_ overrides that point a `wiredesk run` at these topics, with its
// HTTP listener on 127.0.0.1:http_port.
std::map<std::string, std::string> service_env(const TestTopics& t, int http_port);
// Creates the four output topics with one partition each.
void create_outputs(KafkaTestClient& client, const TestTopics& t);
// Polls /readyz until 200; false when the process exits or time runs out.
bool wait_ready(ServiceProcess& service, int http_port,
                std::chrono::seconds timeout = std::chrono::seconds(90));

// Runs `wiredesk --config <repo config> ARGS` to completion with WIREDESK_…
// overrides; returns {exit code, stdout}. stderr goes to `stderr_path`.
std::pair<int, std::string> run_wiredesk(const std::map<std::string, std::string>& env,
                                         const std::string& args, const std::string& stderr_path);

// GET http://address/path with curl; returns {status, body}.
std::pair<int, std::string> http_get(const std::string& address, const std::string& path);

// Runs a shell command; returns its exit code and what it wrote (both streams).
std::pair<int, std::string> shell(const std::string& cmd);
// A TCP port that was free a moment ago.
int free_port();

}  // namespace wiredesk::testing

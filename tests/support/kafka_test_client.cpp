#include "support/kafka_test_client.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <librdkafka/rdkafkacpp.h>

#include <array>
#include <cstdio>
#include <memory>
#include <stdexcept>
#include <thread>

#include "kafka/handles.hpp"
#include "producers/kafka_admin.hpp"

namespace wiredesk::testing {

std::string test_bootstrap() {
  const char* env = std::getenv("TEST_KAFKA_BOOTSTRAP");
  return env && *env ? env : "127.0.0.1:9092";
}

std::string unique_name(const std::string& suffix) {
  static int counter = 0;
  const auto now = std::chrono::system_clock::now().time_since_epoch();
  return "it-" + std::to_string(std::chrono::duration_cast<std::chrono::seconds>(now).count()) +
         "-" + std::to_string(getpid()) + "-" + std::to_string(++counter) + "-" + suffix;
}

namespace {

std::unique_ptr<RdKafka::Conf> make_conf(const std::map<std::string, std::string>& props) {
  std::unique_ptr<RdKafka::Conf> conf(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  std::string err;
  for (const auto& [k, v] : props) {
    if (conf->set(k, v, err) != RdKafka::Conf::CONF_OK) throw std::runtime_error(k + ": " + err);
  }
  return conf;
}

}  // namespace

KafkaTestClient::KafkaTestClient(std::string bootstrap) : bootstrap_(std::move(bootstrap)) {}
KafkaTestClient::~KafkaTestClient() = default;

bool KafkaTestClient::reachable(int timeout_ms) {
  auto conf = make_conf({{"bootstrap.servers", bootstrap_}});
  std::string err;
  std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf.get(), err));
  if (!p) return false;
  RdKafka::Metadata* md = nullptr;
  const auto code = p->metadata(true, nullptr, &md, timeout_ms);
  std::unique_ptr<RdKafka::Metadata> holder(md);
  return code == RdKafka::ERR_NO_ERROR;
}

void KafkaTestClient::create_topic(const std::string& topic, int partitions,
                                   const std::map<std::string, std::string>& configs) {
  auto errors = create_topics({{"bootstrap.servers", bootstrap_}},
                              {TopicSpec{topic, partitions, -1, configs}}, 15000);
  if (!errors.empty()) throw std::runtime_error(errors.front());
}

void KafkaTestClient::produce(const std::string& topic, const std::vector<std::string>& values,
                              const std::vector<std::optional<std::string>>& keys, int partition,
                              const std::vector<int64_t>& timestamps) {
  auto conf = make_conf({{"bootstrap.servers", bootstrap_},
                         {"enable.idempotence", "true"},
                         {"linger.ms", "5"},
                         {"message.max.bytes", "2000000"}});
  std::string err;
  std::unique_ptr<RdKafka::Producer> p(RdKafka::Producer::create(conf.get(), err));
  if (!p) throw std::runtime_error(err);
  for (size_t i = 0; i < values.size(); ++i) {
    const std::optional<std::string>* key = i < keys.size() ? &keys[i] : nullptr;
    for (;;) {
      const auto code = p->produce(
          topic, partition < 0 ? RdKafka::Topic::PARTITION_UA : partition,
          RdKafka::Producer::RK_MSG_COPY, const_cast<char*>(values[i].data()), values[i].size(),
          key && *key ? (*key)->data() : nullptr, key && *key ? (*key)->size() : 0,
          i < timestamps.size() ? timestamps[i] : 0, nullptr);
      if (code == RdKafka::ERR__QUEUE_FULL) {
        p->poll(50);
        continue;
      }
      if (code != RdKafka::ERR_NO_ERROR) throw std::runtime_error(RdKafka::err2str(code));
      break;
    }
    p->poll(0);
  }
  if (p->flush(30000) != RdKafka::ERR_NO_ERROR) throw std::runtime_error("flush timed out");
}

std::vector<Consumed> KafkaTestClient::consume(const std::vector<std::string>& topics,
                                               size_t expected, std::chrono::milliseconds timeout,
                                               std::chrono::milliseconds settle) {
  auto conf = make_conf({{"bootstrap.servers", bootstrap_},
                         {"group.id", unique_name("reader")},
                         {"auto.offset.reset", "earliest"},
                         {"enable.auto.commit", "false"},
                         {"isolation.level", "read_committed"},
                         {"fetch.wait.max.ms", "50"}});
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!c) throw std::runtime_error(err);
  c->subscribe(topics);
  std::vector<Consumed> out;
  auto deadline = std::chrono::steady_clock::now() + timeout;
  bool settling = false;
  while (std::chrono::steady_clock::now() < deadline) {
    std::unique_ptr<RdKafka::Message> m(c->consume(100));
    if (m && m->err() == RdKafka::ERR_NO_ERROR) {
      Consumed r;
      r.topic = m->topic_name();
      r.partition = m->partition();
      r.offset = m->offset();
      r.timestamp_ms = m->timestamp().timestamp;
      if (m->key()) r.key = *m->key();
      r.value.assign(static_cast<const char*>(m->payload()), m->len());
      if (RdKafka::Headers* h = m->headers()) {
        for (const auto& header : h->get_all()) {
          r.headers[header.key()] =
              std::string(static_cast<const char*>(header.value()), header.value_size());
        }
      }
      out.push_back(std::move(r));
    }
    if (!settling && out.size() >= expected) {
      settling = true;
      deadline = std::chrono::steady_clock::now() + settle;
    }
  }
  c->close();
  return out;
}

std::map<int32_t, int64_t> KafkaTestClient::committed(const std::string& group,
                                                      const std::string& topic, int partitions) {
  auto conf = make_conf({{"bootstrap.servers", bootstrap_}, {"group.id", group}});
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!c) throw std::runtime_error(err);
  kafka::PartitionList parts;
  for (int p = 0; p < partitions; ++p) parts.add(topic, p);
  c->committed(parts.get(), 10000);
  std::map<int32_t, int64_t> out;
  for (auto* tp : parts) out[tp->partition()] = tp->offset();
  c->close();
  return out;
}

std::map<int32_t, int64_t> KafkaTestClient::end_offsets(const std::string& topic, int partitions) {
  auto conf = make_conf({{"bootstrap.servers", bootstrap_}, {"group.id", unique_name("eo")}});
  std::string err;
  std::unique_ptr<RdKafka::KafkaConsumer> c(RdKafka::KafkaConsumer::create(conf.get(), err));
  if (!c) throw std::runtime_error(err);
  std::map<int32_t, int64_t> out;
  for (int p = 0; p < partitions; ++p) {
    int64_t low = 0, high = 0;
    c->query_watermark_offsets(topic, p, &low, &high, 10000);
    out[p] = high;
  }
  c->close();
  return out;
}

ServiceProcess::ServiceProcess(std::map<std::string, std::string> env, std::string config)
    : env_(std::move(env)), config_(std::move(config)) {
  if (config_.empty()) config_ = std::string(WIREDESK_SOURCE_DIR) + "/config/wiredesk.yaml";
  log_path_ = "/tmp/" + unique_name("wiredesk.log");
}

ServiceProcess::~ServiceProcess() {
  if (pid_ > 0) kill_hard();
}

void ServiceProcess::start() {
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) {
    const int fd = open(log_path_.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
    if (fd >= 0) {
      dup2(fd, STDOUT_FILENO);
      dup2(fd, STDERR_FILENO);
    }
    for (const auto& [k, v] : env_) setenv(k.c_str(), v.c_str(), 1);
    execl(WIREDESK_BINARY, WIREDESK_BINARY, "--config", config_.c_str(), "run",
          static_cast<char*>(nullptr));
    _exit(127);
  }
}

bool ServiceProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  if (waitpid(pid_, &status, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

int ServiceProcess::stop(std::chrono::milliseconds timeout) {
  if (pid_ <= 0) return -1;
  ::kill(pid_, SIGTERM);
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  kill_hard();
  return -1;
}

void ServiceProcess::kill_hard() {
  if (pid_ <= 0) return;
  ::kill(pid_, SIGKILL);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::map<std::string, std::string> service_env(const TestTopics& t, int http_port) {
  return {
      {"WIREDESK_KAFKA__BOOTSTRAP_SERVERS", test_bootstrap()},
      {"WIREDESK_KAFKA__GROUP_ID", t.group},
      {"WIREDESK_INPUT__TOPICS", t.in},
      {"WIREDESK_OUTPUT__ITEMS", t.items},
      {"WIREDESK_OUTPUT__DUPLICATES", t.duplicates},
      {"WIREDESK_OUTPUT__ALERTS", t.alerts},
      {"WIREDESK_OUTPUT__DLQ", t.dlq},
      {"WIREDESK_OUTPUT__STORIES", t.stories},
      {"WIREDESK_DEDUP__INDEX_TOPIC", t.index},
      {"WIREDESK_EMBARGO__TOPIC", t.embargo},
      {"WIREDESK_HTTP__LISTEN", "127.0.0.1:" + std::to_string(http_port)},
      {"WIREDESK_LOG__FORMAT", "json"},
      {"WIREDESK_SHUTDOWN_TIMEOUT", "10s"},
      // A crashed member's partitions move after the session timeout.
      {"WIREDESK_KAFKA__CONSUMER__SESSION_TIMEOUT_MS", "6000"},
  };
}

void create_outputs(KafkaTestClient& client, const TestTopics& t) {
  for (const auto& name : {t.items, t.duplicates, t.alerts, t.dlq}) client.create_topic(name, 1);
}

bool wait_ready(ServiceProcess& service, int http_port, std::chrono::seconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (!service.running()) return false;
    if (http_get("127.0.0.1:" + std::to_string(http_port), "/readyz").first == 200) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

std::pair<int, std::string> run_wiredesk(const std::map<std::string, std::string>& env,
                                         const std::string& args, const std::string& stderr_path) {
  std::string cmd = "env";
  for (const auto& [k, v] : env) cmd += " '" + k + "=" + v + "'";
  cmd += std::string(" ") + WIREDESK_BINARY + " --config " + WIREDESK_SOURCE_DIR +
         "/config/wiredesk.yaml " + args + " 2>" + stderr_path;
  FILE* pipe = popen(cmd.c_str(), "r");
  if (!pipe) return {-1, ""};
  std::string out;
  std::array<char, 65536> buf;
  size_t n = 0;
  while ((n = fread(buf.data(), 1, buf.size(), pipe)) > 0) out.append(buf.data(), n);
  const int status = pclose(pipe);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::pair<int, std::string> shell(const std::string& cmd) {
  std::string out;
  FILE* f = ::popen((cmd + " 2>&1").c_str(), "r");
  if (!f) return {-1, out};
  char buf[4096];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out.append(buf, n);
  const int status = ::pclose(f);
  return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, out};
}

std::pair<int, std::string> http_get(const std::string& address, const std::string& path) {
  const std::string cmd = "curl -s -m 5 -w '\\n%{http_code}' http://" + address + path;
  std::unique_ptr<FILE, decltype(&pclose)> pipe(popen(cmd.c_str(), "r"), &pclose);
  if (!pipe) return {0, ""};
  std::string out;
  std::array<char, 4096> buf{};
  size_t n;
  while ((n = fread(buf.data(), 1, buf.size(), pipe.get())) > 0) out.append(buf.data(), n);
  const size_t nl = out.rfind('\n');
  if (nl == std::string::npos) return {0, out};
  const int status = std::atoi(out.c_str() + nl + 1);
  return {status, out.substr(0, nl)};
}

int free_port() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  const int port = ntohs(addr.sin_port);
  close(fd);
  return port;
}

}  // namespace wiredesk::testing

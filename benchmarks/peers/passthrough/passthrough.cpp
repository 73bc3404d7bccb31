// passthrough: the Kafka-path ceiling for wiredesk's peer benchmarks.
//
//   passthrough -b BOOTSTRAP -i IN_TOPIC -o OUT_TOPIC [-n COUNT] [-g GROUP] [-t IDLE_S]
//
// Consumes IN_TOPIC with a fresh consumer group from the beginning and
// produces every message value and key unchanged to OUT_TOPIC: no parsing,
// no state. It stops when COUNT messages have been delivered (delivery
// reports), or when nothing arrived for IDLE_S seconds and nothing is in
// flight. Offsets are committed every second, as wiredesk does; linger.ms
// is 5, which runs this copy faster than wiredesk's 50 (2.2 against 2.5 s
// for 100,000 items, benchmarks/README.md): the ceiling at its best, so the
// difference to `wiredesk run` is the work between consume and produce.
// Prints one summary line on stderr.
#include <librdkafka/rdkafkacpp.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <memory>
#include <string>
#include <unistd.h>

namespace {

using Clock = std::chrono::steady_clock;

std::atomic<bool> stop{false};

struct Delivery : RdKafka::DeliveryReportCb {
  long delivered = 0;
  long failed = 0;
  void dr_cb(RdKafka::Message& m) override {
    if (m.err()) {
      ++failed;
      std::cerr << "passthrough: delivery failed: " << m.errstr() << "\n";
    } else {
      ++delivered;
    }
  }
};

void set(RdKafka::Conf& c, const std::string& k, const std::string& v) {
  std::string err;
  if (c.set(k, v, err) != RdKafka::Conf::CONF_OK) {
    std::cerr << "passthrough: " << k << ": " << err << "\n";
    std::exit(2);
  }
}

}  // namespace

int main(int argc, char** argv) {
  std::string bootstrap = "127.0.0.1:9092", in, out;
  std::string group = "passthrough-" + std::to_string(::getpid()) + "-" +
                      std::to_string(std::chrono::system_clock::now().time_since_epoch().count());
  long count = -1;  // -1: until idle
  double idle_s = 10;
  for (int opt; (opt = ::getopt(argc, argv, "b:i:o:n:g:t:")) != -1;) {
    switch (opt) {
      case 'b': bootstrap = optarg; break;
      case 'i': in = optarg; break;
      case 'o': out = optarg; break;
      case 'n': count = std::atol(optarg); break;
      case 'g': group = optarg; break;
      case 't': idle_s = std::atof(optarg); break;
      default: return 2;
    }
  }
  if (in.empty() || out.empty()) {
    std::cerr << "usage: passthrough -b BOOTSTRAP -i IN -o OUT [-n COUNT] [-g GROUP] [-t IDLE_S]\n";
    return 2;
  }
  std::signal(SIGINT, [](int) { stop = true; });
  std::signal(SIGTERM, [](int) { stop = true; });

  std::string err;
  std::unique_ptr<RdKafka::Conf> cc(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  set(*cc, "bootstrap.servers", bootstrap);
  set(*cc, "group.id", group);
  set(*cc, "auto.offset.reset", "earliest");
  set(*cc, "auto.commit.interval.ms", "1000");
  std::unique_ptr<RdKafka::KafkaConsumer> consumer(RdKafka::KafkaConsumer::create(cc.get(), err));
  if (!consumer) {
    std::cerr << "passthrough: consumer: " << err << "\n";
    return 1;
  }

  Delivery dr;
  std::unique_ptr<RdKafka::Conf> pc(RdKafka::Conf::create(RdKafka::Conf::CONF_GLOBAL));
  set(*pc, "bootstrap.servers", bootstrap);
  set(*pc, "linger.ms", "5");
  if (pc->set("dr_cb", &dr, err) != RdKafka::Conf::CONF_OK) return 2;
  std::unique_ptr<RdKafka::Producer> producer(RdKafka::Producer::create(pc.get(), err));
  if (!producer) {
    std::cerr << "passthrough: producer: " << err << "\n";
    return 1;
  }

  if (const auto e = consumer->subscribe({in}); e != RdKafka::ERR_NO_ERROR) {
    std::cerr << "passthrough: subscribe: " << RdKafka::err2str(e) << "\n";
    return 1;
  }

  long consumed = 0;
  auto last_input = Clock::now();
  Clock::time_point first{};
  while (!stop && (count < 0 || dr.delivered + dr.failed < count)) {
    std::unique_ptr<RdKafka::Message> m(consumer->consume(50));
    producer->poll(0);  // serve delivery reports
    if (m->err() == RdKafka::ERR__TIMED_OUT || m->err() == RdKafka::ERR__PARTITION_EOF) {
      const double idle = std::chrono::duration<double>(Clock::now() - last_input).count();
      if (consumed > 0 && idle > idle_s && producer->outq_len() == 0) break;
      continue;
    }
    if (m->err()) {
      std::cerr << "passthrough: consume: " << m->errstr() << "\n";
      continue;
    }
    if (consumed++ == 0) first = Clock::now();
    last_input = Clock::now();
    for (;;) {
      // RK_MSG_COPY: the consumed message is freed when `m` goes out of scope.
      const auto e =
          producer->produce(out, RdKafka::Topic::PARTITION_UA, RdKafka::Producer::RK_MSG_COPY,
                            m->payload(), m->len(), m->key_pointer(), m->key_len(), 0, nullptr);
      if (e == RdKafka::ERR_NO_ERROR) break;
      if (e != RdKafka::ERR__QUEUE_FULL) {
        std::cerr << "passthrough: produce: " << RdKafka::err2str(e) << "\n";
        ++dr.failed;
        break;
      }
      producer->poll(10);  // queue full: let deliveries drain
    }
  }
  producer->flush(30000);
  const double secs = consumed ? std::chrono::duration<double>(Clock::now() - first).count() : 0;
  consumer->close();
  std::cerr << "passthrough: consumed " << consumed << ", delivered " << dr.delivered << ", failed "
            << dr.failed << ", " << secs << " s from first message to last delivery\n";
  return dr.failed == 0 ? 0 : 1;
}

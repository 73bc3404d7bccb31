// wiredesk-topics BOOTSTRAP NAME:PARTITIONS[:KEY=VALUE...]...: creates topics
// (kcat cannot), with topic configs, e.g.
//   wiredesk-topics 127.0.0.1:9092 in:3:message.timestamp.type=LogAppendTime
#include <iostream>
#include <string>
#include <string_view>
#include <vector>

#include "producers/kafka_admin.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: wiredesk-topics BOOTSTRAP NAME:PARTITIONS[:KEY=VALUE...]...\n";
    return 2;
  }
  std::vector<wiredesk::TopicSpec> specs;
  for (int i = 2; i < argc; ++i) {
    std::vector<std::string> parts;
    for (std::string_view rest = argv[i];;) {
      const size_t colon = rest.find(':');
      parts.emplace_back(rest.substr(0, colon));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
    wiredesk::TopicSpec spec;
    spec.name = parts[0];
    spec.partitions = parts.size() > 1 ? std::stoi(parts[1]) : 1;
    for (size_t p = 2; p < parts.size(); ++p) {
      const size_t eq = parts[p].find('=');
      if (eq == std::string::npos) {
        std::cerr << "wiredesk-topics: " << argv[i] << ": a config is KEY=VALUE\n";
        return 2;
      }
      spec.configs[parts[p].substr(0, eq)] = parts[p].substr(eq + 1);
    }
    specs.push_back(spec);
  }
  const auto errors = wiredesk::create_topics({{"bootstrap.servers", argv[1]}}, specs, 15000);
  for (const auto& e : errors) std::cerr << e << "\n";
  return errors.empty() ? 0 : 1;
}

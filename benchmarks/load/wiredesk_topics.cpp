// wiredesk-topics BOOTSTRAP NAME:PARTITIONS...: creates topics (kcat cannot).
#include <iostream>

#include "producers/kafka_admin.hpp"

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: wiredesk-topics BOOTSTRAP NAME:PARTITIONS...\n";
    return 2;
  }
  std::vector<wiredesk::TopicSpec> specs;
  for (int i = 2; i < argc; ++i) {
    const std::string arg = argv[i];
    const size_t colon = arg.rfind(':');
    wiredesk::TopicSpec spec;
    spec.name = arg.substr(0, colon);
    spec.partitions = colon == std::string::npos ? 1 : std::stoi(arg.substr(colon + 1));
    specs.push_back(spec);
  }
  const auto errors = wiredesk::create_topics({{"bootstrap.servers", argv[1]}}, specs, 15000);
  for (const auto& e : errors) std::cerr << e << "\n";
  return errors.empty() ? 0 : 1;
}

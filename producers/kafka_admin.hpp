// Topic administration the service and the integration tests need: create
// topics (with configs) when they are missing.
#pragma once

#include <map>
#include <string>
#include <vector>

namespace wiredesk {

struct TopicSpec {
  std::string name;
  int partitions = 1;
  int replication_factor = -1;  // -1: the broker's default
  std::map<std::string, std::string> configs;  // e.g. cleanup.policy=compact
};

// Creates the topics that do not exist yet; an existing topic is not an
// error. Returns the errors, one line per topic ("name: message").
std::vector<std::string> create_topics(const std::map<std::string, std::string>& properties,
                                       const std::vector<TopicSpec>& topics, int timeout_ms);

}  // namespace wiredesk

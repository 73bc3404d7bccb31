#pragma once

#include <string>

#include <yaml-cpp/yaml.h>

namespace wiredesk {

// The name of a mapping key. YAML allows a list or a mapping as a key
// (`[0, 2]: x`); yaml-cpp throws when such a key is read as a string, so it
// is named by what it is instead, which no known field matches and which the
// caller reports as an unknown field.
inline std::string key_name(const YAML::Node& key) {
  if (key.IsScalar()) return key.Scalar();
  return key.IsSequence() ? "<a list used as a key>"
         : key.IsMap()    ? "<a mapping used as a key>"
                          : "<an empty key>";
}

}  // namespace wiredesk

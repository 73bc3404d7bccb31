// The default configuration, taxonomy and alert rules, compiled into the
// binary from config/ (cmake/embed_files.cmake), so wiredesk runs from any
// directory with no file present. They are named "builtin:NAME": a path of
// that form reads the embedded copy, any other path reads the disk.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace wiredesk {

inline constexpr std::string_view kBuiltinScheme = "builtin:";

struct EmbeddedFile {
  std::string_view name;  // wiredesk.yaml, taxonomy.yaml, alerts.yaml
  std::string_view text;
};

// Every embedded file, in the order of config/CMakeLists.txt.
std::span<const EmbeddedFile> embedded_files();

bool is_builtin(std::string_view path);
// The embedded file that "builtin:NAME" names; nullopt for another path or
// an unknown name.
std::optional<std::string_view> builtin_text(std::string_view path);

// The content of `path`: an embedded file or a file on disk. False when it
// cannot be read.
bool read_text_file(const std::string& path, std::string& out);

// Which configuration file to load when none is named: --config, else
// $WIREDESK_CONFIG, else /etc/wiredesk/wiredesk.yaml when it exists, else
// the embedded builtin:wiredesk.yaml.
std::string default_config_path(const char* env_value,
                                const std::string& system_file = "/etc/wiredesk/wiredesk.yaml");

}  // namespace wiredesk

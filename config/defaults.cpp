#include "config/defaults.hpp"

#include <filesystem>
#include <fstream>
#include <iterator>

namespace wiredesk {

bool is_builtin(std::string_view path) { return path.starts_with(kBuiltinScheme); }

std::optional<std::string_view> builtin_text(std::string_view path) {
  if (!is_builtin(path)) return std::nullopt;
  const std::string_view name = path.substr(kBuiltinScheme.size());
  for (const EmbeddedFile& f : embedded_files()) {
    if (f.name == name) return f.text;
  }
  return std::nullopt;
}

bool read_text_file(const std::string& path, std::string& out) {
  if (is_builtin(path)) {
    const auto text = builtin_text(path);
    if (!text) return false;
    out.assign(*text);
    return true;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

std::string default_config_path(const char* env_value, const std::string& system_file) {
  if (env_value && *env_value) return env_value;
  std::error_code ec;
  if (std::filesystem::is_regular_file(system_file, ec)) return system_file;
  return std::string(kBuiltinScheme) + "wiredesk.yaml";
}

}  // namespace wiredesk

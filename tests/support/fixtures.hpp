// Test helpers: reading the fixture files shipped in tests/fixtures.
#pragma once

#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace wiredesk::testing {

inline std::string fixture_path(const std::string& relative) {
  return std::string(WIREDESK_FIXTURES) + "/" + relative;
}

inline std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline std::vector<std::string> read_lines(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::string> lines;
  for (std::string line; std::getline(in, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

// The messages under fixtures/bad, sorted by file name.
inline std::vector<std::filesystem::path> bad_fixture_files() {
  std::vector<std::filesystem::path> files;
  for (const auto& e : std::filesystem::directory_iterator(fixture_path("bad"))) {
    if (e.is_regular_file()) files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// "bad_field_type-1.json" → "bad_field_type"
inline std::string expected_reason(const std::filesystem::path& file) {
  const std::string name = file.filename().string();
  return name.substr(0, name.rfind('-'));
}

// An otherwise valid item of about 1.2 MB (fixtures/README.md, too_large).
inline std::string too_large_item() {
  std::string body = "SEOUL, Nov. 3 (Yonhap) -- ";
  for (int i = 0; i < 30000; ++i) body += "Padding sentence for a size-limit test. ";
  return R"({"uri": "urn:test:too-large-1", "version": "1", "language": "en", )"
         R"("headlines": [{"role": "main", "value": "Size-limit test"}], )"
         R"("bodies": [{"role": "main", "contenttype": "text/plain", "value": ")" +
         body + R"("}]})";
}

}  // namespace wiredesk::testing

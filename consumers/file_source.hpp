// File-mode sources for `wiredesk process`: JSON Lines from a file or stdin,
// or a directory holding one message per file.
#pragma once

#include <filesystem>
#include <fstream>
#include <istream>
#include <memory>
#include <vector>

#include "consumers/source.hpp"

namespace wiredesk {

// One message per line; the origin is topic/0/<line number - 1>, as if the
// file had been produced to an empty partition. Empty lines are skipped.
class JsonLinesSource final : public Source {
 public:
  JsonLinesSource(std::istream& in, std::string topic);
  bool next(InputRecord& record, std::string& storage) override;

 private:
  std::istream& in_;
  std::string topic_;
  int64_t line_ = -1;
};

// Every regular file of a directory (sorted by name, README files skipped)
// is one message; the origin offset is the file's index.
class DirectorySource final : public Source {
 public:
  DirectorySource(const std::filesystem::path& dir, std::string topic);
  bool next(InputRecord& record, std::string& storage) override;
  const std::vector<std::filesystem::path>& files() const { return files_; }

 private:
  std::vector<std::filesystem::path> files_;
  std::string topic_;
  size_t index_ = 0;
};

// Opens FILE, a directory, or "-" for stdin. Throws std::runtime_error when
// the path cannot be read.
std::unique_ptr<Source> open_file_source(const std::string& path, const std::string& topic);

}  // namespace wiredesk

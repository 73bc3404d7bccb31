#include "consumers/file_source.hpp"

#include <algorithm>
#include <iostream>
#include <iterator>
#include <stdexcept>

#include "processors/core/pipeline.hpp"

namespace wiredesk {

JsonLinesSource::JsonLinesSource(std::istream& in, std::string topic)
    : in_(in), topic_(std::move(topic)) {}

bool JsonLinesSource::next(InputRecord& record, std::string& storage) {
  while (std::getline(in_, storage)) {
    ++line_;
    if (storage.empty() || storage == "\r") continue;
    record.origin = Origin{topic_, 0, line_};
    record.key.reset();
    record.value = storage;
    record.received_ms = now_ms();
    return true;
  }
  return false;
}

DirectorySource::DirectorySource(const std::filesystem::path& dir, std::string topic)
    : topic_(std::move(topic)) {
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    const std::string name = entry.path().filename().string();
    if (name.empty() || name[0] == '.' || entry.path().extension() == ".md") continue;
    files_.push_back(entry.path());
  }
  std::sort(files_.begin(), files_.end());
}

bool DirectorySource::next(InputRecord& record, std::string& storage) {
  if (index_ >= files_.size()) return false;
  std::ifstream in(files_[index_], std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + files_[index_].string());
  storage.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  record.origin = Origin{topic_, 0, static_cast<int64_t>(index_)};
  record.key = files_[index_].filename().string();
  record.value = storage;
  record.received_ms = now_ms();
  ++index_;
  return true;
}

namespace {
class OwningJsonLinesSource final : public Source {
 public:
  OwningJsonLinesSource(const std::string& path, std::string topic)
      : file_(path, std::ios::binary), inner_(file_, std::move(topic)) {
    if (!file_) throw std::runtime_error("cannot read " + path);
  }
  bool next(InputRecord& record, std::string& storage) override {
    return inner_.next(record, storage);
  }

 private:
  std::ifstream file_;
  JsonLinesSource inner_;
};
}  // namespace

std::unique_ptr<Source> open_file_source(const std::string& path, const std::string& topic) {
  if (path == "-") return std::make_unique<JsonLinesSource>(std::cin, topic);
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return std::make_unique<DirectorySource>(path, topic);
  return std::make_unique<OwningJsonLinesSource>(path, topic);
}

}  // namespace wiredesk

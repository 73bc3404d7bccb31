// Little-endian binary records of the state wiredesk keeps in Kafka (dedup
// index entries, story alert states): fixed-width integers, LEB128 varints,
// length-prefixed strings. A Reader fails, instead of reading past the end,
// on anything truncated.
#pragma once

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace wiredesk::binary {

class Writer {
 public:
  Writer() = default;
  // Writes into `buffer`'s memory (emptied first): a buffer reused between
  // writes allocates nothing once it is large enough.
  explicit Writer(std::string buffer) : out_(std::move(buffer)) { out_.clear(); }
  void u8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  template <class T>
  void fixed(T v) {
    char bytes[sizeof(T)];
    std::memcpy(bytes, &v, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(bytes, bytes + sizeof(T));
    out_.append(bytes, sizeof(T));
  }
  void varint(uint64_t v) {
    while (v >= 0x80) {
      u8(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    u8(static_cast<uint8_t>(v));
  }
  void str(std::string_view s) {
    varint(s.size());
    out_.append(s);
  }
  std::string take() { return std::move(out_); }

 private:
  std::string out_;
};

class Reader {
 public:
  explicit Reader(std::string_view in) : in_(in) {}
  bool u8(uint8_t& v) {
    if (pos_ >= in_.size()) return false;
    v = static_cast<uint8_t>(in_[pos_++]);
    return true;
  }
  template <class T>
  bool fixed(T& v) {
    if (in_.size() - pos_ < sizeof(T)) return false;
    char bytes[sizeof(T)];
    std::memcpy(bytes, in_.data() + pos_, sizeof(T));
    if constexpr (std::endian::native == std::endian::big) std::reverse(bytes, bytes + sizeof(T));
    std::memcpy(&v, bytes, sizeof(T));
    pos_ += sizeof(T);
    return true;
  }
  bool varint(uint64_t& v) {
    v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      uint8_t b = 0;
      if (!u8(b)) return false;
      v |= static_cast<uint64_t>(b & 0x7F) << shift;
      if ((b & 0x80) == 0) return true;
    }
    return false;
  }
  bool str(std::string& s) {
    uint64_t n = 0;
    if (!varint(n) || n > in_.size() - pos_) return false;
    s.assign(in_.substr(pos_, n));
    pos_ += n;
    return true;
  }
  bool done() const { return pos_ == in_.size(); }

 private:
  std::string_view in_;
  size_t pos_ = 0;
};

template <class Enum>
bool read_enum(Reader& r, Enum& e, uint8_t max) {
  uint8_t v = 0;
  if (!r.u8(v) || v > max) return false;
  e = static_cast<Enum>(v);
  return true;
}

}  // namespace wiredesk::binary

#include "processors/decode/wire_item.hpp"

#include <cctype>

namespace wiredesk {

std::string_view to_string(Dialect d) {
  switch (d) {
    case Dialect::ninjs1: return "ninjs1";
    case Dialect::ninjs2: return "ninjs2";
    case Dialect::ninjs3: return "ninjs3";
  }
  return "ninjs2";
}

std::string_view to_string(PubStatus s) {
  switch (s) {
    case PubStatus::usable: return "usable";
    case PubStatus::withheld: return "withheld";
    case PubStatus::canceled: return "canceled";
  }
  return "usable";
}

std::string_view WireItem::headline() const {
  for (const auto& h : headlines) {
    if (h.role == "main") return h.value;
  }
  return headlines.empty() ? std::string_view{} : std::string_view{headlines.front().value};
}

std::string_view WireItem::body_text() const { return plain_body; }

namespace {

// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
int64_t days_from_civil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool read_digits(std::string_view s, size_t& pos, size_t count, int& value) {
  if (pos + count > s.size()) return false;
  value = 0;
  for (size_t i = 0; i < count; ++i) {
    const char c = s[pos + i];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  pos += count;
  return true;
}

}  // namespace

bool parse_rfc3339_ms(std::string_view s, int64_t& epoch_ms) {
  size_t p = 0;
  int year, month, day, hour = 0, minute = 0, second = 0;
  if (!read_digits(s, p, 4, year) || p >= s.size() || s[p++] != '-') return false;
  if (!read_digits(s, p, 2, month) || p >= s.size() || s[p++] != '-') return false;
  if (!read_digits(s, p, 2, day)) return false;
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  int64_t millis = 0;
  int offset_minutes = 0;
  if (p < s.size() && (s[p] == 'T' || s[p] == 't' || s[p] == ' ')) {
    ++p;
    if (!read_digits(s, p, 2, hour) || p >= s.size() || s[p++] != ':') return false;
    if (!read_digits(s, p, 2, minute)) return false;
    if (p < s.size() && s[p] == ':') {
      ++p;
      if (!read_digits(s, p, 2, second)) return false;
    }
    if (p < s.size() && (s[p] == '.' || s[p] == ',')) {
      ++p;
      int scale = 100;
      while (p < s.size() && std::isdigit(static_cast<unsigned char>(s[p]))) {
        millis += (s[p] - '0') * scale;
        scale /= 10;
        ++p;
      }
    }
    if (p < s.size()) {
      if (s[p] == 'Z' || s[p] == 'z') {
        ++p;
      } else if (s[p] == '+' || s[p] == '-') {
        const int sign = s[p] == '-' ? -1 : 1;
        ++p;
        int oh, om = 0;
        if (!read_digits(s, p, 2, oh)) return false;
        if (p < s.size() && s[p] == ':') ++p;
        if (p < s.size() && !read_digits(s, p, 2, om)) return false;
        offset_minutes = sign * (oh * 60 + om);
      }
    }
  }
  if (p != s.size()) return false;
  if (hour > 23 || minute > 59 || second > 60) return false;
  const int64_t days = days_from_civil(year, static_cast<unsigned>(month), static_cast<unsigned>(day));
  const int64_t secs = days * 86400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
  epoch_ms = secs * 1000 + millis;
  return true;
}

int64_t event_time_ms(const WireItem& item) {
  int64_t ms = 0;
  if (!item.versioncreated.empty() && parse_rfc3339_ms(item.versioncreated, ms)) return ms;
  if (!item.firstcreated.empty() && parse_rfc3339_ms(item.firstcreated, ms)) return ms;
  return 0;
}

}  // namespace wiredesk

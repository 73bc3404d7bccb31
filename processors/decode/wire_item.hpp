// The one model every ninjs dialect decodes into (design §2).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace wiredesk {

enum class Dialect { ninjs1, ninjs2, ninjs3 };
std::string_view to_string(Dialect d);

enum class PubStatus : uint8_t { usable, withheld, canceled };
std::string_view to_string(PubStatus s);

// A JSON member kept as canonical JSON text (validated, re-serialised).
struct Member {
  std::string key;
  std::string json;
};

// One element of headlines[] / bodies[].
struct TextPart {
  std::string role;
  std::string contenttype;
  std::string value;
  std::vector<Member> extra;  // unknown fields of the element, passed through
};

struct WireItem {
  Dialect dialect = Dialect::ninjs2;
  std::string uri;
  std::string version;          // as given; numbers keep their JSON spelling
  std::string firstcreated;     // RFC 3339 as given, may be empty
  std::string versioncreated;
  std::string embargoed;
  PubStatus pubstatus = PubStatus::usable;
  int urgency = 5;              // 1 (highest) … 9
  std::string language;
  std::string slugline;
  std::string source;           // infosources[].name, else copyrightholder, else configured

  std::vector<TextPart> headlines;
  std::vector<TextPart> bodies;
  std::string subjects_json;    // canonical JSON array in ninjs 2.x form, or empty when absent

  // Every other top-level member in input order, keys in ninjs 2.x spelling.
  // Known fields (uri, version, …) that the encoder writes itself are not here.
  std::vector<Member> passthrough;

  // The main headline (role "main", else the first), empty when none.
  std::string_view headline() const;
  // The main body as plain text (HTML stripped at decode time), empty when none.
  std::string_view body_text() const;

  // Plain-text body, computed by the decoder (HTML removed, entities decoded).
  std::string plain_body;
};

// Event time of an item in epoch milliseconds: versioncreated, else
// firstcreated; 0 when neither parses.
int64_t event_time_ms(const WireItem& item);

// Parses an RFC 3339 / ISO 8601 timestamp with optional fraction and offset.
// Returns false when it is not one.
bool parse_rfc3339_ms(std::string_view text, int64_t& epoch_ms);

}  // namespace wiredesk

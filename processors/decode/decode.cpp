#include "processors/decode/decode.hpp"

#include <algorithm>
#include <cstring>

#include "processors/decode/json_writer.hpp"

namespace wiredesk {

std::string_view to_string(Reason r) {
  switch (r) {
    case Reason::empty: return "empty";
    case Reason::too_large: return "too_large";
    case Reason::invalid_utf8: return "invalid_utf8";
    case Reason::invalid_json: return "invalid_json";
    case Reason::too_deep: return "too_deep";
    case Reason::not_an_object: return "not_an_object";
    case Reason::missing_uri: return "missing_uri";
    case Reason::bad_field_type: return "bad_field_type";
    case Reason::missing_text: return "missing_text";
    case Reason::internal_error: return "internal_error";
    case Reason::produce_failed: return "produce_failed";
  }
  return "unknown";
}

namespace {

namespace od = simdjson::ondemand;
using simdjson::error_code;
using simdjson::SUCCESS;

// Recursion guard far above any sane max_depth: deeper documents are reported
// as too_deep without walking further.
constexpr int kHardDepthCap = 512;

bool is_json_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

std::string_view trim_json_space(std::string_view s) {
  while (!s.empty() && is_json_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_json_space(s.back())) s.remove_suffix(1);
  return s;
}

bool is_blank(std::string_view s) {
  for (unsigned char c : s) {
    if (!(c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v')) {
      // U+00A0 and U+3000 count as blank too
      return false;
    }
  }
  return true;
}

bool is_blank_text(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      ++i;
    } else if (s.compare(i, 2, "\xC2\xA0") == 0) {
      i += 2;
    } else if (s.compare(i, 3, "\xE3\x80\x80") == 0) {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

// RFC 8259 number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
bool is_json_number(std::string_view s) {
  size_t i = 0;
  auto digits = [&] {
    const size_t start = i;
    while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
    return i > start;
  };
  if (i < s.size() && s[i] == '-') ++i;
  if (i < s.size() && s[i] == '0') {
    ++i;
  } else if (!digits()) {
    return false;
  }
  if (i < s.size() && s[i] == '.') {
    ++i;
    if (!digits()) return false;
  }
  if (i < s.size() && (s[i] == 'e' || s[i] == 'E')) {
    ++i;
    if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
    if (!digits()) return false;
  }
  return i == s.size();
}

// Walks a whole ondemand value, validating every token (ondemand is lazy: a
// value that is not visited is not validated) and writing its canonical JSON.
class Walker {
 public:
  explicit Walker(int max_depth) : max_depth_(max_depth) {}

  bool too_deep() const { return too_deep_; }

  error_code value(od::value v, int depth, std::string& out) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    switch (type) {
      case od::json_type::object: {
        od::object o;
        if (auto e = v.get_object().get(o)) return e;
        return object(o, depth, out);
      }
      case od::json_type::array: {
        od::array a;
        if (auto e = v.get_array().get(a)) return e;
        return array(a, depth, out);
      }
      case od::json_type::string: {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return e;
        json::append_string(out, s);
        return SUCCESS;
      }
      case od::json_type::number: {
        std::string_view raw = trim_json_space(v.raw_json_token());
        double d;
        if (auto e = v.get_double().get(d)) {
          // JSON sets no range: 1e400 is valid JSON that a double cannot hold.
          if (e != simdjson::NUMBER_ERROR || !is_json_number(raw)) return e;
        }
        out.append(raw);
        return SUCCESS;
      }
      case od::json_type::boolean: {
        bool b;
        if (auto e = v.get_bool().get(b)) return e;
        out += b ? "true" : "false";
        return SUCCESS;
      }
      case od::json_type::null: {
        bool is_null = false;
        if (auto e = v.is_null().get(is_null)) return e;
        if (!is_null) return simdjson::N_ATOM_ERROR;
        out += "null";
        return SUCCESS;
      }
    }
    return simdjson::TAPE_ERROR;
  }

  error_code enter(int depth) {
    if (depth > max_depth_) too_deep_ = true;
    if (depth > kHardDepthCap) return simdjson::DEPTH_ERROR;
    return SUCCESS;
  }

  error_code object(od::object o, int depth, std::string& out) {
    if (auto e = enter(depth)) return e;
    out.push_back('{');
    bool first = true;
    for (auto field_result : o) {
      od::field field;
      if (auto e = std::move(field_result).get(field)) return e;
      std::string_view key;
      if (auto e = field.unescaped_key().get(key)) return e;
      json::append_key(out, key, first);
      if (auto e = value(field.value(), depth + 1, out)) return e;
    }
    out.push_back('}');
    return SUCCESS;
  }

  error_code array(od::array a, int depth, std::string& out) {
    if (auto e = enter(depth)) return e;
    out.push_back('[');
    bool first = true;
    for (auto element_result : a) {
      od::value element;
      if (auto e = element_result.get(element)) return e;
      if (!first) out.push_back(',');
      first = false;
      if (auto e = value(element, depth + 1, out)) return e;
    }
    out.push_back(']');
    return SUCCESS;
  }

 private:
  int max_depth_;
  bool too_deep_ = false;
};

// Canonical 2.x spelling of a top-level key (3.x uses camelCase).
std::string_view to_ninjs2_key(std::string_view key, bool& camel) {
  static constexpr std::pair<std::string_view, std::string_view> kRenames[] = {
      {"firstCreated", "firstcreated"}, {"versionCreated", "versioncreated"},
      {"pubStatus", "pubstatus"},       {"infoSources", "infosources"},
      {"contentCreated", "contentcreated"}, {"altIds", "altids"},
      {"descriptions", "descriptions"},
  };
  for (const auto& [from, to] : kRenames) {
    if (key == from) {
      camel = camel || from != to;
      return to;
    }
  }
  return key;
}

PubStatus parse_pubstatus(std::string_view s) {
  if (s == "canceled" || s == "cancelled") return PubStatus::canceled;
  if (s == "withheld") return PubStatus::withheld;
  return PubStatus::usable;
}

// State of one decode: the item under construction and the first problem of
// each kind, so that the precedence of reason codes can be applied at the end.
struct Decoding {
  WireItem item;
  Walker walker;
  std::string scratch;
  std::optional<std::string> bad_field;  // first field with a wrong type
  bool has_uri = false;
  bool saw_camel = false;
  bool saw_ninjs1 = false;
  bool saw_ninjs2_arrays = false;
  bool schema_v3 = false;
  bool has_body_text = false;
  std::string body_text_1x;
  std::string body_html_1x;
  std::string headline_1x;
  std::string infosource_name;
  std::string copyrightholder;

  explicit Decoding(int max_depth) : walker(max_depth) {}

  void mark_bad(std::string_view field) {
    if (!bad_field) bad_field = std::string(field);
  }

  // Validates and discards a value whose type was wrong.
  error_code skip(od::value v, int depth) {
    scratch.clear();
    return walker.value(v, depth, scratch);
  }

  // A string field; null counts as absent. Anything else is a bad type.
  error_code string_field(od::value v, std::string_view name, std::string& dest, bool& present) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    if (type == od::json_type::string) {
      std::string_view s;
      if (auto e = v.get_string().get(s)) return e;
      dest.assign(s);
      present = true;
      return SUCCESS;
    }
    if (type == od::json_type::null) return skip(v, 2);
    mark_bad(name);
    return skip(v, 2);
  }

  error_code string_field(od::value v, std::string_view name, std::string& dest) {
    bool present = false;
    return string_field(v, name, dest, present);
  }

  // headlines[] / bodies[]: array of objects with a string `value`.
  error_code text_parts(od::value v, std::string_view name, std::vector<TextPart>& dest) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    if (type != od::json_type::array) {
      if (type != od::json_type::null) mark_bad(name);
      return skip(v, 2);
    }
    od::array arr;
    if (auto e = v.get_array().get(arr)) return e;
    if (auto e = walker.enter(2)) return e;
    dest.clear();  // a member given twice: the last one wins, as in most parsers
    for (auto element_result : arr) {
      od::value element;
      if (auto e = element_result.get(element)) return e;
      od::json_type etype;
      if (auto e = element.type().get(etype)) return e;
      if (etype != od::json_type::object) {
        mark_bad(name);
        if (auto e = skip(element, 3)) return e;
        continue;
      }
      od::object obj;
      if (auto e = element.get_object().get(obj)) return e;
      if (auto e = walker.enter(3)) return e;
      TextPart part;
      bool has_value = false;
      for (auto field_result : obj) {
        od::field field;
        if (auto e = std::move(field_result).get(field)) return e;
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        od::value fv = field.value();
        if (key == "value") {
          od::json_type vtype;
          if (auto e = fv.type().get(vtype)) return e;
          if (vtype == od::json_type::string) {
            std::string_view s;
            if (auto e = fv.get_string().get(s)) return e;
            part.value.assign(s);
            has_value = true;
          } else if (auto e = skip(fv, 4)) {
            return e;
          }
        } else if (key == "role" || key == "contenttype" || key == "contentType") {
          std::string& target = key == "role" ? part.role : part.contenttype;
          od::json_type vtype;
          if (auto e = fv.type().get(vtype)) return e;
          if (vtype == od::json_type::string) {
            std::string_view s;
            if (auto e = fv.get_string().get(s)) return e;
            target.assign(s);
          } else if (auto e = skip(fv, 4)) {
            return e;
          }
        } else {
          Member m{std::string(key), {}};
          if (auto e = walker.value(fv, 4, m.json)) return e;
          part.extra.push_back(std::move(m));
        }
      }
      if (!has_value) {
        mark_bad(name);
        continue;
      }
      dest.push_back(std::move(part));
    }
    return SUCCESS;
  }

  // ninjs 1.x subject[] {code, scheme, name} → 2.x subjects[] {uri, name, …}.
  error_code subjects_1x(od::value v) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    if (type != od::json_type::array) {
      if (type != od::json_type::null) mark_bad("subject");
      return skip(v, 2);
    }
    od::array arr;
    if (auto e = v.get_array().get(arr)) return e;
    if (auto e = walker.enter(2)) return e;
    std::string out = "[";
    bool first_element = true;
    for (auto element_result : arr) {
      od::value element;
      if (auto e = element_result.get(element)) return e;
      od::json_type etype;
      if (auto e = element.type().get(etype)) return e;
      if (etype != od::json_type::object) {
        if (auto e = skip(element, 3)) return e;
        continue;
      }
      od::object obj;
      if (auto e = element.get_object().get(obj)) return e;
      if (auto e = walker.enter(3)) return e;
      std::string code, scheme, rest;
      bool first_rest = true;
      for (auto field_result : obj) {
        od::field field;
        if (auto e = std::move(field_result).get(field)) return e;
        std::string_view key;
        if (auto e = field.unescaped_key().get(key)) return e;
        od::value fv = field.value();
        od::json_type vtype;
        if (auto e = fv.type().get(vtype)) return e;
        if ((key == "code" || key == "scheme") && vtype == od::json_type::string) {
          std::string_view s;
          if (auto e = fv.get_string().get(s)) return e;
          (key == "code" ? code : scheme).assign(s);
        } else {
          json::append_key(rest, key, first_rest);
          if (auto e = walker.value(fv, 4, rest)) return e;
        }
      }
      std::string uri = code;
      if (code.find(':') == std::string::npos && !scheme.empty() && !code.empty()) {
        uri = scheme;
        if (uri.back() != '/' && uri.back() != '#' && uri.back() != ':') uri.push_back('/');
        uri += code;
      }
      if (!first_element) out.push_back(',');
      first_element = false;
      out.push_back('{');
      bool first = true;
      if (!uri.empty()) {
        json::append_key(out, "uri", first);
        json::append_string(out, uri);
      }
      if (!rest.empty()) {
        if (!first) out.push_back(',');
        out += rest;
      }
      out.push_back('}');
    }
    out.push_back(']');
    item.subjects_json = std::move(out);
    return SUCCESS;
  }

  error_code infosources(od::value v, std::string_view name) {
    od::json_type type;
    if (auto e = v.type().get(type)) return e;
    Member m{"infosources", {}};
    if (type != od::json_type::array) {
      if (type != od::json_type::null) mark_bad(name);
      return skip(v, 2);
    }
    if (auto e = walker.value(v, 2, m.json)) return e;
    item.passthrough.push_back(std::move(m));
    return SUCCESS;
  }

  error_code field(std::string_view raw_key, od::value v) {
    const std::string_view key = to_ninjs2_key(raw_key, saw_camel);
    if (key == "uri") {
      od::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type == od::json_type::null) return skip(v, 2);
      return string_field(v, "uri", item.uri, has_uri);
    }
    if (key == "version") {
      od::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type == od::json_type::number) {
        std::string_view raw = trim_json_space(v.raw_json_token());
        double d;
        if (auto e = v.get_double().get(d)) return e;
        item.version.assign(raw);
        return SUCCESS;
      }
      return string_field(v, "version", item.version);
    }
    if (key == "firstcreated") return string_field(v, raw_key, item.firstcreated);
    if (key == "versioncreated") return string_field(v, raw_key, item.versioncreated);
    if (key == "embargoed") return string_field(v, raw_key, item.embargoed);
    if (key == "language") return string_field(v, raw_key, item.language);
    if (key == "slugline") return string_field(v, raw_key, item.slugline);
    if (key == "pubstatus") {
      std::string s;
      if (auto e = string_field(v, raw_key, s)) return e;
      item.pubstatus = parse_pubstatus(s);
      return SUCCESS;
    }
    if (key == "urgency") {
      od::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type != od::json_type::number) {
        if (type != od::json_type::null) mark_bad("urgency");
        return skip(v, 2);
      }
      double d;
      if (auto e = v.get_double().get(d)) return e;
      item.urgency = static_cast<int>(std::clamp(d, 1.0, 9.0));
      return SUCCESS;
    }
    if (key == "headlines") {
      saw_ninjs2_arrays = true;
      return text_parts(v, "headlines", item.headlines);
    }
    if (key == "bodies") {
      saw_ninjs2_arrays = true;
      return text_parts(v, "bodies", item.bodies);
    }
    if (key == "headline") {
      saw_ninjs1 = true;
      return string_field(v, "headline", headline_1x);
    }
    if (key == "body_text") {
      saw_ninjs1 = true;
      return string_field(v, "body_text", body_text_1x, has_body_text);
    }
    if (key == "body_html") {
      saw_ninjs1 = true;
      return string_field(v, "body_html", body_html_1x);
    }
    if (key == "subject") {
      saw_ninjs1 = true;
      return subjects_1x(v);
    }
    if (key == "subjects") {
      od::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type != od::json_type::array) {
        if (type != od::json_type::null) mark_bad("subjects");
        return skip(v, 2);
      }
      item.subjects_json.clear();  // given twice: the last one wins
      return walker.value(v, 2, item.subjects_json);
    }
    if (key == "infosources") return infosources(v, raw_key);
    if (key == "copyrightholder") {
      Member m{"copyrightholder", {}};
      od::json_type type;
      if (auto e = v.type().get(type)) return e;
      if (type == od::json_type::string) {
        std::string_view s;
        if (auto e = v.get_string().get(s)) return e;
        copyrightholder.assign(s);
        json::append_string(m.json, s);
        item.passthrough.push_back(std::move(m));
        return SUCCESS;
      }
      if (type != od::json_type::null) mark_bad("copyrightholder");
      return skip(v, 2);
    }
    if (raw_key == "$schema") {
      std::string s;
      Member m{"$schema", {}};
      if (auto e = walker.value(v, 2, m.json)) return e;
      if (m.json.find("ninjs-schema_3") != std::string::npos ||
          m.json.find("ninjs-schema-3") != std::string::npos) {
        schema_v3 = true;
      } else {
        item.passthrough.push_back(std::move(m));
      }
      return SUCCESS;
    }
    Member m{std::string(key), {}};
    if (auto e = walker.value(v, 2, m.json)) return e;
    item.passthrough.push_back(std::move(m));
    return SUCCESS;
  }
};

// The first infosources[] name, preferring the element whose role names the
// origin of the content.
std::string first_infosource_name(std::string_view infosources_json, od::parser& parser) {
  if (infosources_json.empty()) return {};
  simdjson::padded_string padded(infosources_json);
  od::document doc;
  if (parser.iterate(padded).get(doc)) return {};
  od::array arr;
  if (doc.get_array().get(arr)) return {};
  std::string first;
  for (auto element : arr) {
    od::object obj;
    if (element.get_object().get(obj)) continue;
    std::string name, role;
    for (auto field : obj) {
      std::string_view key, s;
      if (field.unescaped_key().get(key)) break;
      if ((key == "name" || key == "role") && !field.value().get_string().get(s)) {
        (key == "name" ? name : role).assign(s);
      }
    }
    if (name.empty()) continue;
    if (role == "originfeed" || role == "source" || role == "origin") return name;
    if (first.empty()) first = name;
  }
  return first;
}

}  // namespace

Decoder::Decoder(DecodeOptions options) : options_(std::move(options)) {}

DecodeResult Decoder::decode(std::string_view bytes, std::string_view default_source) {
  if (std::all_of(bytes.begin(), bytes.end(), is_json_space)) {
    return DecodeResult::fail(Reason::empty);
  }
  if (bytes.size() > options_.max_message_bytes) {
    return DecodeResult::fail(Reason::too_large, std::to_string(bytes.size()) + " bytes > limit " +
                                                     std::to_string(options_.max_message_bytes));
  }
  if (bytes.size() >= 3 && std::memcmp(bytes.data(), "\xEF\xBB\xBF", 3) == 0) {
    bytes.remove_prefix(3);
    if (std::all_of(bytes.begin(), bytes.end(), is_json_space)) {
      return DecodeResult::fail(Reason::empty, "only a byte-order mark");
    }
  }
  if (!simdjson::validate_utf8(bytes.data(), bytes.size())) {
    return DecodeResult::fail(Reason::invalid_utf8);
  }

  padded_.resize(bytes.size() + simdjson::SIMDJSON_PADDING);
  std::memcpy(padded_.data(), bytes.data(), bytes.size());
  std::memset(padded_.data() + bytes.size(), ' ', simdjson::SIMDJSON_PADDING);
  simdjson::padded_string_view input(padded_.data(), bytes.size(), padded_.size());

  od::document doc;
  if (auto e = parser_.iterate(input).get(doc)) {
    return DecodeResult::fail(Reason::invalid_json, simdjson::error_message(e));
  }

  Decoding d(options_.max_depth);
  od::json_type root_type;
  error_code err = doc.type().get(root_type);
  if (!err) {
    std::string& sink = d.scratch;
    switch (root_type) {
      case od::json_type::object: {
        od::object obj;
        err = doc.get_object().get(obj);
        if (!err) err = d.walker.enter(1);
        if (!err) {
          for (auto field_result : obj) {
            od::field field;
            if ((err = std::move(field_result).get(field))) break;
            std::string_view key;
            if ((err = field.unescaped_key().get(key))) break;
            // unescaped_key's view lives in the parser's string buffer, which
            // later strings append to; copy before reading the value.
            std::string key_copy(key);
            if ((err = d.field(key_copy, field.value()))) break;
          }
        }
        break;
      }
      case od::json_type::array: {
        od::array arr;
        err = doc.get_array().get(arr);
        if (!err) err = d.walker.array(arr, 1, sink);
        break;
      }
      case od::json_type::string: {
        std::string_view s;
        err = doc.get_string().get(s);
        break;
      }
      case od::json_type::number: {
        double v;
        err = doc.get_double().get(v);
        break;
      }
      case od::json_type::boolean: {
        bool b;
        err = doc.get_bool().get(b);
        break;
      }
      case od::json_type::null: {
        bool is_null = false;
        err = doc.is_null().get(is_null);
        if (!err && !is_null) err = simdjson::N_ATOM_ERROR;
        break;
      }
    }
  }
  if (err == simdjson::DEPTH_ERROR) {
    return DecodeResult::fail(Reason::too_deep, "nesting deeper than " + std::to_string(kHardDepthCap));
  }
  if (err) return DecodeResult::fail(Reason::invalid_json, simdjson::error_message(err));
  if (const char* rest = nullptr; !doc.current_location().get(rest)) {
    return DecodeResult::fail(Reason::invalid_json, "trailing content after the JSON value");
  }
  if (d.walker.too_deep()) {
    return DecodeResult::fail(Reason::too_deep,
                              "nesting deeper than " + std::to_string(options_.max_depth));
  }
  if (root_type != od::json_type::object) return DecodeResult::fail(Reason::not_an_object);
  // An empty or blank uri identifies nothing: as missing as an absent one.
  if (d.has_uri && is_blank_text(d.item.uri)) d.has_uri = false;
  if (!d.has_uri && !d.bad_field) return DecodeResult::fail(Reason::missing_uri);
  if (!d.has_uri && d.bad_field && *d.bad_field != "uri") {
    return DecodeResult::fail(Reason::missing_uri);
  }
  if (d.bad_field) return DecodeResult::fail(Reason::bad_field_type, *d.bad_field);

  WireItem& item = d.item;
  if (d.saw_camel || d.schema_v3) {
    item.dialect = Dialect::ninjs3;
  } else if (d.saw_ninjs1 && !d.saw_ninjs2_arrays) {
    item.dialect = Dialect::ninjs1;
  } else {
    item.dialect = Dialect::ninjs2;
  }

  if (item.headlines.empty() && !d.headline_1x.empty()) {
    item.headlines.push_back(TextPart{"main", "text/plain", std::move(d.headline_1x), {}});
  }
  if (item.bodies.empty()) {
    if (d.has_body_text && !is_blank(d.body_text_1x)) {
      item.bodies.push_back(TextPart{"main", "text/plain", std::move(d.body_text_1x), {}});
    } else if (!d.body_html_1x.empty()) {
      item.bodies.push_back(TextPart{"main", "text/html", std::move(d.body_html_1x), {}});
    }
  }

  // Plain-text body: the main body, text/plain preferred over HTML.
  const TextPart* body = nullptr;
  for (const auto& part : item.bodies) {
    const bool main = part.role.empty() || part.role == "main";
    if (!main) continue;
    if (!body || (part.contenttype.find("html") == std::string::npos &&
                  body->contenttype.find("html") != std::string::npos)) {
      body = &part;
    }
  }
  if (!body && !item.bodies.empty()) body = &item.bodies.front();
  if (body) {
    item.plain_body = body->contenttype.find("html") != std::string::npos
                          ? strip_html(body->value)
                          : body->value;
  }

  if (is_blank_text(item.headline()) && is_blank_text(item.plain_body)) {
    return DecodeResult::fail(Reason::missing_text);
  }

  // A member given twice (RFC 8259 allows it): the last one wins, so that
  // the output names every member once.
  // Walks back from the end and keeps, of each name, the last member.
  std::vector<Member> unique;
  unique.reserve(item.passthrough.size());
  for (size_t i = item.passthrough.size(); i-- > 0;) {
    const bool later = std::any_of(unique.begin(), unique.end(), [&](const Member& m) {
      return m.key == item.passthrough[i].key;
    });
    if (!later) unique.push_back(std::move(item.passthrough[i]));
  }
  std::reverse(unique.begin(), unique.end());
  item.passthrough = std::move(unique);
  for (const auto& m : item.passthrough) {
    if (m.key == "infosources") {
      item.source = first_infosource_name(m.json, parser_);
      break;
    }
  }
  if (item.source.empty()) item.source = d.copyrightholder;
  if (item.source.empty()) {
    item.source = default_source.empty() ? options_.default_source : std::string(default_source);
  }
  if (item.language.empty()) item.language = options_.default_language;
  return DecodeResult::ok(std::move(item));
}

std::string strip_html(std::string_view html) {
  std::string out;
  out.reserve(html.size());
  size_t i = 0;
  auto starts_with_ci = [&](size_t at, std::string_view word) {
    if (at + word.size() > html.size()) return false;
    for (size_t k = 0; k < word.size(); ++k) {
      if (std::tolower(static_cast<unsigned char>(html[at + k])) != word[k]) return false;
    }
    return true;
  };
  while (i < html.size()) {
    const char c = html[i];
    if (c == '<') {
      const size_t close = html.find('>', i);
      if (close == std::string_view::npos) break;
      const bool closing = i + 1 < html.size() && html[i + 1] == '/';
      const size_t name_at = i + (closing ? 2 : 1);
      if (!closing && (starts_with_ci(name_at, "script") || starts_with_ci(name_at, "style"))) {
        const std::string_view end_tag = starts_with_ci(name_at, "script") ? "</script" : "</style";
        size_t end = i;
        while ((end = html.find("</", end + 1)) != std::string_view::npos) {
          if (starts_with_ci(end, end_tag)) break;
        }
        if (end == std::string_view::npos) break;
        const size_t end_close = html.find('>', end);
        i = end_close == std::string_view::npos ? html.size() : end_close + 1;
        continue;
      }
      for (std::string_view block : {"p", "br", "div", "li", "h1", "h2", "h3", "h4", "tr"}) {
        if (starts_with_ci(name_at, block)) {
          const size_t after = name_at + block.size();
          if (after < html.size() && !std::isalnum(static_cast<unsigned char>(html[after]))) {
            if (!out.empty() && out.back() != '\n') out.push_back('\n');
            break;
          }
        }
      }
      i = close + 1;
      continue;
    }
    if (c == '&') {
      const size_t semi = html.find(';', i);
      if (semi != std::string_view::npos && semi - i <= 10) {
        const std::string_view entity = html.substr(i + 1, semi - i - 1);
        uint32_t cp = 0;
        if (entity == "amp") cp = '&';
        else if (entity == "lt") cp = '<';
        else if (entity == "gt") cp = '>';
        else if (entity == "quot") cp = '"';
        else if (entity == "apos") cp = '\'';
        else if (entity == "nbsp") cp = 0xA0;
        else if (entity.size() > 1 && entity[0] == '#') {
          const bool hex = entity[1] == 'x' || entity[1] == 'X';
          const std::string digits(entity.substr(hex ? 2 : 1));
          char* end = nullptr;
          const unsigned long v = std::strtoul(digits.c_str(), &end, hex ? 16 : 10);
          if (!digits.empty() && end && *end == '\0' && v > 0 && v <= 0x10FFFF &&
              !(v >= 0xD800 && v <= 0xDFFF)) {
            cp = static_cast<uint32_t>(v);
          }
        }
        if (cp != 0) {
          if (cp < 0x80) {
            out.push_back(static_cast<char>(cp));
          } else if (cp < 0x800) {
            out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else if (cp < 0x10000) {
            out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          } else {
            out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
            out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
          }
          i = semi + 1;
          continue;
        }
      }
    }
    out.push_back(c);
    ++i;
  }
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace wiredesk

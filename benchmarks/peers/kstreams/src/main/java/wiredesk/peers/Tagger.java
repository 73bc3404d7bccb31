package wiredesk.peers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keyword tagging with the rules benchmarks/peers/gen-config writes to
 * patterns.json, scored as that script's docstring says (the benthos peer
 * runs the same rules in Bloblang).
 */
final class Tagger {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern NOT_WORD = Pattern.compile("[^\\p{L}\\p{N}]+");

  /** A field in the three forms the matchers search: raw, normalized, normalized lower-case. */
  record Text(String raw, String kept, String lower) {
    static Text of(String raw) {
      String kept = " " + NOT_WORD.matcher(raw).replaceAll(" ") + " ";
      return new Text(raw, kept, kept.toLowerCase(Locale.ROOT));
    }

    Text join(Text other) {
      return new Text(raw + "\n" + other.raw, kept + other.kept, lower + other.lower);
    }
  }

  record Matcher(String[] lower, String[] exact, Pattern[] regex) {
    boolean in(Text t) {
      for (String s : lower) if (t.lower.contains(s)) return true;
      for (String s : exact) if (t.kept.contains(s)) return true;
      for (Pattern p : regex) if (p.matcher(t.raw).find()) return true;
      return false;
    }
  }

  record Group(double weight, Matcher match, Matcher context, boolean inHeadline, boolean inBody) {}

  record Topic(String id, double threshold, double headlineWeight, double bodyWeight,
               List<String> parents, List<Group> groups) {}

  private final List<Topic> topics = new ArrayList<>();

  Tagger(File patterns) throws IOException {
    for (JsonNode t : JSON.readTree(patterns).get("topics")) {
      List<Group> groups = new ArrayList<>();
      for (JsonNode g : t.get("groups")) {
        groups.add(new Group(g.get("weight").asDouble(), matcher(g.get("match")),
            g.get("context").isNull() ? null : matcher(g.get("context")),
            g.get("in_headline").asBoolean(), g.get("in_body").asBoolean()));
      }
      List<String> parents = new ArrayList<>();
      t.get("parents").forEach(p -> parents.add(p.asText()));
      topics.add(new Topic(t.get("id").asText(), t.get("threshold").asDouble(),
          t.get("headline_weight").asDouble(), t.get("body_weight").asDouble(), parents, groups));
    }
  }

  private static Matcher matcher(JsonNode m) {
    return new Matcher(strings(m.get("lower")), strings(m.get("exact")),
        strings(m.get("regex")).length == 0 ? new Pattern[0]
            : java.util.Arrays.stream(strings(m.get("regex"))).map(Pattern::compile).toArray(Pattern[]::new));
  }

  private static String[] strings(JsonNode array) {
    String[] out = new String[array.size()];
    for (int i = 0; i < out.length; i++) out[i] = array.get(i).asText();
    return out;
  }

  /** Topic ids (with their ancestors) for one headline and body. */
  Set<String> topics(String headline, String body) {
    Text h = Text.of(headline), b = Text.of(body), hb = h.join(b);
    Set<String> out = new LinkedHashSet<>();
    for (Topic t : topics) {
      double score = 0;
      for (Group g : t.groups) {
        double add = 0;
        if (g.inHeadline && g.match.in(h)) add = g.weight * t.headlineWeight;
        else if (g.inBody && g.match.in(b)) add = g.weight * t.bodyWeight;
        if (add > 0 && (g.context == null || g.context.in(hb))) score += add;
      }
      if (score >= t.threshold) {
        out.add(t.id);
        out.addAll(t.parents);
      }
    }
    return out;
  }

  // --- ninjs fields (1.x: headline, body_text/body_html; 2.x/3.x: headlines[], bodies[]) ---

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      return null;
    }
  }

  static String headline(JsonNode item) {
    return first(item.path("headline"), item.path("headlines").path(0).path("value"));
  }

  static String body(JsonNode item) {
    return first(item.path("body_text"), item.path("bodies").path(0).path("value"), item.path("body_html"));
  }

  private static String first(JsonNode... candidates) {
    for (JsonNode n : candidates) if (n.isTextual()) return n.asText();
    return "";
  }

  /** The item with a "topics" array added; unparseable input passes unchanged. */
  String tag(String json) {
    JsonNode item = parse(json);
    if (!(item instanceof ObjectNode obj)) return json;
    ArrayNode ids = obj.putArray("topics");
    topics(headline(item), body(item)).forEach(ids::add);
    try {
      return JSON.writeValueAsString(obj);
    } catch (IOException e) {
      return json;
    }
  }
}

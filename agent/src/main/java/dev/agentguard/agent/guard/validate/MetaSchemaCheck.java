package dev.agentguard.agent.guard.validate;

import com.networknt.schema.Error;
import com.networknt.schema.ExecutionConfig;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.path.NodePath;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks a tool's schema against the meta-schema of its draft before it is compiled, and words each problem
 * for the operator who wrote it: where in the schema (a JSON Pointer) and what is wrong, as in
 * {@code /properties/text/type: "nonsense" is not a JSON Schema type}. The validator itself compiles such a
 * schema without complaint and then refuses every call with a garbled sentence. Formats are asserted here,
 * so a {@code pattern} that is no regular expression is reported with its place too. Only short scalar
 * values of the schema are quoted, never a part of it that is an object or an array.
 */
final class MetaSchemaCheck {
  /** Formats assert: {@code pattern}, {@code $ref} and {@code $id} are checked for what they must be. */
  private static final ExecutionConfig EXECUTION = ExecutionConfig.builder().formatAssertionsEnabled(true)
      .locale(Locale.ROOT).build();
  private static final int MAX_PROBLEMS = 3;
  private static final int MAX_QUOTED = 40;
  private static final Map<String, String> FORMATS = Map.of(
      "regex", "a valid regular expression",
      "uri", "an absolute URI",
      "uri-reference", "a valid URI reference",
      "iri", "an absolute IRI",
      "iri-reference", "a valid IRI reference",
      "json-pointer", "a valid JSON Pointer");

  private MetaSchemaCheck() {}

  /**
   * The draft a schema is written in: the one its {@code $schema} names, else the registry's default.
   *
   * @throws IllegalArgumentException when {@code $schema} names no draft the validator knows
   */
  static Dialect dialect(SchemaRegistry registry, JsonNode schema) {
    JsonNode named = schema.get("$schema");
    if (named == null) {
      return registry.getDialect(SpecificationVersion.DRAFT_2020_12.getDialectId());
    }
    if (named.isString()) {
      try {
        return registry.getDialect(named.asString());
      } catch (RuntimeException unknown) {
        // below: the same advice whatever the validator says
      }
    }
    throw new IllegalArgumentException("/$schema: " + (named.isString() ? value(named) + " names no JSON Schema "
        + "draft AgentGuard knows" : "must be a string") + "; use \"https://json-schema.org/draft/2020-12/schema\" "
        + "or \"http://json-schema.org/draft-07/schema#\"");
  }

  /** {@code draft 2020-12}, {@code draft 7}: the draft's name as its specification writes it. */
  static String name(Dialect dialect) {
    SpecificationVersion v = dialect.getSpecificationVersion();
    return v == null ? dialect.getId() : "draft " + v.name().substring("DRAFT_".length()).replace('_', '-');
  }

  /**
   * What makes {@code schema} invalid against its draft's meta-schema, at most three problems and a count of
   * the rest, joined into one line; null when it is valid.
   */
  static String problems(SchemaRegistry registry, Dialect dialect, JsonNode schema) {
    Schema meta = registry.getSchema(SchemaLocation.of(dialect.getId()));
    List<String> problems = explain(meta.validate(schema, ctx -> ctx.setExecutionConfig(EXECUTION)));
    if (problems.isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(MAX_PROBLEMS, problems.size()); i++) {
      sb.append(i == 0 ? "" : "; ").append(problems.get(i));
    }
    if (problems.size() > MAX_PROBLEMS) {
      sb.append("; and ").append(problems.size() - MAX_PROBLEMS).append(" more problem(s)");
    }
    return sb.toString();
  }

  /**
   * One sentence per place in the schema. A meta-schema says "type is one of the simple types, or an array of
   * them" with an {@code anyOf}, so the validator reports every branch: at one place the {@code enum} branch
   * (which lists what is accepted) speaks for all, and a place with problems deeper inside (the item of an
   * array that is wrong) speaks for itself rather than through its container.
   */
  static List<String> explain(List<Error> errors) {
    Map<String, Error> byPlace = new LinkedHashMap<>();
    for (Error e : errors) {
      String at = place(e);
      Error seen = byPlace.get(at);
      if (seen == null || (!"enum".equals(seen.getKeyword()) && "enum".equals(e.getKeyword()))) {
        byPlace.put(at, e);
      }
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, Error> p : byPlace.entrySet()) {
      String at = p.getKey();
      if (byPlace.keySet().stream().noneMatch(other -> other.startsWith(at + "/"))) {
        out.add((at.isEmpty() ? "the schema" : at) + ": " + sentence(p.getValue()));
      }
    }
    return out;
  }

  private static String sentence(Error e) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    Object[] args = e.getArguments() == null ? new Object[0] : e.getArguments();
    String v = value(e.getInstanceNode());
    String from = e.getSchemaLocation() == null ? "" : e.getSchemaLocation().toString();
    switch (keyword) {
      case "enum":
        if (from.endsWith("simpleTypes/enum")) {
          return (v == null ? "this" : v) + " is not a JSON Schema type (array, boolean, integer, null, number, "
              + "object or string)";
        }
        return (v == null ? "this" : v) + " is not one of " + arg(args, 0);
      case "type":
        return "must be " + types(arg(args, 1)) + " (got " + arg(args, 0) + ")";
      case "format":
        return (v == null ? "this" : v) + " is not " + FORMATS.getOrDefault(arg(args, 0), "a valid " + arg(args, 0));
      case "propertyNames":
        return "the name " + quote(e.getProperty() == null ? "?" : e.getProperty())
            + (from.contains("patternProperties") ? " is not a valid regular expression" : " is not accepted here");
      case "minimum":
        return "must be at least " + arg(args, 0) + (v == null ? "" : " (got " + v + ")");
      case "minItems":
        return "must have at least " + arg(args, 0) + " item(s)";
      case "uniqueItems":
        return "must not repeat items";
      case "const":
        return "must be " + arg(args, 0);
      case "required":
        return "needs " + quote(e.getProperty() == null ? arg(args, 0) : e.getProperty());
      default:
        return "is not valid here (" + (e.getMessage() == null ? keyword : e.getMessage().replaceAll("\\s+", " "))
            + ")";
    }
  }

  /** Where the problem is, as a JSON Pointer into the schema; a bad property name is the place of that name. */
  private static String place(Error e) {
    StringBuilder sb = new StringBuilder();
    NodePath p = e.getInstanceLocation();
    for (int i = 0; p != null && i < p.getNameCount(); i++) {
      sb.append('/').append(String.valueOf(p.getElement(i)).replace("~", "~0").replace("/", "~1"));
    }
    if ("propertyNames".equals(e.getKeyword()) && e.getProperty() != null) {
      sb.append('/').append(e.getProperty().replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** "an object or a boolean" for the validator's {@code [object, boolean]}. */
  private static String types(String expected) {
    String list = expected.startsWith("[") && expected.endsWith("]")
        ? expected.substring(1, expected.length() - 1) : expected;
    List<String> words = new ArrayList<>();
    for (String t : list.split(",")) {
      String type = t.strip();
      words.add((type.startsWith("a") || type.startsWith("i") || type.startsWith("o") ? "an " : "a ") + type);
    }
    return String.join(" or ", words);
  }

  /** A scalar as JSON ({@code "nonsense"}, {@code -1}), cut short; null for an object or an array. */
  private static String value(JsonNode node) {
    if (node == null || node.isContainer()) {
      return null;
    }
    if (node.isString()) {
      return quote(node.asString());
    }
    String json = String.valueOf(node);
    return json.length() > MAX_QUOTED ? json.substring(0, MAX_QUOTED) + "..." : json;
  }

  private static String quote(String s) {
    String cut = s.length() > MAX_QUOTED ? s.substring(0, MAX_QUOTED) + "..." : s;
    StringBuilder sb = new StringBuilder("\"");
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20 || c == 0x7f || c == 0x2028 || c == 0x2029) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  private static String arg(Object[] args, int i) {
    return i < args.length && args[i] != null ? String.valueOf(args[i]) : "?";
  }
}

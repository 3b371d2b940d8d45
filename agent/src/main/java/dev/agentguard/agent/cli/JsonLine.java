package dev.agentguard.agent.cli;

import java.util.Locale;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One line of a JSON-lines input ({@code scan --jsonl}, {@code eval}) read as a JSON object, or what is wrong
 * with it in plain words. Jackson's messages name its own classes and settings (relocated in the agent jar:
 * "bound as `dev.agentguard.shaded.tools.jackson.databind.JsonNode`", "from
 * `StreamReadConstraints.getMaxNestingDepth()`"), which tell a user of the command line nothing about the line.
 */
final class JsonLine {
  /** A string may be as long as a whole text ({@link TextInput#MAX_TEXT_CHARS}); the other limits are Jackson's. */
  private static final StreamReadConstraints LIMITS = StreamReadConstraints.builder()
      .maxStringLength(TextInput.MAX_TEXT_CHARS)
      .build();
  /** Trailing text is looked for by {@link #atEnd}: Jackson's own check words it with its class names. */
  private static final JsonMapper JSON = JsonMapper.builder(JsonFactory.builder().streamReadConstraints(LIMITS).build())
      .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();
  /** Where Jackson's message points at the opening bracket: a location naming one of its settings, not the input's. */
  private static final Pattern START_MARKER = Pattern.compile("\\s*\\(start marker at \\[[^\\]]*\\]\\)");
  /** Where Jackson's message names the setting behind a limit: "(500, from `StreamReadConstraints...`)". */
  private static final Pattern FROM_SETTING = Pattern.compile(",\\s*from `[^`]*`");

  private JsonLine() {}

  /** The object on {@code line}, which must hold exactly one. */
  static ObjectNode parse(String line) throws BadInput {
    if (line.isBlank()) {
      throw new BadInput("blank line");
    }
    try (JsonParser p = JSON.createParser(line)) {
      JsonNode node = JSON.readTree(p);
      if (node == null || !node.isObject()) {
        throw new BadInput("not a JSON object");
      }
      if (!atEnd(p)) {
        throw new BadInput("text after the JSON object");
      }
      return (ObjectNode) node;
    } catch (JacksonException e) {
      throw new BadInput(plainWords(e));
    }
  }

  /** True if nothing but white space follows the value just read. */
  private static boolean atEnd(JsonParser p) {
    try {
      return p.nextToken() == null;
    } catch (JacksonException e) {
      return false; // what follows is not even JSON: it is still text after the object
    }
  }

  /**
   * {@code e}'s message without Jackson's class and setting names. Jackson gives the limit a line broke only in
   * the message's words, so those are matched here; any other message keeps its own words up to the first name in
   * backticks (every such name is one of Jackson's classes or settings, never part of the input).
   */
  static String plainWords(JacksonException e) {
    String m = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
    if (e instanceof StreamConstraintsException) {
      if (m.startsWith("Document nesting depth")) {
        return "JSON nested more than " + number(LIMITS.getMaxNestingDepth()) + " levels deep";
      }
      if (m.startsWith("String value length")) {
        return "a string longer than " + number(LIMITS.getMaxStringLength()) + " characters";
      }
      if (m.startsWith("Name length")) {
        return "a property name longer than " + number(LIMITS.getMaxNameLength()) + " characters";
      }
      if (m.startsWith("Number value length")) {
        return "a number longer than " + number(LIMITS.getMaxNumberLength()) + " digits";
      }
    }
    m = FROM_SETTING.matcher(START_MARKER.matcher(m).replaceAll("")).replaceAll("");
    int tick = m.indexOf('`');
    if (tick >= 0) {
      int cut = Math.max(Math.max(m.lastIndexOf(": ", tick), m.lastIndexOf(" (", tick)), m.lastIndexOf(", ", tick));
      m = m.substring(0, cut > 0 ? cut : tick).strip();
    }
    return m.isEmpty() ? "invalid JSON" : "invalid JSON: " + m;
  }

  private static String number(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}

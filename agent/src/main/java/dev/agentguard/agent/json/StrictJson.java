package dev.agentguard.agent.json;

import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Parses JSON that will be hashed or trusted (audit lines, head files): a duplicate key or trailing content
 * is an error rather than silently resolved, so two different texts cannot pass for the same tree.
 */
public final class StrictJson {
  /** Built on first tree parse (verify, query): the writer's start-up path only streams. */
  private static final class Trees {
    static final JsonMapper MAPPER = JsonMapper.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .build();
  }

  /** Streaming only: reading a log's tail at agent start must not load the object mapper (~0.3 s cold). */
  private static final class Streaming {
    static final JsonFactory FACTORY = JsonFactory.builder()
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  /**
   * The top-level scalar members of a JSON object (strings, integral numbers as Long, other numbers as
   * Double, booleans; JSON null as {@link #NULL}); nested objects and arrays are skipped. Duplicate keys,
   * trailing content and anything but an object are errors, as in {@link #parse}.
   */
  public static Map<String, Object> scalars(byte[] bytes, int offset, int length) throws JacksonException {
    Map<String, Object> out = new HashMap<>();
    try (JsonParser p = Streaming.FACTORY.createParser(bytes, offset, length)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new StreamReadException(p, "not a JSON object");
      }
      for (JsonToken t = p.nextToken(); t != JsonToken.END_OBJECT; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        switch (v) {
          case START_OBJECT, START_ARRAY -> p.skipChildren();
          case VALUE_STRING -> out.put(name, p.getString());
          case VALUE_NUMBER_INT -> out.put(name, p.getLongValue());
          case VALUE_NUMBER_FLOAT -> out.put(name, p.getDoubleValue());
          case VALUE_TRUE -> out.put(name, Boolean.TRUE);
          case VALUE_FALSE -> out.put(name, Boolean.FALSE);
          case VALUE_NULL -> out.put(name, NULL);
          default -> throw new StreamReadException(p, "unexpected " + v);
        }
      }
      if (p.nextToken() != null) {
        throw new StreamReadException(p, "trailing content after the object");
      }
    }
    return out;
  }

  /** Stands for a JSON null in {@link #scalars}. */
  public static final Object NULL = new Object();

  private StrictJson() {}

  /** The tree of UTF-8 {@code bytes[offset, offset+length)}; invalid UTF-8 is an error too. */
  public static JsonNode parse(byte[] bytes, int offset, int length) throws JacksonException {
    return Trees.MAPPER.readTree(bytes, offset, length);
  }

  /** A streaming parser over UTF-8 {@code bytes[offset, offset+length)} with the same strictness. */
  public static JsonParser parser(byte[] bytes, int offset, int length) throws JacksonException {
    return Trees.MAPPER.createParser(bytes, offset, length);
  }

  public static JsonNode parse(String text) throws JacksonException {
    return Trees.MAPPER.readTree(text);
  }

  /** The mapper behind {@link #parse}; thread-safe, for callers that need to build nodes. */
  public static JsonMapper mapper() {
    return Trees.MAPPER;
  }
}

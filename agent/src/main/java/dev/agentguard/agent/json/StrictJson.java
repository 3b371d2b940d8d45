package dev.agentguard.agent.json;

import tools.jackson.core.JacksonException;
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
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .disable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private StrictJson() {}

  /** The tree of UTF-8 {@code bytes[offset, offset+length)}; invalid UTF-8 is an error too. */
  public static JsonNode parse(byte[] bytes, int offset, int length) throws JacksonException {
    return MAPPER.readTree(bytes, offset, length);
  }

  /** A streaming parser over UTF-8 {@code bytes[offset, offset+length)} with the same strictness. */
  public static JsonParser parser(byte[] bytes, int offset, int length) throws JacksonException {
    return MAPPER.createParser(bytes, offset, length);
  }

  public static JsonNode parse(String text) throws JacksonException {
    return MAPPER.readTree(text);
  }

  /** The mapper behind {@link #parse}; thread-safe, for callers that need to build nodes. */
  public static JsonMapper mapper() {
    return MAPPER;
  }
}

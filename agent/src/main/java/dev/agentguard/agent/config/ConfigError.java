package dev.agentguard.agent.config;

/**
 * One problem found while loading the configuration, worded for the operator who has to fix it.
 *
 * @param key the configuration key (or environment variable) at fault
 * @param source where it came from: the properties file path, {@code agent arguments}, {@code system properties},
 *     {@code env AGENTGUARD_...}
 * @param line the 1-based line in the properties file, 0 when the source has no lines
 */
public record ConfigError(String key, String source, int line, String message) {
  @Override
  public String toString() {
    return line > 0 ? source + ":" + line + ": " + key + ": " + message : source + ": " + key + ": " + message;
  }
}

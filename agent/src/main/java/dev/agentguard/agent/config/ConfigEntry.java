package dev.agentguard.agent.config;

/** One key=value as a source gave it, before validation; {@code line} is 0 outside the properties file. */
record ConfigEntry(String key, String value, String source, int line) {
  ConfigError error(String message) {
    return new ConfigError(key, source, line, message);
  }
}

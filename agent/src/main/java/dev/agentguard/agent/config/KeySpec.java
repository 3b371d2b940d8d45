package dev.agentguard.agent.config;

import java.nio.file.Path;
import java.util.List;

/**
 * One row of the key table ({@link Keys}): a global key ({@code suffix == null}) or a family such as
 * {@code agentguard.tool.<name>.risk} ({@code prefix} = {@code agentguard.tool.}, {@code suffix} = {@code risk};
 * suffix {@code *} = any sub-key).
 *
 * @param choices the allowed values when {@code kind} is {@link ValueKind#CHOICE}
 * @param supported false = this build does not enforce the key yet, so only {@code inertValues} are accepted
 * @param defaultValue the documented default as text, or null
 * @param inertValues values of a not-yet-supported key that ask for nothing (the default or the off value)
 */
record KeySpec(String prefix, String suffix, ValueKind kind, List<String> choices, boolean supported,
    String defaultValue, List<String> inertValues) {

  boolean templated() {
    return suffix != null;
  }

  /** The key as documented, {@code agentguard.tool.<name>.risk}. */
  String template() {
    return templated() ? prefix + "<name>." + suffix : prefix;
  }

  String key(String name) {
    return templated() ? prefix + name + "." + suffix : prefix;
  }

  /** Parses a value of this key; {@link IllegalArgumentException} worded for the operator. */
  Object parse(String value) {
    return kind.parse(value, choices);
  }

  /** Whether {@code parsed} (the result of {@link #parse}) equals one of the inert values. */
  boolean isInert(Object parsed) {
    for (String v : inertValues) {
      Object inert = parse(v);
      if (inert instanceof Path p && parsed instanceof Path q ? p.normalize().equals(q.normalize())
          : inert.equals(parsed)) {
        return true;
      }
    }
    return false;
  }
}

package dev.agentguard.agent.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the {@code -javaagent:agentguard-agent.jar=key=value,key=value} string. Keys may omit the
 * {@code agentguard.} prefix. Values may hold commas ({@code allow.users=a,b}): a comma-separated piece
 * without {@code =} continues the previous value.
 */
final class AgentArguments {
  static final String SOURCE = "agent arguments";

  private AgentArguments() {}

  static List<ConfigEntry> parse(String args, List<ConfigError> errors) {
    List<ConfigEntry> out = new ArrayList<>();
    if (args == null || args.isBlank()) {
      return out;
    }
    Set<String> seen = new HashSet<>();
    String key = null;
    StringBuilder value = new StringBuilder();
    int start = 0;
    while (start <= args.length()) {
      int comma = args.indexOf(',', start);
      int end = comma < 0 ? args.length() : comma;
      String piece = args.substring(start, end);
      int eq = piece.indexOf('=');
      if (eq < 0) {
        if (key != null) {
          value.append(',').append(piece);
        } else if (!piece.isBlank()) {
          errors.add(new ConfigError(piece.trim(), SOURCE, 0, "expected key=value"));
        }
      } else {
        add(out, seen, key, value, errors);
        String k = piece.substring(0, eq).trim();
        key = k.isEmpty() || k.startsWith(Keys.PREFIX) ? k : Keys.PREFIX.concat(k);
        value.setLength(0);
        value.append(piece, eq + 1, piece.length());
      }
      start = end + 1;
    }
    add(out, seen, key, value, errors);
    return out;
  }

  private static void add(List<ConfigEntry> out, Set<String> seen, String key, StringBuilder value,
      List<ConfigError> errors) {
    if (key == null) {
      return;
    }
    if (key.isEmpty()) {
      errors.add(new ConfigError("(empty key)", SOURCE, 0, "'=" + value + "' has no key before '='"));
    } else if (!seen.add(key)) {
      errors.add(new ConfigError(key, SOURCE, 0, "given twice in the agent arguments; keep one"));
    } else {
      out.add(new ConfigEntry(key, value.toString().trim(), SOURCE, 0));
    }
  }
}

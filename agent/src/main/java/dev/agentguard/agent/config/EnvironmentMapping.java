package dev.agentguard.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Maps {@code AGENTGUARD_*} environment variables to keys by relaxed matching (lower case, ignoring
 * {@code _ . -}): {@code AGENTGUARD_AUDIT_MAX_FILE_SIZE} is {@code agentguard.audit.max-file-size}. For a
 * family such as {@code AGENTGUARD_TOOL_<NAME>_<KEY>} the longest known key suffix wins and the rest is the
 * name, matched relaxed against names other sources used, else lower-cased. A variable that maps to no key
 * is an error naming it.
 */
final class EnvironmentMapping {
  static final String ENV_PREFIX = "AGENTGUARD_";
  static final String SOURCE = "environment";

  private EnvironmentMapping() {}

  /** Is this variable the config file pointer {@code AGENTGUARD_CONFIG} (relaxed)? */
  static boolean isConfigVariable(String variable) {
    return hasPrefix(variable) && Keys.relaxed(variable.substring(ENV_PREFIX.length())).equals("config");
  }

  /**
   * @param env {@code AGENTGUARD_*} variables, iterated in a stable order
   * @param knownNames per family prefix ({@code agentguard.tool.}): relaxed name to the name as other sources
   *     spelled it
   */
  static List<ConfigEntry> map(Map<String, String> env, Map<String, Map<String, String>> knownNames,
      List<ConfigError> errors) {
    List<ConfigEntry> out = new ArrayList<>();
    Map<String, String> variableByKey = new HashMap<>();
    for (Map.Entry<String, String> e : env.entrySet()) {
      String variable = e.getKey();
      if (!hasPrefix(variable)) {
        continue;
      }
      String key = keyFor(variable, knownNames);
      if (key == null) {
        String rest = variable.substring(ENV_PREFIX.length());
        String hint = Keys.suggestGlobalRelaxed(Keys.relaxed(rest));
        if (hint == null) {
          hint = Keys.suggest(Keys.PREFIX + rest.toLowerCase(Locale.ROOT).replace('_', '.'));
        }
        errors.add(new ConfigError(variable, SOURCE, 0, "matches no AgentGuard key"
            + (hint == null ? "" : "; did you mean " + variableFor(hint) + "?")));
        continue;
      }
      String earlier = variableByKey.putIfAbsent(key, variable);
      if (earlier != null) {
        errors.add(new ConfigError(key, "env " + variable, 0, "also set by " + earlier + "; keep one"));
        continue;
      }
      out.add(new ConfigEntry(key, e.getValue(), "env ".concat(variable), 0));
    }
    return out;
  }

  /** The environment variable an operator would write for {@code key}. */
  static String variableFor(String key) {
    return ENV_PREFIX + key.substring(Keys.PREFIX.length()).toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private static boolean hasPrefix(String variable) {
    return variable.regionMatches(true, 0, ENV_PREFIX, 0, ENV_PREFIX.length());
  }

  private static String keyFor(String variable, Map<String, Map<String, String>> knownNames) {
    String rest = variable.substring(ENV_PREFIX.length());
    KeySpec global = Keys.globalByRelaxed(Keys.relaxed(rest));
    if (global != null) {
      return global.prefix();
    }
    List<int[]> tokens = tokens(rest);
    String best = null;
    int bestSuffix = -1;
    for (KeySpec k : Keys.families()) {
      int p = tokensMatching(rest, tokens, 0, +1, Keys.relaxed(k.prefix().substring(Keys.PREFIX.length())));
      if (p < 0) {
        continue;
      }
      int nameFrom = p;
      int nameTo;
      String suffix;
      int suffixLength;
      if (k.suffix().equals("*")) {
        nameTo = nameFrom + 1; // one token of name, the rest is the free-form sub-key
        if (nameTo >= tokens.size()) {
          continue;
        }
        StringBuilder sub = new StringBuilder();
        for (int t = nameTo; t < tokens.size(); t++) {
          sub.append(t > nameTo ? "." : "").append(text(rest, tokens.get(t)).toLowerCase(Locale.ROOT));
        }
        suffix = sub.toString();
        suffixLength = 0;
      } else {
        String relaxedSuffix = Keys.relaxed(k.suffix());
        int s = tokensMatching(rest, tokens, tokens.size() - 1, -1, relaxedSuffix);
        if (s < 0) {
          continue;
        }
        nameTo = s + 1; // s is the token before the suffix
        suffix = k.suffix();
        suffixLength = relaxedSuffix.length();
      }
      if (nameTo <= nameFrom || suffixLength <= bestSuffix) {
        continue;
      }
      String nameText = rest.substring(tokens.get(nameFrom)[0], tokens.get(nameTo - 1)[1]);
      Map<String, String> names = knownNames.getOrDefault(k.prefix(), Map.of());
      String name = names.getOrDefault(Keys.relaxed(nameText), nameText.toLowerCase(Locale.ROOT));
      best = new StringBuilder(k.prefix()).append(name).append('.').append(suffix).toString();
      bestSuffix = suffixLength;
    }
    return best;
  }

  /**
   * Walks tokens from {@code from} in direction {@code step} until their relaxed text equals {@code want}.
   * Returns the index of the first token not consumed, or -1 if the tokens do not spell {@code want}.
   */
  private static int tokensMatching(String s, List<int[]> tokens, int from, int step, String want) {
    StringBuilder got = new StringBuilder();
    for (int t = from; t >= 0 && t < tokens.size(); t += step) {
      String token = Keys.relaxed(text(s, tokens.get(t)));
      if (step > 0) {
        got.append(token);
      } else {
        got.insert(0, token);
      }
      if (got.length() == want.length()) {
        return got.toString().equals(want) ? t + step : -1;
      }
      if (got.length() > want.length()) {
        return -1;
      }
    }
    return -1;
  }

  /** [start, end) of each run between {@code _ . -} separators. */
  private static List<int[]> tokens(String s) {
    List<int[]> out = new ArrayList<>();
    int start = -1;
    for (int i = 0; i <= s.length(); i++) {
      boolean separator = i == s.length() || s.charAt(i) == '_' || s.charAt(i) == '.' || s.charAt(i) == '-';
      if (separator && start >= 0) {
        out.add(new int[] {start, i});
        start = -1;
      } else if (!separator && start < 0) {
        start = i;
      }
    }
    return out;
  }

  private static String text(String s, int[] token) {
    return s.substring(token[0], token[1]);
  }
}

package dev.agentguard.agent.config;

import static dev.agentguard.agent.config.ValueKind.*;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every key of SPEC §5, and the few this build adds beyond it ({@code injection.documents} and the
 * {@code injection.*-threshold} keys), in one table: its value syntax, whether this build enforces it,
 * its default and, for a key not supported yet, the values that ask for nothing and so are accepted
 * silently. To support a key, change its {@code notYet(...)} row to {@code supported(...)}. Also answers
 * "which key is this?" for the properties file, the environment and typo hints.
 *
 * <p>Code on the premain path here and in the loader joins strings with {@link String#concat} rather than
 * {@code +}: each {@code +} site is an invokedynamic bootstrap, several milliseconds apiece in a cold JVM.
 */
final class Keys {
  static final String PREFIX = "agentguard.";
  static final String TOOL_PREFIX = "agentguard.tool.";
  static final String CONFIG = "agentguard.config";

  // @formatter:off
  static final List<KeySpec> ALL = List.of(
      // key                                                value syntax                               default, inert values
      supported("config",                                  PATH,                                      null),
      supported("mode",                                    oneOf("enforce", "monitor", "off"),        "enforce"),
      supported("failure-mode",                            oneOf("closed", "open"),                   "closed"),
      supported("default-policy",                          oneOf("allow", "deny"),                    "allow"),
      supported("agent-id",                                WORD,                                      null),
      supported("frameworks",                              FRAMEWORKS,                                "langchain4j,spring-ai,mcp"),
      supported("principal.sources",                       PRINCIPAL_SOURCES,                         "context"),
      supported("audit.file",                              PATH,                                      "./agentguard-audit.jsonl"),
      supported("audit.hmac-key-file",                     EXISTING_FILE,                             null),
      supported("audit.max-file-size",                     SIZE,                                      "100MB"),
      supported("audit.fsync",                             oneOf("always", "batch"),                  "batch"),
      supported("injection.input",                         oneOf("block", "flag", "off"),             "block"),
      supported("injection.output",                        oneOf("flag", "redact", "block", "off"),   "flag"),
      supported("injection.patterns-file",                 EXISTING_FILE,                             null),
      supported("injection.input-threshold",               SCORE,                                     null),
      supported("injection.output-threshold",              SCORE,                                     null),
      notYet("audit.otel-logs",                            BOOLEAN,                                   "false", "false"),
      notYet("store",                                      oneOf("memory", "file", "redis"),          "file", "file", "memory"),
      notYet("store.dir",                                  PATH,                                      "./agentguard-state", "./agentguard-state"),
      notYet("store.redis.uri",                            REDIS_URI,                                 "redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
      notYet("console.port",                               PORT,                                      "0", "0"),
      notYet("console.bind",                               HOST,                                      "127.0.0.1", "127.0.0.1"),
      notYet("console.user.<name>.token-sha256",           SHA256_HEX,                                null),
      notYet("console.user.<name>.roles",                  WORDS,                                     null),
      notYet("approval.mode",                              oneOf("block", "async"),                   "block", "block"),
      notYet("approval.timeout",                           DURATION,                                  "1h", "1h"),
      notYet("approval.webhook",                           HTTP_URL,                                  null),
      notYet("pii.output",                                 oneOf("redact", "block", "off"),           "redact", "off"),
      notYet("pii.types",                                  PII_TYPES,                                 "email,phone,credit_card,ssn,iban,ip,secret"),
      notYet("pii.app-logs",                               BOOLEAN,                                   "false", "false"),
      notYet("risk.low.approval",                          APPROVAL_LEVEL,                            "none", "none"),
      notYet("risk.medium.approval",                       APPROVAL_LEVEL,                            "confirm", "none"),
      notYet("risk.high.approval",                         APPROVAL_LEVEL,                            "1", "none"),
      notYet("risk.critical.approval",                     APPROVAL_LEVEL,                            "2", "none"),
      notYet("rule.<name>.when",                           CEL,                                       null),
      notYet("rule.<name>.action",                         oneOf("deny", "require-approval", "flag", "halt-agent"), null),
      notYet("anomaly.<name>.*",                           CEL,                                       null),
      notYet("otel.enabled",                               BOOLEAN,                                   "true", "true", "false"),
      notYet("halt-file",                                  PATH_IN_EXISTING_DIRECTORY,                null),
      notYet("sandbox.default",                            oneOf("allow", "deny"),                    "allow", "allow"),

      supported("tool.<name>.method",                      METHOD,                                    null),
      supported("tool.<name>.enabled",                     BOOLEAN,                                   null),
      supported("tool.<name>.risk",                        oneOf("low", "medium", "high", "critical"), null),
      supported("tool.<name>.allow.users",                 ALLOW_LIST,                                null),
      supported("tool.<name>.allow.roles",                 ALLOW_LIST,                                null),
      supported("tool.<name>.allow.orgs",                  ALLOW_LIST,                                null),
      supported("tool.<name>.redact.params",               LIST,                                      null),
      supported("tool.<name>.schema",                      SCHEMA,                                    null),
      supported("tool.<name>.injection.input",             oneOf("block", "flag", "off"),             null),
      supported("tool.<name>.injection.output",            oneOf("flag", "redact", "block", "off"),   null),
      supported("tool.<name>.injection.documents",         LIST,                                      null),
      supported("tool.<name>.injection.input-threshold",   SCORE,                                     null),
      supported("tool.<name>.injection.output-threshold",  SCORE,                                     null),
      supported("tool.<name>.idempotent",                  BOOLEAN,                                   null),
      notYet("tool.<name>.approval",                       APPROVAL,                                  null, "none"),
      notYet("tool.<name>.approval.quorum",                COUNT_TO_100,                              null),
      notYet("tool.<name>.approval.roles",                 WORDS,                                     null),
      notYet("tool.<name>.rate-limit",                     RATE,                                      null),
      notYet("tool.<name>.rate-limit.per",                 oneOf("user", "agent", "session", "global"), "user", "user"),
      notYet("tool.<name>.concurrency",                    COUNT,                                     null),
      notYet("tool.<name>.cost",                           MONEY_OR_CEL,                              null),
      notYet("tool.<name>.budget",                         BUDGET,                                    null),
      notYet("tool.<name>.budget.per",                     oneOf("user", "agent", "global"),          null),
      notYet("tool.<name>.timeout",                        DURATION,                                  null),
      notYet("tool.<name>.circuit-breaker.failure-rate",   COUNT_TO_100,                              null),
      notYet("tool.<name>.circuit-breaker.min-calls",      COUNT,                                     null),
      notYet("tool.<name>.circuit-breaker.open-for",       DURATION,                                  null),
      notYet("tool.<name>.retry.max-attempts",             COUNT_TO_100,                              null, "1"),
      notYet("tool.<name>.retry.backoff",                  DURATION_RANGE,                            null),
      notYet("tool.<name>.journal",                        BOOLEAN,                                   "false", "false"),
      notYet("tool.<name>.journal.ttl",                    DURATION,                                  "24h", "24h"),
      notYet("tool.<name>.fallback",                       FALLBACK,                                  null),
      notYet("tool.<name>.pii.output",                     oneOf("redact", "block", "off"),           null, "off"),
      notYet("tool.<name>.sandbox.network",                NETWORK,                                   null),
      notYet("tool.<name>.sandbox.files.read",             WORDS,                                     null),
      notYet("tool.<name>.sandbox.files.write",            WORDS,                                     null),
      notYet("tool.<name>.sandbox.files.delete",           WORDS,                                     null),
      notYet("tool.<name>.sandbox.exec",                   EXEC,                                      null),
      notYet("tool.<name>.sandbox.sql.tables",             WORDS,                                     null),
      notYet("tool.<name>.sandbox.sql.operations",         SQL_OPERATIONS,                            null),
      notYet("tool.<name>.sandbox.sql.max-rows",           COUNT,                                     null),
      notYet("tool.<name>.sandbox.max-allocation",         SIZE,                                      null));
  // @formatter:on

  private static final Map<String, KeySpec> GLOBAL = new HashMap<>();
  private static final List<KeySpec> FAMILIES = new ArrayList<>();
  /** Global keys by their relaxed form ({@code auditmaxfilesize}), for the environment. */
  private static final Map<String, KeySpec> GLOBAL_RELAXED = new HashMap<>();

  static {
    for (KeySpec k : ALL) {
      if (k.templated()) {
        FAMILIES.add(k);
      } else {
        GLOBAL.put(k.prefix(), k);
        GLOBAL_RELAXED.put(relaxed(k.prefix().substring(PREFIX.length())), k);
      }
    }
  }

  /** A key found in the table, with the name filled into a family's {@code <name>} ({@code null} for globals). */
  record Match(KeySpec spec, String name) {}

  private Keys() {}

  /** The table row for {@code key}; for families the longest matching suffix wins. Null if unknown. */
  static Match lookup(String key) {
    KeySpec global = GLOBAL.get(key);
    if (global != null) {
      return new Match(global, null);
    }
    Match best = null;
    for (KeySpec k : FAMILIES) {
      String name = nameIn(k, key);
      if (name != null && (best == null || k.suffix().length() > best.spec().suffix().length())) {
        best = new Match(k, name);
      }
    }
    return best;
  }

  static List<KeySpec> families() {
    return FAMILIES;
  }

  static KeySpec global(String key) {
    return GLOBAL.get(key);
  }

  /** The global key whose relaxed form ({@code failuremode}) is this, or null. */
  static KeySpec globalByRelaxed(String relaxedWithoutPrefix) {
    return GLOBAL_RELAXED.get(relaxedWithoutPrefix);
  }

  /** Lower case without {@code _ . -}: the form in which environment variable names are compared. */
  static String relaxed(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '_' && c != '.' && c != '-') {
        b.append(Character.toLowerCase(c));
      }
    }
    return b.toString();
  }

  /** The global key whose relaxed form is within edit distance 2 of {@code relaxed}, else null. */
  static String suggestGlobalRelaxed(String relaxed) {
    String best = null;
    int bestDistance = 3;
    for (Map.Entry<String, KeySpec> e : GLOBAL_RELAXED.entrySet()) {
      int d = distance(relaxed, e.getKey());
      if (d < bestDistance || (d == bestDistance && best != null && e.getValue().prefix().compareTo(best) < 0)) {
        best = e.getValue().prefix();
        bestDistance = d;
      }
    }
    return best;
  }

  /** A known key within edit distance 2 of an unknown one (or the same key with the prefix), else null. */
  static String suggest(String key) {
    if (!key.startsWith(PREFIX) && lookup(PREFIX + key) != null) {
      return PREFIX + key;
    }
    String best = null;
    int bestDistance = 3;
    for (String known : GLOBAL.keySet()) {
      int d = distance(key, known);
      if (d < bestDistance || (d == bestDistance && best != null && known.compareTo(best) < 0)) {
        best = known;
        bestDistance = d;
      }
    }
    // Families: try every way of reading one dotted run of the key as the name, and compare the rest.
    List<Integer> dots = new ArrayList<>();
    for (int i = 0; i < key.length(); i++) {
      if (key.charAt(i) == '.') {
        dots.add(i);
      }
    }
    for (KeySpec k : FAMILIES) {
      for (int a = 0; a < dots.size(); a++) {
        String head = key.substring(0, dots.get(a) + 1);
        int dHead = distance(head, k.prefix());
        if (dHead >= bestDistance) {
          continue;
        }
        if (k.suffix().equals("*")) {
          continue; // any sub-key is valid, nothing to correct after the name
        }
        for (int b = a + 1; b < dots.size(); b++) {
          String name = key.substring(dots.get(a) + 1, dots.get(b));
          int d = dHead + distance(key.substring(dots.get(b) + 1), k.suffix());
          if (!name.isEmpty() && d < bestDistance) {
            best = k.key(name);
            bestDistance = d;
          }
        }
      }
    }
    return bestDistance == 0 ? null : best;
  }

  /** The name part of {@code key} if it belongs to family {@code k}, else null. */
  private static String nameIn(KeySpec k, String key) {
    String prefix = k.prefix();
    if (!key.startsWith(prefix)) {
      return null;
    }
    if (k.suffix().equals("*")) {
      int dot = key.indexOf('.', prefix.length());
      return dot > prefix.length() && dot < key.length() - 1 ? key.substring(prefix.length(), dot) : null;
    }
    int end = key.length() - k.suffix().length() - 1;
    if (end <= prefix.length() || !key.endsWith(k.suffix()) || key.charAt(end) != '.') {
      return null;
    }
    return key.substring(prefix.length(), end);
  }

  /** Optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          v = Math.min(v, d[i - 2][j - 2] + 1);
        }
        d[i][j] = v;
      }
    }
    return d[a.length()][b.length()];
  }

  private static KeySpec supported(String key, ValueKind kind, String defaultValue) {
    return spec(key, kind, List.of(), true, defaultValue, List.of());
  }

  private static KeySpec supported(String key, List<String> choices, String defaultValue) {
    return spec(key, ValueKind.CHOICE, choices, true, defaultValue, List.of());
  }

  private static KeySpec notYet(String key, ValueKind kind, String defaultValue, String... inertValues) {
    return spec(key, kind, List.of(), false, defaultValue, List.of(inertValues));
  }

  private static KeySpec notYet(String key, List<String> choices, String defaultValue, String... inertValues) {
    return spec(key, ValueKind.CHOICE, choices, false, defaultValue, List.of(inertValues));
  }

  private static KeySpec spec(String key, ValueKind kind, List<String> choices, boolean supported,
      String defaultValue, List<String> inert) {
    int name = key.indexOf("<name>.");
    if (name < 0) {
      return new KeySpec(PREFIX.concat(key), null, kind, choices, supported, defaultValue, inert);
    }
    return new KeySpec(PREFIX.concat(key.substring(0, name)), key.substring(name + "<name>.".length()), kind, choices,
        supported, defaultValue, inert);
  }

  private static List<String> oneOf(String... choices) {
    return List.of(choices);
  }
}

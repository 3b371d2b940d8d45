package dev.agentguard.agent.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every key of SPEC §5 in one table: its value syntax, whether this build enforces it, its default and, for
 * a key not supported yet, the values that ask for nothing and so are accepted silently. To support a key,
 * change its {@code notYet(...)} row to {@code supported(...)}. Also answers "which key is this?" for the
 * properties file, the environment and typo hints.
 */
final class Keys {
  static final String PREFIX = "agentguard.";
  static final String TOOL_PREFIX = "agentguard.tool.";
  static final String CONFIG = "agentguard.config";

  private static final List<String> FRAMEWORKS = List.of("langchain4j", "spring-ai", "mcp");
  private static final List<String> PII_TYPES =
      List.of("email", "phone", "credit_card", "ssn", "iban", "ip", "secret");
  private static final List<String> RISKS = List.of("low", "medium", "high", "critical");

  // @formatter:off
  static final List<KeySpec> ALL = List.of(
      //      key                              value syntax                                            default / inert values
      supported("config",                      Values::parsePath,                                      null),
      supported("mode",                        oneOf("enforce", "monitor", "off"),                     "enforce"),
      supported("failure-mode",                oneOf("closed", "open"),                                "closed"),
      supported("default-policy",              oneOf("allow", "deny"),                                 "allow"),
      supported("agent-id",                    Values::parseWord,                                      null),
      supported("frameworks",                  v -> Values.parseSubset(v, FRAMEWORKS),                 "langchain4j,spring-ai,mcp"),
      supported("principal.sources",           Values::parsePrincipalSources,                          "context"),
      supported("audit.file",                  Values::parsePath,                                      "./agentguard-audit.jsonl"),
      supported("audit.hmac-key-file",         Values::parseExistingFile,                              null),
      supported("audit.max-file-size",         Values::parseSize,                                      "100MB"),
      supported("audit.fsync",                 oneOf("always", "batch"),                               "batch"),
      supported("injection.input",             oneOf("block", "flag", "off"),                          "block"),
      supported("injection.output",            oneOf("flag", "redact", "block", "off"),                "flag"),
      supported("injection.patterns-file",     Values::parseExistingFile,                              null),
      notYet("audit.otel-logs",                Values::parseBoolean,                                   "false", "false"),
      notYet("store",                          oneOf("memory", "file", "redis"),                       "file", "file", "memory"),
      notYet("store.dir",                      Values::parsePath,                                      "./agentguard-state", "./agentguard-state"),
      notYet("store.redis.uri",                Values::parseRedisUri,                                  "redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
      notYet("console.port",                   Values::parsePort,                                      "0", "0"),
      notYet("console.bind",                   Values::parseHost,                                      "127.0.0.1", "127.0.0.1"),
      notYet("console.user.<name>.token-sha256", Values::parseSha256Hex,                               null),
      notYet("console.user.<name>.roles",      Values::parseWords,                                     null),
      notYet("approval.mode",                  oneOf("block", "async"),                                "block", "block"),
      notYet("approval.timeout",               Values::parseDuration,                                  "1h", "1h"),
      notYet("approval.webhook",               Values::parseHttpUrl,                                   null),
      notYet("pii.output",                     oneOf("redact", "block", "off"),                        "redact", "off"),
      notYet("pii.types",                      v -> Values.parseSubset(v, PII_TYPES),                  "email,phone,credit_card,ssn,iban,ip,secret"),
      notYet("pii.app-logs",                   Values::parseBoolean,                                   "false", "false"),
      notYet("risk.low.approval",              Values::parseApprovalLevel,                             "none", "none"),
      notYet("risk.medium.approval",           Values::parseApprovalLevel,                             "confirm", "none"),
      notYet("risk.high.approval",             Values::parseApprovalLevel,                             "1", "none"),
      notYet("risk.critical.approval",         Values::parseApprovalLevel,                             "2", "none"),
      notYet("rule.<name>.when",               Values::parseCel,                                       null),
      notYet("rule.<name>.action",             oneOf("deny", "require-approval", "flag", "halt-agent"), null),
      notYet("anomaly.<name>.*",               Values::parseCel,                                       null),
      notYet("otel.enabled",                   Values::parseBoolean,                                   "true", "true", "false"),
      notYet("halt-file",                      Values::parsePathInExistingDirectory,                   null),
      notYet("sandbox.default",                oneOf("allow", "deny"),                                 "allow", "allow"),

      supported("tool.<name>.method",          MethodPattern::parse,                                   null),
      supported("tool.<name>.enabled",         Values::parseBoolean,                                   null),
      supported("tool.<name>.risk",            oneOf(RISKS.toArray(new String[0])),                    null),
      supported("tool.<name>.allow.users",     AllowList::parse,                                       null),
      supported("tool.<name>.allow.roles",     AllowList::parse,                                       null),
      supported("tool.<name>.allow.orgs",      AllowList::parse,                                       null),
      supported("tool.<name>.redact.params",   Values::parseList,                                      null),
      supported("tool.<name>.schema",          Values::parseSchemaReference,                           null),
      supported("tool.<name>.injection.input", oneOf("block", "flag", "off"),                          null),
      supported("tool.<name>.injection.output", oneOf("flag", "redact", "block", "off"),               null),
      supported("tool.<name>.idempotent",      Values::parseBoolean,                                   null),
      notYet("tool.<name>.approval",           Values::parseApproval,                                  null, "none"),
      notYet("tool.<name>.approval.quorum",    v -> Values.parseInt(v, 1, 100),                        null),
      notYet("tool.<name>.approval.roles",     Values::parseWords,                                     null),
      notYet("tool.<name>.rate-limit",         Values::parseRate,                                      null),
      notYet("tool.<name>.rate-limit.per",     oneOf("user", "agent", "session", "global"),            "user", "user"),
      notYet("tool.<name>.concurrency",        v -> Values.parseInt(v, 1, Integer.MAX_VALUE),          null),
      notYet("tool.<name>.cost",               Values::parseMoneyOrCel,                                null),
      notYet("tool.<name>.budget",             Values::parseBudget,                                    null),
      notYet("tool.<name>.budget.per",         oneOf("user", "agent", "global"),                       null),
      notYet("tool.<name>.timeout",            Values::parseDuration,                                  null),
      notYet("tool.<name>.circuit-breaker.failure-rate", v -> Values.parseInt(v, 1, 100),              null),
      notYet("tool.<name>.circuit-breaker.min-calls", v -> Values.parseInt(v, 1, Integer.MAX_VALUE),   null),
      notYet("tool.<name>.circuit-breaker.open-for", Values::parseDuration,                            null),
      notYet("tool.<name>.retry.max-attempts", v -> Values.parseInt(v, 1, 100),                        null, "1"),
      notYet("tool.<name>.retry.backoff",      Values::parseDurationRange,                             null),
      notYet("tool.<name>.journal",            Values::parseBoolean,                                   "false", "false"),
      notYet("tool.<name>.journal.ttl",        Values::parseDuration,                                  "24h", "24h"),
      notYet("tool.<name>.fallback",           Values::parseFallback,                                  null),
      notYet("tool.<name>.pii.output",         oneOf("redact", "block", "off"),                        null, "off"),
      notYet("tool.<name>.sandbox.network",    Values::parseNetworkRules,                              null),
      notYet("tool.<name>.sandbox.files.read", Values::parseWords,                                     null),
      notYet("tool.<name>.sandbox.files.write", Values::parseWords,                                    null),
      notYet("tool.<name>.sandbox.files.delete", Values::parseWords,                                   null),
      notYet("tool.<name>.sandbox.exec",       Values::parseExecRules,                                 null),
      notYet("tool.<name>.sandbox.sql.tables", Values::parseWords,                                     null),
      notYet("tool.<name>.sandbox.sql.operations", Values::parseSqlOperations,                         null),
      notYet("tool.<name>.sandbox.sql.max-rows", v -> Values.parseInt(v, 1, Integer.MAX_VALUE),        null),
      notYet("tool.<name>.sandbox.max-allocation", Values::parseSize,                                  null));
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

  private static KeySpec supported(String key, ValueSyntax syntax, String defaultValue) {
    return spec(key, syntax, true, defaultValue, List.of());
  }

  private static KeySpec notYet(String key, ValueSyntax syntax, String defaultValue, String... inertValues) {
    return spec(key, syntax, false, defaultValue, List.of(inertValues));
  }

  private static KeySpec spec(String key, ValueSyntax syntax, boolean supported, String defaultValue,
      List<String> inert) {
    int name = key.indexOf("<name>.");
    if (name < 0) {
      return new KeySpec(PREFIX + key, null, syntax, supported, defaultValue, inert);
    }
    return new KeySpec(PREFIX + key.substring(0, name), key.substring(name + "<name>.".length()), syntax,
        supported, defaultValue, inert);
  }

  private static ValueSyntax oneOf(String... choices) {
    List<String> list = List.of(choices);
    return v -> Values.parseChoice(v, list).toLowerCase(Locale.ROOT);
  }
}

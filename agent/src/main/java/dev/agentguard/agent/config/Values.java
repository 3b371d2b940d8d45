package dev.agentguard.agent.config;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The one place each configuration value syntax is parsed (durations, sizes, rates, money, lists, paths...).
 * Every parser trims its input and throws {@link IllegalArgumentException} with a message the operator can
 * act on, for example {@code 'extreme' is not one of low, medium, high, critical}.
 */
public final class Values {
  private static final String DURATION = "a duration (a whole number and a unit: 500ms, 30s, 5m, 1h or 1d)";
  private static final String SIZE = "a size (a whole number and a unit: 512KB, 64MB, 1GB)";
  private static final String MONEY = "an amount of money (a number such as 10.00, not negative)";
  private static final List<String> SQL_OPERATIONS =
      List.of("SELECT", "INSERT", "UPDATE", "DELETE", "MERGE", "CREATE", "ALTER", "DROP", "TRUNCATE");

  private Values() {}

  /** {@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h}, {@code 1d}; greater than zero. */
  public static Duration parseDuration(String text) {
    String s = trim(text);
    int digits = leadingDigits(s);
    String unit = s.substring(digits);
    if (digits == 0 || digits > 18) {
      throw notA(s, DURATION);
    }
    long n = Long.parseLong(s, 0, digits, 10);
    if (n == 0) {
      throw new IllegalArgumentException(quote(s) + " is not a duration greater than zero");
    }
    try {
      switch (unit) {
        case "ms":
          return Duration.ofMillis(n);
        case "s":
          return Duration.ofSeconds(n);
        case "m":
          return Duration.ofMinutes(n);
        case "h":
          return Duration.ofHours(n);
        case "d":
          return Duration.ofDays(n);
        default:
          throw notA(s, DURATION);
      }
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(quote(s) + " is too long a duration");
    }
  }

  /** {@code 512KB}, {@code 100MB}, {@code 1GB} (units of 1024, case-insensitive, also B and TB), in bytes. */
  public static long parseSize(String text) {
    String s = trim(text);
    int digits = leadingDigits(s);
    if (digits == 0 || digits > 18) {
      throw notA(s, SIZE);
    }
    long n = Long.parseLong(s, 0, digits, 10);
    long unit;
    switch (s.substring(digits).toUpperCase(Locale.ROOT)) {
      case "B":
        unit = 1L;
        break;
      case "KB":
        unit = 1L << 10;
        break;
      case "MB":
        unit = 1L << 20;
        break;
      case "GB":
        unit = 1L << 30;
        break;
      case "TB":
        unit = 1L << 40;
        break;
      default:
        throw notA(s, SIZE);
    }
    if (n == 0) {
      throw new IllegalArgumentException(quote(s) + " is not a size greater than zero");
    }
    try {
      return Math.multiplyExact(n, unit);
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException(quote(s) + " is too large a size");
    }
  }

  /** {@code 50/1h}: a positive number of calls per a duration. */
  public static Rate parseRate(String text) {
    String s = trim(text);
    int slash = s.indexOf('/');
    int digits = leadingDigits(s);
    if (slash < 0 || digits != slash || digits == 0 || digits > 18) {
      throw notA(s, "a rate (calls/period, such as 50/1h)");
    }
    long permits = Long.parseLong(s, 0, digits, 10);
    if (permits == 0) {
      throw new IllegalArgumentException(quote(s) + " is not a rate: the number of calls must be at least 1");
    }
    Duration period;
    try {
      period = parseDuration(s.substring(slash + 1));
    } catch (IllegalArgumentException e) {
      throw notA(s, "a rate (calls/period, such as 50/1h): the period is not " + DURATION);
    }
    return new Rate(permits, period);
  }

  /** {@code 10.00}, {@code 0.02}, {@code 5}: a plain decimal, not negative, no exponent or currency sign. */
  public static BigDecimal parseMoney(String text) {
    String s = trim(text);
    if (!isPlainDecimal(s)) {
      throw notA(s, MONEY);
    }
    return new BigDecimal(s);
  }

  /** Digits, optionally a dot and more digits: no sign, exponent or leading/trailing dot. */
  private static boolean isPlainDecimal(String s) {
    int digits = leadingDigits(s);
    boolean ok = digits > 0;
    if (ok && digits < s.length()) {
      int fraction = s.length() - digits - 1;
      ok = s.charAt(digits) == '.' && fraction > 0 && leadingDigits(s.substring(digits + 1)) == fraction;
    }
    return ok;
  }

  /** {@code true} or {@code false} (any case) and nothing else: no yes/no/1/0 guessing. */
  public static boolean parseBoolean(String text) {
    String s = trim(text);
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    if (s.equalsIgnoreCase("false")) {
      return false;
    }
    throw notA(s, "true or false");
  }

  /** One of {@code choices} (compared ignoring case); returns the choice as listed. */
  public static String parseChoice(String text, List<String> choices) {
    String s = trim(text);
    for (String c : choices) {
      if (c.equalsIgnoreCase(s)) {
        return c;
      }
    }
    throw notA(s, "one of " + String.join(", ", choices));
  }

  /** A comma list; entries are trimmed and empty entries dropped, so {@code a, b,} is {@code [a, b]}. */
  public static List<String> parseList(String text) {
    String s = text == null ? "" : text;
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start <= s.length()) {
      int comma = s.indexOf(',', start);
      int end = comma < 0 ? s.length() : comma;
      String entry = s.substring(start, end).trim();
      if (!entry.isEmpty()) {
        out.add(entry);
      }
      start = end + 1;
    }
    return List.copyOf(out);
  }

  /** A comma list whose every entry is one of {@code allowed} (ignoring case); may be empty. */
  public static Set<String> parseSubset(String text, List<String> allowed) {
    Set<String> out = new LinkedHashSet<>();
    for (String entry : parseList(text)) {
      out.add(parseChoice(entry, allowed));
    }
    return Collections.unmodifiableSet(out);
  }

  /** A TCP port, 0 to 65535. */
  public static int parsePort(String text) {
    return parseInt(text, 0, 65_535);
  }

  /** A whole number from {@code min} to {@code max}, digits only. */
  public static int parseInt(String text, int min, int max) {
    String s = trim(text);
    int digits = leadingDigits(s);
    int n = digits == 0 || digits != s.length() || digits > 9 ? -1 : Integer.parseInt(s);
    if (n < min || n > max) {
      throw notA(s, max == Integer.MAX_VALUE ? "a whole number of at least " + min
          : "a whole number from " + min + " to " + max);
    }
    return n;
  }

  /** A detector score threshold: a plain decimal from 0.01 to 1 ("0.9"). */
  public static double parseScore(String text) {
    String s = trim(text);
    double d = isPlainDecimal(s) ? Double.parseDouble(s) : -1;
    if (!(d >= 0.01 && d <= 1)) {
      throw notA(s, "a score from 0.01 to 1, such as 0.9");
    }
    return d;
  }

  /** A file system path; relative paths are relative to the working directory. */
  public static Path parsePath(String text) {
    String s = trim(text);
    if (s.isEmpty()) {
      throw notA(s, "a file path");
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      throw new IllegalArgumentException(quote(s) + " is not a valid file path: " + e.getReason());
    }
  }

  /** A path to a regular, readable file that exists now. */
  public static Path parseExistingFile(String text) {
    Path p = parsePath(text);
    if (!Files.exists(p)) {
      throw new IllegalArgumentException("file not found: " + p + IoReason.workingDirectoryHint(p));
    }
    if (!Files.isRegularFile(p)) {
      throw new IllegalArgumentException(p + " is not a regular file");
    }
    if (!Files.isReadable(p)) {
      throw new IllegalArgumentException(p + " exists but cannot be read by this process");
    }
    return p;
  }

  /** A path whose directory exists (the file itself may come and go, like a halt file). */
  public static Path parsePathInExistingDirectory(String text) {
    Path p = parsePath(text);
    Path dir = p.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      throw new IllegalArgumentException("the directory of " + p + " does not exist"
          + (dir == null ? "" : " (" + dir + ")"));
    }
    return p;
  }

  /** {@code classpath:/schemas/x.json} or {@code file:config/schemas/x.json} (the file must exist). */
  public static String parseSchemaReference(String text) {
    String s = trim(text);
    if (s.startsWith("classpath:/") && s.length() > "classpath:/".length()) {
      return s;
    }
    if (s.startsWith("file:") && s.length() > "file:".length()) {
      try {
        parseExistingFile(s.substring("file:".length()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("schema " + e.getMessage());
      }
      return s;
    }
    throw notA(s, "a schema reference (classpath:/schemas/x.json or file:config/schemas/x.json)");
  }

  /** A CEL expression; only checked to be non-empty until the CEL guard compiles it. */
  public static String parseCel(String text) {
    String s = trim(text);
    if (s.isEmpty()) {
      throw notA(s, "a CEL expression");
    }
    return s;
  }

  /** {@code context,mdc:userId,baggage:enduser.id}: at least one, in order of preference. */
  public static List<PrincipalSource> parsePrincipalSources(String text) {
    List<PrincipalSource> out = new ArrayList<>();
    String what = "a principal source (context, mdc:KEY or baggage:KEY)";
    for (String entry : parseList(text)) {
      int colon = entry.indexOf(':');
      String kind = (colon < 0 ? entry : entry.substring(0, colon)).trim().toLowerCase(Locale.ROOT);
      String key = colon < 0 ? null : entry.substring(colon + 1).trim();
      if (kind.equals("context") && key == null) {
        out.add(new PrincipalSource(PrincipalSource.Kind.CONTEXT, null));
      } else if (kind.equals("mdc") && key != null && !key.isEmpty()) {
        out.add(new PrincipalSource(PrincipalSource.Kind.MDC, key));
      } else if (kind.equals("baggage") && key != null && !key.isEmpty()) {
        out.add(new PrincipalSource(PrincipalSource.Kind.BAGGAGE, key));
      } else {
        throw notA(entry, what);
      }
    }
    if (out.isEmpty()) {
      throw notA("", what);
    }
    return List.copyOf(out);
  }

  /** A single word such as an agent id: non-empty, no spaces or control characters. */
  public static String parseWord(String text) {
    String s = trim(text);
    boolean ok = !s.isEmpty();
    for (int i = 0; ok && i < s.length(); i++) {
      char c = s.charAt(i);
      ok = !Character.isWhitespace(c) && !Character.isISOControl(c);
    }
    if (!ok) {
      throw notA(s, "a single word without spaces");
    }
    return s;
  }

  // ---- syntaxes of keys whose feature is not built yet: checked now so the error list is complete ----

  /** {@code 200ms..5s} (first not above second) or one duration. */
  static Duration[] parseDurationRange(String text) {
    String s = trim(text);
    int dots = s.indexOf("..");
    if (dots < 0) {
      Duration d = parseDuration(s);
      return new Duration[] {d, d};
    }
    Duration from = parseDuration(s.substring(0, dots));
    Duration to = parseDuration(s.substring(dots + 2));
    if (from.compareTo(to) > 0) {
      throw new IllegalArgumentException(quote(s) + " is not a range: the first duration is the longer one");
    }
    return new Duration[] {from, to};
  }

  /** {@code 10.00/1d}: an amount per period. */
  static Object[] parseBudget(String text) {
    String s = trim(text);
    int slash = s.indexOf('/');
    if (slash < 0) {
      throw notA(s, "a budget (amount/period, such as 10.00/1d)");
    }
    return new Object[] {parseMoney(s.substring(0, slash)), parseDuration(s.substring(slash + 1))};
  }

  /** {@code none}, {@code required} or {@code when:<CEL>}. */
  static String parseApproval(String text) {
    String s = trim(text);
    if (s.regionMatches(true, 0, "when:", 0, 5)) {
      return "when:" + parseCel(s.substring(5));
    }
    return parseChoice(s, List.of("none", "required"));
  }

  /** {@code none}, {@code confirm} or a number of approvers (at least 1). */
  static String parseApprovalLevel(String text) {
    String s = trim(text);
    if (s.equalsIgnoreCase("none") || s.equalsIgnoreCase("confirm")) {
      return s.toLowerCase(Locale.ROOT);
    }
    try {
      return Integer.toString(parseInt(s, 1, 100));
    } catch (IllegalArgumentException e) {
      throw notA(s, "none, confirm or a number of approvers (1, 2, ...)");
    }
  }

  /** A fixed cost ({@code 0.02}) or a CEL expression computing it. */
  static Object parseMoneyOrCel(String text) {
    try {
      return parseMoney(text);
    } catch (IllegalArgumentException notMoney) {
      return parseCel(text);
    }
  }

  /** {@code tool:<name>} or a JSON value returned instead of calling the tool. */
  static String parseFallback(String text) {
    String s = trim(text);
    if (s.startsWith("tool:")) {
      return "tool:" + parseWord(s.substring(5));
    }
    if (s.isEmpty() || !FallbackJson.isJsonValue(s)) {
      throw notA(s, "a fallback (a JSON value such as {\"status\":\"unavailable\"}, or tool:<name>)");
    }
    return s;
  }

  /** {@code deny}, {@code allow}, or a list of {@code host[:port]} / {@code *.domain[:port]}. */
  static List<String> parseNetworkRules(String text) {
    List<String> entries = parseList(text);
    if (entries.size() == 1 && (entries.get(0).equalsIgnoreCase("deny") || entries.get(0).equalsIgnoreCase("allow"))) {
      return List.of(entries.get(0).toLowerCase(Locale.ROOT));
    }
    String what = "a network rule (deny, allow, or host[:port] and *.domain entries)";
    if (entries.isEmpty()) {
      throw notA("", what);
    }
    for (String e : entries) {
      int colon = e.lastIndexOf(':');
      String host = colon < 0 ? e : e.substring(0, colon);
      if (colon >= 0) {
        try {
          parseInt(e.substring(colon + 1), 1, 65_535);
        } catch (IllegalArgumentException badPort) {
          throw notA(e, what);
        }
      }
      if (host.startsWith("*.")) {
        host = host.substring(2);
      }
      if (!isHostName(host)) {
        throw notA(e, what);
      }
    }
    return entries;
  }

  /** {@code deny} or a list of absolute executable paths. */
  static List<String> parseExecRules(String text) {
    List<String> entries = parseList(text);
    if (entries.size() == 1 && entries.get(0).equalsIgnoreCase("deny")) {
      return List.of("deny");
    }
    if (entries.isEmpty()) {
      throw notA("", "deny or a list of absolute program paths");
    }
    for (String e : entries) {
      if (!parsePath(e).isAbsolute()) {
        throw notA(e, "an absolute program path such as /usr/bin/convert");
      }
    }
    return entries;
  }

  /** A non-empty comma list of words (globs, table names, role names). */
  static List<String> parseWords(String text) {
    List<String> entries = parseList(text);
    if (entries.isEmpty()) {
      throw notA("", "a comma list");
    }
    for (String e : entries) {
      parseWord(e);
    }
    return entries;
  }

  /** SQL statement kinds such as {@code SELECT,INSERT}. */
  static Set<String> parseSqlOperations(String text) {
    Set<String> ops = parseSubset(text, SQL_OPERATIONS);
    if (ops.isEmpty()) {
      throw notA("", "a list of SQL operations (" + String.join(", ", SQL_OPERATIONS) + ")");
    }
    return ops;
  }

  /** 64 hexadecimal digits. */
  static String parseSha256Hex(String text) {
    String s = trim(text);
    boolean ok = s.length() == 64;
    for (int i = 0; ok && i < s.length(); i++) {
      ok = Character.digit(s.charAt(i), 16) >= 0;
    }
    if (!ok) {
      // Not echoed: a token pasted here by mistake must not reach the log.
      throw new IllegalArgumentException("is not a SHA-256 in hex (64 characters 0-9a-f)");
    }
    return s.toLowerCase(Locale.ROOT);
  }

  /** An {@code http://} or {@code https://} URL. Never echoed: URLs carry tokens. */
  static URI parseHttpUrl(String text) {
    return parseUri(text, List.of("http", "https"), "an http:// or https:// URL");
  }

  /** A {@code redis://} or {@code rediss://} URI. Never echoed: URIs carry passwords. */
  static URI parseRedisUri(String text) {
    return parseUri(text, List.of("redis", "rediss"), "a redis:// or rediss:// URI");
  }

  /** A host name or IP address to bind to. */
  static String parseHost(String text) {
    String s = trim(text);
    if (!isHostName(s) && !isIpv6(s)) {
      throw notA(s, "a host name or IP address");
    }
    return s;
  }

  // ---- shared pieces ----

  static String trim(String text) {
    return text == null ? "" : text.trim();
  }

  /** The value in quotes for an error message, shortened so a pasted document does not flood the log. */
  static String quote(String value) {
    return "'" + (value.length() > 80 ? value.substring(0, 77) + "..." : value) + "'";
  }

  private static IllegalArgumentException notA(String value, String what) {
    return new IllegalArgumentException(value.isEmpty() ? "no value; expected " + what : quote(value) + " is not " + what);
  }

  private static int leadingDigits(String s) {
    int i = 0;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }

  private static URI parseUri(String text, List<String> schemes, String what) {
    String s = trim(text);
    try {
      URI uri = new URI(s);
      if (uri.getScheme() != null && schemes.contains(uri.getScheme().toLowerCase(Locale.ROOT))
          && uri.getHost() != null) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below, without the value
    }
    throw new IllegalArgumentException(s.isEmpty() ? "no value; expected " + what : "is not " + what);
  }

  private static boolean isHostName(String s) {
    if (s.isEmpty() || s.startsWith(".") || s.endsWith(".") || s.contains("..")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_')) {
        return false;
      }
    }
    return true;
  }

  private static boolean isIpv6(String s) {
    String body = s.startsWith("[") && s.endsWith("]") ? s.substring(1, s.length() - 1) : s;
    if (body.indexOf(':') < 0) {
      return false;
    }
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (!(Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
        return false;
      }
    }
    return true;
  }

  /** Kept in its own class so Jackson is loaded only when a {@code fallback=} key is present. */
  private static final class FallbackJson {
    static boolean isJsonValue(String s) {
      try {
        tools.jackson.databind.json.JsonMapper.builder().build().readTree(s);
        return true;
      } catch (tools.jackson.core.JacksonException e) {
        return false;
      }
    }
  }
}

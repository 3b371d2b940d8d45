package dev.agentguard.agent.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;

/**
 * The one place that turns a JSON tree into RFC 8785 (JCS) canonical JSON: the audit chain hashes it and
 * approvals bind arguments by its SHA-256.
 *
 * <p>Written by hand because Jackson has no JCS mode (it neither sorts by UTF-16 code units nor formats
 * doubles the ECMAScript way). Deliberate choices where RFC 8785 leaves us a decision:
 * <ul>
 *   <li>Integral nodes (int, long, BigInteger) are written as plain integers, exactly, even beyond 2^53,
 *       rather than through a double; a double that holds an integer below 1e21 prints the same digits, so a
 *       value read back as either kind canonicalizes the same way.</li>
 *   <li>NaN and infinities have no JSON form: {@link IllegalArgumentException}.</li>
 *   <li>A lone UTF-16 surrogate (invalid Unicode, which RFC 8785 would reject) becomes U+FFFD, as UTF-8
 *       encoders do: the output is always valid UTF-8 that Jackson reads back (it refuses an escaped lone
 *       surrogate in a property name), so a hostile tool argument cannot make an audit line unverifiable.</li>
 * </ul>
 */
public final class CanonicalJson {
  // On JDK 19+ Double.toString is the shortest, closest decimal (JDK-4511638); older JDKs sometimes add a digit.
  private static final boolean SHORTEST_DOUBLE_TO_STRING = Runtime.version().feature() >= 19;
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final HexFormat LOWER_HEX = HexFormat.of();

  private CanonicalJson() {}

  /** The canonical text of {@code node}; a Java {@code null} is the JSON {@code null}. */
  public static String canonicalize(JsonNode node) {
    StringBuilder out = new StringBuilder(128);
    write(out, node);
    return out.toString();
  }

  /** The canonical text as UTF-8 bytes, the form that is hashed. */
  public static byte[] canonicalUtf8(JsonNode node) {
    return canonicalize(node).getBytes(StandardCharsets.UTF_8);
  }

  /** Lower-case hex SHA-256 of the canonical UTF-8 bytes. */
  public static String sha256Hex(JsonNode node) {
    return LOWER_HEX.formatHex(sha256().digest(canonicalUtf8(node)));
  }

  /** Appends the canonical form of {@code node} (object keys sorted at every depth). */
  public static void write(StringBuilder out, JsonNode node) {
    if (node == null) {
      out.append("null");
      return;
    }
    switch (node.getNodeType()) {
      case OBJECT -> writeObject(out, node);
      case ARRAY -> {
        out.append('[');
        for (int i = 0, n = node.size(); i < n; i++) {
          if (i > 0) {
            out.append(',');
          }
          write(out, node.get(i));
        }
        out.append(']');
      }
      case STRING -> writeString(out, node.stringValue());
      case NUMBER -> {
        if (node.isIntegralNumber()) {
          if (node.isBigInteger()) {
            out.append(node.bigIntegerValue());
          } else {
            out.append(node.longValue());
          }
        } else {
          writeDouble(out, node.doubleValue());
        }
      }
      case BOOLEAN -> out.append(node.booleanValue());
      case NULL, MISSING -> out.append("null");
      // Jackson writes binary as Base64 text; reading that back gives a string, so hash it as one.
      case BINARY -> writeString(out, Base64.getEncoder().encodeToString(node.binaryValue()));
      default -> throw new IllegalArgumentException("no JSON form for a " + node.getNodeType() + " node");
    }
  }

  private static void writeObject(StringBuilder out, JsonNode node) {
    String[] keys = node.propertyNames().toArray(new String[0]);
    // String.compareTo compares UTF-16 code units, which is exactly the order RFC 8785 §3.2.3 asks for.
    Arrays.sort(keys);
    out.append('{');
    for (int i = 0; i < keys.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      writeString(out, keys[i]);
      out.append(':');
      write(out, node.get(keys[i]));
    }
    out.append('}');
  }

  /**
   * Appends the canonical form of the value at the parser's current token and consumes it, without building a
   * tree (twice as fast for {@code audit verify}). Same result as {@link #write(StringBuilder, JsonNode)} on
   * the tree Jackson would have built from the same text.
   *
   * @throws IllegalArgumentException for a number with no JSON form (an exponent past double range)
   */
  public static void write(StringBuilder out, JsonParser p) {
    JsonToken token = p.currentToken();
    if (token == null) {
      throw new IllegalArgumentException("no JSON value");
    }
    switch (token) {
      case START_OBJECT -> writeMembers(out, readMembers(p));
      case START_ARRAY -> {
        out.append('[');
        boolean first = true;
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (!first) {
            out.append(',');
          }
          first = false;
          write(out, p);
        }
        out.append(']');
      }
      case VALUE_STRING -> writeString(out, p.getString());
      case VALUE_NUMBER_INT -> {
        if (p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          out.append(p.getBigIntegerValue());
        } else {
          out.append(p.getLongValue());
        }
      }
      case VALUE_NUMBER_FLOAT -> writeDouble(out, p.getDoubleValue());
      case VALUE_TRUE -> out.append("true");
      case VALUE_FALSE -> out.append("false");
      case VALUE_NULL -> out.append("null");
      default -> throw new IllegalArgumentException("no JSON form for the token " + token);
    }
  }

  /**
   * Reads the object at the parser's current token ({@code START_OBJECT}) into the canonical text of each
   * member, sorted by key (UTF-16 code units). Callers may inspect or remove members, then
   * {@link #writeMembers} them.
   */
  public static SortedMap<String, String> readMembers(JsonParser p) {
    if (p.currentToken() != JsonToken.START_OBJECT) {
      throw new IllegalArgumentException("not a JSON object");
    }
    TreeMap<String, String> members = new TreeMap<>(); // String order is UTF-16 code unit order
    StringBuilder value = new StringBuilder(64);
    while (p.nextToken() == JsonToken.PROPERTY_NAME) {
      String key = p.currentName();
      p.nextToken();
      value.setLength(0);
      write(value, p);
      members.put(key, value.toString()); // a parser with duplicate detection never repeats a key
    }
    return members;
  }

  /** Appends {@code {"k":v,...}} from canonical member texts, in the map's (sorted) order. */
  public static void writeMembers(StringBuilder out, SortedMap<String, String> members) {
    out.append('{');
    boolean first = true;
    for (Map.Entry<String, String> m : members.entrySet()) {
      if (!first) {
        out.append(',');
      }
      first = false;
      writeString(out, m.getKey());
      out.append(':').append(m.getValue());
    }
    out.append('}');
  }

  /** Appends {@code s} as a JSON string with RFC 8785 escaping; {@code null} becomes {@code null}. */
  public static void writeString(StringBuilder out, String s) {
    if (s == null) {
      out.append("null");
      return;
    }
    out.append('"');
    int n = s.length();
    int clean = 0;
    while (clean < n) { // most strings need no escape: find out with one tight loop, then copy in bulk
      char c = s.charAt(clean);
      if (c < 0x20 || c == '"' || c == '\\' || c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE) {
        break;
      }
      clean++;
    }
    if (clean == n) {
      out.append(s).append('"');
      return;
    }
    int plainFrom = 0;
    for (int i = clean; i < n; i++) {
      char c = s.charAt(i);
      String escape = null;
      if (c == '"') {
        escape = "\\\"";
      } else if (c == '\\') {
        escape = "\\\\";
      } else if (c < 0x20) {
        escape = switch (c) {
          case '\b' -> "\\b";
          case '\t' -> "\\t";
          case '\n' -> "\\n";
          case '\f' -> "\\f";
          case '\r' -> "\\r";
          default -> null;
        };
        if (escape == null) {
          out.append(s, plainFrom, i);
          appendUnicodeEscape(out, c);
          plainFrom = i + 1;
          continue;
        }
      } else if (Character.isSurrogate(c)) {
        boolean paired = Character.isHighSurrogate(c)
            ? i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))
            : i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        if (paired) {
          continue;
        }
        out.append(s, plainFrom, i).append('\ufffd');
        plainFrom = i + 1;
        continue;
      } else {
        continue;
      }
      out.append(s, plainFrom, i).append(escape);
      plainFrom = i + 1;
    }
    out.append(s, plainFrom, s.length()).append('"');
  }

  private static void appendUnicodeEscape(StringBuilder out, char c) {
    out.append("\\u").append(HEX[c >> 12 & 0xF]).append(HEX[c >> 8 & 0xF])
        .append(HEX[c >> 4 & 0xF]).append(HEX[c & 0xF]);
  }

  /**
   * Appends {@code d} as ECMAScript's {@code Number.prototype.toString} does (RFC 8785 §3.2.2.3): the
   * shortest digits that read back to the same double, plain between 1e-6 and 1e21, else exponent form.
   */
  public static void writeDouble(StringBuilder out, double d) {
    if (Double.isNaN(d) || Double.isInfinite(d)) {
      throw new IllegalArgumentException("no JSON form for the number " + d);
    }
    if (d == 0) {
      out.append('0'); // also -0
      return;
    }
    if (d == Math.rint(d) && Math.abs(d) < 1e15) {
      out.append((long) d); // fast path: whole numbers are common (milliseconds, counts) and exact here
      return;
    }
    if (d < 0) {
      out.append('-');
      d = -d;
    }
    String java = Double.toString(d);
    // Split "123.45" or "1.2345E-7" into significant digits and ECMAScript's n (value = 0.digits * 10^n).
    int e = java.indexOf('E');
    int mantissaEnd = e < 0 ? java.length() : e;
    int exponent = e < 0 ? 0 : Integer.parseInt(java, e + 1, java.length(), 10);
    StringBuilder digits = new StringBuilder(20);
    int integerDigits = 0;
    int leadingZeros = 0;
    boolean afterPoint = false;
    for (int i = 0; i < mantissaEnd; i++) {
      char c = java.charAt(i);
      if (c == '.') {
        afterPoint = true;
        continue;
      }
      if (!afterPoint) {
        integerDigits++;
      }
      if (c == '0' && digits.length() == 0) {
        leadingZeros++; // "0.00123" is digits 123 with n = -2
      } else {
        digits.append(c);
      }
    }
    int n = integerDigits - leadingZeros + exponent;
    int last = digits.length();
    while (last > 1 && digits.charAt(last - 1) == '0') {
      last--;
    }
    digits.setLength(last);
    // For a normal double, two decimals of at most 15 digits never read back as the same double (DBL_DIG), so
    // Double.toString's digits are then the only, hence shortest, choice. JDK 19+ is exact beyond 2 digits.
    boolean trusted = d >= Double.MIN_NORMAL && last <= 15 || SHORTEST_DOUBLE_TO_STRING && last > 2;
    if (!trusted) {
      BigDecimal shortest = shortestDecimal(d, last);
      String unscaled = shortest.unscaledValue().toString();
      digits.setLength(0);
      digits.append(unscaled);
      n = unscaled.length() - shortest.scale();
    }
    appendEcmaScript(out, digits, n);
  }

  /** ECMAScript Number::toString layout of {@code 0.digits * 10^n}. */
  private static void appendEcmaScript(StringBuilder out, CharSequence digits, int n) {
    int k = digits.length();
    if (k <= n && n <= 21) {
      out.append(digits);
      for (int i = k; i < n; i++) {
        out.append('0');
      }
    } else if (0 < n && n <= 21) {
      out.append(digits, 0, n).append('.').append(digits, n, k);
    } else if (-6 < n && n <= 0) {
      out.append("0.");
      for (int i = n; i < 0; i++) {
        out.append('0');
      }
      out.append(digits);
    } else {
      out.append(digits.charAt(0));
      if (k > 1) {
        out.append('.').append(digits, 1, k);
      }
      int exponent = n - 1;
      out.append('e').append(exponent < 0 ? '-' : '+').append(Math.abs(exponent));
    }
  }

  /**
   * The shortest decimal that reads back as {@code d} (> 0), the closest one when several have that length.
   * {@code javaLength} is the digit count of Double.toString, which always reads back.
   */
  private static BigDecimal shortestDecimal(double d, int javaLength) {
    BigDecimal exact = new BigDecimal(d);
    BigDecimal best = closestRoundTrip(exact, d, javaLength);
    if (best == null) {
      best = new BigDecimal(Double.toString(d)); // cannot happen: Double.toString reads back
    }
    // Any length that reads back implies all longer ones do, so walk down until one no longer does.
    for (int p = javaLength - 1; p >= 1; p--) {
      BigDecimal shorter = closestRoundTrip(exact, d, p);
      if (shorter == null) {
        break;
      }
      best = shorter;
    }
    return best.stripTrailingZeros();
  }

  /** Of the two p-digit decimals around {@code exact}, the closer one that reads back as {@code d}, or null. */
  private static BigDecimal closestRoundTrip(BigDecimal exact, double d, int p) {
    BigDecimal nearest = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
    if (nearest.doubleValue() == d) {
      return nearest;
    }
    BigDecimal other = exact.round(new MathContext(p,
        nearest.compareTo(exact) < 0 ? RoundingMode.CEILING : RoundingMode.FLOOR));
    return other.doubleValue() == d ? other : null;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e); // every Java SE runtime must have it
    }
  }
}

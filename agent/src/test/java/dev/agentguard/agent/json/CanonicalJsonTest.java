package dev.agentguard.agent.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

class CanonicalJsonTest {

  private static String canon(String json) {
    return CanonicalJson.canonicalize(StrictJson.parse(json));
  }

  private static String number(double d) {
    StringBuilder sb = new StringBuilder();
    CanonicalJson.writeDouble(sb, d);
    return sb.toString();
  }

  /** RFC 8785 §3.2.2 / Appendix A: the main example. */
  @Test
  void rfc8785MainExample() {
    String input = """
        {
          "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
          "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
          "literals": [null, true, false]
        }""";
    String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,1e-27],"
        + "\"string\":\"€$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertEquals(expected, canon(input));
    // RFC 8785 §3.2.4: the UTF-8 bytes of that result.
    String hex = "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a5b3333"
        + "333333333333332e333333333333332c31652b33302c342e352c302e3030322c31652d32375d2c22737472696e67"
        + "223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d";
    assertArrayEquals(HexFormat.of().parseHex(hex), CanonicalJson.canonicalUtf8(StrictJson.parse(input)));
  }

  /** RFC 8785 §3.2.3: keys sorted by UTF-16 code units, not code points or locale. */
  @Test
  void rfc8785SortingExample() {
    String input = """
        {
          "\\u20ac": "Euro Sign",
          "\\r": "Carriage Return",
          "\\ufb33": "Hebrew Letter Dalet With Dagesh",
          "1": "One",
          "\\ud83d\\ude00": "Emoji: Grinning Face",
          "\\u0080": "Control",
          "\\u00f6": "Latin Small Letter O With Diaeresis"
        }""";
    String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\","
        + "\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\","
        + "\"\ud83d\ude00\":\"Emoji: Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
    assertEquals(expected, canon(input));
  }

  /** RFC 8785 Appendix B: IEEE-754 bit patterns and their ECMAScript serialization. */
  @ParameterizedTest
  @CsvSource({
      "0000000000000000, 0",
      "8000000000000000, 0",
      "0000000000000001, 5e-324",
      "8000000000000001, -5e-324",
      "7fefffffffffffff, 1.7976931348623157e+308",
      "ffefffffffffffff, -1.7976931348623157e+308",
      "4340000000000000, 9007199254740992",
      "c340000000000000, -9007199254740992",
      "4430000000000000, 295147905179352830000",
      "44b52d02c7e14af5, 9.999999999999997e+22",
      "44b52d02c7e14af6, 1e+23",
      "44b52d02c7e14af7, 1.0000000000000001e+23",
      "444b1ae4d6e2ef4e, 999999999999999700000",
      "444b1ae4d6e2ef4f, 999999999999999900000",
      "444b1ae4d6e2ef50, 1e+21",
      "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
      "3eb0c6f7a0b5ed8d, 0.000001",
      "41b3de4355555553, 333333333.3333332",
      "41b3de4355555554, 333333333.33333325",
      "41b3de4355555555, 333333333.3333333",
      "41b3de4355555556, 333333333.3333334",
      "41b3de4355555557, 333333333.33333343",
      "becbf647612f3696, -0.0000033333333333333333",
      "43143ff3c1cb0959, 1424953923781206.2",
  })
  void rfc8785NumberSamples(String bits, String expected) {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(bits, 16));
    assertEquals(expected, number(d));
  }

  @Test
  void everyOutputIsTheShortestThatReadsBack() {
    Random random = new Random(42);
    for (int i = 0; i < 40_000; i++) {
      // Half arbitrary bit patterns (16-17 digits, subnormals), half measurement-like values with few digits.
      double d = i % 2 == 0 ? Double.longBitsToDouble(random.nextLong())
          : random.nextInt(10_000_000) / Math.pow(10, random.nextInt(12)) * Math.pow(10, random.nextInt(40) - 20);
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      String s = number(d);
      assertEquals(d == 0 ? 0.0 : d, Double.parseDouble(s), s);
      String digits = s.replaceFirst("^-", "").replaceFirst("e.*$", "").replace(".", "")
          .replaceFirst("^0+", "").replaceFirst("0+$", "");
      if (digits.length() > 1) {
        // One digit fewer, rounded either way, must no longer read back.
        java.math.BigDecimal exact = new java.math.BigDecimal(d);
        java.math.MathContext shorter = new java.math.MathContext(digits.length() - 1,
            java.math.RoundingMode.HALF_EVEN);
        java.math.BigDecimal up = exact.round(new java.math.MathContext(digits.length() - 1,
            java.math.RoundingMode.UP));
        java.math.BigDecimal down = exact.round(new java.math.MathContext(digits.length() - 1,
            java.math.RoundingMode.DOWN));
        assertEquals(false, exact.round(shorter).doubleValue() == d || up.doubleValue() == d
            || down.doubleValue() == d, () -> s + " is not the shortest form of " + d);
      }
    }
  }

  @Test
  void integersArePlainAndDoublesOfIntegersMatchThem() {
    assertEquals("[12,-7,123456789012345678901234567890,12,1e+21]",
        canon("[12, -7, 123456789012345678901234567890, 12.0, 1e21]"));
    JsonNodeFactory f = JsonNodeFactory.instance;
    assertEquals(CanonicalJson.canonicalize(f.numberNode(5L)), CanonicalJson.canonicalize(f.numberNode(5.0)));
    assertEquals("9007199254740993", CanonicalJson.canonicalize(f.numberNode(9007199254740993L)));
    assertEquals("18446744073709551616",
        CanonicalJson.canonicalize(f.numberNode(BigInteger.ONE.shiftLeft(64))));
  }

  @Test
  void stringEscapes() {
    StringBuilder sb = new StringBuilder();
    CanonicalJson.writeString(sb, "a\"b\\c\b\f\n\r\t\u0001\u001f\u007f\u2028é/");
    assertEquals("\"a\\\"b\\\\c\\b\\f\\n\\r\\t\\u0001\\u001f\u007f\u2028é/\"", sb.toString());
  }

  @Test
  void loneSurrogatesBecomeReplacementCharactersSoTheTextAlwaysReadsBack() {
    String s = "x\ud800y\udc00z\ud83d\ude00";
    ObjectNode n = JsonNodeFactory.instance.objectNode().put("k", s).put("key\udbff", 1);
    String text = CanonicalJson.canonicalize(n);
    assertEquals("{\"k\":\"x\ufffdy\ufffdz\ud83d\ude00\",\"key\ufffd\":1}", text);
    JsonNode back = StrictJson.parse(text);
    assertEquals(text, new String(CanonicalJson.canonicalUtf8(back), StandardCharsets.UTF_8));
  }

  @Test
  void nestedObjectsAreSortedAndWhitespaceDropped() {
    assertEquals("{\"a\":{\"x\":[1,{\"m\":null,\"n\":true}],\"y\":\"\"},\"b\":[]}",
        canon("{ \"b\" : [ ], \"a\": {\"y\":\"\", \"x\":[1, {\"n\":true, \"m\":null}]}}"));
  }

  @Test
  void nonFiniteNumbersAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> canon("[1e400]"));
    assertThrows(IllegalArgumentException.class, () -> {
      byte[] text = "{\"a\":-1e400}".getBytes(StandardCharsets.UTF_8);
      try (var parser = StrictJson.parser(text, 0, text.length)) {
        parser.nextToken();
        CanonicalJson.write(new StringBuilder(), parser);
      }
    });
    assertThrows(IllegalArgumentException.class, () -> number(Double.NaN));
    assertThrows(IllegalArgumentException.class,
        () -> CanonicalJson.canonicalize(JsonNodeFactory.instance.numberNode(Double.POSITIVE_INFINITY)));
  }

  @Test
  void streamingAndTreeCanonicalizationAgree() {
    Random random = new Random(11);
    for (int i = 0; i < 3000; i++) {
      StringBuilder json = new StringBuilder();
      randomValue(random, json, 0);
      String text = json.toString();
      String fromTree = canon(text);
      StringBuilder fromStream = new StringBuilder();
      try (var parser = StrictJson.parser(text.getBytes(StandardCharsets.UTF_8), 0,
          text.getBytes(StandardCharsets.UTF_8).length)) {
        parser.nextToken();
        CanonicalJson.write(fromStream, parser);
      }
      assertEquals(fromTree, fromStream.toString(), text);
    }
  }

  private static final String[] NUMBERS = {"0", "-0", "7", "-12", "9007199254740993", "123456789012345678901234",
      "-0.0", "1.5", "1e3", "1E-7", "2.50", "0.1", "1e21", "-4.9e-324", "333333333.33333329", "1e-400"};
  private static final String[] STRINGS = {"", "a", "\\u20ac", "é", "\\ud83d\\ude00", "\\ud800", "\\n\\t",
      "\\\"", "\\/", "\u007f", "\\u0000"};

  private static void randomValue(Random r, StringBuilder out, int depth) {
    int kind = depth > 3 ? r.nextInt(4) : r.nextInt(6);
    switch (kind) {
      case 0 -> out.append(NUMBERS[r.nextInt(NUMBERS.length)]);
      case 1 -> out.append('"').append(STRINGS[r.nextInt(STRINGS.length)]).append(STRINGS[r.nextInt(STRINGS.length)])
          .append('"');
      case 2 -> out.append(r.nextBoolean() ? "true" : "false");
      case 3 -> out.append("null");
      case 4 -> {
        out.append(" [ ");
        int n = r.nextInt(4);
        for (int i = 0; i < n; i++) {
          if (i > 0) {
            out.append(" , ");
          }
          randomValue(r, out, depth + 1);
        }
        out.append(']');
      }
      default -> {
        out.append('{');
        int n = r.nextInt(5);
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < n; i++) {
          // Jackson refuses an escaped lone surrogate in a property name, so keys avoid STRINGS[5].
          String key = STRINGS[r.nextInt(5)] + (char) ('a' + r.nextInt(5));
          if (!used.add(key)) {
            continue;
          }
          if (used.size() > 1) {
            out.append(',');
          }
          out.append('"').append(key).append("\" : ");
          randomValue(r, out, depth + 1);
        }
        out.append("}");
      }
    }
  }

  @Test
  void sha256IsOfTheCanonicalBytes() {
    // Same tree in two spellings, one hash; the value was computed independently with sha256sum.
    String a = CanonicalJson.sha256Hex(StrictJson.parse("{\"b\":2,\"a\":1}"));
    String b = CanonicalJson.sha256Hex(StrictJson.parse("{ \"a\": 1.0, \"b\": 2 }"));
    assertEquals(a, b);
    assertEquals("43258cff783fe7036d8a43033f830adfc60ec037382473548ac742b888292777", a);
  }
}

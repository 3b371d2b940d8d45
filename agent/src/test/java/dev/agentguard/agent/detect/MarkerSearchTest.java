package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The windowed scan (automaton only near anchor chars) must report exactly what a naive search finds. */
class MarkerSearchTest {
  private static List<String> naive(List<String> patterns, char[] text) {
    return naive(patterns, text, 0, text.length);
  }

  private static List<String> naive(List<String> patterns, char[] text, int from, int to) {
    List<String> out = new ArrayList<>();
    for (int end = from + 1; end <= to; end++) {
      for (int p = 0; p < patterns.size(); p++) {
        String pat = patterns.get(p);
        int start = end - pat.length();
        if (start >= from && new String(text, start, pat.length()).equals(pat)) {
          out.add(p + "@" + end);
        }
      }
    }
    return out;
  }

  /**
   * The fixed patterns plus {@code extra} random ones of 1 to {@code maxLength} chars from {@code alphabet}
   * without its last char (the alphabets end with a non-ASCII char, for texts only: patterns are ASCII).
   */
  private static List<String> patterns(Random random, String alphabet, int extra, int maxLength, String... fixed) {
    List<String> patterns = new ArrayList<>(List.of(fixed));
    for (int k = 0; k < extra; k++) {
      StringBuilder p = new StringBuilder();
      int len = 1 + random.nextInt(maxLength);
      for (int i = 0; i < len; i++) {
        p.append(alphabet.charAt(random.nextInt(alphabet.length() - 1)));
      }
      patterns.add(p.toString());
    }
    return patterns;
  }

  private static List<String> scanned(MarkerSearch ac, char[] text) {
    return scanned(ac, text, 0, text.length);
  }

  private static List<String> scanned(MarkerSearch ac, char[] text, int from, int to) {
    List<String> out = new ArrayList<>();
    assertEquals(to - from, ac.scan(text, from, to, (p, end) -> out.add(p + "@" + end)));
    return out;
  }

  @Test
  void reportsEveryMatchInOrder() {
    Random random = new Random(42);
    String alphabet = "ab:<|[]#\" sy-xé";
    for (int round = 0; round < 300; round++) {
      List<String> patterns = patterns(random, alphabet, 4, 6, "<|", "system:", "[inst]", "\"role\"", "## s", "ab:");
      MarkerSearch ac = new MarkerSearch(patterns);
      StringBuilder text = new StringBuilder();
      int size = random.nextInt(400);
      for (int i = 0; i < size; i++) {
        // Mostly letters, so that anchors are sparse and windows and gaps alternate.
        text.append(random.nextInt(6) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
            : (char) ('a' + random.nextInt(26)));
      }
      char[] chars = text.toString().toCharArray();
      assertEquals(naive(patterns, chars), scanned(ac, chars), () -> patterns + " in " + text);
    }
  }

  /**
   * Dense anchors (JSON-like), so that windows overlap and stretch without a restart, and scans of a
   * sub-range: nothing outside [from, to) may match.
   */
  @Test
  void denseAnchorsAndSubRanges() {
    Random random = new Random(7);
    String alphabet = "\":{}[],ab sry-lé";
    for (int round = 0; round < 500; round++) {
      List<String> patterns = patterns(random, alphabet, 3, 5, "\"role\"", "sys:", "a :", "[s", "\"", "ry\":");
      if (round % 2 == 0) {
        patterns.remove("\""); // with and without a one-char pattern
      }
      MarkerSearch ac = new MarkerSearch(patterns);
      StringBuilder text = new StringBuilder();
      int size = random.nextInt(300);
      for (int i = 0; i < size; i++) {
        text.append(random.nextInt(3) == 0 ? (char) ('a' + random.nextInt(26))
            : alphabet.charAt(random.nextInt(alphabet.length())));
      }
      char[] chars = text.toString().toCharArray();
      int from = size == 0 ? 0 : random.nextInt(size);
      int to = from + random.nextInt(size - from + 1);
      assertEquals(naive(patterns, chars), scanned(ac, chars), () -> patterns + " in " + text);
      assertEquals(naive(patterns, chars, from, to), scanned(ac, chars, from, to),
          () -> patterns + " in " + text + " [" + from + ", " + to + ")");
    }
  }
}

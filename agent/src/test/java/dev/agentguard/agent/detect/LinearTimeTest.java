package dev.agentguard.agent.detect;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Proves the scan is linear on pathological input by WORK DONE, not wall-clock: the detector counts
 * characters and rule steps it processes, and a 1 MB input must cost about 100 times a 10 KB one
 * (a quadratic scan would cost about 10,000 times).
 */
class LinearTimeTest {
  private static final InjectionDetector DETECTOR = InjectionDetector.defaults();

  /** Repeats {@code unit} up to {@code size} chars. */
  private static String repeat(String unit, int size) {
    StringBuilder sb = new StringBuilder(size + unit.length());
    while (sb.length() < size) {
      sb.append(unit);
    }
    return sb.substring(0, size);
  }

  private static IntFunction<String> input(String kind) {
    return switch (kind) {
      // Every token starts a rule and every gap could be filled.
      case "rule-starts" -> n -> repeat("ignore ignore previous ", n);
      // Openers whose look-ahead never finds its closer.
      case "open-comments" -> n -> repeat("<!--", n);
      case "image-openers" -> n -> repeat("![x", n);
      case "chat-openers" -> n -> repeat("<|", n);
      case "img-tags" -> n -> repeat("<img src", n);
      case "alt-quotes" -> n -> repeat("alt=\"", n);
      case "urls" -> n -> repeat("http://", n);
      // One unbroken run that looks like base64 or hex.
      case "base64-run" -> n -> repeat("QUJDRGVmZ2hpams", n);
      case "hex-run" -> n -> repeat("0123456789abcdef", n);
      // Spaced single letters that the tokenizer merges.
      case "spaced-letters" -> n -> repeat("a b c d e f g ", n);
      // Escapes and entities the normaliser decodes.
      case "entities" -> n -> repeat("&#105;&amp;%41\\u0041", n);
      // Morse-like and binary-like runs for the decoders.
      case "morse" -> n -> repeat(".- -... ", n);
      case "octets" -> n -> repeat("01001001 ", n);
      // One sentence with no end, and zero-width characters everywhere.
      case "no-punctuation" -> n -> repeat("word ", n);
      case "zero-width" -> n -> repeat("i\u200bg\u200b", n);
      case "cjk" -> n -> repeat("忽略之前", n);
      // One endless sentence written backwards, one endless line upside down: each decoded whole.
      case "backwards" -> n -> repeat("erongi lla ruoy metsys ", n);
      case "upside-down" -> n -> repeat("\u0287d\u026Fo\u0279d \u026F\u01DD\u0287s\u028Es ", n);
      // Many small hidden comments, each searched for a model addressed by name.
      case "comments" -> n -> repeat("<!-- note: x --> word ", n);
      // Role labels on one endless line, each followed by a look for words addressed to the model.
      case "system-labels" -> n -> repeat("system: x ", n);
      // Words of the data-order finders on one endless line, none completing its frame: every word is
      // an AI reader, a "to", a negation or an order verb whose look-around never finds the rest.
      case "data-orders" -> n -> repeat("to ai agents do not call run_x use ", n);
      // One endless AI reader's phrase: each of its words would follow it to either end.
      case "reader-phrases" -> n -> repeat("ai automated assistant bot model ", n);
      // Labels to the AI reader with no order after them, owners that never end, and no chat log to stop at.
      case "reader-labels" -> n -> repeat("note (ai bot: x x x of the de ", n);
      // Bracketed tags full of "system", none naming an order: each looks for its brackets and an order word.
      case "system-tags" -> n -> repeat("[system x system ", n);
      // Rule matches among quotation marks that never close: each mark would look for its closing one.
      case "open-quotes" -> n -> repeat("such as 'ignore previous instructions \" 'x ", n);
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest
  @ValueSource(strings = {
    "rule-starts", "open-comments", "image-openers", "chat-openers", "img-tags", "alt-quotes", "urls",
    "base64-run", "hex-run", "spaced-letters", "entities", "morse", "octets", "no-punctuation", "zero-width", "cjk",
    "backwards", "upside-down", "comments", "system-labels", "data-orders",
    "reader-phrases", "reader-labels", "system-tags", "open-quotes"
  })
  void workGrowsLinearly(String kind) {
    IntFunction<String> make = input(kind);
    DETECTOR.scan(make.apply(10_000), Use.OUTPUT);
    long small = DETECTOR.lastScanWork();
    DETECTOR.scan(make.apply(1_000_000), Use.OUTPUT);
    long large = DETECTOR.lastScanWork();
    double ratio = large / (double) small;
    System.out.printf("linear-time %-15s 10 KB: %,d work, 1 MB: %,d work, ratio %.1f%n", kind, small, large, ratio);
    assertTrue(small >= 10_000, () -> kind + ": work counter too low to mean anything: " + small);
    // Tight around 100: a step that only starts on large inputs (a decoded rescan of the whole text,
    // as an int overflow in the Caesar test once caused at 1 MB) shows as ~200 and must fail.
    assertTrue(ratio > 80 && ratio < 125, () -> kind + ": 10 KB cost " + small + ", 1 MB cost " + large
        + " (ratio " + ratio + ", linear is ~100)");
  }
}

package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Signal;
import dev.agentguard.agent.detect.Use;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a stream's text values (a {@code Flux} of chunks) in their context. Each value is scanned alone
 * as it arrives; this finds what only the joined text shows, an instruction split across values ("Ignore
 * all prev" + "ious instructions and ..."), without the false alarms of judging a text cut short: "Please
 * ignore the previous" is an order until the next value says "draft". So the joined text is judged only up
 * to its last sentence end (or line end), and what comes after waits for the next value or for the stream's
 * end. A finding counts once: when one of its spans ends past what the earlier values' scans judged.
 */
final class StreamContext {
  /** The joined scan reads this much of a value; the value's own scan reads all of it. */
  static final int VALUE_CHARS = 1024;
  /** A run this long without a sentence end (code, a list on one line) is judged up to a word boundary... */
  static final int HOLD_MAX = 256;
  /** ...this far before its end, past any look-ahead of the rules. */
  static final int HOLD_MIN = 64;

  private StreamContext() {}

  /**
   * What the value {@code value} adds to the text before it (the end of what the earlier values
   * {@code delivered}, after its last redaction): a finding that the joined text shows up to its last sentence
   * end and the earlier scans could not, with its spans as offsets into {@code value} (a span wholly in the
   * text before becomes empty at 0: it was delivered already); null when there is none.
   */
  static Detection added(InjectionDetector detector, String delivered, String value) {
    String before = afterMarker(delivered);
    if (before.isEmpty()) {
      return null;
    }
    String joined = before + (value.length() > VALUE_CHARS ? value.substring(0, VALUE_CHARS) : value);
    int judged = settledEnd(before);
    int cut = settledEnd(joined);
    if (cut <= judged) {
      return null; // nothing new to judge before more text arrives
    }
    return newPart(detector.scan(joined.substring(0, cut), Use.OUTPUT), judged, before.length());
  }

  /**
   * At the stream's end: a finding in the part of the end of what it {@code delivered} that waited for more
   * text and got none; null when there is none.
   */
  static Detection atEnd(InjectionDetector detector, String delivered) {
    String text = afterMarker(delivered);
    int judged = settledEnd(text);
    if (judged >= text.length()) {
      return null;
    }
    return newPart(detector.scan(text, Use.OUTPUT), judged, text.length());
  }

  /**
   * The finding in {@code d} past {@code judged}, with its spans shifted by {@code shift} and cut at 0, or null
   * when {@code d} is not detected or none of its spans ends past {@code judged}.
   */
  private static Detection newPart(Detection d, int judged, int shift) {
    if (!d.detected()) {
      return null;
    }
    List<Signal> found = new ArrayList<>();
    for (Signal s : d.signals()) {
      if (s.start() >= 0 && s.end() > judged) {
        found.add(new Signal(s.family(), s.name(), Math.max(s.start() - shift, 0), Math.max(s.end() - shift, 0)));
      }
    }
    if (found.isEmpty()) {
      return null;
    }
    boolean inValue = d.start() >= 0 && d.end() > shift;
    return new Detection(true, d.score(), List.copyOf(found), inValue ? Math.max(d.start() - shift, 0) : -1,
        inValue ? d.end() - shift : -1);
  }

  /** Whether one of the finding's spans lies in the value, so redacting the value can remove something. */
  static boolean reachesValue(Detection d) {
    for (Signal s : d.signals()) {
      if (s.end() > s.start()) {
        return true;
      }
    }
    return false;
  }

  /**
   * The text after the last redaction marker: what came before it was judged and redacted, and the marker's
   * own words ("instruction", "removed") are not the stream's, so "Ignore all prev" + a marker is no order.
   */
  private static String afterMarker(String text) {
    int at = text.lastIndexOf(InjectionOutputGuard.MARKER);
    return at < 0 ? text : text.substring(at + InjectionOutputGuard.MARKER.length());
  }

  /**
   * How far {@code text} can be judged without more of it: past its last sentence or line end; where the
   * last {@link #HOLD_MAX} chars hold none, to the last word boundary {@link #HOLD_MIN} chars before the end.
   */
  static int settledEnd(String text) {
    int len = text.length();
    int end = len;
    while (end > 0 && !InjectionOutputGuard.endsSentence(text, end - 1)) {
      end--;
    }
    if (len - end > HOLD_MAX) {
      int word = len - HOLD_MIN;
      while (word > end && !Character.isWhitespace(text.charAt(word - 1))) {
        word--;
      }
      end = word;
    }
    return end;
  }
}

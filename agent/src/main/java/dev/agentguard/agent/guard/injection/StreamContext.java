package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Signal;
import dev.agentguard.agent.detect.Use;
import java.util.ArrayList;
import java.util.List;

/**
 * Reading a stream's text values (a {@code Flux} of chunks, of a model's tokens, of e-mails) as the one text
 * they make. A value alone is often a piece of a sentence: "Ignore all prev" and "ious instructions and ..."
 * are harmless apart, and "Please ignore the previous" is an order until the next value says "draft". So
 * the text is judged sentence by sentence as each is complete: at each value, the delivered text that waits
 * for its sentence end and the new value, up to the new last sentence (or line) end; what comes after waits
 * (at most {@link #HOLD_MAX} chars) for the next value, or for the stream's end. Each char is judged once,
 * so the cost is linear in the stream. On the development data streamed word by word or in 64- or 256-char
 * chunks this finds as many attacks as scanning each text whole, with fewer false alarms (detect README,
 * "Streams").
 */
final class StreamContext {
  /** A run this long without a sentence end (code, a list on one line) is judged up to a word boundary... */
  static final int HOLD_MAX = 256;
  /** ...this far before its end, past any look-ahead of the rules; a run without spaces, at that point. */
  static final int HOLD_MIN = 64;

  private StreamContext() {}

  /** What reading a value found (null: nothing), and how many chars at the end of the text now wait. */
  record Reading(Detection finding, int unjudged) {}

  /**
   * Reads {@code value} after the text the stream delivered before it that waits for its sentence end
   * ({@code waiting}): judges the two up to the new last sentence end. A finding's spans are offsets into
   * {@code value}; a span wholly in the text before becomes empty at 0 (it was delivered already).
   */
  static Reading added(InjectionDetector detector, String waiting, String value) {
    String held = afterMarker(waiting);
    String joined = held + value;
    int cut = settledEnd(joined, held.length()); // the waiting text holds no sentence end: it would be judged
    if (cut == 0) {
      return new Reading(null, joined.length()); // no sentence complete yet
    }
    Detection d = detector.scan(cut == joined.length() ? joined : joined.substring(0, cut), Use.OUTPUT);
    return new Reading(found(d, held.length()), joined.length() - cut);
  }

  /**
   * At the stream's end: a finding in the text that waited for a sentence end and got none
   * ({@code waiting}); null when there is none. Its spans are all empty: everything was delivered.
   */
  static Detection atEnd(InjectionDetector detector, String waiting) {
    String held = afterMarker(waiting);
    return held.isBlank() ? null : found(detector.scan(held, Use.OUTPUT), held.length());
  }

  /**
   * What follows the last redaction marker in the waiting text (a value redacted past its last sentence end):
   * what came before it was judged and redacted already.
   */
  private static String afterMarker(String waiting) {
    int marker = waiting.lastIndexOf(InjectionOutputGuard.MARKER);
    return marker < 0 ? waiting : waiting.substring(marker + InjectionOutputGuard.MARKER.length());
  }

  /** {@code d}'s finding with its spans shifted by {@code shift} and cut at 0, or null when not detected. */
  private static Detection found(Detection d, int shift) {
    if (!d.detected()) {
      return null;
    }
    List<Signal> signals = new ArrayList<>(d.signals().size());
    for (Signal s : d.signals()) {
      if (s.start() >= 0) {
        signals.add(new Signal(s.family(), s.name(), Math.max(s.start() - shift, 0), Math.max(s.end() - shift, 0)));
      }
    }
    boolean inValue = d.start() >= 0 && d.end() > shift;
    return new Detection(true, d.score(), List.copyOf(signals), inValue ? Math.max(d.start() - shift, 0) : -1,
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
   * How far {@code text} can be judged without more of it: past its last sentence or line end; where the
   * last {@link #HOLD_MAX} chars hold none, to the last word boundary {@link #HOLD_MIN} chars before the end
   * (or to that point, in a run without spaces). {@code text} holds no sentence end before its char
   * {@code from - 1} (the text that waited had none), so the search stops there.
   */
  static int settledEnd(String text, int from) {
    int len = text.length();
    int stop = Math.max(from - 1, 0);
    int end = len;
    while (end > stop && !InjectionOutputGuard.endsSentence(text, end - 1)) {
      end--;
    }
    if (end == stop) {
      end = 0;
    }
    if (len - end > HOLD_MAX) {
      int word = len - HOLD_MIN;
      while (word > end && !Character.isWhitespace(text.charAt(word - 1))) {
        word--;
      }
      end = word > end ? word : len - HOLD_MIN;
    }
    return end;
  }
}

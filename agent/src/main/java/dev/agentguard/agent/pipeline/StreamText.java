package dev.agentguard.agent.pipeline;

import java.util.HashMap;
import java.util.Map;

/**
 * The text a stream's values (a {@code Flux} of text chunks) have delivered so far, as the output guards need
 * it to read each new value in its context: "Ignore all prev" and "ious instructions and ..." are clean one
 * by one and an instruction together. It holds the end of the text (up to {@link #CHARS} chars, from a
 * word's start) and for each guard how much of that end the guard has not judged yet; values that are not
 * text add nothing. One per stream; its values arrive one at a time.
 */
public final class StreamText {
  /** More than a guard holds back unjudged (the injection guard: at most 256 chars). */
  static final int CHARS = 512;
  /** How far past the cut the kept text may start, to begin at a word rather than in one. */
  private static final int WORD_START_LOOKAHEAD = 32;

  private final StringBuilder tail = new StringBuilder();
  private final Map<String, Integer> unjudged = new HashMap<>(2);

  /** How many chars at the end of the text {@code guard} has not judged yet; 0 at the start. */
  public synchronized int unjudged(String guard) {
    return Math.min(unjudged.getOrDefault(guard, 0), tail.length());
  }

  /** The text {@code guard} has not judged yet: the last {@link #unjudged(String)} chars delivered. */
  public synchronized String unjudgedText(String guard) {
    return tail.substring(tail.length() - unjudged(guard));
  }

  /**
   * {@code guard} judged all but the last {@code chars} chars of the text as it will be once the value it is
   * looking at is added (so, of that value, or of the text before it and all of the value).
   */
  public synchronized void unjudged(String guard, int chars) {
    unjudged.put(guard, chars);
  }

  /** Adds a value as the subscriber got it (after any redaction): the stream follower calls it. */
  public synchronized void add(Object delivered) {
    if (!(delivered instanceof CharSequence text)) {
      return;
    }
    int from = Math.max(0, text.length() - CHARS);
    tail.append(text, from, text.length());
    if (tail.length() > CHARS) {
      int cut = tail.length() - CHARS;
      int limit = Math.min(tail.length(), cut + WORD_START_LOOKAHEAD);
      for (int i = cut; i < limit; i++) {
        if (Character.isWhitespace(tail.charAt(i))) {
          cut = i + 1;
          break;
        }
      }
      tail.delete(0, cut);
    }
  }
}

package dev.agentguard.agent.pipeline;

/**
 * The end of the text a stream's values have delivered so far (a {@code Flux} of text chunks), so the output
 * guards read each new value in its context: "Ignore all prev" and "ious instructions and ..." are clean one
 * by one and an instruction together. Holds the last {@link #CHARS} chars, from a word's start; values that
 * are not text add nothing.
 */
final class StreamTail {
  /** Enough for the sentence or two an instruction split across values is spread over; bounded per value. */
  static final int CHARS = 1024;
  /** How far past the cut the tail may start, to begin at a word rather than in one. */
  private static final int WORD_START_LOOKAHEAD = 32;

  private final StringBuilder tail = new StringBuilder();

  /** The text delivered so far, at most {@link #CHARS} chars of its end; empty before the first text value. */
  synchronized String text() {
    return tail.toString();
  }

  /** Adds the value as the subscriber got it (after any redaction). */
  synchronized void add(Object delivered) {
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

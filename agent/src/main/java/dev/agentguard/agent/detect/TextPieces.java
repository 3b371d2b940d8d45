package dev.agentguard.agent.detect;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How a huge text is cut for scanning. A scan needs about 25 bytes of scratch memory per char (the
 * normalised view with its offsets, tokens, n-gram buckets), so a 40 MB tool result scanned whole would
 * need a gigabyte of heap and could run the host out of memory. Texts longer than {@link #PIECE_CHARS}
 * are therefore scanned as pieces of at most that length, each cut after a line break or a space where
 * one is near, and each starting {@link #OVERLAP} chars (or up to {@link #SEARCH} more, to start at a
 * space) before the previous one ended, so a sentence or an encoded run cut by one piece's end is whole
 * in the next piece. The work stays linear: every piece moves on by at least
 * {@code PIECE_CHARS - OVERLAP - 2 * SEARCH} chars.
 */
final class TextPieces {
  /**
   * A little under the size the scratch buffers keep between scans ({@link ScanBuffer#KEEP_LIMIT}, with
   * room for the normaliser's slack), so the pieces of an ordinary text reuse the same buffers.
   */
  static final int PIECE_CHARS = 60_000;
  static final int OVERLAP = 2048;
  /** How far back a cut looks for a line break or a space. */
  static final int SEARCH = 4096;

  private TextPieces() {}

  /** Where the piece that starts at {@code from} ends (exclusive). */
  static int end(String text, int from) {
    int n = text.length();
    if (n - from <= PIECE_CHARS) {
      return n;
    }
    int end = from + PIECE_CHARS;
    int cut = lastBreak(text, end, end - SEARCH);
    if (cut > 0) {
      return cut;
    }
    return Character.isLowSurrogate(text.charAt(end)) ? end - 1 : end;
  }

  /** Where the piece after the one that ends at {@code end} starts. */
  static int nextStart(String text, int end) {
    int start = end - OVERLAP;
    int cut = lastBreak(text, start, start - SEARCH);
    if (cut > 0) {
      return cut;
    }
    return Character.isLowSurrogate(text.charAt(start)) ? start - 1 : start;
  }

  /**
   * The position just after the last line break in {@code (floor, at]}, else just after the last
   * whitespace there, else -1.
   */
  private static int lastBreak(String text, int at, int floor) {
    for (int k = at; k > floor; k--) {
      if (text.charAt(k - 1) == '\n') {
        return k;
      }
    }
    for (int k = at; k > floor; k--) {
      if (Character.isWhitespace(text.charAt(k - 1))) {
        return k;
      }
    }
    return -1;
  }

  /** The verdict on the whole text from its pieces' verdicts. */
  static final class Merge {
    private final List<Signal> signals = new ArrayList<>();
    private final Set<Signal> seen = new HashSet<>();
    private Detection best;
    private int bestOffset;

    /** Adds the verdict on the piece that starts at {@code offset}. */
    void add(Detection d, int offset) {
      for (Signal s : d.signals()) {
        Signal shifted = new Signal(s.family(), s.name(), s.start() + offset, s.end() + offset);
        // The overlap is scanned twice: a finding there is reported once.
        if (signals.size() < FeatureAccumulator.MAX_FINDINGS && seen.add(shifted)) {
          signals.add(shifted);
        }
      }
      if (best == null || ranksAbove(d, best)) {
        best = d;
        bestOffset = offset;
      }
    }

    /** A detected piece outranks any other (an extra pattern detects whatever the score), then the score. */
    private static boolean ranksAbove(Detection d, Detection other) {
      if (d.detected() != other.detected()) {
        return d.detected();
      }
      return d.score() > other.score();
    }

    Detection result() {
      int start = best.start() < 0 ? -1 : best.start() + bestOffset;
      int end = best.end() < 0 ? -1 : best.end() + bestOffset;
      return new Detection(best.detected(), best.score(), signals, start, end);
    }
  }
}

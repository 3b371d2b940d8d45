package dev.agentguard.agent.guard.injection;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A group of strings (a list's items, a record's fields, see {@link TextValues#groups}) as the text its reader
 * puts together: the strings joined by spaces, each {@link Piece} remembering which string it came from. A
 * string longer than {@code 2 * EDGE} chars adds only its edges: an instruction split across strings lies
 * across a seam, where one ends and the next begins, and the long string is scanned whole on its own anyway.
 * So a group with long strings becomes several texts, one per run of seams, and the group costs at most about
 * {@code 2 * EDGE} chars per string beyond the strings' own scans, however long they are. The texts are made one
 * at a time, as they are read ({@link #of}), and none is longer than about {@link #MAX_CHARS}: a result of a
 * million rows is not copied whole to be joined.
 */
record JoinedText(String text, List<Piece> pieces) {
  /** How much of a long string's start and end is read with its neighbours. */
  static final int EDGE = 256;
  /** How far an edge's cut may move to fall between words. */
  private static final int CUT_SLACK = 64;
  /** A text this long ends at the next string; the next text starts again with about {@link #CARRY} chars of it. */
  static final int MAX_CHARS = 60_000;
  /** What a text cut at {@link #MAX_CHARS} carries into the next, so that the seams at the cut are read too. */
  static final int CARRY = 1_024;

  /** Chars {@code [start, end)} of the joined text, taken from {@code owner} at {@code from}. */
  record Piece(String owner, int start, int end, int from) {}

  /**
   * The texts {@code parts} is read as, made as they are iterated: one for a group of short strings, one per run
   * of seams otherwise, and a long run cut into texts of about {@link #MAX_CHARS} that overlap.
   */
  static Iterable<JoinedText> of(List<String> parts) {
    return () -> new Joiner(parts);
  }

  /** The chars the texts of {@code parts} hold together, about (what a scan waiting for them holds). */
  static long length(List<String> parts) {
    long n = 0;
    for (String part : parts) {
      n += Math.min(part.length(), 2 * EDGE) + 1;
    }
    return n;
  }

  /** Joins as it is asked for the next text. */
  private static final class Joiner implements Iterator<JoinedText> {
    private final List<String> parts;
    private final StringBuilder text = new StringBuilder();
    private final List<Piece> pieces = new ArrayList<>();
    private int next;
    /** How many of {@link #pieces} were carried over from the text before: not new to read. */
    private int carried;
    private JoinedText ready;

    Joiner(List<String> parts) {
      this.parts = parts;
    }

    @Override
    public boolean hasNext() {
      if (ready == null) {
        ready = advance();
      }
      return ready != null;
    }

    @Override
    public JoinedText next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      JoinedText out = ready;
      ready = null;
      return out;
    }

    private JoinedText advance() {
      while (next < parts.size()) {
        String part = parts.get(next++);
        JoinedText out;
        if (part.length() <= 2 * EDGE) {
          append(part, 0, part.length());
          if (text.length() < MAX_CHARS) {
            continue;
          }
          out = take(true);
        } else {
          append(part, 0, headEnd(part));
          out = take(false);
          append(part, tailStart(part), part.length());
        }
        if (out != null) {
          return out;
        }
      }
      return take(false);
    }

    private void append(String owner, int from, int to) {
      if (!pieces.isEmpty()) {
        text.append(' ');
      }
      int start = text.length();
      text.append(owner, from, to);
      pieces.add(new Piece(owner, start, text.length(), from));
    }

    /**
     * The text so far if it joins two strings or more with something new (a lone edge was scanned with its
     * string; carried pieces were read before), and starts anew: with the last pieces (up to {@link #CARRY}
     * chars, at least one) if {@code carry}.
     */
    private JoinedText take(boolean carry) {
      JoinedText out = pieces.size() >= 2 && pieces.size() > carried
          ? new JoinedText(text.toString(), List.copyOf(pieces)) : null;
      int from = pieces.size();
      if (carry) {
        int end = pieces.get(pieces.size() - 1).end();
        do {
          from--;
        } while (from > 0 && end - pieces.get(from - 1).start() <= CARRY);
      }
      List<Piece> kept = new ArrayList<>(pieces.subList(from, pieces.size()));
      text.setLength(0);
      pieces.clear();
      for (Piece p : kept) {
        append(p.owner(), p.from(), p.from() + p.end() - p.start());
      }
      carried = pieces.size();
      return out;
    }
  }

  /**
   * Whether chars {@code [start, end)} reach two of the group's strings, or one shorter than {@code minLength}
   * (not scanned alone).
   */
  boolean acrossSeam(int start, int end, int minLength) {
    int reached = 0;
    for (int k = pieceAt(start), last = pieceAt(end - 1); k <= last; k++) {
      Piece p = pieces.get(k);
      if (start < p.end() && end > p.start() && (++reached > 1 || p.owner().length() < minLength)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Adds to {@code out}, for each string that chars {@code [start, end)} reach (an empty one inside the range
   * included), the chars they cover in it.
   */
  void reach(int start, int end, java.util.Map<String, java.util.List<int[]>> out) {
    for (int k = pieceAt(start), last = pieceAt(end - 1); k <= last; k++) {
      Piece p = pieces.get(k);
      if (start < Math.max(p.end(), p.start() + 1) && end > p.start()) {
        int from = p.from() + Math.max(start, p.start()) - p.start();
        int to = p.from() + Math.min(end, p.end()) - p.start();
        out.computeIfAbsent(p.owner(), o -> new ArrayList<>()).add(new int[] {from, Math.max(from, to)});
      }
    }
  }

  /** The last piece that starts at or before {@code offset} (the first one if none does). */
  int pieceAt(int offset) {
    int lo = 0;
    int hi = pieces.size() - 1;
    while (lo < hi) {
      int mid = (lo + hi + 1) >>> 1;
      if (pieces.get(mid).start() <= offset) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return lo;
  }

  /** Where a long string's first edge ends: after a space near {@link #EDGE} chars, never inside a surrogate pair. */
  static int headEnd(String s) {
    for (int i = EDGE; i > EDGE - CUT_SLACK; i--) {
      if (Character.isWhitespace(s.charAt(i - 1))) {
        return i;
      }
    }
    return Character.isHighSurrogate(s.charAt(EDGE - 1)) ? EDGE - 1 : EDGE;
  }

  /** Where a long string's last edge starts: at a word near {@link #EDGE} chars from its end, never inside a pair. */
  static int tailStart(String s) {
    int from = s.length() - EDGE;
    for (int i = from; i < from + CUT_SLACK; i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i + 1;
      }
    }
    return Character.isLowSurrogate(s.charAt(from)) ? from + 1 : from;
  }
}

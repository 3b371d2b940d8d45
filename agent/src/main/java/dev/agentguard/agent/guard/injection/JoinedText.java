package dev.agentguard.agent.guard.injection;

import java.util.ArrayList;
import java.util.List;

/**
 * A group of strings (a list's items, a record's fields, see {@link TextValues#groups}) as the text its reader
 * puts together: the strings joined by spaces, each {@link Piece} remembering which string it came from. A
 * string longer than {@code 2 * EDGE} chars adds only its edges: an instruction split across strings lies
 * across a seam, where one ends and the next begins, and the long string is scanned whole on its own anyway.
 * So a group with long strings becomes several texts, one per run of seams, and the group costs at most about
 * {@code 2 * EDGE} chars per string beyond the strings' own scans, however long they are.
 */
record JoinedText(String text, List<Piece> pieces) {
  /** How much of a long string's start and end is read with its neighbours. */
  static final int EDGE = 256;
  /** How far an edge's cut may move to fall between words. */
  private static final int CUT_SLACK = 64;

  /** Chars {@code [start, end)} of the joined text, taken from {@code owner}. */
  record Piece(String owner, int start, int end) {}

  /** The texts {@code parts} is read as: one for a group of short strings, one per run of seams otherwise. */
  static List<JoinedText> of(List<String> parts) {
    List<JoinedText> out = new ArrayList<>(1);
    StringBuilder text = new StringBuilder();
    List<Piece> pieces = new ArrayList<>(parts.size());
    for (String part : parts) {
      if (part.length() <= 2 * EDGE) {
        append(text, pieces, part, part);
        continue;
      }
      append(text, pieces, part, part.substring(0, headEnd(part)));
      emit(out, text, pieces);
      append(text, pieces, part, part.substring(tailStart(part)));
    }
    emit(out, text, pieces);
    return out;
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

  /** Adds the strings whose chars {@code [start, end)} reach (an empty string inside the range included) to {@code out}. */
  void owners(int start, int end, java.util.Set<String> out) {
    for (int k = pieceAt(start), last = pieceAt(end - 1); k <= last; k++) {
      Piece p = pieces.get(k);
      if (start < Math.max(p.end(), p.start() + 1) && end > p.start()) {
        out.add(p.owner());
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

  private static void append(StringBuilder text, List<Piece> pieces, String owner, String chars) {
    if (!pieces.isEmpty()) {
      text.append(' ');
    }
    int start = text.length();
    text.append(chars);
    pieces.add(new Piece(owner, start, text.length()));
  }

  /** Adds the text so far if it joins two strings or more (a lone edge was scanned with its string), and starts anew. */
  private static void emit(List<JoinedText> out, StringBuilder text, List<Piece> pieces) {
    if (pieces.size() >= 2) {
      out.add(new JoinedText(text.toString(), List.copyOf(pieces)));
    }
    text.setLength(0);
    pieces.clear();
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

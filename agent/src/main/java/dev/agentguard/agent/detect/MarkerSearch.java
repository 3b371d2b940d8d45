package dev.agentguard.agent.detect;

import java.util.Arrays;
import java.util.List;

/**
 * Finds literal markers in the normalised view in one left-to-right pass. Every marker holds an anchor, a
 * char that is rare in prose ({@code < [ { # " :} ...), and is filed under its anchor and the char next to
 * it (before it, or after it when the anchor opens the marker). The pass reads each pair of neighbouring
 * chars in one table and compares markers only where a pair is filed: JSON, full of quotes and colons,
 * mostly has neither {@code "r} nor {@code m:}. The Aho-Corasick automaton this class held until
 * 2026-11-22 took one dependent table read per char near every anchor, twice the time on JSON. Written by
 * hand because the few Java string-search libraries allocate per match or cannot work on a char[] range.
 */
final class MarkerSearch {
  private final int[] anchorOf = new int[128]; // ASCII char -> anchor index + 1, 0 = no anchor
  private final int[] symbolOf = new int[128]; // ASCII char -> 1 + index among pattern chars, 0 = none
  private final int symbols;
  private final char[][] patterns;
  private final int[] anchorAt; // pattern -> offset of its anchor
  // (anchor, symbol of the char before it) -> patterns whose anchor is not their first char
  private final int[][] byCharBefore;
  // (anchor, symbol of the char after it) -> patterns that start with their anchor and go on
  private final int[][] byCharAfter;
  private final int[][] single; // anchor -> one-char patterns
  // (symbol of a char, symbol of the next) -> BEFORE if the next is an anchor some pattern holds after
  // that char, AFTER if the char is an anchor some pattern starts with followed by the next, plus SINGLE
  // if the next is a one-char pattern
  private final byte[] pairs;
  private static final int BEFORE = 1;
  private static final int AFTER = 2;
  private static final int SINGLE = 4;
  /** Anchor candidates, rarest in ordinary text first; a pattern without any falls back to its own chars. */
  private static final String ANCHOR_PREFERENCE = "<[{|`#!\"':=()/_-.*";

  /** Receives each match: pattern id and the index one past its last char. */
  interface Matches {
    void found(int pattern, int end);
  }

  MarkerSearch(List<String> list) {
    int count = list.size();
    patterns = new char[count][];
    anchorAt = new int[count];
    boolean[] anchor = new boolean[128];
    for (int id = 0; id < count; id++) {
      patterns[id] = list.get(id).toCharArray();
      if (patterns[id].length == 0) {
        throw new IllegalArgumentException("empty marker");
      }
      for (char c : patterns[id]) {
        if (c >= 128) {
          throw new IllegalArgumentException("markers are ASCII: " + list.get(id));
        }
      }
      chooseAnchor(patterns[id], anchor);
    }
    int anchors = 0;
    int next = 1;
    for (char[] p : patterns) {
      for (char c : p) {
        if (symbolOf[c] == 0) {
          symbolOf[c] = next++;
        }
        if (anchor[c] && anchorOf[c] == 0) {
          anchorOf[c] = ++anchors;
        }
      }
    }
    symbols = next;
    int[][] before = new int[anchors * symbols][];
    int[][] after = new int[anchors * symbols][];
    single = new int[anchors][];
    Arrays.fill(before, new int[0]);
    Arrays.fill(after, new int[0]);
    Arrays.fill(single, new int[0]);
    for (int id = 0; id < count; id++) {
      char[] p = patterns[id];
      int at = bestAnchor(p);
      anchorAt[id] = at;
      int a = anchorOf[p[at]] - 1;
      if (at > 0) {
        int key = a * symbols + symbolOf[p[at - 1]];
        before[key] = append(before[key], id);
      } else if (p.length > 1) {
        int key = a * symbols + symbolOf[p[1]];
        after[key] = append(after[key], id);
      } else {
        single[a] = append(single[a], id);
      }
    }
    byCharBefore = before;
    byCharAfter = after;
    pairs = new byte[symbols * symbols];
    for (char[] p : patterns) {
      for (char c : p) {
        int a = anchorOf[c] - 1;
        if (a < 0) {
          continue;
        }
        for (int other = 0; other < symbols; other++) {
          if (before[a * symbols + other].length != 0) {
            pairs[other * symbols + symbolOf[c]] |= BEFORE;
          }
          if (after[a * symbols + other].length != 0) {
            pairs[symbolOf[c] * symbols + other] |= AFTER;
          }
          if (single[a].length != 0) {
            pairs[other * symbols + symbolOf[c]] |= SINGLE;
          }
        }
      }
    }
  }

  private static int[] append(int[] ids, int id) {
    int[] more = Arrays.copyOf(ids, ids.length + 1);
    more[ids.length] = id;
    return more;
  }

  private static void chooseAnchor(char[] pattern, boolean[] anchor) {
    for (char c : pattern) {
      if (anchor[c]) {
        return;
      }
    }
    anchor[pattern[bestRanked(pattern)]] = true;
  }

  /** The first of the pattern's chars that ranks best in {@link #ANCHOR_PREFERENCE}, spaces last. */
  private static int bestRanked(char[] pattern) {
    int best = 0;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < pattern.length; i++) {
      int rank = rank(pattern[i]);
      if (rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    return best;
  }

  /** A char's place in {@link #ANCHOR_PREFERENCE}: lower is rarer; chars not listed next, spaces last. */
  private static int rank(char c) {
    int rank = ANCHOR_PREFERENCE.indexOf(c);
    return rank >= 0 ? rank : c == ' ' ? Integer.MAX_VALUE - 1 : ANCHOR_PREFERENCE.length();
  }

  /** The offset of the pattern's anchor: its first char that is an anchor and ranks best. */
  private int bestAnchor(char[] pattern) {
    int best = -1;
    int bestRank = Integer.MAX_VALUE;
    for (int i = 0; i < pattern.length; i++) {
      char c = pattern[i];
      if (anchorOf[c] == 0) {
        continue;
      }
      int rank = rank(c);
      if (rank < bestRank) {
        bestRank = rank;
        best = i;
      }
    }
    return best;
  }

  /**
   * Scans {@code text[from, to)} and reports every match in order of its end, and matches with the same end
   * in order of pattern id, as an automaton would; returns the number of characters charged (all of them).
   * A match ends at most one marker length after its anchor, so matches wait in a short sorted list until
   * the pass has gone past their end.
   */
  int scan(char[] text, int from, int to, Matches matches) {
    byte[] pairTable = pairs;
    int[] symbolTable = symbolOf;
    int width = symbols;
    long[] waiting = null; // (end << 32 | pattern), sorted, from first to last
    int first = 0;
    int last = 0;
    for (int i = from; i < to; i++) {
      // The tight search for the next candidate is a loop of its own, so the compiler keeps it apart
      // from the rare work below (one loop holding both ran three times slower once a match was found).
      int previous = i == from ? 0 : symbolOf(text[i - 1], symbolTable);
      int pair = 0;
      int symbol = 0;
      for (; i < to; i++) {
        symbol = symbolOf(text[i], symbolTable);
        pair = pairTable[previous * width + symbol];
        if (pair != 0) {
          break;
        }
        previous = symbol;
      }
      if (i == to) {
        break;
      }
      char c = text[i];
      int before = previous;
      while (first < last && (int) (waiting[first] >>> 32) <= i) {
        long m = waiting[first++];
        matches.found((int) m, (int) (m >>> 32));
      }
      for (int list = 0; list < 3; list++) {
        int[] ids;
        int anchor;
        if (list == 0) {
          if ((pair & SINGLE) == 0) {
            continue;
          }
          anchor = i;
          ids = single[anchorOf[c] - 1];
        } else if (list == 1) {
          if ((pair & BEFORE) == 0) {
            continue;
          }
          anchor = i;
          ids = byCharBefore[(anchorOf[c] - 1) * width + before];
        } else {
          if ((pair & AFTER) == 0) {
            continue;
          }
          anchor = i - 1;
          ids = byCharAfter[(anchorOf[text[i - 1]] - 1) * width + symbol];
        }
        for (int id : ids) {
          char[] p = patterns[id];
          int start = anchor - anchorAt[id];
          int end = start + p.length;
          if (start < from || end > to || !matchesAt(text, start, p)) {
            continue;
          }
          if (waiting == null) {
            waiting = new long[16];
          } else if (last == waiting.length) {
            System.arraycopy(waiting, first, waiting, 0, last - first);
            last -= first;
            first = 0;
            if (last == waiting.length) {
              waiting = Arrays.copyOf(waiting, last * 2);
            }
          }
          long m = (long) end << 32 | id;
          int k = last++;
          while (k > first && waiting[k - 1] > m) {
            waiting[k] = waiting[k - 1];
            k--;
          }
          waiting[k] = m;
        }
      }
    }
    for (int k = first; k < last; k++) {
      matches.found((int) waiting[k], (int) (waiting[k] >>> 32));
    }
    return to - from;
  }

  private static int symbolOf(char c, int[] symbolTable) {
    return c < 128 ? symbolTable[c] : 0;
  }

  private static boolean matchesAt(char[] text, int start, char[] p) {
    for (int k = 0; k < p.length; k++) {
      if (text[start + k] != p[k]) {
        return false;
      }
    }
    return true;
  }
}

package dev.agentguard.agent.detect;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A literal-marker automaton over the normalised view: every pattern found in one left-to-right pass,
 * one table read per character, whatever the number of patterns. Written by hand because the few
 * Java Aho-Corasick libraries either allocate per match or cannot work on a char[] range.
 */
final class AhoCorasick {
  private final int[] charClass = new int[128]; // ASCII char -> alphabet index, 0 = not in any pattern
  private final int alphabet;
  private final int[] next; // node * alphabet + symbol -> node (full DFA, failure links folded in)
  private final int[][] outputs; // node -> pattern ids ending here
  private static final int OUTPUT = 0x80000000;
  // Every pattern holds at least one anchor char; the automaton only needs to run within maxLength
  // chars of an anchor, so plain prose between anchors is skipped with one table read per char.
  private final int maxLength;
  private final int firstAnchor; // symbols from here up are the anchor chars
  /** Anchor candidates, rarest in ordinary text first; a pattern without any falls back to its own chars. */
  private static final String ANCHOR_PREFERENCE = "<[{|`#!\"':=()/_-.*";

  /** Receives each match: pattern id and the index one past its last char. */
  interface Matches {
    void found(int pattern, int end);
  }

  AhoCorasick(List<String> patterns) {
    boolean[] anchor = new boolean[128];
    int longest = 1;
    for (String p : patterns) {
      for (char c : p.toCharArray()) {
        if (c >= 128) {
          throw new IllegalArgumentException("markers are ASCII: " + p);
        }
      }
      longest = Math.max(longest, p.length());
      chooseAnchor(p, anchor);
    }
    maxLength = longest;
    // Anchor chars take the highest symbols, so one compare on the symbol read for the automaton
    // also tells the scan whether the char is an anchor.
    int symbols = 1;
    int first = 1;
    for (int pass = 0; pass < 2; pass++) {
      if (pass == 1) {
        first = symbols;
      }
      for (String p : patterns) {
        for (char c : p.toCharArray()) {
          if (charClass[c] == 0 && anchor[c] == (pass == 1)) {
            charClass[c] = symbols++;
          }
        }
      }
    }
    alphabet = symbols;
    firstAnchor = first;
    List<int[]> gotoTable = new ArrayList<>();
    List<List<Integer>> out = new ArrayList<>();
    gotoTable.add(new int[alphabet]);
    out.add(new ArrayList<>());
    for (int id = 0; id < patterns.size(); id++) {
      int node = 0;
      for (char c : patterns.get(id).toCharArray()) {
        int s = charClass[c];
        if (gotoTable.get(node)[s] == 0) {
          gotoTable.add(new int[alphabet]);
          out.add(new ArrayList<>());
          gotoTable.get(node)[s] = gotoTable.size() - 1;
        }
        node = gotoTable.get(node)[s];
      }
      out.get(node).add(id);
    }
    int nodes = gotoTable.size();
    next = new int[nodes * alphabet];
    int[] fail = new int[nodes];
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    for (int s = 1; s < alphabet; s++) {
      int child = gotoTable.get(0)[s];
      next[s] = child;
      if (child != 0) {
        queue.add(child);
      }
    }
    while (!queue.isEmpty()) {
      int node = queue.poll();
      out.get(node).addAll(out.get(fail[node]));
      for (int s = 1; s < alphabet; s++) {
        int child = gotoTable.get(node)[s];
        if (child != 0) {
          fail[child] = next[fail[node] * alphabet + s];
          next[node * alphabet + s] = child;
          queue.add(child);
        } else {
          next[node * alphabet + s] = next[fail[node] * alphabet + s];
        }
      }
    }
    outputs = new int[nodes][];
    for (int i = 0; i < nodes; i++) {
      outputs[i] = out.get(i).stream().mapToInt(Integer::intValue).distinct().toArray();
      Arrays.sort(outputs[i]);
    }
    // Store each target as its row offset, with the sign bit set when the target has output, so
    // the scan loop is one array read and no multiplication per character.
    for (int i = 0; i < next.length; i++) {
      int target = next[i];
      next[i] = target * alphabet | (outputs[target].length != 0 ? OUTPUT : 0);
    }
  }

  private static void chooseAnchor(String pattern, boolean[] anchor) {
    for (char c : pattern.toCharArray()) {
      if (anchor[c]) {
        return;
      }
    }
    char best = pattern.charAt(0);
    int bestRank = Integer.MAX_VALUE;
    for (char c : pattern.toCharArray()) {
      int rank = ANCHOR_PREFERENCE.indexOf(c);
      rank = rank >= 0 ? rank : c == ' ' ? Integer.MAX_VALUE - 1 : ANCHOR_PREFERENCE.length();
      if (rank < bestRank) {
        bestRank = rank;
        best = c;
      }
    }
    anchor[best] = true;
  }

  /**
   * Scans {@code text[from, to)} and reports every match in order of its end, exactly as one pass over
   * all of it would; returns the number of characters charged (all of them). Any match contains an
   * anchor, so it lies within maxLength of one: the automaton runs on those windows only, restarting
   * from the root where a gap between windows was skipped (no match can span such a gap). Inside a
   * window each char is read once: the symbol that steps the automaton also says whether it is an
   * anchor, which stretches the window, so dense anchors (JSON) cost one pass and no re-search.
   */
  int scan(char[] text, int from, int to, Matches matches) {
    int[] table = next;
    int[] classes = charClass;
    int anchors = firstAnchor;
    int reach = maxLength;
    int row = 0;
    int pos = from; // next char to feed the automaton; every char before it was tested for an anchor
    while (pos < to) {
      int a = pos;
      while (a < to) {
        char c = text[a];
        if (c < 128 && classes[c] >= anchors) {
          break;
        }
        a++;
      }
      if (a >= to) {
        break;
      }
      int windowStart = a - reach + 1;
      if (windowStart > pos) {
        pos = windowStart;
        row = 0;
      }
      int end = Math.min(to, a + reach);
      for (; pos < end; pos++) {
        char c = text[pos];
        int symbol = c < 128 ? classes[c] : 0;
        int v = table[row + symbol];
        row = v & ~OUTPUT;
        if (v < 0) {
          for (int p : outputs[row / alphabet]) {
            matches.found(p, pos + 1);
          }
        }
        if (symbol >= anchors) {
          end = Math.min(to, pos + reach);
        }
      }
    }
    return to - from;
  }
}

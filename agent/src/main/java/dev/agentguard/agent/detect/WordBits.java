package dev.agentguard.agent.detect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A fixed set of words, each with a set of bits, looked up by the tokenizer's word hash: an open-addressing
 * table with one multiply per probe, as the lexicon's. Filled once before it is shared (a static
 * initialiser, or a final field of the rules), read by any thread after. Words are folded as the lexicon
 * folds them ({@link Lexicon#wordHashes}).
 */
final class WordBits {
  private int bits;
  private long[] keys;
  private int[] values;
  private int count;

  /**
   * A table of {@code 2^bits} slots to start with; it doubles whenever adding makes it over a quarter full,
   * since a word not in it (most words) is probed until an empty slot, and word lists grow.
   */
  WordBits(int bits) {
    this.bits = bits;
    this.keys = new long[1 << bits];
    this.values = new int[1 << bits];
  }

  /**
   * A set of words, for a finder's or a rule's literal words: one probe per token instead of a look at each
   * word of a list (a finder with 30 words of praise read every token 30 times).
   */
  static WordBits setOf(String... words) {
    int bits = 3;
    while ((1 << bits) < 4 * words.length) {
      bits++;
    }
    WordBits set = new WordBits(bits);
    set.add(1, words);
    return set;
  }

  /** Whether the word with this hash is in the table. */
  boolean contains(long hash) {
    return of(hash) != 0;
  }

  /** Adds {@code bit} to each of {@code words}. */
  void add(int bit, String... words) {
    for (long h : Lexicon.wordHashes(words)) {
      put(h, bit);
    }
  }

  /** Every word's hash with its bits, in slot order. */
  Map<Long, Integer> entries() {
    Map<Long, Integer> m = new LinkedHashMap<>();
    for (int i = 0; i < keys.length; i++) {
      if (values[i] != 0) {
        m.put(keys[i], values[i]);
      }
    }
    return m;
  }

  /** Adds {@code bit} to each word of {@code set}. */
  void addAll(int bit, WordBits set) {
    for (long h : set.entries().keySet()) {
      put(h, bit);
    }
  }

  private void put(long h, int bit) {
    int i = slot(h);
    while (values[i] != 0 && keys[i] != h) {
      i = (i + 1) & (keys.length - 1);
    }
    if (values[i] == 0 && ++count * 4 > keys.length) {
      grow();
      put(h, bit);
      return;
    }
    keys[i] = h;
    values[i] |= bit;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    bits++;
    keys = new long[1 << bits];
    values = new int[1 << bits];
    count = 0;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldValues[i] != 0) {
        put(oldKeys[i], oldValues[i]);
      }
    }
  }

  /** The bits of a word by its hash; 0 for a word not in the table. */
  int of(long hash) {
    int i = slot(hash);
    while (values[i] != 0) {
      if (keys[i] == hash) {
        return values[i];
      }
      i = (i + 1) & (keys.length - 1);
    }
    return 0;
  }

  private int slot(long hash) {
    return (int) ((hash * 0x9e3779b97f4a7c15L) >>> (64 - bits));
  }
}

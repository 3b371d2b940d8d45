package dev.agentguard.agent.detect;

/**
 * A fixed set of words, each with a set of bits, looked up by the tokenizer's word hash: an open-addressing
 * table with one multiply per probe, as the lexicon's. Filled once before it is shared (a static
 * initialiser, or a final field of the rules), read by any thread after. Words are folded as the lexicon
 * folds them ({@link Lexicon#wordHashes}).
 */
final class WordBits {
  private final int bits;
  private final long[] keys;
  private final int[] values;

  /** A table of {@code 2^bits} slots: keep it under half full. */
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
      int i = slot(h);
      while (values[i] != 0 && keys[i] != h) {
        i = (i + 1) & (keys.length - 1);
      }
      keys[i] = h;
      values[i] |= bit;
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

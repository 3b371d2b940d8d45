package dev.agentguard.agent.detect;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Word classes of the rule language ("IGNORE", "PRIOR", "INSTR"...), each a multilingual list of
 * words and stems, looked up by the 64-bit hash the tokenizer computes anyway, so a lookup allocates
 * nothing. A stem ("instruct*") matches any token that starts with it.
 */
final class Lexicon {
  static final long FNV_OFFSET = 0xcbf29ce484222325L;
  static final long FNV_PRIME = 0x100000001b3L;

  private final List<String> classNames;
  // Open addressing with key and value side by side (slot i at [2i, 2i+1]): one cache line per probe.
  // Keys are the raw 64-bit hashes (distinct words have distinct hashes, so equality is the test) and the
  // slot comes from one Fibonacci multiply, not the full mix() finaliser: a lookup is on every token.
  private final long[] words;
  private final int wordsShift;
  // The OrderWords marks and gates of the word in each slot of words, found by the same probe: the tokenizer
  // stores them with each token, so marking the tokens costs no second table probe per token.
  private final long[] marks;
  private final long[] stems;
  private final int stemsShift;
  /** Set in a stem-table value when the key is a prefix of a stem; the other bits are classes. */
  static final long PREFIX_BIT = 1L << 63;
  static final int MAX_CLASSES = 63;
  private final int maxCjkWord;
  // By the first three letters (a-z) of the ASCII stems, the lengths of those stems ({@link #lengthBit}): most
  // tokens are ruled out before any probe, and the others are probed only where a stem may end.
  private final char[] stemLengths;
  // The same for the ASCII stems whose first three chars are not all a-z.
  private final int otherStemLengths;

  private Lexicon(List<String> classNames, Map<Long, Long> words, Map<Long, Long> stems, int maxCjkWord,
      char[] stemLengths, int otherStemLengths) {
    this.stemLengths = stemLengths;
    this.otherStemLengths = otherStemLengths;
    this.classNames = List.copyOf(classNames);
    Map<Long, Long> wordsAndMarked = new LinkedHashMap<>(words);
    Map<Long, Long> marked = OrderWords.entries();
    marked.keySet().forEach(h -> wordsAndMarked.putIfAbsent(h, 0L)); // a slot of its own, no class
    this.words = table(wordsAndMarked);
    this.wordsShift = shift(this.words);
    this.marks = new long[this.words.length >>> 1];
    marked.forEach((h, m) -> marks[slot(this.words, wordsShift, h)] = m);
    this.stems = table(stems);
    this.stemsShift = shift(this.stems);
    this.maxCjkWord = maxCjkWord;
  }

  static long step(long hash, char c) {
    return (hash ^ c) * FNV_PRIME;
  }

  static long mix(long h) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return h == 0 ? 1 : h; // 0 marks an empty slot
  }

  private static final long FIBONACCI = 0x9e3779b97f4a7c15L;

  private static long stemKey(long prefixHash, int length) {
    return prefixHash + FIBONACCI * length;
  }

  private static int shift(long[] table) {
    return 64 - Integer.numberOfTrailingZeros(table.length >>> 1);
  }

  private static long[] table(Map<Long, Long> entries) {
    int slots = Integer.highestOneBit(Math.max(8, entries.size() * 4 - 1)) << 1; // load factor <= 1/4
    long[] t = new long[slots * 2];
    int mask = slots - 1;
    int shift = shift(t);
    entries.forEach((key, value) -> {
      if (key == 0) {
        throw new IllegalStateException("a lexicon hash is 0, the empty-slot mark");
      }
      int i = (int) ((key * FIBONACCI) >>> shift);
      while (t[2 * i] != 0 && t[2 * i] != key) {
        i = (i + 1) & mask;
      }
      t[2 * i] = key;
      t[2 * i + 1] |= value;
    });
    return t;
  }

  /** The slot holding {@code key}, or the empty slot where its probe ends. */
  private static int slot(long[] t, int shift, long key) {
    int mask = (t.length >>> 1) - 1;
    int i = (int) ((key * FIBONACCI) >>> shift);
    while (true) {
      long k = t[2 * i];
      if (k == key || k == 0) {
        return i;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value stored for {@code key}, or 0. An empty slot has key and value 0, so key 0 finds 0 either way. */
  private static long get(long[] t, int shift, long key) {
    int mask = (t.length >>> 1) - 1;
    int i = (int) ((key * FIBONACCI) >>> shift);
    while (true) {
      long k = t[2 * i];
      if (k == key) {
        return t[2 * i + 1];
      }
      if (k == 0) {
        return 0;
      }
      i = (i + 1) & mask;
    }
  }

  /** Classes of a whole word, given the raw FNV hash of its chars. */
  long wordClasses(long rawHash) {
    return get(words, wordsShift, rawHash);
  }

  /**
   * The slot of a whole word by the raw FNV hash of its chars, for {@link #classesAt} and {@link #marksAt}: one
   * probe for both. A word in no list has an empty slot (no classes, no marks).
   */
  int wordSlot(long rawHash) {
    return slot(words, wordsShift, rawHash);
  }

  /** {@link #wordClasses} of the word at {@code slot} ({@link #wordSlot}). */
  long classesAt(int slot) {
    return words[2 * slot + 1];
  }

  /**
   * The marks of the word at {@code slot} ({@link #wordSlot}): {@link OrderWords#of} in the low half, its
   * gates ({@link OrderWords#GATE_QUESTION} ...) in the high half.
   */
  long marksAt(int slot) {
    return marks[slot];
  }

  /**
   * Classes of stems equal to the {@code length}-char prefix whose raw hash is given, with
   * {@link #PREFIX_BIT} set while longer stems may still match; 0 means no stem can match any more.
   */
  long stemProbe(long prefixHash, int length) {
    if (length >= 32) {
      return 0;
    }
    return get(stems, stemsShift, stemKey(prefixHash, length));
  }

  private static int trigram(char a, char b, char c) {
    if (a < 'a' || a > 'z' || b < 'a' || b > 'z' || c < 'a' || c > 'z') {
      return -1;
    }
    return ((a - 'a') * 26 + (b - 'a')) * 26 + (c - 'a');
  }

  /** False when no stem can start with these three chars (true for anything not a-z). */
  boolean mayStartStem(char a, char b, char c) {
    int t = trigram(a, b, c);
    return t < 0 || stemLengths[t] != 0;
  }

  /**
   * The {@link #lengthBit}s of the lengths of the stems that may start with these three chars (the first
   * one ASCII): 0 if none may.
   */
  int stemLengths(char a, char b, char c) {
    int t = trigram(a, b, c);
    return t < 0 ? otherStemLengths : stemLengths[t];
  }

  /** The bit of a stem length of 3 or more in {@link #stemLengths}; all lengths from 18 share one bit. */
  static int lengthBit(int length) {
    return 1 << Math.min(length - 3, 15);
  }

  int maxCjkWord() {
    return maxCjkWord;
  }

  /** The bit of class {@code name}; throws if the class does not exist. */
  long classBit(String name) {
    int i = classNames.indexOf(name);
    if (i < 0) {
      throw new IllegalArgumentException("unknown word class " + name);
    }
    return 1L << i;
  }

  /** The hashes of whole words as the tokenizer hashes them ({@link #rawHash} of {@link #foldWord}). */
  static long[] wordHashes(String... words) {
    long[] h = new long[words.length];
    for (int i = 0; i < words.length; i++) {
      h[i] = rawHash(foldWord(words[i]));
    }
    return h;
  }

  /** Hash of a word folded the way the tokenizer folds text. */
  static long rawHash(CharSequence folded) {
    long h = FNV_OFFSET;
    for (int i = 0; i < folded.length(); i++) {
      h = step(h, folded.charAt(i));
    }
    return h;
  }

  /** Folds a lexicon word like scanned text: accents, case, look-alikes, word-internal joiners. */
  static String foldWord(String word) {
    StringBuilder sb = new StringBuilder(word.length());
    for (int i = 0; i < word.length(); ) {
      int cp = word.codePointAt(i);
      i += Character.charCount(cp);
      int f = CharFolding.fold(cp);
      if (f == CharFolding.DROP) {
        continue;
      }
      if (CharFolding.isMulti(f)) {
        sb.append(CharFolding.multi(cp));
      } else {
        sb.append((char) f);
      }
    }
    StringBuilder out = new StringBuilder(sb.length());
    for (int i = 0; i < sb.length(); i++) {
      char c = sb.charAt(i);
      if (Tokenizer.isWordChar(c) || Tokenizer.isCjk(c)) {
        out.append(c);
      }
    }
    return out.toString();
  }

  static Lexicon load(InputStream in, String resourceName) throws IOException {
    List<String> classes = new ArrayList<>();
    Map<Long, Long> words = new LinkedHashMap<>();
    Map<Long, Long> stems = new LinkedHashMap<>();
    int maxCjk = 1;
    char[] trigrams = new char[26 * 26 * 26];
    int otherLengths = 0;
    for (DataLines.Line dataLine : DataLines.read(in)) {
      int lineNo = dataLine.number();
      String line = dataLine.text();
      int colon = line.indexOf(':');
      if (colon <= 0) {
        throw new IOException(resourceName + " line " + lineNo + ": expected CLASS: words");
      }
      String cls = line.substring(0, colon).strip();
      int idx = classes.indexOf(cls);
      if (idx < 0) {
        if (classes.size() == MAX_CLASSES) {
          throw new IOException(resourceName + " line " + lineNo + ": more than " + MAX_CLASSES + " word classes");
        }
        classes.add(cls);
        idx = classes.size() - 1;
      }
      long bit = 1L << idx;
      for (String w : line.substring(colon + 1).strip().split("\\s+")) {
        if (w.isEmpty()) {
          continue;
        }
        boolean stem = w.endsWith("*");
        String folded = foldWord(stem ? w.substring(0, w.length() - 1) : w);
        if (folded.isEmpty()) {
          throw new IOException(resourceName + " line " + lineNo + ": empty word " + w);
        }
        if (Tokenizer.isCjk(folded.charAt(0))) {
          maxCjk = Math.max(maxCjk, folded.length());
        }
        if (stem) {
          int minStem = folded.charAt(0) < 0x80 ? 3 : 2; // Korean or Russian stems can be two letters
          if (folded.length() >= 32 || folded.length() < minStem) {
            throw new IOException(resourceName + " line " + lineNo + ": a stem needs " + minStem
                + " to 31 letters: " + w);
          }
          int tri = folded.length() < 3 ? -1 : trigram(folded.charAt(0), folded.charAt(1), folded.charAt(2));
          if (tri >= 0) {
            trigrams[tri] |= (char) lengthBit(folded.length());
          } else if (folded.charAt(0) < 0x80) {
            otherLengths |= lengthBit(folded.length());
          }
          stems.merge(stemKey(rawHash(folded), folded.length()), bit, (a, b) -> a | b);
          for (int k = 1; k < folded.length(); k++) {
            stems.merge(stemKey(rawHash(folded.substring(0, k)), k), PREFIX_BIT, (a, b) -> a | b);
          }
        } else {
          words.merge(rawHash(folded), bit, (a, b) -> a | b);
        }
      }
    }
    return new Lexicon(classes, words, stems, maxCjk, trigrams, otherLengths);
  }
}

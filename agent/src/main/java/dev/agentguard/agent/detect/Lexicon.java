package dev.agentguard.agent.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
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
  private final long[] keys;
  private final long[] masks;
  private final long[] stemKeys;
  private final long[] stemMasks;
  private final int stemLengths; // bit k set = some stem has k chars
  private final int maxCjkWord;

  private Lexicon(List<String> classNames, Map<Long, Long> words, Map<Long, Long> stems, int stemLengths,
      int maxCjkWord) {
    this.classNames = List.copyOf(classNames);
    int cap = Integer.highestOneBit(Math.max(16, words.size() * 3)) << 1;
    keys = new long[cap];
    masks = new long[cap];
    words.forEach((k, m) -> put(keys, masks, k, m));
    int scap = Integer.highestOneBit(Math.max(16, stems.size() * 3)) << 1;
    stemKeys = new long[scap];
    stemMasks = new long[scap];
    stems.forEach((k, m) -> put(stemKeys, stemMasks, k, m));
    this.stemLengths = stemLengths;
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

  private static long stemKey(long prefixHash, int length) {
    return mix(prefixHash + 0x9e3779b97f4a7c15L * length);
  }

  private static void put(long[] ks, long[] ms, long key, long mask) {
    int i = (int) key & (ks.length - 1);
    while (ks[i] != 0 && ks[i] != key) {
      i = (i + 1) & (ks.length - 1);
    }
    ks[i] = key;
    ms[i] |= mask;
  }

  private static long get(long[] ks, long[] ms, long key) {
    int i = (int) key & (ks.length - 1);
    while (true) {
      long k = ks[i];
      if (k == key) {
        return ms[i];
      }
      if (k == 0) {
        return 0;
      }
      i = (i + 1) & (ks.length - 1);
    }
  }

  /** Classes of a whole word, given the raw FNV hash of its chars. */
  long wordClasses(long rawHash) {
    return get(keys, masks, mix(rawHash));
  }

  /** Classes of stems that are {@code length} chars long, given the raw hash of that prefix. */
  long stemClasses(long prefixHash, int length) {
    if (length >= 32 || (stemLengths & (1 << length)) == 0) {
      return 0;
    }
    return get(stemKeys, stemMasks, stemKey(prefixHash, length));
  }

  boolean hasStemLength(int length) {
    return length < 32 && (stemLengths & (1 << length)) != 0;
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

  boolean hasClass(String name) {
    return classNames.contains(name);
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
    int stemLengths = 0;
    int maxCjk = 1;
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          throw new IOException(resourceName + " line " + lineNo + ": expected CLASS: words");
        }
        String cls = line.substring(0, colon).strip();
        int idx = classes.indexOf(cls);
        if (idx < 0) {
          if (classes.size() == 64) {
            throw new IOException(resourceName + " line " + lineNo + ": more than 64 word classes");
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
            if (folded.length() >= 32) {
              throw new IOException(resourceName + " line " + lineNo + ": stem too long " + w);
            }
            stems.merge(stemKey(rawHash(folded), folded.length()), bit, (a, b) -> a | b);
            stemLengths |= 1 << folded.length();
          } else {
            words.merge(mix(rawHash(folded)), bit, (a, b) -> a | b);
          }
        }
      }
    }
    return new Lexicon(classes, words, stems, stemLengths, maxCjk);
  }
}

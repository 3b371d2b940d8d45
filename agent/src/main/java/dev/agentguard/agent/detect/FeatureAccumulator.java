package dev.agentguard.agent.detect;

import java.util.Arrays;

/**
 * The features and findings of one scan, shared by the outer text and any decoded payloads inside
 * it: the hashed n-gram buckets of each window (a sentence, or 48 tokens of a longer one), the set of
 * named features, and every finding with its span in the original text. Per thread and reused:
 * named features are de-duplicated with generation stamps and whole-text buckets with a bit set that
 * {@link #score} clears again, so starting a scan costs nothing however large the last one was.
 */
final class FeatureAccumulator implements PhraseRules.Hits, StructureScanner.Hits {
  static final int MAX_FINDINGS = 512;

  static final int WINDOW_TOKENS = 48;

  private final int[] namedStamp;
  private int generation;

  // Buckets already counted for the whole text, while scoring: 8 KB, so the check stays in the L1 cache.
  private final long[] docSeen = new long[LinearModel.BUCKETS / 64];

  // Window w holds buckets[windowFrom[w] .. windowFrom[w + 1]) and covers original [windowStart, windowEnd).
  int[] buckets = new int[512];
  int bucketCount;
  int[] windowFrom = new int[64];
  int[] windowStart = new int[64];
  int[] windowEnd = new int[64];
  int windowCount;
  // Distinct buckets of the whole text, set by score(): only an INPUT scan counts them.
  int docBucketCount;
  final int[] named;
  int namedCount;

  final int[] findingFeature = new int[MAX_FINDINGS];
  final int[] findingStart = new int[MAX_FINDINGS];
  final int[] findingEnd = new int[MAX_FINDINGS];
  int findingCount;

  // Context of the level being scanned: its buffer, where its spans map, and feature offsets.
  ScanBuffer current;
  int mapStart = -1; // >= 0: every span of this level maps to [mapStart, mapEnd) (decoded payloads)
  int mapEnd;
  int scannerBase;
  int quotedExampleFeature; // what a phrase rule inside a cited quotation counts as

  FeatureAccumulator(int namedFeatures) {
    namedStamp = new int[namedFeatures];
    named = new int[namedFeatures];
  }

  /** Frees arrays that grew for one exceptionally large text. */
  void shrink() {
    // Kept up to the n-grams of a text piece (TextPieces.PIECE_CHARS of words: about 2.5 per token).
    if (buckets.length > 1 << 16) {
      buckets = new int[512];
    }
    if (windowFrom.length > 1 << 12) {
      windowFrom = new int[64];
      windowStart = new int[64];
      windowEnd = new int[64];
    }
  }

  void reset() {
    if (++generation == Integer.MAX_VALUE) {
      Arrays.fill(namedStamp, 0);
      generation = 1;
    }
    bucketCount = 0;
    windowCount = 0;
    namedCount = 0;
    findingCount = 0;
  }

  /** Opens a new window over original range [start, end); later buckets belong to it. */
  void openWindow(int start, int end) {
    if (windowCount + 1 >= windowFrom.length) {
      int n = windowFrom.length * 2;
      windowFrom = Arrays.copyOf(windowFrom, n);
      windowStart = Arrays.copyOf(windowStart, n);
      windowEnd = Arrays.copyOf(windowEnd, n);
    }
    windowFrom[windowCount] = bucketCount;
    windowStart[windowCount] = start;
    windowEnd[windowCount] = end;
    windowCount++;
    windowFrom[windowCount] = bucketCount;
  }

  /**
   * The bucket array with room for {@code more} buckets past {@link #bucketCount}: the n-gram loop writes
   * them itself and sets {@link #bucketCount} (through {@link #openWindow} and {@link #endBuckets}), so the
   * count stays in a register instead of going through this object on every n-gram.
   */
  int[] bucketRoom(int more) {
    if (bucketCount + more > buckets.length) {
      buckets = Arrays.copyOf(buckets, Math.max(bucketCount + more, buckets.length * 2));
    }
    return buckets;
  }

  /** Ends the buckets written into {@link #bucketRoom} at {@code count}: they belong to the open window. */
  void endBuckets(int count) {
    bucketCount = count;
    windowFrom[windowCount] = count;
  }

  /**
   * Sums each window's weights into {@code sums} and, if {@code wholeText}, returns the sum of the
   * whole-text weights of the distinct buckets (in order of first occurrence) with their count in
   * {@link #docBucketCount}; otherwise returns 0. One pass: both weights of a bucket share a cache line.
   */
  double score(float[] pairs, double[] sums, boolean wholeText) {
    int[] bs = buckets;
    double doc = 0;
    int distinct = 0;
    if (wholeText) {
      long[] seen = docSeen;
      for (int w = 0; w < windowCount; w++) {
        double sum = 0;
        for (int i = windowFrom[w]; i < windowFrom[w + 1]; i++) {
          int b = bs[i];
          sum += pairs[2 * b];
          // Branch-free: whether a bucket repeats is data the CPU cannot predict. A repeat adds +0.0 (the
          // weight's bits masked off), which leaves the sum as it was: it starts at +0.0 and can never be -0.0.
          long word = seen[b >>> 6];
          int fresh = (int) (~word >>> b) & 1; // bit b of the word (shift is mod 64), inverted
          seen[b >>> 6] = word | (1L << b);
          doc += Float.intBitsToFloat(Float.floatToRawIntBits(pairs[2 * b + 1]) & -fresh);
          distinct += fresh;
        }
        sums[w] = sum;
      }
      // Cleared through every bucket, not a list of the distinct ones: writing that list cost more
      // (its index hangs on each bucket's test) than storing again to the words already set.
      for (int i = 0; i < bucketCount; i++) {
        seen[bs[i] >>> 6] = 0L;
      }
    } else {
      for (int w = 0; w < windowCount; w++) {
        double sum = 0;
        for (int i = windowFrom[w]; i < windowFrom[w + 1]; i++) {
          sum += pairs[2 * bs[i]];
        }
        sums[w] = sum;
      }
    }
    docBucketCount = distinct;
    return doc;
  }

  boolean hasNamed(int feature) {
    return namedStamp[feature] == generation;
  }

  /** Records a named feature with its span in the original text (already mapped). */
  void addNamed(int feature, int start, int end) {
    if (namedStamp[feature] != generation) {
      namedStamp[feature] = generation;
      named[namedCount++] = feature;
    }
    if (findingCount < MAX_FINDINGS) {
      findingFeature[findingCount] = feature;
      findingStart[findingCount] = start;
      findingEnd[findingCount] = end;
      findingCount++;
    }
  }

  /** Records a feature found over normalised range [normStart, normEnd) of the current level. */
  void addNamedNorm(int feature, int normStart, int normEnd) {
    if (normEnd <= normStart) {
      normEnd = normStart + 1;
    }
    if (mapStart >= 0) {
      addNamed(feature, mapStart, mapEnd);
    } else {
      addNamed(feature, current.origStart[normStart], current.endOf(Math.min(normEnd, current.normLength) - 1));
    }
  }

  @Override
  public void hit(int rule, int firstToken, int lastToken) {
    if (QuotedExample.cited(current, firstToken, lastToken)) {
      rule = quotedExampleFeature;
    }
    addNamedNorm(rule, current.tokStart[firstToken], current.tokEnd[lastToken]);
  }

  @Override
  public void marker(int feature, int normStart, int normEnd) {
    addNamedNorm(scannerBase + feature, normStart, normEnd);
  }
}

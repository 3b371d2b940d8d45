package dev.agentguard.agent.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The trained weights: a bias, one weight per named feature (rule, marker, decoder), and two weights
 * per hashed word-n-gram bucket (one when the n-gram is in the scored window, one when it is anywhere
 * in the text), plus the two thresholds chosen on the development data. Stored as the
 * {@code injection-model.bin} resource written by TrainInjectionModel; only non-zero weights are
 * stored, so the resource stays small. In memory the two weights an n-gram reads sit side by side
 * ({@link #pairs}); the file keeps the two halves.
 */
final class LinearModel {
  static final int BUCKET_BITS = 16;
  static final int BUCKETS = 1 << BUCKET_BITS;
  /** In the file (and the constructor's array) window weights are [0, BUCKETS), whole-text weights [BUCKETS, WEIGHTS). */
  static final int WEIGHTS = 2 * BUCKETS;
  private static final int MAGIC = 0x41474d31; // "AGM1"

  final double bias;
  final Map<String, Double> named;
  /**
   * Bucket b's window weight at [2b] and its whole-text weight (file index {@link #docIndex}(b)) at [2b + 1]:
   * an n-gram costs one cache line instead of two far apart, which matters on varied text, where
   * thousands of distinct buckets miss the cache.
   */
  final float[] pairs;
  final double inputThreshold;
  final double outputThreshold;

  LinearModel(double bias, Map<String, Double> named, float[] buckets, double inputThreshold,
      double outputThreshold) {
    if (buckets.length != WEIGHTS) {
      throw new IllegalArgumentException("expected " + WEIGHTS + " bucket weights");
    }
    this.bias = bias;
    this.named = Map.copyOf(named);
    this.pairs = new float[WEIGHTS];
    for (int b = 0; b < BUCKETS; b++) {
      pairs[2 * b] = buckets[b];
      pairs[2 * b + 1] = buckets[docIndex(b)];
    }
    this.inputThreshold = inputThreshold;
    this.outputThreshold = outputThreshold;
  }

  /** The whole-text weight index of window bucket {@code b}: a fixed permutation, so collisions differ. */
  static int docIndex(int b) {
    return BUCKETS + ((b * 0x2f0b3 + 0x1d2b) & (BUCKETS - 1));
  }

  /** The weight at file index {@code index} (see {@link #WEIGHTS}). */
  float weight(int index) {
    if (index < BUCKETS) {
      return pairs[2 * index];
    }
    return pairs[2 * windowIndex(index) + 1];
  }

  /** The window bucket whose whole-text weight is at file index {@code doc}: the inverse of {@link #docIndex}. */
  static int windowIndex(int doc) {
    return ((doc - BUCKETS - 0x1d2b) * DOC_INVERSE) & (BUCKETS - 1);
  }

  // 0x2f0b3 * DOC_INVERSE == 1 (mod BUCKETS): docIndex is a bijection, so each bucket has one whole-text weight.
  private static final int DOC_INVERSE = inverse(0x2f0b3);

  private static int inverse(int odd) {
    int x = odd; // Newton's iteration: each step doubles the correct low bits (3, 6, 12, 24, 48)
    for (int i = 0; i < 4; i++) {
      x *= 2 - odd * x;
    }
    return x;
  }

  /** A model that knows only the rules' prior weights: used when no trained weights are shipped. */
  static LinearModel priorsOnly(Map<String, Double> priors) {
    return new LinearModel(-4.0, priors, new float[WEIGHTS], 0.5, 0.5);
  }

  void write(OutputStream out) throws IOException {
    DataOutputStream d = new DataOutputStream(out);
    d.writeInt(MAGIC);
    d.writeDouble(bias);
    d.writeDouble(inputThreshold);
    d.writeDouble(outputThreshold);
    d.writeInt(named.size());
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(named).entrySet()) {
      d.writeUTF(e.getKey());
      d.writeFloat(e.getValue().floatValue());
    }
    int nonZero = 0;
    for (float w : pairs) {
      if (w != 0f) {
        nonZero++;
      }
    }
    d.writeInt(nonZero);
    for (int i = 0; i < WEIGHTS; i++) {
      float w = weight(i);
      if (w != 0f) {
        d.writeInt(i);
        d.writeFloat(w);
      }
    }
    d.flush();
  }

  static LinearModel read(InputStream in) throws IOException {
    DataInputStream d = new DataInputStream(in);
    if (d.readInt() != MAGIC) {
      throw new IOException("not an AgentGuard injection model");
    }
    double bias = d.readDouble();
    double inThr = d.readDouble();
    double outThr = d.readDouble();
    int n = d.readInt();
    Map<String, Double> named = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      named.put(d.readUTF(), (double) d.readFloat());
    }
    float[] buckets = new float[WEIGHTS];
    int nonZero = d.readInt();
    for (int i = 0; i < nonZero; i++) {
      int idx = d.readInt();
      if (idx < 0 || idx >= WEIGHTS) {
        throw new IOException("bucket index out of range: " + idx);
      }
      buckets[idx] = d.readFloat();
    }
    return new LinearModel(bias, named, buckets, inThr, outThr);
  }
}

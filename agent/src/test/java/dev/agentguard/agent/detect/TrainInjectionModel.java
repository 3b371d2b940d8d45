package dev.agentguard.agent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Trains the injection model's weights on the development data sets and writes the shipped resource.
 * Reproducible: fixed folds (a hash of the text), full-batch training from fixed initial weights, no
 * randomness. Prints the figures on a hash-held-out fifth (trained on the other four fifths) before
 * training the shipped model on all rows. Thresholds come from out-of-fold scores, never from scores
 * of rows the model was trained on.
 *
 * <p>Run: see README.md ("Training") in the main detect package.
 */
public final class TrainInjectionModel {
  static final double FPR_TARGET = 0.015;
  static final int FOLDS = 5;
  static final int EPOCHS = 300;
  static final double RATE = 0.05;
  static final double L2_BUCKETS = 0.02;
  static final double L2_NAMED = 0.5;

  /** One labelled row with its features. */
  record Row(String file, String kind, int label, int fold, int[] named, int[] buckets, String text) {
    String group() {
      return file + "/" + (label == 1 ? kind : "benign");
    }

    Use use(boolean fileHasIndirect) {
      return "indirect".equals(kind) || (label == 0 && fileHasIndirect) ? Use.OUTPUT : Use.INPUT;
    }
  }

  /** Model parameters under training. */
  static final class Params {
    double bias;
    final double[] named;
    final double[] buckets = new double[LinearModel.BUCKETS];

    Params(double[] priors) {
      named = priors.clone();
      bias = -2.0;
    }

    double z(Row r) {
      double z = bias;
      for (int f : r.named) {
        z += named[f];
      }
      for (int b : r.buckets) {
        z += buckets[b];
      }
      return z;
    }
  }

  public static void main(String[] args) throws IOException {
    Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
    Path out = Path.of(args.length > 1 ? args[1]
        : "agent/src/main/resources/dev/agentguard/agent/detect/" + InjectionDetector.MODEL_RESOURCE);
    run(datasets, out, System.out);
  }

  static void run(Path datasets, Path out, java.io.PrintStream log) throws IOException {
    InjectionDetector.Engine engine = InjectionDetector.Engine.load();
    InjectionDetector extractor = InjectionDetector.withModel(engine, LinearModel.priorsOnly(engine.priorMap()));
    List<Row> rows = new ArrayList<>();
    Map<String, Boolean> hasIndirect = new HashMap<>();
    for (String name : List.of("injection_prompts.jsonl", "injection_indirect.jsonl")) {
      rows.addAll(load(datasets.resolve(name), name, extractor, hasIndirect));
    }
    log.printf(Locale.ROOT, "rows %d, named features %d%n", rows.size(), engine.featureCount());

    // 1. Generalisation: train on folds 1-4, report on fold 0 with thresholds from folds 1-4's own CV.
    List<Row> train = rows.stream().filter(r -> r.fold != 0).toList();
    List<Row> held = rows.stream().filter(r -> r.fold == 0).toList();
    double[] thr = thresholds(train, engine, hasIndirect);
    Params p = train(train, engine);
    log.printf(Locale.ROOT, "hash-held-out fold (%d rows), thresholds input %.3f output %.3f:%n", held.size(), thr[0],
        thr[1]);
    report(held, p, thr, hasIndirect, log);

    // 2. The shipped model: thresholds from 5-fold out-of-fold scores, weights from all rows.
    double[] finalThr = thresholds(rows, engine, hasIndirect);
    Params all = train(rows, engine);
    log.printf(Locale.ROOT, "all development rows (training fit), thresholds input %.3f output %.3f:%n",
        finalThr[0], finalThr[1]);
    report(rows, all, finalThr, hasIndirect, log);

    Map<String, Double> named = new LinkedHashMap<>();
    for (int i = 0; i < engine.featureCount(); i++) {
      named.put(engine.featureNames[i], all.named[i]);
    }
    float[] buckets = new float[LinearModel.BUCKETS];
    for (int i = 0; i < buckets.length; i++) {
      // Tiny weights only add noise and size to the resource.
      buckets[i] = Math.abs(all.buckets[i]) < 1e-3 ? 0f : (float) all.buckets[i];
    }
    LinearModel model = new LinearModel(all.bias, named, buckets, finalThr[0], finalThr[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      model.write(o);
    }
    log.println("wrote " + out + " (" + Files.size(out) + " bytes)");
  }

  static List<Row> load(Path file, String name, InjectionDetector extractor, Map<String, Boolean> hasIndirect)
      throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<Row> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      String text = n.get("text").asString();
      String kind = n.get("kind").asString();
      int label = n.get("label").asInt();
      if ("indirect".equals(kind)) {
        hasIndirect.put(name, true);
      }
      int[][] f = extractor.features(text);
      rows.add(new Row(name, kind, label, fold(text), f[0], f[1], text));
    }
    return rows;
  }

  static int fold(String text) {
    return (int) Long.remainderUnsigned(Lexicon.mix(Lexicon.rawHash(text)), FOLDS);
  }

  static Params train(List<Row> rows, InjectionDetector.Engine engine) {
    Params p = new Params(engine.priors);
    int nb = LinearModel.BUCKETS;
    int nn = engine.featureCount();
    // Adam state.
    double[] mb = new double[nb];
    double[] vb = new double[nb];
    double[] mn = new double[nn];
    double[] vn = new double[nn];
    double mBias = 0;
    double vBias = 0;
    double b1 = 0.9;
    double b2 = 0.999;
    boolean[] seen = new boolean[nb];
    for (Row r : rows) {
      for (int b : r.buckets) {
        seen[b] = true;
      }
    }
    double[] gb = new double[nb];
    double[] gn = new double[nn];
    double count = rows.size();
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      Arrays.fill(gb, 0);
      Arrays.fill(gn, 0);
      double gBias = 0;
      for (Row r : rows) {
        double z = p.z(r);
        double prob = 1 / (1 + Math.exp(-z));
        double g = (prob - r.label) / count;
        gBias += g;
        for (int f : r.named) {
          gn[f] += g;
        }
        for (int b : r.buckets) {
          gb[b] += g;
        }
      }
      double c1 = 1 - Math.pow(b1, epoch);
      double c2 = 1 - Math.pow(b2, epoch);
      for (int i = 0; i < nb; i++) {
        if (!seen[i]) {
          continue;
        }
        double g = gb[i] + L2_BUCKETS * p.buckets[i] / count * 10;
        mb[i] = b1 * mb[i] + (1 - b1) * g;
        vb[i] = b2 * vb[i] + (1 - b2) * g * g;
        p.buckets[i] -= RATE * (mb[i] / c1) / (Math.sqrt(vb[i] / c2) + 1e-8);
      }
      for (int i = 0; i < nn; i++) {
        double g = gn[i] + L2_NAMED * (p.named[i] - engine.priors[i]) / count * 10;
        mn[i] = b1 * mn[i] + (1 - b1) * g;
        vn[i] = b2 * vn[i] + (1 - b2) * g * g;
        p.named[i] -= RATE * (mn[i] / c1) / (Math.sqrt(vn[i] / c2) + 1e-8);
      }
      mBias = b1 * mBias + (1 - b1) * gBias;
      vBias = b2 * vBias + (1 - b2) * gBias * gBias;
      p.bias -= RATE * (mBias / c1) / (Math.sqrt(vBias / c2) + 1e-8);
    }
    return p;
  }

  /** Thresholds {input, output} from out-of-fold scores of {@code rows}: the lowest keeping FPR <= target. */
  static double[] thresholds(List<Row> rows, InjectionDetector.Engine engine, Map<String, Boolean> hasIndirect) {
    List<Double> benignIn = new ArrayList<>();
    List<Double> benignOut = new ArrayList<>();
    int[] folds = rows.stream().mapToInt(Row::fold).distinct().sorted().toArray();
    for (int k : folds) {
      List<Row> tr = rows.stream().filter(r -> r.fold != k).toList();
      Params p = train(tr, engine);
      for (Row r : rows) {
        if (r.fold == k && r.label == 0) {
          double s = 1 / (1 + Math.exp(-p.z(r)));
          (r.use(hasIndirect.getOrDefault(r.file, false)) == Use.OUTPUT ? benignOut : benignIn).add(s);
        }
      }
    }
    return new double[] {quantileThreshold(benignIn), quantileThreshold(benignOut)};
  }

  private static double quantileThreshold(List<Double> benign) {
    if (benign.isEmpty()) {
      return 0.5;
    }
    double[] s = benign.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int allowed = (int) Math.floor(s.length * FPR_TARGET);
    double t = s[s.length - 1 - allowed];
    return Math.min(0.99, Math.max(0.05, Math.nextUp(t)));
  }

  static void report(List<Row> rows, Params p, double[] thr, Map<String, Boolean> hasIndirect,
      java.io.PrintStream log) {
    Map<String, int[]> groups = new LinkedHashMap<>();
    for (Row r : rows) {
      Use use = r.use(hasIndirect.getOrDefault(r.file, false));
      double s = 1 / (1 + Math.exp(-p.z(r)));
      boolean det = s >= (use == Use.OUTPUT ? thr[1] : thr[0]);
      int[] g = groups.computeIfAbsent(r.group(), k -> new int[2]);
      g[0]++;
      if (det) {
        g[1]++;
      }
    }
    groups.forEach((k, g) -> log.printf(Locale.ROOT, "  %-45s %s %.3f (%d/%d)%n", k,
        k.endsWith("/benign") ? "fpr   " : "recall", g[1] / (double) g[0], g[1], g[0]));
  }
}

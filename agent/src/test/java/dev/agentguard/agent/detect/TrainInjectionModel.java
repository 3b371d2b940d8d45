package dev.agentguard.agent.detect;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
  static final double FPR_TARGET = Double.parseDouble(System.getProperty("agentguard.train.fpr", "0.02"));
  static final int FOLDS = 5;
  static final int EPOCHS = Integer.getInteger("agentguard.train.epochs", 150);
  static final double RATE = Double.parseDouble(System.getProperty("agentguard.train.rate", "0.05"));
  static final double L2_BUCKETS = Double.parseDouble(System.getProperty("agentguard.train.l2", "0.01"));
  /**
   * Another fold assignment (default 0, the shipped one): figures that move by a point between fold
   * assignments are noise, so compare variants on two or three salts, never on one split.
   */
  static final long FOLD_SALT = Long.getLong("agentguard.train.foldSalt", 0);

  /** One labelled row with its features. */
  record Row(String file, String kind, int label, int fold, int[] found, int[] named, int[][] windows, int[] doc,
      String text, int role, Use use, boolean modelled) {
    static final int BOTH = 0;
    static final int TRAIN = 1;
    static final int EVAL = 2;
    /** Only reported, never trained or stacked: a row scored with the other use (-Dagentguard.train.asInput). */
    static final int REPORT_ONLY = 3;

    /**
     * A row whose named features are those of {@code found} that count for its use: a finding of an input-only
     * rule is found in a tool result too, but it does not count there ({@link InjectionDetector}).
     */
    static Row of(String file, String kind, int label, int fold, int[] found, int[][] windows, String text, int role,
        Use use, boolean modelled, boolean[] inputOnly) {
      int[] named = use == Use.INPUT ? found : Arrays.stream(found).filter(f -> !inputOnly[f]).toArray();
      return new Row(file, kind, label, fold, found, named, windows, doc(windows), text, role, use, modelled);
    }

    /** Whole-text weight indexes: every window bucket, once (computed once per row: training reads it often). */
    static int[] doc(int[][] windows) {
      return Arrays.stream(windows).flatMapToInt(Arrays::stream).map(LinearModel::docIndex).distinct().toArray();
    }

    boolean trains() {
      return role == BOTH || role == TRAIN;
    }

    boolean evaluates() {
      return role == BOTH || role == EVAL;
    }

    boolean reported() {
      return role != TRAIN;
    }

    String group() {
      return file + "/" + (label == 1 ? kind : "benign");
    }
  }

  /** Model parameters under training. */
  static final class Params {
    double bias;
    final double[] named;
    final double[] buckets = new double[LinearModel.WEIGHTS];

    Params(int namedCount) {
      named = new double[namedCount];
      bias = -2.0;
    }

    double z(Row r) {
      double z = bias;
      for (int f : r.named) {
        z += named[f];
      }
      if (r.use == Use.INPUT) {
        int[] doc = r.doc;
        double sum = 0;
        for (int d : doc) {
          sum += buckets[d];
        }
        z += sum * InjectionDetector.docScale(doc.length);
      }
      return z + InjectionDetector.pool(windowSums(r), r.windows.length);
    }

    /** {bias plus named weights, the text part (whole text and pooled windows)}: stage B floors the second. */
    double[] parts(Row r) {
      double z = z(r);
      double fixed = bias;
      for (int f : r.named) {
        fixed += named[f];
      }
      return new double[] {fixed, z - fixed};
    }

    double[] windowSums(Row r) {
      double[] sums = new double[r.windows.length];
      for (int w = 0; w < sums.length; w++) {
        for (int b : r.windows[w]) {
          sums[w] += buckets[b];
        }
      }
      return sums;
    }

    /** The window with the highest n-gram sum (what the detector scores), or -1. */
    int bestWindow(Row r) {
      int best = -1;
      double bestSum = 0;
      for (int w = 0; w < r.windows.length; w++) {
        double sum = 0;
        for (int b : r.windows[w]) {
          sum += buckets[b];
        }
        if (best < 0 || sum > bestSum) {
          best = w;
          bestSum = sum;
        }
      }
      return best;
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
    for (String name : List.of("injection_prompts.jsonl", "injection_indirect.jsonl")) {
      rows.addAll(load(datasets.resolve(name), name, extractor));
    }
    if (Boolean.getBoolean("agentguard.train.asInput")) {
      List<Row> copies = new ArrayList<>();
      for (Row r : rows) {
        if (r.evaluates()) {
          Use other = r.use == Use.OUTPUT ? Use.INPUT : Use.OUTPUT;
          copies.add(Row.of(r.file + "(as " + other + ")", r.kind, r.label, r.fold, r.found, r.windows, r.text,
              Row.REPORT_ONLY, other, r.modelled, engine.inputOnly));
        }
      }
      rows.addAll(copies);
    }
    log.printf(Locale.ROOT, "rows %d, named features %d%n", rows.size(), engine.featureCount());

    // Two stages. A: the text model (n-gram weights) alone. B: the rule and marker weights, the text
    // model's scale and the bias, fitted on text-model scores of rows that model never saw (stacking),
    // so the rules learn what they add beyond the text model instead of being drowned by its fit.
    // 1. Generalisation: 5-fold cross-validation by a hash of the text; every row is scored by models
    //    that never saw it; thresholds are the lowest keeping the out-of-fold benign FPR <= target.
    Map<Row, double[]> textOof = new java.util.IdentityHashMap<>();
    for (int k = 0; k < FOLDS; k++) {
      int fold = k;
      Params a = train(rows.stream().filter(r -> r.fold != fold).toList(), engine);
      for (Row r : rows) {
        if (r.fold == k) {
          textOof.put(r, a.parts(r));
        }
      }
    }
    Map<Row, Double> oof = new LinkedHashMap<>();
    for (int k = 0; k < FOLDS; k++) {
      int fold = k;
      Stack b = stack(rows.stream().filter(r -> r.fold != fold && r.evaluates()).toList(), textOof, engine);
      for (Row r : rows) {
        if (r.fold == k && r.reported()) {
          oof.put(r, sigmoid(b.z(r, textOof.get(r))));
        }
      }
    }
    double[] thr = thresholds(oof);
    log.printf(Locale.ROOT, "hash-held-out (5-fold out-of-fold scores), thresholds input %.3f output %.3f:%n", thr[0],
        thr[1]);
    report(oof, thr, log);
    if (System.getProperty("agentguard.train.scores") != null) {
      StringBuilder sb = new StringBuilder();
      oof.forEach((r, sc) -> sb.append(r.file).append('\t').append(r.use).append('\t').append(r.label).append('\t')
          .append(r.kind).append('\t').append(sc).append('\t')
          .append(java.util.Base64.getEncoder().encodeToString(r.text.getBytes(java.nio.charset.StandardCharsets.UTF_8)))
          .append('\n'));
      Files.writeString(Path.of(System.getProperty("agentguard.train.scores")), sb.toString());
    }
    curve(oof, log);
    if (System.getProperty("agentguard.train.dump") != null) {
      dump(oof, thr, engine, Path.of(System.getProperty("agentguard.train.dump")));
    }
    if (Boolean.getBoolean("agentguard.train.cvOnly")) {
      return;
    }

    // 2. The shipped model: text model on all rows, stage B on the out-of-fold text scores.
    Params text = train(rows, engine);
    Stack stack = stack(rows.stream().filter(Row::evaluates).toList(), textOof, engine);
    Map<Row, Double> fit = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.evaluates()) {
        fit.put(r, sigmoid(stack.z(r, text.parts(r))));
      }
    }
    log.printf(Locale.ROOT, "bias %.2f, text scale %.2f; named weights (prior -> trained):%n", stack.bias, stack.scale);
    for (int i = 0; i < engine.featureCount(); i++) {
      log.printf(Locale.ROOT, "  %-45s %5.2f -> %5.2f%n", engine.featureNames[i], engine.priors[i], stack.named[i]);
    }
    log.printf(Locale.ROOT, "all development rows (training fit, same thresholds):%n");
    report(fit, thr, log);

    Map<String, Double> named = new LinkedHashMap<>();
    for (int i = 0; i < engine.featureCount(); i++) {
      named.put(engine.featureNames[i], stack.named[i]);
    }
    float[] buckets = new float[LinearModel.WEIGHTS];
    for (int i = 0; i < buckets.length; i++) {
      // The text model's scale is folded into its weights; tiny weights only add size.
      double w = stack.scale * text.buckets[i];
      buckets[i] = Math.abs(w) < 1e-3 ? 0f : (float) w;
    }
    LinearModel model = new LinearModel(stack.bias + stack.scale * text.bias, named, buckets, thr[0], thr[1]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    try (OutputStream o = Files.newOutputStream(out)) {
      model.write(o);
    }
    log.println("wrote " + out + " (" + Files.size(out) + " bytes)");
  }

  static List<Row> load(Path file, String name, InjectionDetector extractor) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    List<Row> rows = new ArrayList<>();
    boolean[] inputOnly = extractor.engine().inputOnly;
    for (String line : Files.readAllLines(file)) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      String text = n.get("text").asString();
      String kind = n.get("kind").asString();
      int label = n.get("label").asInt();
      InjectionDetector.Extracted x = extractor.extracted(text);
      // Trained as the source says (a tool result or a message); scored as scan and eval score a text of
      // unknown origin, by its shape (Use.guess).
      Use use = useOf(name);
      Use scored = Use.guess(text);
      int fold = fold(text);
      JsonNode attack = n.path("meta").path("attack_str");
      int at = attack.isString() ? text.indexOf(attack.asString()) : -1;
      if (label == 1 && at >= 0) {
        // The injected span is known: its windows are the attack, the rest of the document is clean
        // data. Training on both keeps the text model from learning the carrier documents.
        int end = at + attack.asString().length();
        rows.add(part(name, kind, 1, fold, x, at, end, true, text, Row.TRAIN, use, inputOnly));
        Row rest = part(name, "carrier", 0, fold, x, at, end, false, text, Row.TRAIN, use, inputOnly);
        if (rest.windows.length > 0) {
          rows.add(rest);
        }
        rows.add(part(name, kind, label, fold, x, 0, Integer.MAX_VALUE, true, text, Row.EVAL, scored, inputOnly));
      } else if (scored == use) {
        rows.add(part(name, kind, label, fold, x, 0, Integer.MAX_VALUE, true, text, Row.BOTH, use, inputOnly));
      } else {
        rows.add(part(name, kind, label, fold, x, 0, Integer.MAX_VALUE, true, text, Row.TRAIN, use, inputOnly));
        rows.add(part(name, kind, label, fold, x, 0, Integer.MAX_VALUE, true, text, Row.EVAL, scored, inputOnly));
      }
    }
    return rows;
  }

  /** The windows and findings of {@code x} inside [from, to) (or outside it). */
  static Row part(String file, String kind, int label, int fold, InjectionDetector.Extracted x, int from, int to,
      boolean inside, String text, int role, Use fileUse, boolean[] inputOnly) {
    List<int[]> windows = new ArrayList<>();
    for (int w = 0; w < x.windows().length; w++) {
      boolean overlaps = x.windowStart()[w] < to && x.windowEnd()[w] > from;
      if (overlaps == inside) {
        windows.add(x.windows()[w]);
      }
    }
    java.util.TreeSet<Integer> named = new java.util.TreeSet<>();
    for (int i = 0; i < x.findingFeature().length; i++) {
      boolean overlaps = x.findingStart()[i] < to && x.findingEnd()[i] > from;
      if (overlaps == inside) {
        named.add(x.findingFeature()[i]);
      }
    }
    int[][] ws = windows.toArray(new int[0][]);
    return Row.of(file, kind, label, fold, named.stream().mapToInt(Integer::intValue).toArray(), ws, text, role,
        fileUse, x.modelledLanguage(), inputOnly);
  }

  /**
   * The use a file's rows are scanned as, as EvalCommand picks it: a file with indirect rows holds
   * tool results (OUTPUT), any other holds tool arguments (INPUT).
   */
  static Use useOf(String file) {
    return file.contains("indirect") ? Use.OUTPUT : Use.INPUT;
  }

  static int fold(String text) {
    return (int) Long.remainderUnsigned(Lexicon.mix(Lexicon.rawHash(text) ^ FOLD_SALT), FOLDS);
  }

  /** Stage A: the text model's bias and n-gram weights; named weights stay 0 here. */
  static Params train(List<Row> all, InjectionDetector.Engine engine) {
    List<Row> rows = all.stream().filter(Row::trains).toList();
    Params p = new Params(engine.featureCount());
    int nb = LinearModel.WEIGHTS;
    // Adam state.
    double[] mb = new double[nb];
    double[] vb = new double[nb];
    double mBias = 0;
    double vBias = 0;
    double b1 = 0.9;
    double b2 = 0.999;
    boolean[] seen = new boolean[nb];
    for (Row r : rows) {
      for (int[] w : r.windows) {
        for (int b : w) {
          seen[b] = true;
          seen[LinearModel.docIndex(b)] = true;
        }
      }
    }
    double[] gb = new double[nb];
    double count = rows.size();
    for (int epoch = 1; epoch <= EPOCHS; epoch++) {
      Arrays.fill(gb, 0);
      double gBias = 0;
      for (Row r : rows) {
        double z = p.z(r);
        double prob = 1 / (1 + Math.exp(-z));
        double g = (prob - r.label) / count;
        gBias += g;
        if (r.use == Use.INPUT) {
          int[] doc = r.doc;
          double scale = InjectionDetector.docScale(doc.length);
          for (int d : doc) {
            gb[d] += g * scale;
          }
        }
        double[] share = InjectionDetector.poolShares(p.windowSums(r), r.windows.length);
        for (int w = 0; w < share.length; w++) {
          for (int b : r.windows[w]) {
            gb[b] += g * share[w];
          }
        }
      }
      double c1 = 1 - Math.pow(b1, epoch);
      double c2 = 1 - Math.pow(b2, epoch);
      for (int i = 0; i < nb; i++) {
        if (!seen[i]) {
          continue;
        }
        double g = gb[i] + L2_BUCKETS * p.buckets[i] / count;
        mb[i] = b1 * mb[i] + (1 - b1) * g;
        vb[i] = b2 * vb[i] + (1 - b2) * g * g;
        p.buckets[i] -= RATE * (mb[i] / c1) / (Math.sqrt(vb[i] / c2) + 1e-8);
      }
      mBias = b1 * mBias + (1 - b1) * gBias;
      vBias = b2 * vBias + (1 - b2) * gBias * gBias;
      p.bias -= RATE * (mBias / c1) / (Math.sqrt(vBias / c2) + 1e-8);
    }
    return p;
  }

  /** Stage B: bias, the text model's scale and the named weights. */
  static final class Stack {
    double bias;
    double scale = 1;
    final double[] named;
    private final java.util.function.IntPredicate signs;

    Stack(double[] priors, java.util.function.IntPredicate signs) {
      named = priors.clone();
      this.signs = signs;
    }

    /** The text model's part as the detector bounds it ({@link InjectionDetector#bounded}). */
    double textPart(Row r, double[] text) {
      return InjectionDetector.bounded(Math.max(scale * text[1], InjectionDetector.textFloor(r.use)),
          r.modelled);
    }

    double z(Row r, double[] text) {
      double z = bias + scale * text[0] + textPart(r, text);
      boolean signed = false; // as the detector decides it: a finding with a weight
      for (int f : r.named) {
        z += named[f];
        signed |= named[f] > 0 && signs.test(f);
      }
      return z - InjectionDetector.unsignedMargin(r.use, signed);
    }
  }

  static final double L2_STACK = Double.parseDouble(System.getProperty("agentguard.train.l2stack", "0.01"));

  /** Fits stage B by full-batch Adam; named weights are pulled toward their priors. */
  static Stack stack(List<Row> rows, Map<Row, double[]> text, InjectionDetector.Engine engine) {
    Stack st = new Stack(engine.priors, engine::signs);
    int nn = engine.featureCount();
    int np = nn + 2; // named..., scale, bias
    double[] m = new double[np];
    double[] v = new double[np];
    double[] g = new double[np];
    double count = rows.size();
    for (int epoch = 1; epoch <= 400; epoch++) {
      Arrays.fill(g, 0);
      for (Row r : rows) {
        double[] t = text.get(r);
        double d = (sigmoid(st.z(r, t)) - r.label) / count;
        for (int f : r.named) {
          g[f] += d;
        }
        double scaled = st.scale * t[1];
        boolean held = st.textPart(r, t) != scaled; // at the floor, or in an unmodelled language's band
        g[nn] += d * (t[0] + (held ? 0 : t[1]));
        g[nn + 1] += d;
      }
      for (int i = 0; i < nn; i++) {
        g[i] += L2_STACK * (st.named[i] - engine.priors[i]);
      }
      double c1 = 1 - Math.pow(0.9, epoch);
      double c2 = 1 - Math.pow(0.999, epoch);
      for (int i = 0; i < np; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] * g[i];
        double step = 0.05 * (m[i] / c1) / (Math.sqrt(v[i] / c2) + 1e-8);
        if (i < nn) {
          st.named[i] -= step;
        } else if (i == nn) {
          st.scale -= step;
        } else {
          st.bias -= step;
        }
      }
    }
    return st;
  }

  static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Thresholds {input, output}: the highest that catches every out-of-fold attack the lowest allowed one
   * catches. The lowest allowed keeps the benign FPR of every file scored with that use <= target (each
   * benign group on its own, so a large group cannot hide a small one); it sits right on the last benign row
   * let through, so where no attack scores between that row and the next it moves with that one row and
   * buys no recall. Removing two benign tool results' spurious Caesar findings (session 19) moved it from
   * 0.487 to 0.346 with the same out-of-fold attacks caught, and the lower threshold flagged 30 more of the
   * 592 everyday tool-result probes. Raised to the weakest attack it catches, the output threshold is 0.49
   * at all three fold assignments (the lowest allowed: 0.35, 0.36, 0.33).
   */
  static double[] thresholds(Map<Row, Double> scores) {
    Map<String, List<Double>> benign = new java.util.TreeMap<>();
    scores.forEach((r, s) -> {
      if (r.label == 0 && r.role != Row.REPORT_ONLY) {
        benign.computeIfAbsent(r.use + " " + r.file, k -> new ArrayList<>()).add(s);
      }
    });
    double[] lowest = {0.05, 0.05};
    benign.forEach((key, list) -> {
      int u = key.startsWith(Use.OUTPUT.name()) ? 1 : 0;
      lowest[u] = Math.max(lowest[u], quantileThreshold(list));
    });
    double[] thr = {Double.NaN, Double.NaN};
    scores.forEach((r, s) -> {
      int u = r.use == Use.OUTPUT ? 1 : 0;
      if (r.label == 1 && r.role != Row.REPORT_ONLY && s >= lowest[u] && !(s >= thr[u])) { // NaN: none yet
        thr[u] = s;
      }
    });
    for (int u = 0; u < 2; u++) {
      if (Double.isNaN(thr[u])) {
        thr[u] = lowest[u];
      }
    }
    return thr;
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

  /** Writes the held-out mistakes, for tuning rules by hand. */
  static void dump(Map<Row, Double> scores, double[] thr, InjectionDetector.Engine engine, Path file) throws IOException {
    StringBuilder sb = new StringBuilder();
    scores.forEach((r, s) -> {
      Use use = r.use;
      boolean det = s >= (use == Use.OUTPUT ? thr[1] : thr[0]);
      if (det != (r.label == 1)) {
        List<String> names = new ArrayList<>();
        for (int f : r.named) {
          names.add(engine.featureNames[f]);
        }
        sb.append(r.label == 1 ? "MISS " : "FP   ").append(r.group()).append(String.format(Locale.ROOT, " %.3f ", s))
            .append(names).append("\n    ").append(r.text.replace('\n', ' '), 0, Math.min(400, r.text.length()))
            .append("\n");
      }
    });
    Files.writeString(file, sb.toString());
  }

  /**
   * Recall of each attack group at benign FPRs of 1, 2 and 3% of its use, and their mean: one
   * threshold moves with the few highest benign scores, so a single recall figure is a noisy way to
   * compare two variants.
   */
  static void curve(Map<Row, Double> scores, java.io.PrintStream log) {
    StringBuilder sb = new StringBuilder("  recall at FPR 1/2/3%:");
    double total = 0;
    int n = 0;
    for (String group : List.of("direct", "jailbreak", "indirect")) {
      Use use = group.equals("indirect") ? Use.OUTPUT : Use.INPUT;
      double[] benign = scores.entrySet().stream().filter(e -> e.getKey().label == 0 && e.getKey().use == use)
          .mapToDouble(Map.Entry::getValue).sorted().toArray();
      List<Double> attack = scores.entrySet().stream().filter(e -> e.getKey().kind.equals(group))
          .map(Map.Entry::getValue).toList();
      if (benign.length == 0 || attack.isEmpty()) {
        continue;
      }
      sb.append(' ').append(group);
      for (double fpr : new double[] {0.01, 0.02, 0.03}) {
        double t = benign[benign.length - 1 - (int) Math.floor(benign.length * fpr)];
        double recall = attack.stream().filter(s -> s > t).count() / (double) attack.size();
        sb.append(String.format(Locale.ROOT, " %.3f", recall));
        total += recall;
        n++;
      }
    }
    log.println(sb.append(String.format(Locale.ROOT, "; mean %.4f", n == 0 ? 0 : total / n)));
  }

  static void report(Map<Row, Double> scores, double[] thr, java.io.PrintStream log) {
    Map<String, int[]> groups = new java.util.TreeMap<>();
    scores.forEach((r, s) -> {
      Use use = r.use;
      boolean det = s >= (use == Use.OUTPUT ? thr[1] : thr[0]);
      int[] g = groups.computeIfAbsent(r.group(), k -> new int[2]);
      g[0]++;
      if (det) {
        g[1]++;
      }
    });
    groups.forEach((k, g) -> log.printf(Locale.ROOT, "  %-45s %s %.3f (%d/%d)%n", k,
        k.endsWith("/benign") ? "fpr   " : "recall", g[1] / (double) g[0], g[1], g[0]));
  }
}

package dev.agentguard.agent.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The prompt-injection detector: normalises the text once, matches the multilingual phrase rules,
 * the structural markers and any encoded payloads, and scores everything with one linear model whose
 * weights ship in the jar. Immutable and thread-safe; scratch buffers are per thread. Every step is a
 * single pass or bounded look-ahead, so a scan is linear in the text length.
 */
public final class InjectionDetector {
  static final String RESOURCES = "/dev/agentguard/agent/detect/";
  static final String MODEL_RESOURCE = "injection-model.bin";
  private static final int MAX_DEPTH = 2;
  private static final String[] DECODER_FEATURES = {
    "obfuscation.base64_payload", "obfuscation.hex_payload", "obfuscation.binary_payload",
    "obfuscation.morse_payload", "obfuscation.rot13_payload", "obfuscation.caesar_payload",
    "obfuscation.reversed_payload", "obfuscation.upside_down_payload"
  };
  private static final Map<String, Integer> DECODER_INDEX =
      Map.of("base64", 0, "hex", 1, "binary", 2, "morse", 3, "rot13", 4, "caesar", 5, "reversed", 6,
          "upside_down", 7);
  private static final String[] TOKEN_FEATURES = {"obfuscation.spaced_letters", "obfuscation.leetspeak"};
  private static final long NUMBER_HASH = 0x5bd1e9955bd1e995L;
  private static final long STEM_SALT = 0x3c6ef372fe94f82bL;
  private static final double CUSTOM_SCORE = 0.99;
  private static final String LITERAL_PREFIX = "literal:";
  /**
   * The longest extra pattern: a phrase or a rule is short, and compiling a pattern of a million chars takes
   * minutes, so a longer line is an error, not a wait at start-up.
   */
  static final int MAX_PATTERN_CHARS = 1_000;

  /** The fixed parts: lexicon, rules and the list of named features. */
  static final class Engine {
    final Lexicon lexicon;
    final PhraseRules rules;
    final String[] featureNames;
    final String[] featureFamilies;
    final String[] featureShortNames; // the part after "family.", built once instead of per finding
    final double[] priors;
    /** Features that count only in a text scanned as {@link Use#INPUT} (rules marked {@code input}). */
    final boolean[] inputOnly;
    final int scannerBase;
    final int decoderBase;
    final int tokenBase;
    final int dialogueFeature;
    final int repeatedFeature;
    final int praiseFeature;
    final int addressedFeature;
    final int toolOrderFeature;
    final int readerFeature;
    final int conditionFeature;
    final int concealFeature;
    final int skipConfirmFeature;
    final int quotedExampleFeature;
    final int discussionFeature;
    final int breakoutFeature;
    final long taskClasses;
    final long instructionClasses;
    /**
     * Instruction words too common in logs to make a "system:" line an order alone ("SYSTEM: Starting job
     * 4412", "SYSTEM: kernel panic - not syncing"): a task word or a negation needs a second instruction word.
     */
    final long weakInstructionClasses;
    final long stopBit;
    // Scratch per platform thread or borrowed per scan on a virtual thread, shared by every detector built
    // on this engine (withExtraPatterns and withThresholds copies).
    final ScratchPool<ThreadState> scratch = new ScratchPool<>(() -> new ThreadState(this), ScratchPool.defaultSize());

    Engine(Lexicon lexicon, PhraseRules rules) {
      this.lexicon = lexicon;
      this.rules = rules;
      List<String> names = new ArrayList<>();
      List<Double> priorList = new ArrayList<>();
      for (PhraseRules.Rule r : rules.rules) {
        names.add(r.id());
        priorList.add(r.priorWeight);
      }
      scannerBase = names.size();
      for (int i = 0; i < StructureScanner.FEATURES.length; i++) {
        names.add(StructureScanner.FEATURES[i]);
        priorList.add(StructureScanner.PRIORS[i]);
      }
      decoderBase = names.size();
      for (String f : DECODER_FEATURES) {
        names.add(f);
        priorList.add(1.5);
      }
      tokenBase = names.size();
      for (String f : TOKEN_FEATURES) {
        names.add(f);
        priorList.add(1.5);
      }
      dialogueFeature = feature(names, priorList, "role.few_shot_dialogue", 2.0);
      repeatedFeature = feature(names, priorList, "override.repeated_word", 1.5);
      praiseFeature = feature(names, priorList, "override.praise_then_task", 1.5);
      addressedFeature = feature(names, priorList, "data.addressed_to_model", 1.5);
      toolOrderFeature = feature(names, priorList, "data.tool_order", 3.5);
      readerFeature = feature(names, priorList, "data.note_to_ai_reader", 3.0);
      conditionFeature = feature(names, priorList, "data.if_you_are_an_ai", 3.0);
      concealFeature = feature(names, priorList, "data.conceal_from_user", 2.0);
      skipConfirmFeature = feature(names, priorList, "data.skip_confirmation", 2.0);
      quotedExampleFeature = feature(names, priorList, "data.quoted_example", 1.0);
      discussionFeature = feature(names, priorList, "data.discusses_attacks", -2.0);
      breakoutFeature = feature(names, priorList, "role.json_breakout", 3.0);
      featureNames = names.toArray(new String[0]);
      featureFamilies = new String[featureNames.length];
      featureShortNames = new String[featureNames.length];
      for (int i = 0; i < featureNames.length; i++) {
        featureFamilies[i] = featureNames[i].substring(0, featureNames[i].indexOf('.'));
        featureShortNames[i] = featureNames[i].substring(featureNames[i].indexOf('.') + 1);
      }
      priors = priorList.stream().mapToDouble(Double::doubleValue).toArray();
      inputOnly = new boolean[featureNames.length];
      for (int r = 0; r < rules.rules.size(); r++) {
        inputOnly[r] = rules.rules.get(r).inputOnly;
      }
      stopBit = lexicon.classBit("STOP");
      taskClasses = lexicon.classBit("NOW") | lexicon.classBit("NEW") | lexicon.classBit("IGNORE")
          | lexicon.classBit("TASK");
      long instruction = taskClasses;
      for (String c : List.of("YOU", "AI", "MUST", "REVEAL", "NEVER", "PRETEND", "OVERRIDE", "SAY", "FOLLOW",
          "USERWORD", "INSTR", "PROMPT")) {
        instruction |= lexicon.classBit(c);
      }
      instructionClasses = instruction;
      weakInstructionClasses = lexicon.classBit("TASK") | lexicon.classBit("NEVER");
    }

    /**
     * Whether a feature, when it fires with a weight, spares a tool result the margin of one in which nothing
     * fired ({@link #unsignedMargin}): every feature but {@code data.quoted_example}, a cited attack, which
     * gives no order to the reader.
     */
    boolean signs(int feature) {
      return feature != quotedExampleFeature;
    }

    /**
     * Whether a feature that fired is a signal of the result: every feature but {@code data.discusses_attacks}
     * ({@link AttackDiscussion}), which says what the text is about and only lowers the score.
     */
    boolean reports(int feature) {
      return feature != discussionFeature;
    }

    /**
     * Whether a feature detects the text whatever the model scores: a form no everyday text takes and that
     * is an attack in any words. One so far: an argument that breaks out of its JSON string ({@link
     * ArgumentBreakout}), which the text model, reading only the polite words before it, would wave through.
     */
    boolean certain(int feature) {
      return feature == breakoutFeature;
    }

    /** Adds a named feature with its prior weight; returns its index. */
    private static int feature(List<String> names, List<Double> priors, String name, double prior) {
      names.add(name);
      priors.add(prior);
      return names.size() - 1;
    }

    /**
     * Whether a marker feature speaks to the model as a role does ("assistant:", "system:", a chat-template
     * token, a fake tool call): inside a hidden carrier that is an instruction however it is worded.
     */
    boolean addressesTheModel(int feature) {
      int m = feature - scannerBase;
      return m == StructureScanner.CHAT_TOKEN || m == StructureScanner.SYSTEM_LINE
          || m == StructureScanner.ASSISTANT_LINE || m == StructureScanner.JSON_ROLE || m == StructureScanner.FAKE_TOOL
          || m == StructureScanner.SYSTEM_TAG || m == StructureScanner.INSTRUCTION_LINE;
    }

    int featureCount() {
      return featureNames.length;
    }

    Map<String, Double> priorMap() {
      Map<String, Double> m = new LinkedHashMap<>();
      for (int i = 0; i < featureNames.length; i++) {
        m.put(featureNames[i], priors[i]);
      }
      return m;
    }

    static Engine load() {
      try (InputStream lex = resource("lexicon.txt"); InputStream rules = resource("rules.txt")) {
        Lexicon lexicon = Lexicon.load(lex, "lexicon.txt");
        return new Engine(lexicon, PhraseRules.load(rules, "rules.txt", lexicon));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load the injection rules: " + e.getMessage(), e);
      }
    }
  }

  /** A user pattern from agentguard.injection.patterns-file. */
  private record CustomPattern(int line, String source, Pattern pattern) {}

  /** Per-thread scratch: one text buffer per nesting level and the shared feature set. */
  private static final class ThreadState {
    final ScanBuffer[] levels = new ScanBuffer[MAX_DEPTH + 1];
    final FeatureAccumulator acc;
    final int[] ruleLastEnd;
    final List<int[]> carriers = new ArrayList<>();
    double[] sums = new double[64];
    long work;

    double[] windowSums(int count) {
      if (sums.length < count) {
        sums = new double[Math.max(count, sums.length * 2)];
      }
      return sums;
    }

    ThreadState(Engine engine) {
      for (int i = 0; i < levels.length; i++) {
        levels[i] = new ScanBuffer();
      }
      acc = new FeatureAccumulator(engine.featureCount());
      ruleLastEnd = new int[engine.rules.rules.size()];
    }
  }

  private static final class Defaults {
    static final InjectionDetector INSTANCE = create();

    private static InjectionDetector create() {
      Engine engine = Engine.load();
      LinearModel model;
      try (InputStream in = InjectionDetector.class.getResourceAsStream(RESOURCES + MODEL_RESOURCE)) {
        model = in == null ? LinearModel.priorsOnly(engine.priorMap()) : LinearModel.read(in);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load " + MODEL_RESOURCE + ": " + e.getMessage(), e);
      }
      return new InjectionDetector(engine, model, List.of(), null);
    }
  }

  private final Engine engine;
  private final LinearModel model;
  private final double[] namedWeights;
  /** {@link #namedWeights} for a text scanned as {@link Use#OUTPUT}: 0 for the input-only features. */
  private final double[] outputWeights;
  private final List<CustomPattern> custom;
  private final Pattern customAny;
  private final double inputThreshold;
  private final double outputThreshold;

  private InjectionDetector(Engine engine, LinearModel model, List<CustomPattern> custom, Pattern customAny) {
    this(engine, model, custom, customAny, model.inputThreshold, model.outputThreshold);
  }

  private InjectionDetector(Engine engine, LinearModel model, List<CustomPattern> custom, Pattern customAny,
      double inputThreshold, double outputThreshold) {
    this.engine = engine;
    this.model = model;
    this.inputThreshold = inputThreshold;
    this.outputThreshold = outputThreshold;
    this.namedWeights = new double[engine.featureCount()];
    this.outputWeights = new double[engine.featureCount()];
    for (int i = 0; i < namedWeights.length; i++) {
      // A feature the model has never seen (a rule added after training) keeps its prior weight.
      namedWeights[i] = model.named.getOrDefault(engine.featureNames[i], engine.priors[i]);
      outputWeights[i] = engine.inputOnly[i] ? 0 : namedWeights[i];
    }
    this.custom = List.copyOf(custom);
    this.customAny = customAny;
  }

  /** The shipped detector: rules, lexicon and trained weights from the jar, loaded once. */
  public static InjectionDetector defaults() {
    return Defaults.INSTANCE;
  }

  static InjectionDetector withModel(Engine engine, LinearModel model) {
    return new InjectionDetector(engine, model, List.of(), null);
  }

  /**
   * A detector that also reports every match of the given lines as a detection (family "custom").
   * Each line is an RE2 pattern (a plain phrase is one) matched case-insensitively against the
   * normalised text; a line starting with {@code literal:} is matched verbatim, metacharacters
   * included; blank lines and lines starting with '#' are skipped; a byte-order mark opening the first line
   * is no part of it. A line longer than {@link #MAX_PATTERN_CHARS} is invalid.
   *
   * @throws InvalidPatternsException naming the 1-based line number of every invalid pattern
   */
  public InjectionDetector withExtraPatterns(List<String> lines) {
    List<CustomPattern> all = new ArrayList<>(custom);
    List<String> invalid = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      line = (i == 0 && line.startsWith("\uFEFF") ? line.substring(1) : line).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      if (line.length() > MAX_PATTERN_CHARS) {
        invalid.add("line " + (i + 1) + ": a pattern of " + line.length() + " chars, longer than the "
            + MAX_PATTERN_CHARS + " allowed; split it into shorter patterns, one per line");
        continue;
      }
      if (line.startsWith(LITERAL_PREFIX)) {
        line = Pattern.quote(line.substring(LITERAL_PREFIX.length()).strip());
      }
      try {
        all.add(new CustomPattern(i + 1, line, Pattern.compile("(?i)" + line)));
      } catch (PatternSyntaxException e) {
        invalid.add("line " + (i + 1) + ": invalid pattern '" + line + "': " + e.getDescription());
      }
    }
    if (!invalid.isEmpty()) {
      throw new InvalidPatternsException(invalid);
    }
    if (all.isEmpty()) {
      return this;
    }
    StringBuilder any = new StringBuilder("(?i)");
    for (int i = 0; i < all.size(); i++) {
      any.append(i == 0 ? "" : "|").append("(?:").append(all.get(i).source()).append(')');
    }
    return new InjectionDetector(engine, model, all, Pattern.compile(any.toString()), inputThreshold,
        outputThreshold);
  }

  /**
   * This detector with other thresholds: a text is detected when its score reaches the threshold of
   * its use. Higher means fewer texts flagged, benign and attacks alike. A match of an extra pattern is
   * detected whatever the threshold.
   *
   * @throws IllegalArgumentException unless both are in (0, 1]
   */
  public InjectionDetector withThresholds(double input, double output) {
    if (!(input > 0 && input <= 1 && output > 0 && output <= 1)) {
      throw new IllegalArgumentException("thresholds must be in (0, 1]: " + input + ", " + output);
    }
    return new InjectionDetector(engine, model, custom, customAny, input, output);
  }

  /** The score at or above which a text of this use is detected. */
  public double threshold(Use use) {
    return use == Use.OUTPUT ? outputThreshold : inputThreshold;
  }

  /**
   * Scans {@code text} as the given use; null counts as empty. Every input is accepted: an exception
   * from here is a bug, left to the caller, whose failure mode (agentguard.failure-mode) decides.
   */
  public Detection scan(String text, Use use) {
    if (text == null || text.isEmpty()) {
      return Detection.CLEAN;
    }
    ThreadState st = engine.scratch.acquire();
    try {
      return scan(text, use, st);
    } finally {
      engine.scratch.release(st);
    }
  }

  private Detection scan(String text, Use use, ThreadState st) {
    st.work = 0;
    if (text.length() <= TextPieces.PIECE_CHARS) {
      return scanOne(text, use, st);
    }
    // A huge text in bounded scratch memory: each piece is judged as a text of its own; the text is
    // detected when a piece is, and reports the most suspicious piece's score and span.
    TextPieces.Merge merge = new TextPieces.Merge();
    int from = 0;
    while (true) {
      int to = TextPieces.end(text, from);
      merge.add(scanOne(text.substring(from, to), use, st), from);
      if (to == text.length()) {
        return merge.result();
      }
      from = TextPieces.nextStart(text, to);
    }
  }

  /** Scans a text of at most a piece's length (see {@link TextPieces}) in the thread's scratch buffers. */
  private Detection scanOne(String text, Use use, ThreadState st) {
    FeatureAccumulator acc = st.acc;
    acc.reset();
    extract(text, st, 0);
    boolean output = use == Use.OUTPUT;
    double[] weights = output ? outputWeights : namedWeights;
    double z = model.bias;
    boolean signed = false;
    for (int i = 0; i < acc.namedCount; i++) {
      double w = weights[acc.named[i]];
      z += w;
      signed |= w > 0 && engine.signs(acc.named[i]);
    }
    z -= unsignedMargin(use, signed);
    int bestWindow = -1;
    double windowScore = 0;
    double[] sums = st.windowSums(acc.windowCount);
    // An argument is one message, so its words add up; a tool result is a document in which only
    // the injected part matters, so it is judged by its windows alone.
    boolean wholeText = use == Use.INPUT;
    double doc = acc.score(model.pairs, sums, wholeText);
    for (int w = 0; w < acc.windowCount; w++) {
      if (bestWindow < 0 || sums[w] > windowScore) {
        windowScore = sums[w];
        bestWindow = w;
      }
    }
    double textPart = pool(sums, acc.windowCount);
    if (wholeText) {
      textPart += doc * docScale(acc.docBucketCount);
    }
    double threshold = threshold(use);
    double modelPart = Math.max(textPart, textFloor(use));
    // The language is asked only where bounding could change the verdict (most texts are far below the
    // floor with no rule, and stay there); a score below the threshold may then be lower than bounded.
    if (modelPart > UNMODELLED_CEILING
        || (modelPart < UNMODELLED_FLOOR && 1.0 / (1.0 + Math.exp(-(z + UNMODELLED_FLOOR))) >= threshold)) {
      modelPart = bounded(modelPart, TextLanguage.modelled(st.levels[0]));
    }
    z += modelPart;
    double score = 1.0 / (1.0 + Math.exp(-z));
    List<Signal> signals = null;
    int bestStart = -1;
    int bestEnd = -1;
    double bestWeight = Double.NEGATIVE_INFINITY;
    boolean certain = false;
    if (acc.findingCount > 0) {
      signals = new ArrayList<>(acc.findingCount + 1);
      for (int i = 0; i < acc.findingCount; i++) {
        int f = acc.findingFeature[i];
        if (output && engine.inputOnly[f] || !engine.reports(f)) {
          continue;
        }
        signals.add(new Signal(engine.featureFamilies[f], engine.featureShortNames[f], acc.findingStart[i],
            acc.findingEnd[i]));
        certain |= engine.certain(f);
        if (weights[f] > bestWeight) {
          bestWeight = weights[f];
          bestStart = acc.findingStart[i];
          bestEnd = acc.findingEnd[i];
        }
      }
    }
    boolean detected = score >= threshold;
    if (certain) {
      detected = true;
      score = Math.max(score, CUSTOM_SCORE);
    }
    if (!custom.isEmpty()) {
      List<Signal> hits = customHits(st.levels[0]);
      if (!hits.isEmpty()) {
        if (signals == null) {
          signals = new ArrayList<>(hits.size() + 1);
        }
        signals.addAll(hits);
        detected = true;
        score = Math.max(score, CUSTOM_SCORE);
        bestStart = hits.get(0).start();
        bestEnd = hits.get(0).end();
        bestWeight = Double.POSITIVE_INFINITY;
      }
    }
    if (detected && bestWindow >= 0 && windowScore > 0) {
      // The window the text model finds most suspicious; the strongest finding if it outweighs the rules.
      int s = acc.windowStart[bestWindow];
      int e = acc.windowEnd[bestWindow];
      if (signals == null) {
        signals = new ArrayList<>(1);
      }
      signals.add(new Signal(Signal.TEXT_MODEL_FAMILY, "text_model", s, e));
      if (bestStart < 0 || windowScore > bestWeight) {
        bestStart = s;
        bestEnd = e;
      }
    }
    for (ScanBuffer b : st.levels) {
      b.shrink();
    }
    acc.shrink();
    if (st.sums.length > 1 << 12) {
      st.sums = new double[64];
    }
    return new Detection(detected, score, signals == null ? List.of() : signals, bestStart, bestEnd);
  }

  static final double POOL_SHARPNESS = 3.0;

  /**
   * How far the text model may pull a tool result's score down: the everyday words of the carrier (an
   * invoice's amounts, an e-mail's greetings) must not cancel an order that a finder has found in it. An
   * argument has no floor: there the text model's doubt is worth more than the rules (held out, a floor
   * of -1 or -2 for arguments cost 0.02-0.05 direct recall).
   */
  static final double OUTPUT_TEXT_FLOOR = -1.0;

  /**
   * How much surer the text model must be of a tool result in which no rule or finder fired, in logits
   * (at the shipped output threshold of 0.487, a score of 0.81 instead). Alone in a tool result, the text
   * model, which learned its words mostly from attacks typed by users, is a weak witness: on security and
   * AI texts (password resets, articles about system prompts) it scores high on the vocabulary. In six
   * tool-result probe sets it alone flagged 23 everyday texts and found 1 of 179 detected attacks; held
   * out, the development data's indirect attacks it finds alone score 0.84 or more but one (0.49).
   */
  static final double UNSIGNED_OUTPUT_MARGIN = 1.5;

  /** What the score loses for {@code use} when no named feature with a weight fired ({@code signed} false). */
  static double unsignedMargin(Use use, boolean signed) {
    return use == Use.OUTPUT && !signed ? UNSIGNED_OUTPUT_MARGIN : 0;
  }

  /** The lowest the text model's part of the score may be for {@code use}. */
  static double textFloor(Use use) {
    return use == Use.INPUT ? Double.NEGATIVE_INFINITY : OUTPUT_TEXT_FLOOR;
  }

  /**
   * The band the text model's part stays in for a text in a language it has not learned both ways
   * ({@link TextLanguage}): there it knows the language, not the intent, so the rules decide.
   */
  static final double UNMODELLED_FLOOR = -1.0;
  static final double UNMODELLED_CEILING = 1.0;

  /** The text model's part of the score, {@code text} (already floored for its use), in a language it has learned or not. */
  static double bounded(double text, boolean modelledLanguage) {
    return modelledLanguage ? text : Math.min(Math.max(text, UNMODELLED_FLOOR), UNMODELLED_CEILING);
  }

  static final double DOC_REFERENCE_BUCKETS = 32;

  /** Whole-text n-grams count in full up to a short prompt's worth, then shrink by 1/sqrt(count). */
  static double docScale(int docBuckets) {
    return docBuckets <= DOC_REFERENCE_BUCKETS ? 1.0 : Math.sqrt(DOC_REFERENCE_BUCKETS / docBuckets);
  }

  /**
   * Pools window scores between their mean and their maximum (a normalised log-sum-exp): one bad
   * sentence still stands out of a long document, and a long jailbreak still adds up.
   */
  static double pool(double[] sums, int count) {
    if (count == 0) {
      return 0;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, sums[i]);
    }
    double total = 0;
    for (int i = 0; i < count; i++) {
      total += Math.exp(POOL_SHARPNESS * (sums[i] - max));
    }
    return max + Math.log(total / count) / POOL_SHARPNESS;
  }

  /** d pool / d sums[i], for training. */
  static double[] poolShares(double[] sums, int count) {
    double[] share = new double[count];
    if (count == 0) {
      return share;
    }
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < count; i++) {
      max = Math.max(max, sums[i]);
    }
    double total = 0;
    for (int i = 0; i < count; i++) {
      share[i] = Math.exp(POOL_SHARPNESS * (sums[i] - max));
      total += share[i];
    }
    for (int i = 0; i < count; i++) {
      share[i] /= total;
    }
    return share;
  }

  /** Work units (characters and rule steps) of the last scan on this thread; for the linear-time test. */
  long lastScanWork() {
    ThreadState st = engine.scratch.acquire(); // a platform thread's own: the tests scan on one
    engine.scratch.release(st);
    return st.work;
  }

  /** What training needs of one text: named findings with spans, and each window's buckets and span. */
  record Extracted(int[] findingFeature, int[] findingStart, int[] findingEnd, int[][] windows, int[] windowStart,
      int[] windowEnd, boolean modelledLanguage) {}

  Extracted extracted(String text) {
    ThreadState st = engine.scratch.acquire();
    try {
      return extracted(text, st);
    } finally {
      engine.scratch.release(st);
    }
  }

  private Extracted extracted(String text, ThreadState st) {
    FeatureAccumulator acc = st.acc;
    acc.reset();
    extract(text, st, 0);
    int[][] windows = new int[acc.windowCount][];
    for (int w = 0; w < acc.windowCount; w++) {
      windows[w] = Arrays.copyOfRange(acc.buckets, acc.windowFrom[w], acc.windowFrom[w + 1]);
    }
    return new Extracted(Arrays.copyOf(acc.findingFeature, acc.findingCount),
        Arrays.copyOf(acc.findingStart, acc.findingCount), Arrays.copyOf(acc.findingEnd, acc.findingCount), windows,
        Arrays.copyOf(acc.windowStart, acc.windowCount), Arrays.copyOf(acc.windowEnd, acc.windowCount),
        TextLanguage.modelled(st.levels[0]));
  }

  Engine engine() {
    return engine;
  }

  static int bucket(long h) {
    return (int) (Lexicon.mix(h) >>> (64 - LinearModel.BUCKET_BITS));
  }

  private void extract(String text, ThreadState st, int depth) {
    ScanBuffer b = st.levels[depth];
    FeatureAccumulator acc = st.acc;
    b.work = 0;
    TextNormalizer.normalize(text, b);
    RedactionMarker.blank(text, b);
    Tokenizer.tokenize(b, engine.lexicon);
    ScanBuffer savedCurrent = acc.current;
    int savedMapStart = acc.mapStart;
    int savedMapEnd = acc.mapEnd;
    acc.current = b;
    acc.scannerBase = engine.scannerBase;
    acc.quotedExampleFeature = engine.quotedExampleFeature;

    addNgrams(b, acc);

    int dialogue = FewShotDialogue.find(b);
    if (dialogue >= 0) {
      acc.addNamedNorm(engine.dialogueFeature, b.tokStart[dialogue], b.tokEnd[dialogue]);
    }
    int repeated = RepeatedWords.find(b);
    if (repeated >= 0) {
      int last = repeated + RepeatedWords.MIN_RUN - 1;
      acc.addNamedNorm(engine.repeatedFeature, b.tokStart[repeated], b.tokEnd[last]);
    }
    int praise = PraiseThenTask.find(b, engine.taskClasses);
    if (praise >= 0) {
      acc.addNamedNorm(engine.praiseFeature, b.tokStart[praise], b.tokEnd[praise]);
    }
    int addressed = ModelAddress.find(b, engine.instructionClasses);
    if (addressed >= 0) {
      acc.addNamedNorm(engine.addressedFeature, b.tokStart[addressed], b.tokEnd[addressed]);
    }
    findDataOrders(text, b, acc);
    int breakout = ArgumentBreakout.find(text);
    if (breakout >= 0) {
      acc.addNamed(engine.breakoutFeature, mapped(acc, breakout), mappedEnd(acc, breakout + 1));
    }

    int firstFinding = acc.findingCount;
    engine.rules.match(b, st.ruleLastEnd, acc);
    int ruleFindingsEnd = acc.findingCount;
    List<int[]> carriers = st.carriers;
    carriers.clear();
    StructureScanner.scan(b, acc, carriers, engine.instructionClasses, engine.weakInstructionClasses);
    int structureFindingsEnd = acc.findingCount;
    for (int[] c : carriers) {
      int cs = acc.mapStart >= 0 ? acc.mapStart : b.origStart[c[0]];
      int ce = acc.mapStart >= 0 ? acc.mapEnd : b.endOf(Math.min(c[1], b.normLength) - 1);
      boolean found = false;
      for (int i = firstFinding; i < structureFindingsEnd && !found; i++) {
        int f = acc.findingFeature[i];
        boolean instruction = i < ruleFindingsEnd ? engine.priors[f] >= 1.5 : engine.addressesTheModel(f);
        if (acc.findingStart[i] >= cs && acc.findingEnd[i] <= ce && instruction) {
          acc.addNamed(engine.scannerBase + StructureScanner.INSTRUCTION_IN_HIDDEN, acc.findingStart[i],
              acc.findingEnd[i]);
          found = true;
        }
      }
      int vocative = found ? -1 : ModelAddress.inHiddenText(b, c[0], Math.min(c[1], b.normLength));
      if (vocative >= 0) {
        acc.addNamedNorm(engine.scannerBase + StructureScanner.INSTRUCTION_IN_HIDDEN, b.tokStart[vocative],
            b.tokEnd[vocative]);
      }
    }
    if (b.invisibleInWord >= 2) {
      acc.addNamed(engine.scannerBase + StructureScanner.INVISIBLE_IN_WORD, mapped(acc, b.hiddenFrom),
          mappedEnd(acc, b.hiddenTo));
    }
    if (b.tagChars >= 4) {
      acc.addNamed(engine.scannerBase + StructureScanner.TAG_CHARACTERS, mapped(acc, b.hiddenFrom),
          mappedEnd(acc, b.hiddenTo));
    }
    if (b.decodedEscapes >= 4) {
      acc.addNamed(engine.scannerBase + StructureScanner.ESCAPED_TEXT, mapped(acc, 0), mappedEnd(acc, text.length()));
    }
    if (depth < MAX_DEPTH) {
      List<Decoders.Payload> payloads = Decoders.find(text, b, engine.lexicon, engine.stopBit);
      st.work += b.work;
      b.work = 0;
      for (Decoders.Payload p : payloads) {
        int from = acc.mapStart >= 0 ? acc.mapStart : p.start();
        int to = acc.mapStart >= 0 ? acc.mapEnd : p.end();
        int kind = DECODER_INDEX.get(p.encoding());
        acc.addNamed(engine.decoderBase + kind, from, to);
        acc.mapStart = from;
        acc.mapEnd = to;
        extract(p.text(), st, depth + 1);
        acc.current = b;
        acc.mapStart = savedMapStart; // back to this level's own mapping
        acc.mapEnd = savedMapEnd;
      }
    }
    st.work += b.work;
    b.work = 0;
    acc.current = savedCurrent;
    acc.mapStart = savedMapStart;
    acc.mapEnd = savedMapEnd;
  }

  /**
   * Word unigrams and bigrams per window (numbers collapse to one token so digits do not spread weight). The
   * text model scores the most suspicious window, so a long clean document does not drown one injected
   * sentence, and a clean document does not add up to an attack. A method of its own, not inline in
   * {@link #extract}: when a text takes a path of that large method the JIT has not seen, it is deoptimised
   * and runs compiled with profiling for seconds before it is optimised again, and this loop, the hottest of
   * the scan, ran there with it (a varied 1 KB scan took 54-64 us instead of 33 in three of four runs).
   * A window's end is set when the next one opens (or the tokens end): its last token is the one before.
   */
  private void addNgrams(ScanBuffer b, FeatureAccumulator acc) {
    long prev = 0;
    long prevPrev = 0;
    int windowTokens = 0;
    int prevSentence = -1;
    boolean mapped = acc.mapStart >= 0;
    int[] buckets = acc.bucketRoom(3 * b.tokenCount); // a token adds at most three n-grams
    int count = acc.bucketCount;
    for (int t = 0; t < b.tokenCount; t++) {
      if (b.tokSentence[t] != prevSentence || windowTokens == FeatureAccumulator.WINDOW_TOKENS) {
        acc.endBuckets(count);
        if (mapped) {
          acc.openWindow(acc.mapStart, acc.mapEnd);
        } else {
          if (t > 0) {
            acc.windowEnd[acc.windowCount - 1] = b.endOf(b.tokEnd[t - 1] - 1);
          }
          acc.openWindow(b.origStart[b.tokStart[t]], -1);
        }
        windowTokens = 0;
        prev = 0;
      }
      long h = (b.tokFlags[t] & Tokenizer.FLAG_NUMBER) != 0 ? NUMBER_HASH : b.tokHash[t];
      if (h == NUMBER_HASH && prev == NUMBER_HASH && prevPrev == NUMBER_HASH && windowTokens > 1) {
        windowTokens++; // a run of numbers (an IBAN, a table row) counts as two numbers
        continue;
      }
      prevPrev = windowTokens > 0 ? prev : 0;
      // The stem only for words longer than it (inflections share weight), added without a branch:
      // word lengths are unpredictable.
      buckets[count] = bucket(h);
      buckets[count + 1] = bucket(b.tokStemHash[t] ^ STEM_SALT);
      count += b.tokStemHash[t] != b.tokHash[t] ? 2 : 1;
      if (windowTokens > 0) {
        buckets[count++] = bucket(prev * 0x9e3779b97f4a7c15L + h);
      }
      windowTokens++;
      prev = h;
      prevSentence = b.tokSentence[t];
      // Spaced or leet tokens are rare, so that test comes first and is almost always predicted.
      if ((b.tokFlags[t] & (Tokenizer.FLAG_SPACED | Tokenizer.FLAG_LEET)) != 0 && b.tokClass[t] != 0
          && b.tokEnd[t] - b.tokStart[t] >= 4) {
        int f = engine.tokenBase + ((b.tokFlags[t] & Tokenizer.FLAG_SPACED) != 0 ? 0 : 1);
        acc.addNamedNorm(f, b.tokStart[t], b.tokEnd[t]);
      }
    }
    if (b.tokenCount > 0) {
      acc.endBuckets(count);
      if (!mapped) {
        acc.windowEnd[acc.windowCount - 1] = b.endOf(b.tokEnd[b.tokenCount - 1] - 1);
      }
    }
  }

  /**
   * Orders in data that make an agent act: a note to its AI reader, an order to keep something from the
   * user, a named tool ordered used. Their words are marked in one pass; a finder runs only if the text
   * holds its words.
   */
  private void findDataOrders(String text, ScanBuffer b, FeatureAccumulator acc) {
    int marks = OrderWords.mark(b);
    if (AttackDiscussion.find(b, marks)) {
      acc.addNamed(engine.discussionFeature, mapped(acc, 0), mappedEnd(acc, text.length()));
    }
    if ((marks & ReaderAddress.NEEDS) != 0) {
      int reader = ReaderAddress.find(b);
      if (reader >= 0) {
        acc.addNamedNorm(engine.readerFeature, b.tokStart[reader], b.tokEnd[reader]);
      }
      int condition = ReaderAddress.findCondition(b);
      if (condition >= 0) {
        acc.addNamedNorm(engine.conditionFeature, b.tokStart[condition], b.tokEnd[condition]);
      }
    }
    if ((marks & Concealment.NEEDS) == Concealment.NEEDS) {
      int conceal = Concealment.find(b);
      if (conceal >= 0) {
        acc.addNamedNorm(engine.concealFeature, b.tokStart[conceal], b.tokEnd[conceal]);
      }
    }
    if ((marks & SkipConfirmation.NEEDS) == SkipConfirmation.NEEDS) {
      int skip = SkipConfirmation.find(b);
      if (skip >= 0) {
        acc.addNamedNorm(engine.skipConfirmFeature, b.tokStart[skip], b.tokEnd[skip]);
      }
    }
    if ((marks & ToolDirective.NEEDS) == ToolDirective.NEEDS) {
      int toolOrder = ToolDirective.find(b, text);
      if (toolOrder >= 0) {
        acc.addNamedNorm(engine.toolOrderFeature, b.tokStart[toolOrder], b.tokEnd[toolOrder]);
      }
    }
  }

  private static int mapped(FeatureAccumulator acc, int origin) {
    return acc.mapStart >= 0 ? acc.mapStart : Math.max(0, origin);
  }

  private static int mappedEnd(FeatureAccumulator acc, int origin) {
    return acc.mapStart >= 0 ? acc.mapEnd : Math.max(0, origin);
  }

  private List<Signal> customHits(ScanBuffer b) {
    String view = new String(b.norm, 0, b.normLength);
    if (!customAny.matcher(view).find()) {
      return List.of();
    }
    List<Signal> out = new ArrayList<>();
    for (CustomPattern p : custom) {
      Matcher m = p.pattern().matcher(view);
      int from = 0;
      while (from <= view.length() && m.find(from) && out.size() < FeatureAccumulator.MAX_FINDINGS) {
        int s = m.start();
        int e = Math.max(m.end(), s + 1);
        if (s < b.normLength) {
          out.add(new Signal("custom", "line " + p.line(), b.origStart[s], b.endOf(Math.min(e, b.normLength) - 1)));
        }
        from = m.end() > m.start() ? m.end() : m.end() + 1;
      }
    }
    return out;
  }

  private static InputStream resource(String name) throws IOException {
    InputStream in = InjectionDetector.class.getResourceAsStream(RESOURCES + name);
    if (in == null) {
      throw new IOException("missing resource " + RESOURCES + name);
    }
    return in;
  }
}

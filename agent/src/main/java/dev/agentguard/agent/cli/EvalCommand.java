package dev.agentguard.agent.cli;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code eval DATASET.jsonl...}: detection quality of the injection detector on labelled JSON lines
 * ({@code text}, {@code label} 1 attack / 0 benign, optional {@code kind}). Prints, per file and per
 * kind, recall on attacks and false-positive rate on benign rows with counts, and the throughput.
 *
 * <p>Each row is scanned exactly as {@code scan} without {@code --use} scans it: by its shape
 * ({@link Use#guess}), so a row with a code block, a table, mail header fields or HTML is judged as a
 * tool result and any other row as a tool argument. The figures are therefore the ones any tool that
 * scores the detector through {@code scan --jsonl} measures.
 *
 * <p>A data set is read as {@code scan --jsonl} reads its input ({@link TextInput}, {@link JsonLine}), but a
 * bad line (not UTF-8, blank, not such a row) ends the run with its number, as does a set with no row: a
 * figure on what is left of a set would be read as one on the whole set. Span-labelled PII and secrets sets
 * are named as such: this build scores injection only.
 */
public final class EvalCommand implements Command {
  /** Scanning before the throughput is timed, so the JIT has compiled the scan, and the time timed. */
  private static final long WARM_UP_NANOS = 1_500_000_000L;
  private static final long TIMED_NANOS = 1_000_000_000L;

  private final InjectionDetector detector;

  public EvalCommand() {
    this(null);
  }

  /** For tests: a null detector means the shipped one. */
  EvalCommand(InjectionDetector detector) {
    this.detector = detector;
  }

  private record Row(String text, int label, String kind) {}

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty()) {
      err.println("usage: eval DATASET.jsonl...");
      return 2;
    }
    for (String a : args) {
      if (a.startsWith("-")) {
        err.println("eval: unknown option " + a + "\nusage: eval DATASET.jsonl...");
        return 2;
      }
    }
    Map<String, List<Row>> files = new LinkedHashMap<>();
    for (String a : args) {
      try {
        files.put(a, read(a));
      } catch (BadInput e) {
        err.println("eval: " + e.getMessage());
        return 2;
      }
    }
    try {
      InjectionDetector d = detector != null ? detector : InjectionDetector.defaults();
      files.forEach((name, rows) -> report(name, rows, d, out));
      return 0;
    } catch (RuntimeException e) {
      err.println("eval: internal error: " + e); // one line, no stack trace
      return 2;
    }
  }

  /** The rows of one data set; a bad line or a set with no row ends the run (figures on part of a set mislead). */
  private static List<Row> read(String file) throws BadInput {
    List<Row> rows = new ArrayList<>();
    try (TextInput in = TextInput.file(file)) {
      for (TextInput.Line line; (line = in.nextLine()) != null; ) {
        try {
          rows.add(row(line));
        } catch (BadInput e) {
          throw new BadInput(file + ": line " + line.number() + ": " + e.getMessage());
        }
      }
    }
    if (rows.isEmpty()) {
      throw new BadInput(file + " has no rows");
    }
    return rows;
  }

  private static Row row(TextInput.Line line) throws BadInput {
    if (line.error() != null) {
      throw new BadInput(line.error());
    }
    ObjectNode n = JsonLine.parse(line.text());
    String spans = spanLabels(n);
    if (spans != null) {
      throw new BadInput("a span-labelled PII/secrets row (\"" + spans + "\", no \"label\"); this build's eval "
          + "scores injection sets only: rows with a \"text\" string and \"label\" 0 or 1");
    }
    if (!n.path("text").isString()) {
      throw new BadInput("expected an object with a \"text\" string");
    }
    JsonNode label = n.path("label");
    if (!label.isIntegralNumber() || !label.canConvertToInt() || (label.intValue() != 0 && label.intValue() != 1)) {
      throw new BadInput("\"label\" must be 0 or 1");
    }
    JsonNode kind = n.path("kind");
    if (!kind.isMissingNode() && (!kind.isString() || kind.asString().isBlank())) {
      throw new BadInput("\"kind\" must be a non-empty string");
    }
    String k = kind.isString() ? kind.asString() : (label.intValue() == 1 ? "attack" : "benign");
    return new Row(n.get("text").asString(), label.intValue(), k);
  }

  /**
   * The field that marks a row of a span-labelled set (shared/datasets: PII rows carry "spans", secrets rows
   * "has_secret" and often "spans"; other tools call them "entities"), or null. Told by the row's shape, not
   * the file's name, so a renamed copy gets the same answer.
   */
  private static String spanLabels(ObjectNode n) {
    if (n.has("label")) {
      return null;
    }
    for (String field : List.of("spans", "entities", "has_secret")) {
      if (n.has(field)) {
        return field;
      }
    }
    return null;
  }

  /** One line of the report: rows of one kind and label. */
  private record Group(String kind, int label) {}

  private static void report(String name, List<Row> rows, InjectionDetector d, PrintStream out) {
    Map<Group, int[]> groups = new LinkedHashMap<>(); // -> {rows, detected, scanned as tool results}
    long bytes = 0;
    for (Row r : rows) {
      Use use = Use.guess(r.text);
      int[] c = groups.computeIfAbsent(new Group(r.kind, r.label), k -> new int[3]);
      c[0]++;
      if (d.scan(r.text, use).detected()) {
        c[1]++;
      }
      if (use == Use.OUTPUT) {
        c[2]++;
      }
      bytes += r.text.getBytes(StandardCharsets.UTF_8).length;
    }
    // Throughput on one thread once the JIT has compiled the scan: the passes above and a warm-up paid for
    // class loading and compilation, which would otherwise be most of what a short run measures.
    passes(rows, d, WARM_UP_NANOS);
    long start = System.nanoTime();
    int timed = passes(rows, d, TIMED_NANOS);
    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    out.printf(Locale.ROOT, "%s: %d rows, %.2f MB, %.1f MB/s, %.0f rows/s%n", name, rows.size(), bytes / 1e6,
        bytes * (double) timed / 1e6 / seconds, rows.size() * (double) timed / seconds);
    int[] attacks = new int[2];
    int[] benign = new int[2];
    groups.forEach((g, c) -> {
      boolean attack = g.label() == 1;
      out.printf(Locale.ROOT, "  %-12s %s %.3f (%d/%d)   %d scanned as tool results%n", g.kind(),
          attack ? "recall" : "fpr   ", ratio(c[1], c[0]), c[1], c[0], c[2]);
      int[] total = attack ? attacks : benign;
      total[0] += c[0];
      total[1] += c[1];
    });
    if (attacks[0] > 0) {
      out.printf(Locale.ROOT, "  %-12s recall %.3f (%d/%d)%n", "all attacks", ratio(attacks[1], attacks[0]),
          attacks[1], attacks[0]);
    }
    if (benign[0] > 0) {
      out.printf(Locale.ROOT, "  %-12s fpr    %.3f (%d/%d)%n", "all benign", ratio(benign[1], benign[0]),
          benign[1], benign[0]);
    }
  }

  /** Scans every row, pass after pass, until {@code nanos} have gone by (at least once); returns the passes. */
  private static int passes(List<Row> rows, InjectionDetector d, long nanos) {
    long end = System.nanoTime() + nanos;
    int passes = 0;
    do {
      for (Row r : rows) {
        d.scan(r.text, Use.guess(r.text));
      }
      passes++;
    } while (System.nanoTime() < end);
    return passes;
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : a / (double) b;
  }
}

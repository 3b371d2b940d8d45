package dev.agentguard.agent.cli;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code eval DATASET.jsonl...}: detection quality of the injection detector on labelled JSON lines
 * ({@code text}, {@code label} 1 attack / 0 benign, optional {@code kind}). Prints, per file and per
 * kind, recall on attacks and false-positive rate on benign rows with counts, and the throughput.
 *
 * <p>Each row is scanned exactly as {@code scan} without {@code --use} scans it: by its shape
 * ({@link Use#guess}), so a row with a code block, a table, mail header fields or HTML is judged as a
 * tool result and any other row as a tool argument. The figures are therefore the ones any tool that
 * scores the detector through {@code scan --jsonl} measures.
 */
public final class EvalCommand implements Command {
  private static final JsonMapper JSON = JsonMapper.builder().build();
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
        files.put(a, read(Path.of(a)));
      } catch (BadInput e) {
        err.println("eval: " + a + ": " + e.getMessage());
        return 2;
      } catch (NoSuchFileException e) {
        err.println("eval: cannot read " + a + ": no such file");
        return 2;
      } catch (IOException e) {
        err.println("eval: cannot read " + a + ": " + e.getMessage());
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

  /** A line of a data set that cannot be used, with its number. */
  private static final class BadInput extends IOException {
    BadInput(String message) {
      super(message);
    }
  }

  /** The byte-order mark some editors write at the start of a UTF-8 file; it is no part of the first line. */
  static final String BOM = "\uFEFF";

  private static List<Row> read(Path file) throws IOException {
    List<Row> rows = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      String line;
      int lineNo = 0;
      while ((line = r.readLine()) != null) {
        lineNo++;
        if (lineNo == 1 && line.startsWith(BOM)) {
          line = line.substring(1); // a file saved "UTF-8 with BOM"
        }
        if (line.isBlank()) {
          continue;
        }
        JsonNode n;
        try {
          n = JSON.readTree(line);
        } catch (JacksonException e) {
          throw new BadInput("line " + lineNo + ": invalid JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject() || !n.path("text").isString()) {
          throw new BadInput("line " + lineNo + ": expected an object with a \"text\" string");
        }
        JsonNode label = n.path("label");
        if (!label.isIntegralNumber() || (label.asInt() != 0 && label.asInt() != 1)) {
          throw new BadInput("line " + lineNo + ": \"label\" must be 0 or 1");
        }
        String kind = n.path("kind").isString() ? n.get("kind").asString() : (label.asInt() == 1 ? "attack" : "benign");
        rows.add(new Row(n.get("text").asString(), label.asInt(), kind));
      }
    }
    return rows;
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

package dev.agentguard.benchmarks;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * 1 KB texts that differ from one call to the next, as real tool arguments do. Scanning one text over and
 * over lets the CPU's branch predictors and caches learn it, so {@link SampleTexts} alone shows a best case.
 * These are the benign rows of the development data sets (prompts, e-mails, pages, tables, code), joined and
 * cut into 1,024-char pieces, read at run time from {@code ../shared/datasets} (or
 * {@code -Dagentguard.datasets=DIR}); nothing from them is copied into the code.
 */
final class VariedTexts {
  static final int SIZE = 1024;
  static final int COUNT = 512;
  private static final String[] FILES = {"injection_prompts.jsonl", "injection_indirect.jsonl"};
  private static final String TEXT_FIELD = "\"text\": \"";
  private static final String BENIGN = "\"label\": 0";

  private VariedTexts() {}

  /** {@link #COUNT} pieces of {@link #SIZE} chars, alternating between the files' benign rows. */
  static String[] load() {
    Path dir = Path.of(System.getProperty("agentguard.datasets", "../shared/datasets"));
    List<StringBuilder> joined = new ArrayList<>();
    for (String f : FILES) {
      StringBuilder sb = new StringBuilder();
      try {
        for (String line : Files.readAllLines(dir.resolve(f))) {
          if (line.contains(BENIGN)) {
            sb.append(textOf(line)).append("\n\n");
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("the varied-text benchmarks read " + dir.resolve(f)
            + " (set -Dagentguard.datasets=DIR)", e);
      }
      joined.add(sb);
    }
    String[] out = new String[COUNT];
    int[] at = new int[joined.size()];
    for (int i = 0; i < COUNT; i++) {
      int f = i % joined.size();
      StringBuilder sb = joined.get(f);
      if (at[f] + SIZE > sb.length()) {
        at[f] = 0; // a file with fewer pieces repeats them; the other still varies
      }
      out[i] = sb.substring(at[f], at[f] + SIZE);
      at[f] += SIZE;
    }
    return out;
  }

  /**
   * The pieces the shipped detector lets through as tool arguments: a guarded call with one of the others
   * is refused (a benign row can be a false positive, and a cut can join two rows into something else).
   */
  static String[] allowed() {
    InjectionDetector detector = InjectionDetector.defaults();
    return Arrays.stream(load()).filter(t -> !detector.scan(t, Use.INPUT).detected()).toArray(String[]::new);
  }

  /**
   * The {@link #allowed} texts cut into lists of {@code parts} strings at spaces (joined by spaces, each is
   * its text again), keeping the lists whose every part is allowed too: a list argument of 1 KB in all.
   */
  static java.util.List<java.util.List<String>> allowedLists(int parts) {
    InjectionDetector detector = InjectionDetector.defaults();
    java.util.List<java.util.List<String>> out = new java.util.ArrayList<>();
    for (String t : allowed()) {
      java.util.List<String> list = new java.util.ArrayList<>();
      int from = 0;
      for (int k = 1; k < parts; k++) {
        int cut = t.indexOf(' ', Math.max(from, t.length() * k / parts));
        if (cut < 0) {
          break;
        }
        list.add(t.substring(from, cut));
        from = cut + 1;
      }
      list.add(t.substring(from));
      if (list.stream().noneMatch(p -> detector.scan(p, Use.INPUT).detected())) {
        out.add(java.util.List.copyOf(list));
      }
    }
    return out;
  }

  /** The value of the line's "text" field: a JSON string, unescaped. */
  static String textOf(String line) {
    int start = line.indexOf(TEXT_FIELD);
    if (start < 0) {
      throw new IllegalArgumentException("no \"text\" field: " + line.substring(0, Math.min(60, line.length())));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = start + TEXT_FIELD.length(); i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = line.charAt(++i);
      switch (e) {
        case 'n' -> sb.append('\n');
        case 't' -> sb.append('\t');
        case 'r' -> sb.append('\r');
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'u' -> {
          sb.append((char) Integer.parseInt(line.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> sb.append(e); // \" \\ \/
      }
    }
    throw new IllegalArgumentException("unterminated \"text\" string");
  }
}

package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import dev.agentguard.agent.pipeline.StreamText;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How the output guard's reading of a stream ({@link StreamContext}) compares with scanning each text whole:
 * the development texts are streamed word by word and in 64- and 256-char chunks, and each reading's
 * verdicts are counted, with its CPU time per KB of benign text. Also the reading it replaced, each value judged alone.
 * Run from the repository root (figures in the detect README, "Streams"):
 *
 * <pre>java -cp agent/target/test-classes:agent/target/classes:JACKSON:RE2J \
 *     dev.agentguard.agent.guard.injection.StreamEval [DATASETS_DIR]</pre>
 *
 * Benign texts: the benign prompts joined into 1 KB texts, and the benign tool results (e-mails, pages,
 * tables) as they are; attacks: every attack row. The detector has seen all of them in training, so these
 * figures compare readings, they do not estimate quality.
 */
public final class StreamEval {
  private static final InjectionDetector DETECTOR = InjectionDetector.defaults();
  private static final String GUARD = "injection-output";

  private StreamEval() {}

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
    List<String> prompts = new ArrayList<>();
    List<String> documents = new ArrayList<>();
    List<String> attacks = new ArrayList<>();
    JsonMapper json = JsonMapper.builder().build();
    StringBuilder joined = new StringBuilder();
    for (String file : List.of("injection_prompts.jsonl", "injection_indirect.jsonl")) {
      for (String line : Files.readAllLines(dir.resolve(file))) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode row = json.readTree(line);
        String text = row.get("text").asString();
        if (row.get("label").asInt() == 1) {
          attacks.add(text);
        } else if (file.contains("indirect")) {
          documents.add(text);
        } else if (joined.append(text).append(' ').length() >= 1024) {
          prompts.add(joined.toString());
          joined.setLength(0);
        }
      }
    }
    System.out.printf("%d benign 1 KB prompt texts, %d benign tool results, %d attacks%n", prompts.size(),
        documents.size(), attacks.size());
    System.out.println(
        "cut     | reading    | false alarms (prompts + results) | attacks found | CPU us per benign KB");
    for (int cut : new int[] {0, 64, 256}) {
      List<Text> p = Text.all(prompts, cut);
      List<Text> d = Text.all(documents, cut);
      List<Text> a = Text.all(attacks, cut);
      for (Reading reading : Reading.values()) {
        double usPerKb = reading.cpuPerKb(p, d);
        System.out.printf("%-7s | %-10s | %3d + %d | %d of %d | %.0f%n", cut == 0 ? "words" : cut + " ch",
            reading.label, reading.count(p), reading.count(d), reading.count(a), attacks.size(), usPerKb);
      }
    }
  }

  private enum Reading {
    WHOLE("whole"), STREAM("stream"), PER_VALUE("each value");

    final String label;

    Reading(String label) {
      this.label = label;
    }

    /**
     * CPU time per KB of benign text (read to its end, unlike an attack, whose reading stops at the finding),
     * the best of five passes after two.
     */
    double cpuPerKb(List<Text> prompts, List<Text> documents) {
      long chars = 0;
      for (Text t : prompts) {
        chars += t.whole.length();
      }
      for (Text t : documents) {
        chars += t.whole.length();
      }
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      long best = Long.MAX_VALUE;
      for (int pass = 0; pass < 7; pass++) {
        long start = mx.getCurrentThreadCpuTime();
        count(prompts);
        count(documents);
        long spent = mx.getCurrentThreadCpuTime() - start;
        if (pass >= 2) {
          best = Math.min(best, spent);
        }
      }
      return best / 1e3 / (chars / 1024.0);
    }

    int count(List<Text> texts) {
      int found = 0;
      for (Text t : texts) {
        if (this == WHOLE ? DETECTOR.scan(t.whole, Use.OUTPUT).detected() : streamed(t.pieces)) {
          found++;
        }
      }
      return found;
    }

    /** As the output guard reads a stream ({@code InjectionOutputGuard.checkPart}, {@code checkEnd}). */
    private boolean streamed(List<String> values) {
      StreamText stream = new StreamText();
      for (String value : values) {
        if (this == PER_VALUE) {
          if (DETECTOR.scan(value, Use.OUTPUT).detected()) {
            return true;
          }
        } else {
          StreamContext.Reading read = StreamContext.added(DETECTOR, stream.unjudgedText(GUARD), value);
          if (read.finding() != null) {
            return true;
          }
          stream.unjudged(GUARD, read.unjudged());
        }
        stream.add(value);
      }
      return this == STREAM && StreamContext.atEnd(DETECTOR, stream.unjudgedText(GUARD)) != null;
    }
  }

  /** A text and the values it is streamed in, cut before any timing. */
  private record Text(String whole, List<String> pieces) {
    static List<Text> all(List<String> texts, int cut) {
      return texts.stream().map(t -> new Text(t, StreamEval.pieces(t, cut))).toList();
    }
  }

  /** {@code text} word by word ({@code cut} 0) or in pieces of {@code cut} chars. */
  private static List<String> pieces(String text, int cut) {
    if (cut == 0) {
      return Arrays.asList(text.split("(?<= )"));
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < text.length(); i += cut) {
      out.add(text.substring(i, Math.min(text.length(), i + cut)));
    }
    return out;
  }
}

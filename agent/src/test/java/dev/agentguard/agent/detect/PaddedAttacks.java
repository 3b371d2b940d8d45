package dev.agentguard.agent.detect;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * How well an attack is found once it is padded with everyday text in the same argument: each attack of the
 * input probe sets and each direct attack of the development prompts is put between two everyday prompts of
 * the development data (80 to 400 chars, picked by the attack's index, so every run is the same) and scanned
 * as one argument, and as a tool result. A measure for a known limit, not a test: the text model reads an
 * argument as one message, so its whole-text score pulls a short attack down in a long everyday text. From
 * the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>java -cp agent/target/test-classes:agent/target/classes:CLASSPATH dev.agentguard.agent.detect.PaddedAttacks ../shared/datasets benchmarks/probes</pre>
 */
public final class PaddedAttacks {
  private PaddedAttacks() {}

  public static void main(String[] args) throws IOException {
    Path datasets = Path.of(args.length > 0 ? args[0] : "../shared/datasets");
    Path probes = Path.of(args.length > 1 ? args[1] : "benchmarks/probes");
    JsonMapper json = JsonMapper.builder().build();
    List<String> pads = new ArrayList<>();
    List<String> attacks = new ArrayList<>();
    try (Stream<Path> files = Files.list(probes)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("probes-input")).sorted().toList()) {
        for (JsonNode n : rows(json, f)) {
          if (n.get("label").asInt() == 1) {
            attacks.add(n.get("text").asString());
          }
        }
      }
    }
    for (JsonNode n : rows(json, datasets.resolve("injection_prompts.jsonl"))) {
      String text = n.get("text").asString();
      if (n.get("label").asInt() == 1 && "direct".equals(n.get("kind").asString())) {
        attacks.add(text);
      } else if (n.get("label").asInt() == 0 && text.length() > 80 && text.length() < 400) {
        pads.add(text);
      }
    }
    InjectionDetector d = InjectionDetector.defaults();
    int alone = 0;
    int padded = 0;
    int lost = 0;
    int paddedAsResult = 0;
    for (int i = 0; i < attacks.size(); i++) {
      String a = attacks.get(i);
      String text = pads.get((int) ((i * 7919L) % pads.size())) + " " + a + " "
          + pads.get((int) ((i * 104_729L + 1) % pads.size()));
      boolean byItself = d.scan(a, Use.INPUT).detected();
      boolean inPadding = d.scan(text, Use.INPUT).detected();
      alone += byItself ? 1 : 0;
      padded += inPadding ? 1 : 0;
      lost += byItself && !inPadding ? 1 : 0;
      paddedAsResult += d.scan(text, Use.OUTPUT).detected() ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "attacks %d, everyday pads %d%n", attacks.size(), pads.size());
    System.out.printf(Locale.ROOT, "detected alone as an argument        %d%n", alone);
    System.out.printf(Locale.ROOT, "detected padded, as an argument      %d (%d of those found alone lost)%n",
        padded, lost);
    System.out.printf(Locale.ROOT, "detected padded, as a tool result    %d%n", paddedAsResult);
  }

  private static List<JsonNode> rows(JsonMapper json, Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        out.add(json.readTree(line));
      }
    }
    return out;
  }
}

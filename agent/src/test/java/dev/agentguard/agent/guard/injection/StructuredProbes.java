package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.config.InjectionThresholds;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import dev.agentguard.agent.pipeline.ArgumentsJson;
import dev.agentguard.agent.pipeline.Fixtures;
import dev.agentguard.agent.pipeline.Principal;
import dev.agentguard.agent.pipeline.ToolMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Structured probes ({@code {"use": "input"|"output", "label": 0|1, "value": <JSON>, "note": ...}}) through the
 * guards in {@code block} mode, the value passed as the Java maps and lists a framework would hand over: an
 * {@code output} value as a tool's result, an {@code input} value as a tool's one argument. For comparison, the
 * same value read two simpler ways: every string on its own (the guards without groups), and the whole value as
 * one JSON text. A measure, not a test; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>java -cp agent/target/test-classes:agent/target/classes:CLASSPATH dev.agentguard.agent.guard.injection.StructuredProbes benchmarks/probes/structured/structured-heldout.jsonl</pre>
 */
public final class StructuredProbes {
  private StructuredProbes() {}

  public static void main(String[] args) throws IOException {
    JsonMapper json = JsonMapper.builder().build();
    Detectors detectors = Detectors.of(List.of(), InjectionThresholds.NONE);
    InjectionDetector detector = detectors.injection(InjectionThresholds.NONE);
    InjectionInputGuard input = new InjectionInputGuard("block", detectors);
    InjectionOutputGuard output = new InjectionOutputGuard("block", detectors);
    Policy policy = Fixtures.policy();
    ToolMethod tool = Fixtures.tool("probe", List.of("value"), Set.of(), "Ljava/lang/Object;");
    boolean verbose = Boolean.getBoolean("verbose");
    // [use][label]: rows, guard, strings alone, one JSON text
    int[][][] counts = new int[2][2][4];
    for (String line : Files.readAllLines(Path.of(args[0]))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode row = json.readTree(line);
      boolean out = "output".equals(row.get("use").asString());
      Use use = out ? Use.OUTPUT : Use.INPUT;
      int label = row.get("label").asInt();
      Object value = json.treeToValue(row.get("value"), Object.class);
      boolean guarded = out
          ? output.check(Fixtures.invocation(policy, tool, Principal.ANONYMOUS, "x"), value).blocked()
          : input.check(Fixtures.invocation(policy, tool, Principal.ANONYMOUS, value)).blocked();
      boolean[] alone = {false};
      TextValues.walk("", ArgumentsJson.valueToTree(value), (p, text) -> {
        alone[0] |= text.length() >= ScanTexts.MIN_SCAN_LENGTH && detector.scan(text, use).detected();
        return !alone[0];
      });
      boolean whole = detector.scan(json.writeValueAsString(row.get("value")), use).detected();
      int[] c = counts[out ? 1 : 0][label];
      c[0]++;
      c[1] += guarded ? 1 : 0;
      c[2] += alone[0] ? 1 : 0;
      c[3] += whole ? 1 : 0;
      if (verbose && guarded != (label == 1)) {
        System.out.printf(Locale.ROOT, "%s %s %s%n", label == 1 ? "MISS" : "FP  ", use, row.get("note").asString());
      }
    }
    System.out.println("use     label    rows  guards  strings alone  one JSON text");
    for (int u = 0; u < 2; u++) {
      for (int l = 1; l >= 0; l--) {
        int[] c = counts[u][l];
        System.out.printf(Locale.ROOT, "%-7s %-7s %5d %7d %14d %14d%n", u == 1 ? "output" : "input",
            l == 1 ? "attack" : "benign", c[0], c[1], c[2], c[3]);
      }
    }
  }
}

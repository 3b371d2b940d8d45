package dev.agentguard.agent.audit;

import dev.agentguard.agent.json.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Records, logs and line surgery shared by the audit tests. */
final class AuditFixtures {
  static final long T0 = 1_795_256_130_123L; // 2026-11-21T10:15:30.123Z

  private AuditFixtures() {}

  static AuditRecord record(int i) {
    return record(i, "tool-" + (i % 3), "u-" + i, i % 2 == 0 ? "success" : "blocked", T0 + i * 1000L);
  }

  static AuditRecord record(int i, String tool, String user, String outcome, long timestampMillis) {
    ObjectNode params = StrictJson.mapper().createObjectNode().put("n", i).put("text", "call \"" + i + "\"\n");
    return AuditRecord.builder()
        .eventId("ev-" + i).timestampMillis(timestampMillis).agentId("agent-1").userId(user)
        .sessionId("s-1").orgId("acme").action(tool).method("com.acme.Tools#" + tool)
        .parameters(() -> params).decision("allow").reason(null).outcome(outcome)
        .guardrailsApplied(List.of("validate", "injection")).riskLevel("LOW").securityLevel(3)
        .executionTimeMs(1.25 + i).costDollars(0.01 * i)
        .outputSummary(() -> StrictJson.mapper().createObjectNode().put("chars", i * 10))
        .build();
  }

  static AuditConfig config(Path file) {
    return new AuditConfig(file, null, 0, false, 1024);
  }

  /** Writes records 1..n with a fresh writer and closes it. */
  static void writeLog(AuditConfig config, int n) {
    try (AuditWriter w = AuditWriter.open(config, quiet())) {
      for (int i = 1; i <= n; i++) {
        w.append(record(i));
      }
    }
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  static List<String> lines(Path file) throws IOException {
    return new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
  }

  static void writeLines(Path file, List<String> lines) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (String l : lines) {
      sb.append(l).append('\n');
    }
    Files.writeString(file, sb, StandardCharsets.UTF_8);
  }

  static List<JsonNode> records(Path file) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (String l : lines(file)) {
      out.add(StrictJson.parse(l));
    }
    return out;
  }

  /** Captures what the writer reports on its diagnostics stream. */
  static final class Diagnostics {
    final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    String text() {
      return bytes.toString(StandardCharsets.UTF_8);
    }
  }
}

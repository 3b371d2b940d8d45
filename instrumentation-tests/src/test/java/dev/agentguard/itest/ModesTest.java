package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** monitor decides and records but blocks nothing; off guards nothing; a broken policy fails closed. */
class ModesTest {
  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void monitorRecordsWhatWouldHaveBeenBlocked(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(RefusalsTest.POLICY + "\nagentguard.mode=monitor\n")
        .run("lookup", "ping", "charge").assertClean();
    assertEquals("ok pinged", run.result("ping"));
    assertEquals("ok 1999", run.result("charge"));
    JsonNode ping = run.audit("ping").get(0);
    assertEquals("monitor", ping.get("decision").asString());
    assertEquals("TOOL_DISABLED", ping.get("reason").asString());
    assertEquals("success", ping.get("outcome").asString());
    assertEquals("allow", run.audit("lookup").get(0).get("decision").asString());
  }

  /**
   * monitor asks every guard: a call that fails its schema, carries an injection and is not permitted runs,
   * and its record says all three (the first as the reason); a result that redact would have rewritten
   * reaches the caller unchanged, and its record says it would have been, not that it was.
   */
  @ParameterizedTest
  @MethodSource("jvms")
  void monitorRecordsEveryGuardsVerdictAndNoRewriteItDidNotMake(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(RefusalsTest.POLICY + "\nagentguard.mode=monitor\n"
        + "agentguard.tool.send_email.schema=file:"
        + InputAndOutputGuardsTest.SCHEMA.toString().replace("\\", "/") + "\n"
        + "agentguard.tool.read_email.injection.output=redact\n")
        .run("--org=other", "mail.bad.injected", "read.evil").assertClean();
    assertEquals("ok sent:not-an-email", run.result("mail.bad.injected"));
    JsonNode mail = run.audit("send_email").get(0);
    assertEquals("monitor", mail.get("decision").asString());
    assertEquals("SCHEMA_INVALID", mail.get("reason").asString());
    assertEquals("success", mail.get("outcome").asString());
    assertTrue(mail.get("wasSanitized").asBoolean());
    List<String> findings = new ArrayList<>();
    mail.get("findings").forEach(f -> findings.add(f.asString()));
    assertEquals(List.of("would-block:schema:SCHEMA_INVALID", "would-block:injection-input:INJECTION_DETECTED",
        "would-block:permissions:PERMISSION_DENIED"), findings.stream().filter(f -> f.startsWith("would-")).toList());
    assertTrue(findings.stream().anyMatch(f -> f.startsWith("injection:subject:")), findings::toString);

    String read = run.result("read.evil");
    assertTrue(read.contains("attacker@evil.example") && !read.contains("[removed"), read);
    JsonNode evil = run.audit("read_email").get(0);
    assertEquals("allow", evil.get("decision").asString());
    assertTrue(evil.get("wasSanitized").asBoolean());
    assertFalse(evil.get("inputsSanitized").asBoolean(), "nothing was rewritten");
    assertTrue(evil.get("findings").toString().contains("would-rewrite:injection-output"), evil.toString());
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void offGuardsNothing(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(RefusalsTest.POLICY + "\nagentguard.mode=off\n")
        .run("lookup", "ping", "charge").assertClean();
    assertEquals("ok pinged", run.result("ping"));
    assertEquals("ok 1999", run.result("charge"));
    assertFalse(Files.exists(run.auditFile), "mode=off writes no audit records");
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void aBrokenPolicyRefusesToolsButTheHostRunsOn(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir)
        .config("agentguard.tool.lookup.risk=extreme\nagentguard.no-such-key=1\n")
        .run("lookup", "add", "helper", "untouched").assertClean();
    assertTrue(run.result("lookup").startsWith("blocked ToolCallBlockedException POLICY_ERROR"), run.result("lookup"));
    assertTrue(run.result("add").startsWith("blocked ToolCallBlockedException POLICY_ERROR"), run.result("add"));
    assertFalse(run.result("lookup").contains("extreme"), "the config error is for the operator, not the LLM");
    assertEquals("ok PLAIN", run.result("helper"));
    assertEquals("ok A B", run.result("untouched"));
    assertTrue(run.stderr.contains("agentguard.tool.lookup.risk"), "the operator is told which key: " + run.stderr);
    assertTrue(run.stderr.contains("agentguard.no-such-key"), run.stderr);
    assertEquals(2, run.audit().size());
    assertEquals("POLICY_ERROR", run.audit("lookup").get(0).get("reason").asString());
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void failureModeOpenLetsCallsThroughOnABrokenPolicy(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir)
        .config("agentguard.failure-mode=open\nagentguard.tool.lookup.risk=extreme\n")
        .run("lookup").assertClean();
    assertEquals("ok customer:c-42", run.result("lookup"));
    JsonNode r = run.audit("lookup").get(0);
    assertEquals("allow", r.get("decision").asString());
    assertEquals("POLICY_ERROR", r.get("reason").asString());
    assertTrue(run.stderr.contains("failure-mode=open"), run.stderr);
  }
}

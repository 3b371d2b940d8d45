package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Blocked calls throw the right type with the right reason, and still leave their record. */
class RefusalsTest {
  static final String POLICY = String.join("\n",
      "agentguard.default-policy=deny",
      "agentguard.tool.lookup.allow.roles=support,finance",
      "agentguard.tool.charge.allow.roles=finance",
      "agentguard.tool.charge.allow.users=*,!mallory",
      "agentguard.tool.send_email.allow.orgs=acme",
      "agentguard.tool.ping.enabled=false");

  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void refusalsNameToolReasonAndRecord(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(POLICY).run(
        "lookup", "charge", "ping", "add", "mail",
        "--user=carol", "--roles=finance", "charge",
        "--user=mallory", "--roles=finance", "--org=other", "charge", "mail").assertClean();

    assertEquals("ok customer:c-42", run.result("lookup"));
    assertTrue(run.stdout.contains("RESULT charge blocked PermissionDeniedException PERMISSION_DENIED"), run.stdout);
    assertTrue(run.result("ping").startsWith("blocked ToolCallBlockedException TOOL_DISABLED"), run.result("ping"));
    assertTrue(run.result("add").startsWith("blocked PermissionDeniedException PERMISSION_DENIED"),
        "default-policy=deny refuses tools without a section: " + run.result("add"));

    // the message is for an LLM: names the tool, says what to do, leaks no policy internals
    String ping = run.result("ping");
    assertTrue(ping.contains("'ping'") && ping.contains("Do not retry"), ping);
    String add = run.result("add");
    assertFalse(add.contains("default-policy") || add.contains("agentguard."), add);

    // every refused call has exactly one record, blocked, with the exception's eventId
    String eventId = run.result("ping").split(" ")[3];
    JsonNode pingRecord = run.audit("ping").get(0);
    assertEquals(eventId, pingRecord.get("eventId").asString());
    assertEquals("block", pingRecord.get("decision").asString());
    assertEquals("blocked", pingRecord.get("outcome").asString());
    assertEquals("TOOL_DISABLED", pingRecord.get("reason").asString());

    assertEquals(3, run.audit("charge").size(), "alice refused, carol allowed, mallory refused (deny wins)");
    long allowedCharges = run.audit("charge").stream().filter(r -> r.get("decision").asString().equals("allow")).count();
    assertEquals(1, allowedCharges);
    JsonNode mallory = run.audit("charge").get(2);
    assertEquals("mallory", mallory.get("userId").asString());
    assertEquals("PERMISSION_DENIED", mallory.get("reason").asString());
    assertEquals(2, run.audit("send_email").size());
    assertEquals("block", run.audit("send_email").get(1).get("decision").asString(), "org other is not allowed");
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void theHostNeedNotShipTheApiJar(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(POLICY).withoutApiJar().run("lookup", "ping").assertClean();
    assertEquals("ok customer:c-42", run.result("lookup"));
    assertTrue(run.result("ping").startsWith("blocked ToolCallBlockedException TOOL_DISABLED"), run.result("ping"));
  }
}

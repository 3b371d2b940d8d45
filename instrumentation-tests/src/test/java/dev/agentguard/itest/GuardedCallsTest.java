package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Which methods are guarded, and that each guarded call leaves exactly one record. */
class GuardedCallsTest {
  static final String ALLOW_ALL = String.join("\n",
      "agentguard.default-policy=allow",
      "agentguard.tool.legacy_send.method=dev.agentguard.itest.host.Legacy*#send*",
      "agentguard.tool.legacy_archive.method=dev.agentguard.itest.host.LegacyBilling#archive(java.lang.String)",
      "agentguard.tool.charge.risk=critical",
      "agentguard.tool.lookup.redact.params=customerId");

  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void everyKindOfToolIsGuardedOnceAndOthersAreNot(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(ALLOW_ALL).run("lookup", "add", "ping", "charge", "fail", "mail",
        "report", "bridge", "helper", "untouched", "legacy.invoice", "legacy.reminder", "legacy.archive",
        "legacy.status").assertClean();

    assertEquals("ok customer:c-42", run.result("lookup"));
    assertEquals("ok 5", run.result("add"));
    assertEquals("ok report:q3.csv", run.result("report"));
    assertEquals("ok handled:x", run.result("bridge"));
    assertEquals("error java.lang.IllegalStateException", run.result("fail"));
    assertEquals("ok PLAIN", run.result("helper"));
    assertEquals("ok A B", run.result("untouched"));

    List<JsonNode> all = run.audit();
    for (String tool : List.of("lookup", "add", "ping", "charge", "fail", "send_email", "export_report", "handle")) {
      assertEquals(1, run.audit(tool).size(), tool + " records in " + all);
    }
    assertEquals(2, run.audit("legacy_send").size(), "sendInvoice and sendReminder");
    assertEquals(1, run.audit("legacy_archive").size());
    assertEquals(11, all.size(), "no record for helper, untouched or LegacyBilling.status: " + all);

    JsonNode lookup = run.audit("lookup").get(0);
    assertEquals("allow", lookup.get("decision").asString());
    assertEquals("success", lookup.get("outcome").asString());
    assertEquals("alice", lookup.get("userId").asString());
    assertEquals("acme", lookup.get("orgId").asString());
    assertEquals("s-1", lookup.get("sessionId").asString());
    assertEquals("LOW", lookup.get("riskLevel").asString());
    assertEquals("[REDACTED]", lookup.get("parameters").get("customerId").asString(), "redact.params by name");

    JsonNode charge = run.audit("charge").get(0);
    assertEquals("CRITICAL", charge.get("riskLevel").asString(), "the properties file overrides the annotation");
    assertEquals("acct-1", charge.get("parameters").get("account").asString(), "names from the local variable table");
    assertEquals("[REDACTED]", charge.get("parameters").get("cardToken").asString());
    assertEquals(1999, charge.get("parameters").get("cents").asInt());
    assertFalse(Files.readString(run.auditFile).contains("tok_secret_4242"), "@Redact value reached the file");

    JsonNode fail = run.audit("fail").get(0);
    assertEquals("failure", fail.get("outcome").asString());
    assertEquals("java.lang.IllegalStateException", fail.get("errorCategory").asString());

    JsonNode add = run.audit("add").get(0);
    assertEquals(2, add.get("parameters").get("a").asInt());
    assertTrue(add.get("method").asString().endsWith("Tools#add(int,int)"), add.toString());

    JsonNode archive = run.audit("legacy_archive").get(0);
    assertEquals("c-1", archive.get("parameters").get("customerId").asString());

    String[] verify = HostRun.cli("audit", "verify", run.auditFile.toString());
    assertEquals("0", verify[0], verify[1]);
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void aToolCalledFromAToolIsItsOwnCallLinkedToItsParent(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(ALLOW_ALL).run("plan").assertClean();
    assertEquals("ok sent:c-7@example.com", run.result("plan"));
    JsonNode plan = run.audit("plan").get(0);
    JsonNode lookup = run.audit("lookup").get(0);
    JsonNode mail = run.audit("send_email").get(0);
    assertEquals(3, run.audit().size());
    assertTrue(plan.get("parentEventId").isNull());
    assertEquals(plan.get("eventId").asString(), lookup.get("parentEventId").asString());
    assertEquals(plan.get("eventId").asString(), mail.get("parentEventId").asString());
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void principalFromTheHostsMdcWhenNoContextIsOpen(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir)
        .config("agentguard.principal.sources=context,mdc:userId\nagentguard.tool.lookup.allow.users=erin,alice\n")
        .run("--anonymous", "--mdc-user=erin", "lookup", "--user=alice", "lookup").assertClean();
    List<JsonNode> records = run.audit("lookup");
    assertEquals("erin", records.get(0).get("userId").asString(), "no AgentContext: the MDC's userId");
    assertEquals("allow", records.get(0).get("decision").asString());
    assertEquals("alice", records.get(1).get("userId").asString(), "context comes first when open");
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void anonymousCallsAreRecordedAsAnonymous(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(ALLOW_ALL).run("--anonymous", "lookup").assertClean();
    JsonNode r = run.audit("lookup").get(0);
    assertEquals("anonymous", r.get("userId").asString());
    assertTrue(r.get("sessionId").isNull());
  }
}

package dev.agentguard.samples.supportdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo's printed report: header, one aligned line per call, the audit log and how to verify it. */
class MainTest {

  @TempDir
  Path reportDir;

  @Test
  void printsOneAlignedLinePerCallAndWhereTheAuditLogIs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Path audit = Path.of("/tmp/x/audit.jsonl");

    Main.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), reportDir, null, false, audit);

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).contains("14 tool calls, decisions as seen by the app"), lines.get(0));
    assertTrue(lines.get(1).startsWith("protection: none"), lines.get(1));
    List<String> calls = lines.stream().filter(l -> l.startsWith("  ")).toList();
    assertEquals(14, calls.size(), String.join("\n", lines));
    for (String call : calls) {
      // The decision column starts at the same place on every line.
      assertTrue(call.substring(36).startsWith("ALLOWED "), call);
    }
    assertTrue(calls.get(0).matches("  lookup_customer +alice +ALLOWED  C-1001 Ada Lovelace .*"), calls.get(0));
    assertTrue(lines.contains("14 allowed, 0 refused, 0 failed"), String.join("\n", lines));
    assertTrue(lines.contains("effects: e-mails sent 2, refunds 2, store credits 1, reports written 2, "
        + "case notes erased 3"), String.join("\n", lines));
    assertTrue(lines.contains("audit log: " + audit + " (written only with the agent attached)"));
    assertEquals("verify it: java -jar agent/target/agentguard-agent.jar audit verify " + audit,
        lines.get(lines.size() - 1));
  }

  @Test
  void theAuditPathComesFromThePolicyFileWhenNothingOverridesIt() {
    assumeTrue(System.getProperty("agentguard.audit.file") == null && System.getenv("AGENTGUARD_AUDIT_FILE") == null);

    assertEquals(Path.of("sample-apps/support-desk/target/support-desk-audit.jsonl").toAbsolutePath(),
        Main.auditFile(PolicyFileTest.POLICY.toString()));
    assertEquals(Path.of("agentguard-audit.jsonl").toAbsolutePath(), Main.auditFile(null));
    assertEquals(Path.of("agentguard-audit.jsonl").toAbsolutePath(), Main.auditFile("no/such/file.properties"));
  }
}

package dev.agentguard.samples.supportdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.AgentContext;
import dev.agentguard.PermissionDeniedException;
import dev.agentguard.ReasonCode;
import dev.agentguard.ToolCallBlockedException;
import dev.agentguard.samples.supportdesk.SupportAgent.Outcome;
import dev.agentguard.samples.supportdesk.SupportAgent.Principal;
import dev.agentguard.samples.supportdesk.SupportAgent.Step;
import dev.agentguard.samples.supportdesk.SupportAgent.StepResult;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs the demo script without the agent: every step must run and leave its effect in the stores. */
class SupportAgentTest {

  @TempDir
  Path reportDir;

  @Test
  void withoutTheAgentEveryStepRunsAndChangesTheStores() throws Exception {
    SupportDesk desk = SupportDesk.seeded(reportDir);
    SupportAgent agent = new SupportAgent(SupportAgent.standardScript(desk));
    List<StepResult> seen = new ArrayList<>();

    List<StepResult> results = agent.run(seen::add);

    assertEquals(14, results.size());
    assertEquals(results, seen, "each result is handed over as it happens, in order");
    for (StepResult r : results) {
      assertEquals(Outcome.ALLOWED, r.outcome(), () -> r.step().tool() + " (" + r.step().intent() + "): "
          + r.reason() + " " + r.detail());
    }
    Set<String> tools = results.stream().map(r -> r.step().tool()).collect(Collectors.toSet());
    assertEquals(Set.of("lookup_customer", "send_email", "refund_payment", "export_report", "delete_records",
        "issue_store_credit", "update_customer_email"), tools);
    Set<String> users = results.stream().map(r -> r.step().principal().label()).collect(Collectors.toSet());
    assertEquals(Set.of("alice", "bob", "carol", "dave", "mallory", "anonymous"), users);

    // Unguarded, the refused-by-policy calls run too: both refunds, both erasures, the credit, the export.
    List<OutboxMailer.Email> outbox = desk.outbox().outbox();
    assertEquals(List.of("ada@example.com", "grace@example.com"),
        outbox.stream().map(OutboxMailer.Email::to).toList());
    assertEquals(List.of("M-0001", "M-0002"), outbox.stream().map(OutboxMailer.Email::messageId).toList());
    assertTrue(outbox.get(1).body().contains("refunded"));

    List<PaymentLedger.Refund> refunds = desk.ledger().refunds();
    assertEquals(2, refunds.size());
    assertEquals(new BigDecimal("71.00"), refunds.stream().map(PaymentLedger.Refund::amount)
        .reduce(BigDecimal.ZERO, BigDecimal::add));
    assertEquals(1, desk.ledger().credits().size());

    assertTrue(desk.caseRecords().notesOf("C-1003").isEmpty(), "Alan's case notes are erased");
    assertEquals(2, desk.caseRecords().notesOf("C-1001").size(), "other customers' notes stay");
    assertEquals(List.of(3, 0), desk.caseRecords().erasures().stream().map(CaseRecords.Erasure::deleted).toList());

    assertEquals("ada.lovelace@example.org", desk.customers().lookupCustomer("C-1001").email());

    Path refundsCsv = reportDir.resolve("refunds.csv");
    // carol's export runs after both refunds: the file lists both.
    assertEquals("refundId,paymentId,amount\nR-0001,P-5002,35.50\nR-0002,P-5002,35.50\n",
        Files.readString(refundsCsv));
    assertTrue(results.get(6).detail().endsWith(refundsCsv.toAbsolutePath().toString()), results.get(6).detail());
    String outboxJson = Files.readString(reportDir.resolve("outbox.json"));
    assertTrue(outboxJson.contains("\"to\": \"grace@example.com\""), outboxJson);
    assertTrue(!outboxJson.contains("Kind regards"), "bodies stay out of reports");
    assertEquals(2, desk.reports().written().size());
  }

  @Test
  void aBlockedCallIsReportedWithItsReasonAndFirstSentence() {
    Step step = new Step(Principal.of("bob", "acme", "support"), "refund_payment", "test", () -> {
      throw new PermissionDeniedException("refund_payment", "evt-1",
          "Refunds need the finance role. Ask a finance colleague to refund P-5002.");
    });

    StepResult result = SupportAgent.runOne(step);

    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals(ReasonCode.PERMISSION_DENIED, result.reason());
    assertEquals("Refunds need the finance role.", result.detail());
    assertEquals("  refund_payment         bob        REFUSED  PERMISSION_DENIED  Refunds need the finance role.",
        result.line());
  }

  @Test
  void theBaseBlockedTypeIsCaughtToo() {
    Step step = new Step(Principal.of("alice", "acme", "support"), "issue_store_credit", "test", () -> {
      throw new ToolCallBlockedException("issue_store_credit", ReasonCode.TOOL_DISABLED, "evt-2",
          "The tool issue_store_credit is switched off.");
    });

    StepResult result = SupportAgent.runOne(step);

    assertEquals(Outcome.REFUSED, result.outcome());
    assertEquals(ReasonCode.TOOL_DISABLED, result.reason());
  }

  @Test
  void aToolsOwnErrorIsAFailureNotARefusal() {
    SupportDesk desk = SupportDesk.seeded(reportDir);
    Step step = new Step(Principal.of("alice", "acme", "support"), "lookup_customer", "test",
        () -> desk.customers().lookupCustomer("C-9999").summary());

    StepResult result = SupportAgent.runOne(step);

    assertEquals(Outcome.FAILED, result.outcome());
    assertEquals("IllegalArgumentException", result.reason());
    assertEquals("No customer with id C-9999.", result.detail());
  }

  @Test
  void eachStepRunsInsideItsPrincipalsContextAndNoneLeaksOut() {
    List<String> seenUsers = new ArrayList<>();
    Step carol = new Step(Principal.of("carol", "acme", "finance"), "t", "test", () -> {
      AgentContext c = AgentContext.current();
      seenUsers.add(c.user() + "/" + c.org() + "/" + c.roles() + "/" + c.session());
      return "ok";
    });
    Step anonymous = new Step(Principal.anonymous(), "t", "test", () -> {
      seenUsers.add(String.valueOf(AgentContext.current()));
      return "ok";
    });
    Step failing = new Step(Principal.of("dave", "acme", "admin"), "t", "test", () -> {
      throw new IllegalStateException("boom");
    });

    new SupportAgent(List.of(carol, failing, anonymous)).run(r -> { });

    assertEquals(List.of("carol/acme/[finance]/s-carol", "null"), seenUsers);
    assertNull(AgentContext.current());
  }

  @Test
  void firstSentenceStopsAtTheFirstSentenceEndOnly() {
    assertEquals("Refund of 12.50 to ada@example.com refused.",
        SupportAgent.firstSentence("Refund of 12.50 to ada@example.com refused. Ask finance."));
    assertEquals("One line only", SupportAgent.firstSentence("  One\n line\tonly  "));
    assertEquals("(no message)", SupportAgent.firstSentence(null));
    String longText = "x".repeat(300);
    String cut = SupportAgent.firstSentence(longText);
    assertEquals(110, cut.length());
    assertTrue(cut.endsWith("..."));
  }
}

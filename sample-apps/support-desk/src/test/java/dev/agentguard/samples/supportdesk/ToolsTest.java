package dev.agentguard.samples.supportdesk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.AgentTool;
import dev.agentguard.Redact;
import dev.agentguard.Risk;
import java.lang.reflect.Method;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sample's tools do real work and refuse bad input on their own, agent or not. */
class ToolsTest {

  @TempDir
  Path reportDir;

  @Test
  void theLedgerNeverRefundsMoreThanWasPaid() {
    PaymentLedger ledger = new PaymentLedger();
    ledger.capture("P-1", new BigDecimal("20.00"));

    ledger.refundPayment("P-1", new BigDecimal("15.00"));

    IllegalArgumentException tooMuch = assertThrows(IllegalArgumentException.class,
        () -> ledger.refundPayment("P-1", new BigDecimal("5.01")));
    assertTrue(tooMuch.getMessage().contains("5.00 left"), tooMuch.getMessage());
    assertEquals("R-0002", ledger.refundPayment("P-1", new BigDecimal("5.00")).refundId());
    assertThrows(IllegalArgumentException.class, () -> ledger.refundPayment("P-2", BigDecimal.ONE));
    assertThrows(IllegalArgumentException.class, () -> ledger.refundPayment("P-1", new BigDecimal("-1")));
    assertEquals(2, ledger.refunds().size());
  }

  @Test
  void theReportNameCannotChooseAPath() {
    SupportDesk desk = SupportDesk.seeded(reportDir);

    assertThrows(IllegalArgumentException.class, () -> desk.reports().exportReport("../../etc/passwd", "csv"));
    assertThrows(IllegalArgumentException.class, () -> desk.reports().exportReport("refunds", "xlsx"));
    assertTrue(desk.reports().written().isEmpty());
  }

  @Test
  void reportsEscapeWhatTheyWrite() throws Exception {
    SupportDesk desk = SupportDesk.seeded(reportDir);
    desk.mailer().send("ada@example.com", "Re: \"parcel\", late", "body");

    String csv = Files.readString(Path.of(desk.reports().exportReport("outbox", "csv")));
    String json = Files.readString(Path.of(desk.reports().exportReport("outbox", "json")));

    assertEquals("messageId,to,subject\nM-0001,ada@example.com,\"Re: \"\"parcel\"\", late\"\n", csv);
    assertEquals("[\n  {\"messageId\": \"M-0001\", \"to\": \"ada@example.com\", \"subject\": "
        + "\"Re: \\\"parcel\\\", late\"}\n]\n", json);
  }

  @Test
  void theMailerRefusesHeaderInjectionAndNonAddresses() {
    OutboxMailer mailer = new OutboxMailer();

    assertThrows(IllegalArgumentException.class, () -> mailer.send("ada@example.com", "Hi\nBcc: x@evil.test", "b"));
    assertThrows(IllegalArgumentException.class, () -> mailer.send("not-an-address", "Hi", "b"));
    assertTrue(mailer.outbox().isEmpty());
  }

  @Test
  void deletingRecordsNeedsAReasonAndTouchesOnlyThatCustomer() {
    CaseRecords records = new CaseRecords();
    records.addNote("C-1", "a");
    records.addNote("C-1", "b");
    records.addNote("C-2", "c");

    assertThrows(IllegalArgumentException.class, () -> records.deleteRecords("C-1", " "));
    assertEquals(2, records.deleteRecords("C-1", "erasure request"));

    assertTrue(records.notesOf("C-1").isEmpty());
    assertEquals(1, records.notesOf("C-2").size());
  }

  @Test
  void sendEmailIsAnnotatedOnTheInterfaceOnly() throws Exception {
    // The demo relies on this shape to exercise AgentGuard's hierarchy matching.
    Method onInterface = Mailer.class.getMethod("send", String.class, String.class, String.class);
    Method onClass = OutboxMailer.class.getMethod("send", String.class, String.class, String.class);

    AgentTool tool = onInterface.getAnnotation(AgentTool.class);
    assertNotNull(tool);
    assertEquals("send_email", tool.value());
    assertEquals(Risk.MEDIUM, tool.risk());
    assertNull(onClass.getAnnotation(AgentTool.class));
  }

  @Test
  void secretsAreMarkedRedact() throws Exception {
    Method delete = CaseRecords.class.getMethod("deleteRecords", String.class, String.class);
    Method credit = PaymentLedger.class.getMethod("issueStoreCredit", String.class, BigDecimal.class, String.class);

    assertFalse(delete.getParameters()[0].isAnnotationPresent(Redact.class));
    assertTrue(delete.getParameters()[1].isAnnotationPresent(Redact.class));
    assertTrue(credit.getParameters()[2].isAnnotationPresent(Redact.class));
  }
}

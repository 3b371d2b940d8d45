package dev.agentguard.samples.supportdesk;

import java.math.BigDecimal;
import java.nio.file.Path;

/** The support desk's tools and their state, seeded with the demo's customers, payments and case notes. */
public final class SupportDesk {
  private final CustomerDirectory customers = new CustomerDirectory();
  private final OutboxMailer mailer = new OutboxMailer();
  private final PaymentLedger ledger = new PaymentLedger();
  private final CaseRecords caseRecords = new CaseRecords();
  private final ReportExporter reports;

  private SupportDesk(Path reportDirectory) {
    this.reports = new ReportExporter(reportDirectory, ledger, mailer);
  }

  /** A desk with three customers, two captured payments and a few case notes. */
  public static SupportDesk seeded(Path reportDirectory) {
    SupportDesk desk = new SupportDesk(reportDirectory);
    desk.customers.add(new Customer("C-1001", "Ada Lovelace", "ada@example.com", "gold"));
    desk.customers.add(new Customer("C-1002", "Grace Hopper", "grace@example.com", "silver"));
    desk.customers.add(new Customer("C-1003", "Alan Turing", "alan@example.com", "standard"));
    desk.ledger.capture("P-5001", new BigDecimal("120.00"));
    desk.ledger.capture("P-5002", new BigDecimal("71.00"));
    desk.caseRecords.addNote("C-1001", "2026-11-02 parcel late, courier contacted");
    desk.caseRecords.addNote("C-1001", "2026-11-09 parcel delivered");
    desk.caseRecords.addNote("C-1003", "2026-10-11 asked about data retention");
    desk.caseRecords.addNote("C-1003", "2026-10-12 sent privacy notice");
    desk.caseRecords.addNote("C-1003", "2026-11-20 requested erasure of all records");
    return desk;
  }

  public CustomerDirectory customers() {
    return customers;
  }

  /** The desk's mailer as the agent sees it: through the annotated interface. */
  public Mailer mailer() {
    return mailer;
  }

  public OutboxMailer outbox() {
    return mailer;
  }

  public PaymentLedger ledger() {
    return ledger;
  }

  public CaseRecords caseRecords() {
    return caseRecords;
  }

  public ReportExporter reports() {
    return reports;
  }

  /** What the tools changed, in one line. */
  public String effects() {
    int erased = caseRecords.erasures().stream().mapToInt(CaseRecords.Erasure::deleted).sum();
    return "e-mails sent " + mailer.outbox().size() + ", refunds " + ledger.refunds().size() + ", store credits "
        + ledger.credits().size() + ", reports written " + reports.written().size() + ", case notes erased "
        + erased;
  }
}

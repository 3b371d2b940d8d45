package dev.agentguard.samples.supportdesk;

import dev.agentguard.AgentContext;
import dev.agentguard.ToolCallBlockedException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The scripted agent loop: each step is the tool call an LLM would choose for a customer's request, run
 * inside an {@link AgentContext} scope for the principal it acts for. Refusals arrive as
 * {@link ToolCallBlockedException}s, exactly as a real agent loop would see them.
 */
public final class SupportAgent {

  /** How a step ended, as the app sees it. */
  public enum Outcome {
    ALLOWED,
    REFUSED,
    /** The tool itself threw (bad input, unknown customer): not a guard decision. */
    FAILED
  }

  /** Who a step runs as; a {@code null} context means no scope is opened (an anonymous call). */
  public record Principal(String label, AgentContext context) {

    public static Principal of(String user, String org, String... roles) {
      AgentContext context = AgentContext.builder().user(user).org(org).roles(roles)
          .session("s-" + user).agent("support-bot").build();
      return new Principal(user, context);
    }

    public static Principal anonymous() {
      return new Principal("anonymous", null);
    }
  }

  /** One tool call; returns a one-line summary of what the tool returned. */
  @FunctionalInterface
  public interface ToolCall {
    String call() throws Exception;
  }

  /** A scripted step: who acts, which tool, why (the customer's request), and the call itself. */
  public record Step(Principal principal, String tool, String intent, ToolCall call) {}

  /** What happened to one step; {@code reason} is the reason code or exception type, else empty. */
  public record StepResult(Step step, Outcome outcome, String reason, String detail) {

    /** The aligned line the demo prints for this step. */
    public String line() {
      String rest = outcome == Outcome.ALLOWED ? detail : String.format("%-18s %s", reason, detail);
      return String.format("  %-22s %-10s %-8s %s", step.tool(), step.principal().label(), outcome, rest)
          .stripTrailing();
    }
  }

  private static final int MAX_DETAIL = 110;
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private final List<Step> script;

  public SupportAgent(List<Step> script) {
    this.script = List.copyOf(script);
  }

  public List<Step> script() {
    return script;
  }

  /** Runs every step in order, handing each result to {@code onEach} as soon as it is known. */
  public List<StepResult> run(Consumer<StepResult> onEach) {
    List<StepResult> results = new ArrayList<>(script.size());
    for (Step step : script) {
      StepResult result = runOne(step);
      results.add(result);
      onEach.accept(result);
    }
    return results;
  }

  static StepResult runOne(Step step) {
    AgentContext context = step.principal().context();
    try (AgentContext.Scope scope = context == null ? null : context.open()) {
      return new StepResult(step, Outcome.ALLOWED, "", firstSentence(step.call().call()));
    } catch (ToolCallBlockedException e) {
      return new StepResult(step, Outcome.REFUSED, e.reason(), firstSentence(e.getMessage()));
    } catch (Exception e) {
      return new StepResult(step, Outcome.FAILED, e.getClass().getSimpleName(), firstSentence(e.getMessage()));
    }
  }

  /** The first sentence of {@code text}, on one line and cut to a readable length. */
  static String firstSentence(String text) {
    if (text == null || text.isBlank()) {
      return "(no message)";
    }
    String oneLine = WHITESPACE.matcher(text.strip()).replaceAll(" ");
    int end = oneLine.length();
    // A sentence ends at ". ", "! " or "? "; a dot inside "12.50" or "example.com" does not end one.
    for (int i = 0; i < oneLine.length() - 1; i++) {
      char c = oneLine.charAt(i);
      if ((c == '.' || c == '!' || c == '?') && oneLine.charAt(i + 1) == ' ') {
        end = i + 1;
        break;
      }
    }
    String sentence = oneLine.substring(0, end);
    return sentence.length() <= MAX_DETAIL ? sentence : sentence.substring(0, MAX_DETAIL - 3) + "...";
  }

  /** The demo script: what a support agent does in one morning, including calls the policy must refuse. */
  public static List<Step> standardScript(SupportDesk desk) {
    Principal alice = Principal.of("alice", "acme", "support");
    Principal bob = Principal.of("bob", "acme", "support");
    Principal carol = Principal.of("carol", "acme", "finance");
    Principal dave = Principal.of("dave", "acme", "admin");
    Principal mallory = Principal.of("mallory", "other", "contractor");
    Principal anonymous = Principal.anonymous();
    CustomerDirectory customers = desk.customers();
    Mailer mailer = desk.mailer();
    PaymentLedger ledger = desk.ledger();
    CaseRecords records = desk.caseRecords();
    ReportExporter reports = desk.reports();
    BigDecimal itemPrice = new BigDecimal("35.50");
    return List.of(
        new Step(alice, "lookup_customer", "Ada writes in about a late parcel",
            () -> customers.lookupCustomer("C-1001").summary()),
        new Step(alice, "send_email", "reply to Ada with the courier's update",
            () -> "sent " + mailer.send("ada@example.com", "Your parcel",
                "Hello Ada, the courier confirms delivery tomorrow before noon. Kind regards, Alice")),
        new Step(bob, "lookup_customer", "Grace wants to return one of the two items she bought",
            () -> customers.lookupCustomer("C-1002").summary()),
        new Step(bob, "refund_payment", "bob tries to refund Grace himself",
            () -> refundSummary(ledger.refundPayment("P-5002", itemPrice))),
        new Step(carol, "refund_payment", "finance refunds the returned item",
            () -> refundSummary(ledger.refundPayment("P-5002", itemPrice))),
        new Step(bob, "send_email", "tell Grace her refund is on its way",
            () -> "sent " + mailer.send("grace@example.com", "Your refund",
                "Hello Grace, we refunded the returned item; expect it within five days. Bob")),
        new Step(carol, "export_report", "finance wants today's refunds as a spreadsheet",
            () -> "wrote " + reports.exportReport("refunds", "csv")),
        new Step(alice, "delete_records", "Alan asks to be forgotten; alice tries to erase his records",
            () -> records.deleteRecords("C-1003", "erasure request of 2026-11-20, ticket 7781") + " case notes erased"),
        new Step(dave, "delete_records", "an admin carries out Alan's erasure request",
            () -> records.deleteRecords("C-1003", "erasure request of 2026-11-20, ticket 7781") + " case notes erased"),
        new Step(alice, "issue_store_credit", "alice offers Ada credit for the delay",
            () -> creditSummary(ledger.issueStoreCredit("C-1001", new BigDecimal("10.00"),
                "goodwill for late parcel, courier at fault"))),
        new Step(alice, "update_customer_email", "Ada asks to change her e-mail address",
            () -> "now " + customers.updateCustomerEmail("C-1001", "ada.lovelace@example.org").email()),
        new Step(mallory, "lookup_customer", "a contractor from another org browses customers",
            () -> customers.lookupCustomer("C-1001").summary()),
        new Step(mallory, "export_report", "the contractor tries to take the outbox with him",
            () -> "wrote " + reports.exportReport("outbox", "json")),
        new Step(anonymous, "lookup_customer", "a call with no caller identity",
            () -> customers.lookupCustomer("C-1002").summary()));
  }

  private static String refundSummary(PaymentLedger.Refund refund) {
    return String.format(Locale.ROOT, "refund %s of %s on %s", refund.refundId(), refund.amount().toPlainString(),
        refund.paymentId());
  }

  private static String creditSummary(PaymentLedger.StoreCredit credit) {
    return String.format(Locale.ROOT, "credit %s of %s for %s", credit.creditId(), credit.amount().toPlainString(),
        credit.customerId());
  }
}

package dev.agentguard.samples.supportdesk;

import dev.agentguard.AgentTool;
import dev.agentguard.Redact;
import dev.agentguard.Risk;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The payments ledger behind refund_payment and issue_store_credit: captured payments, refunds, credits. */
public final class PaymentLedger {

  /** A refund booked against a captured payment. */
  public record Refund(String refundId, String paymentId, BigDecimal amount) {}

  /** Store credit granted to a customer; the note is internal and never shown to the customer. */
  public record StoreCredit(String creditId, String customerId, BigDecimal amount, String internalNote) {}

  private final Map<String, BigDecimal> captured = new HashMap<>();
  private final Map<String, BigDecimal> refunded = new HashMap<>();
  private final List<Refund> refunds = new ArrayList<>();
  private final List<StoreCredit> credits = new ArrayList<>();

  /** Records a captured card payment; host code, not a tool. */
  public synchronized void capture(String paymentId, BigDecimal amount) {
    captured.put(paymentId, amount);
  }

  /** Refunds part or all of a payment; never more than what is left of it. */
  @AgentTool(value = "refund_payment", description = "Refund all or part of a captured payment",
      risk = Risk.HIGH)
  public synchronized Refund refundPayment(String paymentId, BigDecimal amount) {
    BigDecimal paid = captured.get(paymentId);
    if (paid == null) {
      throw new IllegalArgumentException("No captured payment " + paymentId + ".");
    }
    requireMoney(amount);
    BigDecimal left = paid.subtract(refunded.getOrDefault(paymentId, BigDecimal.ZERO));
    if (amount.compareTo(left) > 0) {
      throw new IllegalArgumentException("Refund of " + amount + " exceeds the " + left + " left on "
          + paymentId + ".");
    }
    refunded.merge(paymentId, amount, BigDecimal::add);
    Refund refund = new Refund(String.format("R-%04d", refunds.size() + 1), paymentId, amount);
    refunds.add(refund);
    return refund;
  }

  /** Grants store credit. The demo policy switches this tool off ({@code enabled=false}). */
  @AgentTool(value = "issue_store_credit", description = "Grant store credit to a customer",
      risk = Risk.MEDIUM)
  public synchronized StoreCredit issueStoreCredit(String customerId, BigDecimal amount,
      @Redact String internalNote) {
    if (customerId == null || customerId.isBlank()) {
      throw new IllegalArgumentException("A customer id is required.");
    }
    requireMoney(amount);
    StoreCredit credit = new StoreCredit(String.format("SC-%04d", credits.size() + 1), customerId, amount,
        internalNote);
    credits.add(credit);
    return credit;
  }

  public synchronized List<Refund> refunds() {
    return List.copyOf(refunds);
  }

  public synchronized List<StoreCredit> credits() {
    return List.copyOf(credits);
  }

  private static void requireMoney(BigDecimal amount) {
    if (amount == null || amount.signum() <= 0 || amount.scale() > 2) {
      throw new IllegalArgumentException("The amount must be positive with at most two decimals, got "
          + amount + ".");
    }
  }
}

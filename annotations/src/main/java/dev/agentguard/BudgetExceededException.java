package dev.agentguard;

/** The cost budget is used up ({@code BUDGET_EXCEEDED}). */
public class BudgetExceededException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public BudgetExceededException(String tool, String eventId, String message) {
    super(tool, ReasonCode.BUDGET_EXCEEDED, eventId, message);
  }

  public BudgetExceededException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

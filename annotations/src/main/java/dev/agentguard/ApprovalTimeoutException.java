package dev.agentguard;

/** No approver decided before the request expired ({@code APPROVAL_TIMEOUT}). */
public class ApprovalTimeoutException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public ApprovalTimeoutException(String tool, String eventId, String message) {
    super(tool, ReasonCode.APPROVAL_TIMEOUT, eventId, message);
  }

  public ApprovalTimeoutException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

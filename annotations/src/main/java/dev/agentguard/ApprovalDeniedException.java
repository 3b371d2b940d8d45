package dev.agentguard;

/** An approver refused the call ({@code APPROVAL_DENIED}). */
public class ApprovalDeniedException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public ApprovalDeniedException(String tool, String eventId, String message) {
    super(tool, ReasonCode.APPROVAL_DENIED, eventId, message);
  }

  public ApprovalDeniedException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

package dev.agentguard;

/** The call needs a human decision; in async approval mode the request {@link #approvalId()} is pending. */
public class ApprovalRequiredException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  private final String approvalId;

  public ApprovalRequiredException(String tool, String eventId, String approvalId, String message) {
    super(tool, ReasonCode.APPROVAL_REQUIRED, eventId, message);
    this.approvalId = approvalId;
  }

  /** The pending approval request a human can approve or deny. */
  public String approvalId() {
    return approvalId;
  }
}

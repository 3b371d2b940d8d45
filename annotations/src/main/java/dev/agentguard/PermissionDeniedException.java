package dev.agentguard;

/** The caller is not allowed to use the tool ({@code PERMISSION_DENIED}). */
public class PermissionDeniedException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public PermissionDeniedException(String tool, String eventId, String message) {
    super(tool, ReasonCode.PERMISSION_DENIED, eventId, message);
  }

  public PermissionDeniedException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

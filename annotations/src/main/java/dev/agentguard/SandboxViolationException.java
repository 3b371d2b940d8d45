package dev.agentguard;

/** The tool tried to reach a file, host, process or table outside its sandbox ({@code SANDBOX_*}). */
public class SandboxViolationException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public SandboxViolationException(String tool, String eventId, String message) {
    super(tool, ReasonCode.SANDBOX_FILE, eventId, message);
  }

  public SandboxViolationException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

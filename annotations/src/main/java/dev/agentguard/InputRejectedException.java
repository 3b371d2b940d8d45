package dev.agentguard;

/** The arguments failed validation ({@code SCHEMA_INVALID}) or carried an injection ({@code INJECTION_DETECTED}). */
public class InputRejectedException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public InputRejectedException(String tool, String eventId, String message) {
    super(tool, ReasonCode.SCHEMA_INVALID, eventId, message);
  }

  public InputRejectedException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

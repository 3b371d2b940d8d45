package dev.agentguard;

/** The tool ran longer than its timeout ({@code TIMEOUT}). */
public class ToolTimeoutException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public ToolTimeoutException(String tool, String eventId, String message) {
    super(tool, ReasonCode.TIMEOUT, eventId, message);
  }

  public ToolTimeoutException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

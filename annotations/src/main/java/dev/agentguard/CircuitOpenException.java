package dev.agentguard;

/** The tool's circuit breaker is open after repeated failures ({@code CIRCUIT_OPEN}). */
public class CircuitOpenException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public CircuitOpenException(String tool, String eventId, String message) {
    super(tool, ReasonCode.CIRCUIT_OPEN, eventId, message);
  }

  public CircuitOpenException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

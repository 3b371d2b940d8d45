package dev.agentguard;

/** A kill switch halted the agent or the tool ({@code AGENT_HALTED}). */
public class AgentHaltedException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public AgentHaltedException(String tool, String eventId, String message) {
    super(tool, ReasonCode.AGENT_HALTED, eventId, message);
  }

  public AgentHaltedException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

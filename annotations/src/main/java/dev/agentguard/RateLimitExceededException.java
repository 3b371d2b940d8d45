package dev.agentguard;

/** The tool's rate limit is used up ({@code RATE_LIMITED}). */
public class RateLimitExceededException extends ToolCallBlockedException {
  private static final long serialVersionUID = 1L;

  public RateLimitExceededException(String tool, String eventId, String message) {
    super(tool, ReasonCode.RATE_LIMITED, eventId, message);
  }

  public RateLimitExceededException(String tool, String reason, String eventId, String message) {
    super(tool, reason, eventId, message);
  }
}

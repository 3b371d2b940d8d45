package dev.agentguard.agent.pipeline;

/** A guard's verdict on one call: allow, or block with a stable reason code and a message for the LLM. */
public final class Decision {
  public static final Decision ALLOW = new Decision(null, null);

  private final String reason;
  private final String message;

  private Decision(String reason, String message) {
    this.reason = reason;
    this.message = message;
  }

  /**
   * @param reason one of {@link dev.agentguard.ReasonCode}
   * @param message what was refused and what would make it acceptable; no secrets, no policy internals
   */
  public static Decision block(String reason, String message) {
    return new Decision(reason, message);
  }

  public boolean blocked() {
    return reason != null;
  }

  public String reason() {
    return reason;
  }

  public String message() {
    return message;
  }

  @Override
  public String toString() {
    return blocked() ? "block(" + reason + ")" : "allow";
  }
}

package dev.agentguard.agent.pipeline;

/** Pass the result, pass a rewritten result, or withhold it with a reason. */
public final class OutputDecision {
  public static final OutputDecision PASS = new OutputDecision(null, null, null, false);

  private final Object replacement;
  private final String reason;
  private final String message;
  private final boolean replaced;

  private OutputDecision(Object replacement, String reason, String message, boolean replaced) {
    this.replacement = replacement;
    this.reason = reason;
    this.message = message;
    this.replaced = replaced;
  }

  /** The caller sees {@code value} instead of the tool's result (same type). */
  public static OutputDecision replace(Object value) {
    return new OutputDecision(value, null, null, true);
  }

  public static OutputDecision block(String reason, String message) {
    return new OutputDecision(null, reason, message, false);
  }

  public boolean blocked() {
    return reason != null;
  }

  public boolean replaced() {
    return replaced;
  }

  public Object replacement() {
    return replacement;
  }

  public String reason() {
    return reason;
  }

  public String message() {
    return message;
  }
}

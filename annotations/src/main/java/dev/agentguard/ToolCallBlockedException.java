package dev.agentguard;

/**
 * A guarded tool call was refused. The message is written for an LLM: what was refused and what would
 * make the call acceptable, never policy internals or secrets. {@link #reason()} is one of the stable
 * {@link ReasonCode}s and {@link #eventId()} names the audit record of the refused call.
 *
 * <p>Thrown as is for {@code TOOL_DISABLED} and {@code POLICY_ERROR}; the other reasons have subclasses.
 */
public class ToolCallBlockedException extends SecurityException {
  private static final long serialVersionUID = 1L;

  private final String tool;
  private final String reason;
  private final String eventId;

  public ToolCallBlockedException(String tool, String reason, String eventId, String message) {
    super(message);
    this.tool = tool;
    this.reason = reason;
    this.eventId = eventId;
  }

  /** The tool's name. */
  public String tool() {
    return tool;
  }

  /** The stable reason code, one of {@link ReasonCode}. */
  public String reason() {
    return reason;
  }

  /** The {@code eventId} of the audit record written for this call. */
  public String eventId() {
    return eventId;
  }
}

package dev.agentguard;

/** The stable reason codes carried by {@link ToolCallBlockedException#reason()} and the audit record. */
public final class ReasonCode {
  public static final String SCHEMA_INVALID = "SCHEMA_INVALID";
  public static final String INJECTION_DETECTED = "INJECTION_DETECTED";
  public static final String PERMISSION_DENIED = "PERMISSION_DENIED";
  public static final String APPROVAL_REQUIRED = "APPROVAL_REQUIRED";
  public static final String APPROVAL_DENIED = "APPROVAL_DENIED";
  public static final String APPROVAL_TIMEOUT = "APPROVAL_TIMEOUT";
  public static final String RATE_LIMITED = "RATE_LIMITED";
  public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";
  public static final String CIRCUIT_OPEN = "CIRCUIT_OPEN";
  public static final String SANDBOX_FILE = "SANDBOX_FILE";
  public static final String SANDBOX_NETWORK = "SANDBOX_NETWORK";
  public static final String SANDBOX_EXEC = "SANDBOX_EXEC";
  public static final String SANDBOX_SQL = "SANDBOX_SQL";
  public static final String TIMEOUT = "TIMEOUT";
  public static final String AGENT_HALTED = "AGENT_HALTED";
  public static final String TOOL_DISABLED = "TOOL_DISABLED";
  public static final String POLICY_ERROR = "POLICY_ERROR";

  private ReasonCode() {}
}

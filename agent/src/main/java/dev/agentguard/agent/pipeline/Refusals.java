package dev.agentguard.agent.pipeline;

import dev.agentguard.AgentHaltedException;
import dev.agentguard.ApprovalDeniedException;
import dev.agentguard.ApprovalRequiredException;
import dev.agentguard.ApprovalTimeoutException;
import dev.agentguard.BudgetExceededException;
import dev.agentguard.CircuitOpenException;
import dev.agentguard.InputRejectedException;
import dev.agentguard.PermissionDeniedException;
import dev.agentguard.RateLimitExceededException;
import dev.agentguard.ReasonCode;
import dev.agentguard.SandboxViolationException;
import dev.agentguard.ToolCallBlockedException;
import dev.agentguard.ToolTimeoutException;

/** The one place a reason code becomes the exception type the host and the LLM see (SPEC §3). */
public final class Refusals {
  private Refusals() {}

  public static ToolCallBlockedException toException(String tool, String reason, String eventId, String message) {
    switch (reason) {
      case ReasonCode.SCHEMA_INVALID:
      case ReasonCode.INJECTION_DETECTED:
        return new InputRejectedException(tool, reason, eventId, message);
      case ReasonCode.PERMISSION_DENIED:
        return new PermissionDeniedException(tool, eventId, message);
      case ReasonCode.APPROVAL_REQUIRED:
        return new ApprovalRequiredException(tool, eventId, null, message);
      case ReasonCode.APPROVAL_DENIED:
        return new ApprovalDeniedException(tool, eventId, message);
      case ReasonCode.APPROVAL_TIMEOUT:
        return new ApprovalTimeoutException(tool, eventId, message);
      case ReasonCode.RATE_LIMITED:
        return new RateLimitExceededException(tool, eventId, message);
      case ReasonCode.BUDGET_EXCEEDED:
        return new BudgetExceededException(tool, eventId, message);
      case ReasonCode.CIRCUIT_OPEN:
        return new CircuitOpenException(tool, eventId, message);
      case ReasonCode.SANDBOX_FILE:
      case ReasonCode.SANDBOX_NETWORK:
      case ReasonCode.SANDBOX_EXEC:
      case ReasonCode.SANDBOX_SQL:
        return new SandboxViolationException(tool, reason, eventId, message);
      case ReasonCode.TIMEOUT:
        return new ToolTimeoutException(tool, eventId, message);
      case ReasonCode.AGENT_HALTED:
        return new AgentHaltedException(tool, eventId, message);
      default: // TOOL_DISABLED, POLICY_ERROR
        return new ToolCallBlockedException(tool, reason, eventId, message);
    }
  }

  /** The refusal for a policy that failed to load: nothing about the error itself reaches the LLM. */
  public static Decision policyError(String tool) {
    return Decision.block(ReasonCode.POLICY_ERROR, "The tool '" + tool + "' is unavailable because the operator's "
        + "AgentGuard policy has a configuration error. Retrying will not help; tell the user the action cannot "
        + "be done right now.");
  }

  /** The refusal when the audit log cannot be written: an unrecorded call is not made. */
  public static Decision auditUnavailable(String tool) {
    return Decision.block(ReasonCode.POLICY_ERROR, "The tool '" + tool + "' is unavailable because AgentGuard "
        + "cannot record calls right now. Retrying later may help; tell the user the action cannot be done now.");
  }

  /**
   * The refusal for an argument no guard could read ({@link ArgumentsJson#isUnreadable}): what it holds was not
   * checked, so the call is not made. The caller can fix it, so it is the input's fault, not the policy's.
   */
  public static Decision unreadableArgument(String tool, String parameter) {
    return Decision.block(ReasonCode.SCHEMA_INVALID, "The argument `" + parameter + "` for tool '" + tool
        + "' could not be checked: " + ArgumentsJson.UNREADABLE_WHY + ". Pass it as plain data, without "
        + "references back to itself, and call the tool again.");
  }

  /** The refusal when a guard itself failed and failure-mode is closed. */
  public static Decision internalError(String tool) {
    return Decision.block(ReasonCode.POLICY_ERROR, "The tool '" + tool + "' could not be checked by AgentGuard "
        + "and was refused to be safe. Retrying may help; if it keeps failing, tell the user the action cannot be "
        + "done right now.");
  }
}

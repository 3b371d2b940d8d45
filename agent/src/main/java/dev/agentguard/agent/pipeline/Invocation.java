package dev.agentguard.agent.pipeline;

import dev.agentguard.Risk;
import dev.agentguard.agent.config.ToolPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.node.ObjectNode;

/**
 * One call's facts, built once when the call enters and read by every guard: the tool, its policy
 * section, the principal and the arguments (as a JSON object by parameter name, converted at most once).
 * Guards may annotate it for the audit record. Confined to the calling thread.
 */
public final class Invocation {
  private final ToolMethod tool;
  private final ToolPolicy toolPolicy;
  private final Principal principal;
  private final Object[] arguments;
  private final String eventId;
  private final String parentEventId;
  private final long startMillis;
  private ObjectNode argumentsJson;
  private final List<String> guardrailsApplied = new ArrayList<>(4);
  private List<String> findings = List.of();
  private List<Supplier<String>> deferredFindings = List.of();
  private boolean wasSanitized;
  private boolean inputsSanitized;

  public Invocation(ToolMethod tool, ToolPolicy toolPolicy, Principal principal, Object[] arguments,
      String eventId, String parentEventId, long startMillis) {
    this.tool = tool;
    this.toolPolicy = toolPolicy;
    this.principal = principal;
    this.arguments = arguments == null ? new Object[0] : arguments;
    this.eventId = eventId;
    this.parentEventId = parentEventId;
    this.startMillis = startMillis;
  }

  public ToolMethod tool() {
    return tool;
  }

  /** The tool's {@code agentguard.tool.<name>.*} section, or null when it has none. */
  public ToolPolicy toolPolicy() {
    return toolPolicy;
  }

  public Principal principal() {
    return principal;
  }

  /** The raw argument values; guards must not modify them. */
  public Object[] arguments() {
    return arguments;
  }

  /** The arguments by parameter name as JSON, unredacted: for guards only, never for output. */
  public ObjectNode argumentsJson() {
    if (argumentsJson == null) {
      argumentsJson = ArgumentsJson.toJson(tool, arguments);
    }
    return argumentsJson;
  }

  /** True once {@link #argumentsJson()} has been computed, so the audit record can reuse it. */
  boolean hasArgumentsJson() {
    return argumentsJson != null;
  }

  public String eventId() {
    return eventId;
  }

  public String parentEventId() {
    return parentEventId;
  }

  public long startMillis() {
    return startMillis;
  }

  /** The effective risk: the properties file wins over the annotation. */
  public Risk risk() {
    Risk configured = toolPolicy == null ? null : toolPolicy.risk();
    return configured != null ? configured : tool.annotatedRisk();
  }

  /** {@code guardName} ran on this call (once: the guards of a call run once each). */
  void applied(String guardName) {
    guardrailsApplied.add(guardName);
  }

  /** {@code guardName} ran on one more value of a stream: named once in the record however often it ran. */
  void appliedAgain(String guardName) {
    if (!guardrailsApplied.contains(guardName)) {
      guardrailsApplied.add(guardName);
    }
  }

  public List<String> guardrailsApplied() {
    return guardrailsApplied;
  }

  /** An injection or similar finding was let through (flag mode): the record says so. */
  public void markSuspicious() {
    wasSanitized = true;
  }

  /**
   * The caller got a result a guard rewrote (SPEC §7 {@code inputsSanitized}). Set by the interceptor where it
   * hands the rewrite over, never by a guard: a rewrite a guard proposes is not made in monitor mode.
   */
  void markSanitized() {
    inputsSanitized = true;
  }

  /**
   * Monitor mode: {@code guard} would have refused the call with {@code reason} (a reason code), a finding
   * {@code would-block:<guard>:<reason>}. Value-free, as every finding.
   */
  void wouldBlock(String guard, String reason) {
    addFinding("would-block:" + guard + ":" + reason);
  }

  /** Monitor mode: {@code guard} would have rewritten the result, a finding {@code would-rewrite:<guard>}. */
  void wouldRewrite(String guard) {
    addFinding("would-rewrite:" + guard);
  }

  /** A short, value-free description of what a guard found (for the audit record), e.g. a signal name. */
  public void addFinding(String finding) {
    if (findings.isEmpty()) {
      findings = new ArrayList<>(2);
    }
    if (findings.size() < MAX_FINDINGS && !findings.contains(finding)) {
      findings.add(finding);
    }
  }

  /**
   * Distinct findings kept per call: a stream's values can each find the same thing, and a record whose
   * stream runs for hours must not grow with it.
   */
  static final int MAX_FINDINGS = 32;

  public List<String> findings() {
    return findings;
  }

  /**
   * A check that may run after the call, on the audit writer's thread, before the record is written: it
   * returns a finding (which also marks the record {@code wasSanitized}) or null. Only for checks whose
   * outcome cannot change what the caller gets, such as an injection scan in flag mode; its inputs must be
   * immutable.
   */
  public void deferFinding(Supplier<String> check) {
    if (deferredFindings.isEmpty()) {
      deferredFindings = new ArrayList<>(1);
    }
    deferredFindings.add(check);
  }

  public List<Supplier<String>> deferredFindings() {
    return deferredFindings;
  }

  public boolean wasSanitized() {
    return wasSanitized;
  }

  public boolean inputsSanitized() {
    return inputsSanitized;
  }
}

package dev.agentguard.agent.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * The facts of one guarded call, handed from the calling thread to the audit writer. The writer
 * assigns {@code seq}, renders the deferred {@link #parameters()} and {@link #outputSummary()} off the
 * calling thread, chains the hash and writes one line (SPEC §7). Values in here are already redacted.
 */
public final class AuditRecord {
  public final String eventId;
  public final String parentEventId;
  public final long timestampMillis;
  public final String agentId;
  public final String userId;
  public final String sessionId;
  public final String orgId;
  public final String action;
  public final String method;
  private final Supplier<JsonNode> parameters;
  public final String decision;
  public final String reason;
  public final String outcome;
  public final List<String> guardrailsApplied;
  /** Value-free notes of what guards found (e.g. injection signals); not a SPEC §7 field, written as {@code findings}. */
  public final List<String> findings;
  public final String riskLevel;
  public final int securityLevel;
  public final boolean inputsSanitized;
  public final boolean wasSanitized;
  public final boolean wasApproved;
  public final JsonNode approval;
  public final double executionTimeMs;
  public final Double costDollars;
  public final JsonNode llmTokenUsage;
  private final Supplier<JsonNode> outputSummary;
  public final String errorCategory;
  public final String traceId;
  public final String spanId;
  /**
   * Checks whose outcome cannot change what the caller got (an output scan in flag mode), left for the
   * writer thread: each returns a finding or null. {@link #completed()} works them out before rendering.
   */
  private final List<Supplier<String>> deferredFindings;

  private AuditRecord(Builder b) {
    eventId = b.eventId;
    parentEventId = b.parentEventId;
    timestampMillis = b.timestampMillis;
    agentId = b.agentId;
    userId = b.userId;
    sessionId = b.sessionId;
    orgId = b.orgId;
    action = b.action;
    method = b.method;
    parameters = b.parameters;
    decision = b.decision;
    reason = b.reason;
    outcome = b.outcome;
    guardrailsApplied = List.copyOf(b.guardrailsApplied);
    findings = List.copyOf(b.findings);
    riskLevel = b.riskLevel;
    securityLevel = b.securityLevel;
    inputsSanitized = b.inputsSanitized;
    wasSanitized = b.wasSanitized;
    wasApproved = b.wasApproved;
    approval = b.approval;
    executionTimeMs = b.executionTimeMs;
    costDollars = b.costDollars;
    llmTokenUsage = b.llmTokenUsage;
    outputSummary = b.outputSummary;
    errorCategory = b.errorCategory;
    traceId = b.traceId;
    spanId = b.spanId;
    deferredFindings = List.copyOf(b.deferredFindings);
  }

  /** A copy with the deferred checks' findings added (and so marked sanitized), none left deferred. */
  private AuditRecord(AuditRecord r, List<String> findings, boolean wasSanitized) {
    eventId = r.eventId;
    parentEventId = r.parentEventId;
    timestampMillis = r.timestampMillis;
    agentId = r.agentId;
    userId = r.userId;
    sessionId = r.sessionId;
    orgId = r.orgId;
    action = r.action;
    method = r.method;
    parameters = r.parameters;
    decision = r.decision;
    reason = r.reason;
    outcome = r.outcome;
    guardrailsApplied = r.guardrailsApplied;
    this.findings = List.copyOf(findings);
    riskLevel = r.riskLevel;
    securityLevel = r.securityLevel;
    inputsSanitized = r.inputsSanitized;
    this.wasSanitized = wasSanitized;
    wasApproved = r.wasApproved;
    approval = r.approval;
    executionTimeMs = r.executionTimeMs;
    costDollars = r.costDollars;
    llmTokenUsage = r.llmTokenUsage;
    outputSummary = r.outputSummary;
    errorCategory = r.errorCategory;
    traceId = r.traceId;
    spanId = r.spanId;
    deferredFindings = List.of();
  }

  /**
   * This record with its deferred checks run: the writer calls it (on its own thread, or on the closing
   * thread at shutdown) right before rendering, so every record is complete when written. A check that
   * fails is written down as a finding, never lost.
   */
  public AuditRecord completed() {
    if (deferredFindings.isEmpty()) {
      return this;
    }
    List<String> found = new ArrayList<>(findings);
    for (Supplier<String> check : deferredFindings) {
      String finding;
      try {
        finding = check.get();
      } catch (Throwable t) {
        finding = "deferred-check-failed:" + t.getClass().getName();
      }
      if (finding != null) {
        found.add(finding);
      }
    }
    return new AuditRecord(this, found, wasSanitized || found.size() > findings.size());
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The redacted arguments by parameter name; rendered on the writer thread. Never null. */
  public JsonNode parameters() {
    return parameters == null ? null : parameters.get();
  }

  /** The redacted summary of the result, or null. Rendered on the writer thread. */
  public JsonNode outputSummary() {
    return outputSummary == null ? null : outputSummary.get();
  }

  public static final class Builder {
    private String eventId;
    private String parentEventId;
    private long timestampMillis;
    private String agentId;
    private String userId;
    private String sessionId;
    private String orgId;
    private String action;
    private String method;
    private Supplier<JsonNode> parameters;
    private String decision;
    private String reason;
    private String outcome;
    private List<String> guardrailsApplied = List.of();
    private List<String> findings = List.of();
    private String riskLevel;
    private int securityLevel = 1;
    private boolean inputsSanitized;
    private boolean wasSanitized;
    private boolean wasApproved;
    private JsonNode approval;
    private double executionTimeMs;
    private Double costDollars;
    private JsonNode llmTokenUsage;
    private Supplier<JsonNode> outputSummary;
    private String errorCategory;
    private String traceId;
    private String spanId;
    private List<Supplier<String>> deferredFindings = List.of();

    private Builder() {}

    public Builder eventId(String v) { eventId = v; return this; }
    public Builder parentEventId(String v) { parentEventId = v; return this; }
    public Builder timestampMillis(long v) { timestampMillis = v; return this; }
    public Builder agentId(String v) { agentId = v; return this; }
    public Builder userId(String v) { userId = v; return this; }
    public Builder sessionId(String v) { sessionId = v; return this; }
    public Builder orgId(String v) { orgId = v; return this; }
    public Builder action(String v) { action = v; return this; }
    public Builder method(String v) { method = v; return this; }
    public Builder parameters(Supplier<JsonNode> v) { parameters = v; return this; }
    public Builder decision(String v) { decision = v; return this; }
    public Builder reason(String v) { reason = v; return this; }
    public Builder outcome(String v) { outcome = v; return this; }
    public Builder guardrailsApplied(List<String> v) { guardrailsApplied = v; return this; }
    public Builder findings(List<String> v) { findings = v; return this; }
    public Builder riskLevel(String v) { riskLevel = v; return this; }
    public Builder securityLevel(int v) { securityLevel = v; return this; }
    public Builder inputsSanitized(boolean v) { inputsSanitized = v; return this; }
    public Builder wasSanitized(boolean v) { wasSanitized = v; return this; }
    public Builder wasApproved(boolean v) { wasApproved = v; return this; }
    public Builder approval(JsonNode v) { approval = v; return this; }
    public Builder executionTimeMs(double v) { executionTimeMs = v; return this; }
    public Builder costDollars(Double v) { costDollars = v; return this; }
    public Builder llmTokenUsage(JsonNode v) { llmTokenUsage = v; return this; }
    public Builder outputSummary(Supplier<JsonNode> v) { outputSummary = v; return this; }
    public Builder errorCategory(String v) { errorCategory = v; return this; }
    public Builder traceId(String v) { traceId = v; return this; }
    public Builder spanId(String v) { spanId = v; return this; }
    public Builder deferredFindings(List<Supplier<String>> v) { deferredFindings = v; return this; }

    public AuditRecord build() {
      return new AuditRecord(this);
    }
  }
}

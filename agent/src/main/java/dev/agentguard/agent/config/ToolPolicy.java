package dev.agentguard.agent.config;

import dev.agentguard.Risk;
import java.util.Set;

/**
 * The {@code agentguard.tool.<name>.*} section of one tool, immutable. Unset settings are {@code null} so
 * that the guard can tell "not configured" (the annotation or the global value applies) from a value.
 */
public final class ToolPolicy {
  private final String name;
  private final MethodPattern method;
  private final boolean enabled;
  private final Risk risk;
  private final AllowList users;
  private final AllowList roles;
  private final AllowList orgs;
  private final Set<String> redactParams;
  private final String schema;
  private final String injectionInput;
  private final String injectionOutput;
  private final Set<String> injectionDocuments;
  private final InjectionThresholds injectionThresholds;
  private final Boolean idempotent;

  ToolPolicy(String name, MethodPattern method, boolean enabled, Risk risk, AllowList users, AllowList roles,
      AllowList orgs, Set<String> redactParams, String schema, String injectionInput, String injectionOutput,
      Set<String> injectionDocuments, InjectionThresholds injectionThresholds, Boolean idempotent) {
    this.name = name;
    this.method = method;
    this.enabled = enabled;
    this.risk = risk;
    this.users = users;
    this.roles = roles;
    this.orgs = orgs;
    this.redactParams = Set.copyOf(redactParams);
    this.schema = schema;
    this.injectionInput = injectionInput;
    this.injectionOutput = injectionOutput;
    this.injectionDocuments = Set.copyOf(injectionDocuments);
    this.injectionThresholds = injectionThresholds;
    this.idempotent = idempotent;
  }

  /** The tool name, as in {@code agentguard.tool.<name>.}. */
  public String name() {
    return name;
  }

  /** {@code method=}: the methods this section makes tools of, or null (annotated tools only). */
  public MethodPattern method() {
    return method;
  }

  /** {@code enabled=}, default true; false refuses every call with {@code TOOL_DISABLED}. */
  public boolean enabled() {
    return enabled;
  }

  /** {@code risk=}, or null when not set (the annotation's value then applies). */
  public Risk risk() {
    return risk;
  }

  /** {@code allow.users=}, or null when not set. */
  public AllowList users() {
    return users;
  }

  /** {@code allow.roles=}, or null when not set. */
  public AllowList roles() {
    return roles;
  }

  /** {@code allow.orgs=}, or null when not set. */
  public AllowList orgs() {
    return orgs;
  }

  /** {@code redact.params=}: parameter names never written in clear (in addition to {@code @Redact}). */
  public Set<String> redactParams() {
    return redactParams;
  }

  /** {@code schema=}: the raw reference ({@code classpath:/...} or {@code file:...}), or null. */
  public String schema() {
    return schema;
  }

  /** {@code injection.input=}: block, flag or off; null = the global setting. */
  public String injectionInput() {
    return injectionInput;
  }

  /** {@code injection.output=}: flag, redact, block or off; null = the global setting. */
  public String injectionOutput() {
    return injectionOutput;
  }

  /**
   * {@code injection.documents=}: parameters that carry documents (an e-mail body, a page, a file, a table).
   * Their strings are scanned for injection as a tool result is: for an instruction inside the document,
   * with the output threshold, instead of as a message to the assistant.
   */
  public Set<String> injectionDocuments() {
    return injectionDocuments;
  }

  /**
   * {@code injection.input-threshold=} and {@code injection.output-threshold=}: this tool's detector
   * thresholds; a use set neither here nor globally keeps the model's.
   */
  public InjectionThresholds injectionThresholds() {
    return injectionThresholds;
  }

  /** {@code idempotent=}, or null when not set (the annotation's value then applies). */
  public Boolean idempotent() {
    return idempotent;
  }

  @Override
  public String toString() {
    return "ToolPolicy[" + name + (method == null ? "" : ", method=" + method) + "]";
  }
}

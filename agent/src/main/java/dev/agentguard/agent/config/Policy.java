package dev.agentguard.agent.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole configuration after precedence and validation, immutable, so a reload can build a new one and
 * swap it in atomically. A policy with {@link #errors()} is still complete (bad values fall back to their
 * defaults); what a broken policy means for calls is the pipeline's decision ({@code POLICY_ERROR}).
 */
public final class Policy {
  private final Mode mode;
  private final FailureMode failureMode;
  private final DefaultPolicy defaultPolicy;
  private final String agentId;
  private final List<PrincipalSource> principalSources;
  private final AuditSettings audit;
  private final Set<String> frameworks;
  private final String injectionInput;
  private final String injectionOutput;
  private final Path injectionPatternsFile;
  private final InjectionThresholds injectionThresholds;
  private final Map<String, ToolPolicy> tools;
  private final List<ToolPolicy> configuredMethods;
  private final List<ConfigError> errors;
  private final String configFile;
  private final Map<String, String> raw;
  private final Map<String, ConfigEntry> origins;

  Policy(Mode mode, FailureMode failureMode, DefaultPolicy defaultPolicy, String agentId,
      List<PrincipalSource> principalSources, AuditSettings audit, Set<String> frameworks, String injectionInput,
      String injectionOutput, Path injectionPatternsFile, InjectionThresholds injectionThresholds,
      Map<String, ToolPolicy> tools, List<ConfigError> errors, String configFile, Map<String, String> raw,
      Map<String, ConfigEntry> origins) {
    this.mode = mode;
    this.failureMode = failureMode;
    this.defaultPolicy = defaultPolicy;
    this.agentId = agentId;
    this.principalSources = List.copyOf(principalSources);
    this.audit = audit;
    this.frameworks = Set.copyOf(frameworks);
    this.injectionInput = injectionInput;
    this.injectionOutput = injectionOutput;
    this.injectionPatternsFile = injectionPatternsFile;
    this.injectionThresholds = injectionThresholds;
    this.tools = tools; // built sorted and unmodifiable by the loader
    List<ToolPolicy> withMethod = new ArrayList<>();
    for (ToolPolicy t : tools.values()) {
      if (t.method() != null) {
        withMethod.add(t);
      }
    }
    this.configuredMethods = List.copyOf(withMethod);
    this.errors = List.copyOf(errors);
    this.configFile = configFile;
    this.raw = Collections.unmodifiableMap(raw);
    this.origins = Map.copyOf(origins);
  }

  /** Loads and validates the configuration. Never throws: every problem is one of {@link #errors()}. */
  public static Policy load(ConfigSources sources) {
    return PolicyLoader.load(sources);
  }

  /** {@code agentguard.mode}, default enforce. */
  public Mode mode() {
    return mode;
  }

  /** {@code agentguard.failure-mode}, default closed. */
  public FailureMode failureMode() {
    return failureMode;
  }

  /** {@code agentguard.default-policy}, default allow. */
  public DefaultPolicy defaultPolicy() {
    return defaultPolicy;
  }

  /** {@code agentguard.agent-id}, default host name + "-" + pid. */
  public String agentId() {
    return agentId;
  }

  /** {@code agentguard.principal.sources}, default [context]. */
  public List<PrincipalSource> principalSources() {
    return principalSources;
  }

  /** {@code agentguard.audit.*}. */
  public AuditSettings audit() {
    return audit;
  }

  /** {@code agentguard.frameworks}: which of langchain4j, spring-ai, mcp are guarded; default all three. */
  public Set<String> frameworks() {
    return frameworks;
  }

  /** {@code agentguard.injection.input}: block, flag or off; default block. */
  public String injectionInput() {
    return injectionInput;
  }

  /** {@code agentguard.injection.output}: flag, redact, block or off; default flag. */
  public String injectionOutput() {
    return injectionOutput;
  }

  /** {@code agentguard.injection.patterns-file}, or null. */
  public Path injectionPatternsFile() {
    return injectionPatternsFile;
  }

  /** {@code agentguard.injection.input-threshold} and {@code output-threshold}; unset uses keep the model's. */
  public InjectionThresholds injectionThresholds() {
    return injectionThresholds;
  }

  /** Every tool with any {@code agentguard.tool.<name>.*} key, by name, in name order. */
  public Map<String, ToolPolicy> tools() {
    return tools;
  }

  /** The section of this tool, or null if it has none. */
  public ToolPolicy tool(String name) {
    return tools.get(name);
  }

  /** The tools whose {@code method=} is set (and valid): methods to instrument by name. */
  public List<ToolPolicy> configuredMethods() {
    return configuredMethods;
  }

  /** Every problem found, in source order (agent arguments, system properties, environment, file by line). */
  public List<ConfigError> errors() {
    return errors;
  }

  /** True if there is any error: guarded calls are then refused with {@code POLICY_ERROR} (or let through). */
  public boolean broken() {
    return !errors.isEmpty();
  }

  /** The properties file named by {@code agentguard.config} (as written), or null if none was named. */
  public String configFile() {
    return configFile;
  }

  /**
   * An error in what the effective value of {@code fullKey} refers to, found when the policy is activated
   * (a schema file that does not parse, a bad line of the patterns file). Like a loading error it names the
   * key and where that value was set: the properties file and its line, or the source without lines.
   */
  public ConfigError error(String fullKey, String message) {
    ConfigEntry set = origins.get(fullKey);
    if (set != null) {
      return set.error(message);
    }
    return new ConfigError(fullKey, configFile == null ? "config" : configFile, 0, message);
  }

  /**
   * The effective text of a full key ({@code agentguard.tool.refund.risk}) after precedence, the documented
   * default for a global key nobody set, or null.
   */
  public String raw(String fullKey) {
    return raw.get(fullKey);
  }
}

package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * The loaded policy with everything built from it (guards, compiled schemas, detectors); replaced as a
 * whole, never mutated. {@code activationErrors} are problems found while building, such as a schema
 * that does not parse: like the policy's own errors they make guarded tools fail closed. {@code warmUp}
 * loads what the first call would otherwise wait for (JSON, the detector model), off the host's threads.
 */
public record ActivePolicy(Policy policy, Pipeline pipeline, OutputPipeline output, PrincipalResolver principals,
    List<ConfigError> activationErrors, Runnable warmUp) {

  public boolean broken() {
    return policy.broken() || !activationErrors.isEmpty();
  }

  /** Every error, as the agent announces them and {@code check-config} prints them: the policy's, then these. */
  public List<ConfigError> errors() {
    if (activationErrors.isEmpty()) {
      return policy.errors();
    }
    List<ConfigError> all = new ArrayList<>(policy.errors());
    all.addAll(activationErrors);
    return all;
  }
}

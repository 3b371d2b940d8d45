package dev.agentguard.agent.pipeline;

/**
 * One step of the pipeline (SPEC §4). A guard may allow, block with a reason, or annotate the invocation
 * (for the audit record). Guards are immutable, built from the policy, and hold no per-call state.
 */
public interface Guard {
  /** Short name for the record's {@code guardrailsApplied}, for example {@code permissions}. */
  String name();

  Decision check(Invocation invocation);
}

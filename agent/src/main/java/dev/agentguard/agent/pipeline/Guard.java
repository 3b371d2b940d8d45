package dev.agentguard.agent.pipeline;

/**
 * One step of the pipeline (SPEC §4). A guard may allow, block with a reason, or annotate the invocation
 * (for the audit record). Guards are immutable, built from the policy, and hold no per-call state.
 */
public interface Guard {
  /** Short name for the record's {@code guardrailsApplied}, for example {@code permissions}. */
  String name();

  /**
   * Whether this guard has anything to check on {@code invocation}'s tool (a schema to validate against, a
   * scan that is not {@code off}). The pipeline asks no guard that does not apply, so the record's
   * {@code guardrailsApplied} names only the guards that checked the call.
   */
  default boolean appliesTo(Invocation invocation) {
    return true;
  }

  /** The verdict in enforce mode; a guard that counts, charges or asks for approval does so here. */
  Decision check(Invocation invocation);

  /**
   * The verdict in monitor mode, where nothing is refused (SPEC §5: decide and record, block nothing) and
   * every guard is asked, so the record says what each would have decided. It must be what {@link #check}
   * would decide, with no effect enforce mode would not have had: {@code reached} is false once an earlier
   * guard would have refused the call, which enforce mode then never asks this guard about, so nothing may
   * be counted or charged for it. Where it is true, a guard that counts (rate limit, concurrency, budget)
   * counts as {@link #check} does, only what enforce would have let through, so its later verdicts stay
   * those enforce would give. Nothing here may wait or ask anyone (an approval is decided, never
   * requested): the call runs whatever is decided. The default suits guards without such effects.
   */
  default Decision monitor(Invocation invocation, boolean reached) {
    return check(invocation);
  }
}

package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.config.Mode;
import java.util.List;

/**
 * The ordered guards for one policy. In enforce mode the first block wins and the rest do not run. In
 * monitor mode every guard is asked ({@link Guard#monitor}): the first would-be refusal is the call's
 * decision, and each guard's would-be refusal and findings are in the record. In both, a guard with nothing
 * to check on the tool ({@link Guard#appliesTo}) is skipped and not named in the record.
 */
public final class Pipeline {
  private final Guard[] guards;
  private final boolean monitor;

  public Pipeline(List<Guard> guards, Mode mode) {
    this.guards = guards.toArray(new Guard[0]);
    this.monitor = mode == Mode.MONITOR;
  }

  public Decision evaluate(Invocation invocation) {
    if (monitor) {
      return evaluateAll(invocation);
    }
    for (Guard guard : guards) {
      if (!guard.appliesTo(invocation)) {
        continue;
      }
      invocation.applied(guard.name());
      Decision d = guard.check(invocation);
      if (d.blocked()) {
        return d;
      }
    }
    return Decision.ALLOW;
  }

  /**
   * Monitor mode: every guard, each told whether enforce mode would have reached it. A guard that fails
   * where enforce would have reached it fails the call's checks as in enforce mode (the interceptor's
   * failure mode); past a would-be refusal its failure is only a finding, since enforce would not have run it.
   */
  private Decision evaluateAll(Invocation invocation) {
    Decision first = Decision.ALLOW;
    for (Guard guard : guards) {
      if (!guard.appliesTo(invocation)) {
        continue;
      }
      invocation.applied(guard.name());
      boolean reached = !first.blocked();
      Decision d;
      try {
        d = guard.monitor(invocation, reached);
      } catch (Throwable failed) {
        if (reached) {
          throw failed;
        }
        invocation.addFinding("guard-error:" + guard.name() + ":" + failed.getClass().getName());
        continue;
      }
      if (d.blocked()) {
        invocation.wouldBlock(guard.name(), d.reason());
        if (reached) {
          first = d;
        }
      }
    }
    return first;
  }

  public int size() {
    return guards.length;
  }
}

package dev.agentguard.agent.pipeline;

import java.util.List;

/** The ordered guards for one policy; the first block wins and the rest do not run. */
public final class Pipeline {
  private final Guard[] guards;

  public Pipeline(List<Guard> guards) {
    this.guards = guards.toArray(new Guard[0]);
  }

  public Decision evaluate(Invocation invocation) {
    for (Guard guard : guards) {
      invocation.applied(guard.name());
      Decision d = guard.check(invocation);
      if (d.blocked()) {
        return d;
      }
    }
    return Decision.ALLOW;
  }

  public int size() {
    return guards.length;
  }
}

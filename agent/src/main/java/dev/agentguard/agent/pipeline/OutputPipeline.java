package dev.agentguard.agent.pipeline;

import java.util.List;

/** The output guards in order: each sees the result as the previous one left it; a block ends the walk. */
public final class OutputPipeline {
  private final OutputGuard[] guards;

  public OutputPipeline(List<OutputGuard> guards) {
    this.guards = guards.toArray(new OutputGuard[0]);
  }

  /** Applies every guard; returns the final verdict (PASS, a replacement, or a block). */
  public OutputDecision evaluate(Invocation invocation, Object result) {
    Object current = result;
    boolean replaced = false;
    for (OutputGuard g : guards) {
      invocation.applied(g.name());
      OutputDecision d = g.check(invocation, current);
      if (d.blocked()) {
        return d;
      }
      if (d.replaced()) {
        current = d.replacement();
        replaced = true;
      }
    }
    return replaced ? OutputDecision.replace(current) : OutputDecision.PASS;
  }

  /** Applies every guard to what the tool threw; returns the first block, else PASS. */
  public OutputDecision evaluateError(Invocation invocation, Throwable thrown) {
    for (OutputGuard g : guards) {
      invocation.applied(g.name());
      OutputDecision d = g.checkError(invocation, thrown);
      if (d.blocked()) {
        return d;
      }
    }
    return OutputDecision.PASS;
  }

  public boolean isEmpty() {
    return guards.length == 0;
  }
}

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
    return evaluate(invocation, result, null);
  }

  /** {@link #evaluate} for one value of a stream ({@link OutputGuard#checkPart}). */
  public OutputDecision evaluatePart(Invocation invocation, Object part, StreamText stream) {
    return evaluate(invocation, part, stream);
  }

  private OutputDecision evaluate(Invocation invocation, Object result, StreamText stream) {
    Object current = result;
    boolean replaced = false;
    for (OutputGuard g : guards) {
      OutputDecision d;
      if (stream == null) {
        invocation.applied(g.name());
        d = g.check(invocation, current);
      } else {
        invocation.appliedAgain(g.name());
        d = g.checkPart(invocation, current, stream);
      }
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

  /** Applies every guard at a stream's end ({@link OutputGuard#checkEnd}); returns the first block, else PASS. */
  public OutputDecision evaluateEnd(Invocation invocation, StreamText stream) {
    for (OutputGuard g : guards) {
      OutputDecision d = g.checkEnd(invocation, stream);
      if (d.blocked()) {
        return d;
      }
    }
    return OutputDecision.PASS;
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

package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.config.Mode;
import java.util.List;

/**
 * The output guards in order. In enforce mode each sees the result as the previous one left it and a block
 * ends the walk. In monitor mode the caller gets the result unchanged, so every guard sees it as it is: a
 * would-be rewrite or block is noted in the record ({@link Invocation#wouldRewrite},
 * {@link Invocation#wouldBlock}), the walk goes on, and the first would-be block is the verdict; a
 * replacement is never returned.
 */
public final class OutputPipeline {
  private final OutputGuard[] guards;
  private final boolean monitor;

  public OutputPipeline(List<OutputGuard> guards, Mode mode) {
    this.guards = guards.toArray(new OutputGuard[0]);
    this.monitor = mode == Mode.MONITOR;
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
    OutputDecision wouldBlock = null;
    for (OutputGuard g : guards) {
      if (!g.appliesTo(invocation)) {
        continue;
      }
      OutputDecision d;
      if (stream == null) {
        invocation.applied(g.name());
        d = g.check(invocation, current);
      } else {
        invocation.appliedAgain(g.name());
        d = g.checkPart(invocation, current, stream);
      }
      if (d.blocked()) {
        if (!monitor) {
          return d;
        }
        wouldBlock = first(wouldBlock, invocation, g, d);
      } else if (d.replaced()) {
        if (monitor) {
          invocation.wouldRewrite(g.name());
        } else {
          current = d.replacement();
          replaced = true;
        }
      }
    }
    if (wouldBlock != null) {
      return wouldBlock;
    }
    return replaced ? OutputDecision.replace(current) : OutputDecision.PASS;
  }

  /** Applies every guard at a stream's end ({@link OutputGuard#checkEnd}); returns the first block, else PASS. */
  public OutputDecision evaluateEnd(Invocation invocation, StreamText stream) {
    return firstBlock(invocation, false, g -> g.checkEnd(invocation, stream));
  }

  /** Applies every guard to what the tool threw; returns the first block, else PASS. */
  public OutputDecision evaluateError(Invocation invocation, Throwable thrown) {
    return firstBlock(invocation, true, g -> g.checkError(invocation, thrown));
  }

  /**
   * Asks every guard in turn ({@code applied}: noting each in the record) and returns the first block, else
   * PASS: in enforce mode the walk ends there, in monitor mode every guard's would-be block is noted.
   */
  private OutputDecision firstBlock(Invocation invocation, boolean applied,
      java.util.function.Function<OutputGuard, OutputDecision> check) {
    OutputDecision wouldBlock = null;
    for (OutputGuard g : guards) {
      if (!g.appliesTo(invocation)) {
        continue;
      }
      if (applied) {
        invocation.applied(g.name());
      }
      OutputDecision d = check.apply(g);
      if (d.blocked()) {
        if (!monitor) {
          return d;
        }
        wouldBlock = first(wouldBlock, invocation, g, d);
      }
    }
    return wouldBlock != null ? wouldBlock : OutputDecision.PASS;
  }

  /** Monitor mode: notes {@code g}'s would-be block {@code d}; the first one stays the verdict. */
  private static OutputDecision first(OutputDecision sofar, Invocation invocation, OutputGuard g, OutputDecision d) {
    invocation.wouldBlock(g.name(), d.reason());
    return sofar != null ? sofar : d;
  }

  public boolean isEmpty() {
    return guards.length == 0;
  }
}

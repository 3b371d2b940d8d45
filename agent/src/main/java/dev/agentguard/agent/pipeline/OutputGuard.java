package dev.agentguard.agent.pipeline;

/** A step that looks at what a tool returned, or the error it threw, before it goes back to the model. */
public interface OutputGuard {
  String name();

  /** Whether this guard has anything to check on {@code invocation}'s tool; see {@link Guard#appliesTo}. */
  default boolean appliesTo(Invocation invocation) {
    return true;
  }

  /** @return the verdict on {@code result}, which is never null and never a thrown exception */
  OutputDecision check(Invocation invocation, Object result);

  /**
   * The verdict on one value of a stream (a {@code Flux}'s values, as they arrive): {@code stream} holds the
   * end of the text the earlier values delivered, so a guard can read a value in its context (an instruction
   * split across two values is whole only there), and what the guard has judged of it. The earlier values
   * are delivered already: only this one can be rewritten or withheld.
   */
  default OutputDecision checkPart(Invocation invocation, Object part, StreamText stream) {
    return check(invocation, part);
  }

  /**
   * The verdict at a stream's end, for what a guard held back of its text for more context and got none:
   * only a block counts, and the subscriber then gets the refusal in place of the completion.
   */
  default OutputDecision checkEnd(Invocation invocation, StreamText stream) {
    return OutputDecision.PASS;
  }

  /**
   * The verdict on what the tool threw: the frameworks hand its message to the model as the tool's answer
   * (LangChain4j for any exception, Spring AI for runtime exceptions, MCP in its error), so it is a way in
   * for indirect injection too. An exception cannot be rewritten: only a block counts, and the caller then
   * gets the refusal instead of the tool's exception.
   */
  default OutputDecision checkError(Invocation invocation, Throwable thrown) {
    return OutputDecision.PASS;
  }
}

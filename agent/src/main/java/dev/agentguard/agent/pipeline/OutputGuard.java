package dev.agentguard.agent.pipeline;

/** A step that looks at what a tool returned, or the error it threw, before it goes back to the model. */
public interface OutputGuard {
  String name();

  /** @return the verdict on {@code result}, which is never null and never a thrown exception */
  OutputDecision check(Invocation invocation, Object result);

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

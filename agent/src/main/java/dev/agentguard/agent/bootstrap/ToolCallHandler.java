package dev.agentguard.agent.bootstrap;

/**
 * What the inlined advice hands every guarded call to. Lives on the bootstrap class path so the advice can
 * reach it from any host class loader; the implementation lives in the agent's own loader.
 */
public interface ToolCallHandler {
  /**
   * Called before the tool body runs.
   *
   * @param origin the instrumented method as {@code declaringType.name(descriptor)}
   * @return a token for {@link #exit}, or null when the call is not guarded
   * @throws dev.agentguard.ToolCallBlockedException when the call is refused; nothing else escapes
   */
  Object enter(String origin, Object[] args);

  /**
   * Called after the tool body returned or threw; returns the value the caller sees.
   *
   * @throws dev.agentguard.ToolCallBlockedException when the output guard refuses the result
   */
  Object exit(Object token, Object returned, Throwable thrown);
}

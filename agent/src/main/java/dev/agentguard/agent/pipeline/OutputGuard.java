package dev.agentguard.agent.pipeline;

/** A step that looks at what a tool returned before it goes back to the model. */
public interface OutputGuard {
  String name();

  /** @return the verdict on {@code result}, which is never null and never a thrown exception */
  OutputDecision check(Invocation invocation, Object result);
}

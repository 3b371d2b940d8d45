package dev.agentguard.agent.instrument;

import dev.agentguard.agent.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.implementation.bytecode.assign.Assigner;

/** Inlined into every guarded method that returns a value: hand over, nothing else. */
final class ToolAdvice {
  private ToolAdvice() {}

  @Advice.OnMethodEnter
  static Object enter(@Advice.Origin("#t.#m#d") String origin, @Advice.AllArguments Object[] args) {
    return Dispatch.enter(origin, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  static void exit(
      @Advice.Enter Object token,
      @Advice.Return(readOnly = false, typing = Assigner.Typing.DYNAMIC) Object returned,
      @Advice.Thrown Throwable thrown) {
    if (token != null) {
      returned = Dispatch.exit(token, returned, thrown);
    }
  }
}

package dev.agentguard.agent.instrument;

import dev.agentguard.agent.bootstrap.Dispatch;
import net.bytebuddy.asm.Advice;

/** Inlined into every guarded {@code void} method: there is no return value to guard or replace. */
final class VoidToolAdvice {
  private VoidToolAdvice() {}

  @Advice.OnMethodEnter
  static Object enter(@Advice.Origin("#t.#m#d") String origin, @Advice.AllArguments Object[] args) {
    return Dispatch.enter(origin, args);
  }

  @Advice.OnMethodExit(onThrowable = Throwable.class)
  static void exit(@Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
    if (token != null) {
      Dispatch.exit(token, null, thrown);
    }
  }
}

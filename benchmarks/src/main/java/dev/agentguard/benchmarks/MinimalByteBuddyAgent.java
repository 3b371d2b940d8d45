package dev.agentguard.benchmarks;

import static net.bytebuddy.matcher.ElementMatchers.isAnnotatedWith;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.named;

import java.lang.instrument.Instrumentation;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;

/**
 * The start-up baseline: the least a Byte Buddy agent that advises {@code @AgentTool} methods does.
 * AgentGuard's start-up cost is measured against this (benchmarks/startup.sh).
 */
public final class MinimalByteBuddyAgent {
  private MinimalByteBuddyAgent() {}

  public static void premain(String args, Instrumentation inst) {
    new AgentBuilder.Default()
        .disableClassFormatChanges()
        .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
        .ignore(nameStartsWith("java.").or(nameStartsWith("jdk.")).or(nameStartsWith("sun.")))
        .type(nameStartsWith("dev.agentguard.benchmarks."))
        .transform((b, type, loader, module, pd) ->
            b.visit(Advice.to(CountingAdvice.class).on(isAnnotatedWith(named("dev.agentguard.AgentTool")))))
        .installOn(inst);
  }

  /** Does next to nothing, like a minimal agent's advice would. */
  public static final class CountingAdvice {
    public static volatile long calls;

    @Advice.OnMethodEnter
    static void enter() {
      calls++;
    }
  }
}

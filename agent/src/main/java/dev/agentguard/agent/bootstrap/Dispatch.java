package dev.agentguard.agent.bootstrap;

/**
 * The only class the inlined advice calls. Holds the installed handler; references no other
 * {@code dev.agentguard} class so it can sit on the bootstrap path even when a host that loaded the API
 * classes itself has the agent attached late. The handler contract keeps the host safe: only a
 * deliberate refusal ever escapes {@link ToolCallHandler#enter} or {@link ToolCallHandler#exit}.
 */
public final class Dispatch {
  private static volatile ToolCallHandler handler;

  private Dispatch() {}

  public static void install(ToolCallHandler h) {
    handler = h;
  }

  public static Object enter(String origin, Object[] args) {
    ToolCallHandler h = handler;
    return h == null ? null : h.enter(origin, args);
  }

  public static Object exit(Object token, Object returned, Throwable thrown) {
    ToolCallHandler h = handler;
    return token == null || h == null ? returned : h.exit(token, returned, thrown);
  }
}

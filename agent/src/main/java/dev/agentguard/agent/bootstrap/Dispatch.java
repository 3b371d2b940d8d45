package dev.agentguard.agent.bootstrap;

import dev.agentguard.ToolCallBlockedException;

/**
 * The only class the inlined advice calls. Holds the installed handler and shields the host from
 * anything the agent gets wrong: only a deliberate {@link ToolCallBlockedException} ever escapes.
 */
public final class Dispatch {
  private static volatile ToolCallHandler handler;

  private Dispatch() {}

  public static void install(ToolCallHandler h) {
    handler = h;
  }

  public static Object enter(String origin, Object[] args) {
    ToolCallHandler h = handler;
    if (h == null) {
      return null;
    }
    try {
      return h.enter(origin, args);
    } catch (ToolCallBlockedException e) {
      throw e;
    } catch (Throwable t) {
      // The handler decides fail-open/closed itself; reaching here is a bug, and the host must run on.
      report(t);
      return null;
    }
  }

  public static Object exit(Object token, Object returned, Throwable thrown) {
    ToolCallHandler h = handler;
    if (token == null || h == null) {
      return returned;
    }
    try {
      return h.exit(token, returned, thrown);
    } catch (ToolCallBlockedException e) {
      throw e;
    } catch (Throwable t) {
      report(t);
      return returned;
    }
  }

  private static volatile boolean reported;

  private static void report(Throwable t) {
    if (!reported) {
      reported = true;
      System.err.println("[agentguard] internal error, call let through unchanged: " + t);
    }
  }
}

package dev.agentguard.agent.pipeline;

import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Origin key -> tool, filled by the instrumentation as classes are transformed and read on every call.
 * Keys are interned so the advice's constant origin string usually hits by identity.
 */
public final class ToolRegistry {
  private final ConcurrentHashMap<String, ToolMethod> byOrigin = new ConcurrentHashMap<>();

  public void register(ToolMethod method) {
    byOrigin.put(method.origin().intern(), method);
  }

  public ToolMethod find(String origin) {
    return byOrigin.get(origin);
  }

  public Collection<ToolMethod> all() {
    return byOrigin.values();
  }
}

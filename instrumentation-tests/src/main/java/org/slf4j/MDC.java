package org.slf4j;

import java.util.HashMap;
import java.util.Map;

/**
 * A stand-in for SLF4J's MDC with the same static API the agent reads ({@code MDC.get(String)}), so the
 * test host can play an application that keeps its user id in the logging context.
 */
public final class MDC {
  private static final ThreadLocal<Map<String, String>> VALUES = ThreadLocal.withInitial(HashMap::new);

  private MDC() {}

  public static void put(String key, String value) {
    VALUES.get().put(key, value);
  }

  public static String get(String key) {
    return VALUES.get().get(key);
  }

  public static void remove(String key) {
    VALUES.get().remove(key);
  }
}

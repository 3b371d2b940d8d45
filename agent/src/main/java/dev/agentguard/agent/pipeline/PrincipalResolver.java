package dev.agentguard.agent.pipeline;

import dev.agentguard.AgentContext;
import dev.agentguard.agent.config.PrincipalSource;
import java.lang.reflect.Method;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Finds who is calling, trying {@code agentguard.principal.sources} in order: {@code AgentContext}, then
 * SLF4J MDC keys and OpenTelemetry baggage entries read reflectively through the tool's own class loader
 * (the host needs neither library). First hit wins; none gives {@link Principal#ANONYMOUS}.
 */
public final class PrincipalResolver {
  private static final Method MISSING = missingMarker();
  /**
   * The host's MDC, not ours: the agent jar relocates its own SLF4J, and the shade plugin rewrites every
   * string literal that starts with {@code org.slf4j}, so the name is assembled at run time.
   */
  private static final String HOST_MDC = String.join(".", "org", "slf4j", "MDC");

  private final List<PrincipalSource> sources;
  /**
   * Per host class loader: MDC.get(String), or MISSING when the host has no SLF4J. Weak keys: a redeployed
   * web application's loader must not be kept alive by the agent.
   */
  private final Map<ClassLoader, Method> mdcGet = Collections.synchronizedMap(new WeakHashMap<>());
  private final Map<ClassLoader, Method[]> baggage = Collections.synchronizedMap(new WeakHashMap<>());

  public PrincipalResolver(List<PrincipalSource> sources) {
    this.sources = List.copyOf(sources);
  }

  public Principal resolve(ToolMethod tool) {
    for (PrincipalSource source : sources) {
      Principal p = switch (source.kind()) {
        case CONTEXT -> fromContext();
        case MDC -> user(mdc(loaderOf(tool), source.key()));
        case BAGGAGE -> user(baggage(loaderOf(tool), source.key()));
      };
      if (p != null) {
        return p;
      }
    }
    return Principal.ANONYMOUS;
  }

  private static Principal fromContext() {
    AgentContext c = AgentContext.current();
    if (c == null || c.user() == null) {
      return null;
    }
    return new Principal(c.user(), c.session(), c.agent(), c.org(), c.roles(), c.attributes());
  }

  private static Principal user(String user) {
    return user == null || user.isEmpty() ? null
        : new Principal(user, null, null, null, List.of(), Map.of());
  }

  private static ClassLoader loaderOf(ToolMethod tool) {
    ClassLoader cl = tool.classLoader();
    return cl != null ? cl : Thread.currentThread().getContextClassLoader();
  }

  private String mdc(ClassLoader cl, String key) {
    if (cl == null) {
      return null;
    }
    Method get = mdcGet.computeIfAbsent(cl, l -> lookup(l, HOST_MDC, "get", String.class));
    if (get == MISSING) {
      return null;
    }
    try {
      Object v = get.invoke(null, key);
      return v == null ? null : v.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private String baggage(ClassLoader cl, String key) {
    if (cl == null) {
      return null;
    }
    Method[] m = baggage.computeIfAbsent(cl, l -> new Method[] {
        lookup(l, "io.opentelemetry.api.baggage.Baggage", "current"),
        lookup(l, "io.opentelemetry.api.baggage.Baggage", "getEntryValue", String.class)});
    if (m[0] == MISSING || m[1] == MISSING) {
      return null;
    }
    try {
      Object current = m[0].invoke(null);
      Object v = current == null ? null : m[1].invoke(current, key);
      return v == null ? null : v.toString();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Method lookup(ClassLoader cl, String type, String name, Class<?>... params) {
    try {
      return Class.forName(type, false, cl).getMethod(name, params);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return MISSING;
    }
  }

  private static Method missingMarker() {
    try {
      return PrincipalResolver.class.getDeclaredMethod("missingMarker");
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}

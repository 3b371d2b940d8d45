package dev.agentguard.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBootstrapClassLoader;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;

import dev.agentguard.agent.config.ToolPolicy;
import dev.agentguard.agent.pipeline.ToolRegistry;
import java.lang.instrument.Instrumentation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.asm.Advice;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.matcher.ElementMatcher;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs the Byte Buddy transformer: selects types that may hold tools, registers each tool method and
 * inlines the thin advice. Classes already loaded (agent attached late) are retransformed; classes without
 * tools are never rewritten.
 */
public final class Installer {
  private Installer() {}

  /**
   * @param attached true when attached to a running JVM: only then are already-loaded classes
   *     retransformed (at premain nothing but the JDK is loaded, and describing those ~1,000 classes from
   *     their class files would cost seconds of start-up for nothing)
   */
  public static void install(Instrumentation inst, List<ToolPolicy> configuredMethods, ToolRegistry registry,
      boolean attached) {
    ToolDiscovery discovery = new ToolDiscovery(configuredMethods);
    Advice valueAdvice = Advice.to(ToolAdvice.class);
    Advice voidAdvice = Advice.to(VoidToolAdvice.class);

    new AgentBuilder.Default(new ByteBuddy().with(TypeValidation.DISABLED))
        .disableClassFormatChanges()
        .with(attached ? AgentBuilder.RedefinitionStrategy.RETRANSFORMATION
            : AgentBuilder.RedefinitionStrategy.DISABLED)
        .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
        .with(AgentBuilder.DescriptionStrategy.Default.POOL_FIRST)
        // EXTENDED reads the local variable table: parameter names without -parameters.
        .with(new AgentBuilder.PoolStrategy.WithTypePoolCache.Simple(
            TypePool.Default.ReaderMode.EXTENDED, new ConcurrentHashMap<>()))
        .with(new ErrorListener())
        .ignore(ElementMatchers.<TypeDescription>any(), isBootstrapClassLoader())
        .or(ignoredTypes())
        .type((type, loader, module, classBeingRedefined, pd) -> discovery.mayDeclareTools(type))
        .transform((builder, type, loader, module, pd) -> {
          List<MethodDescription> values = new ArrayList<>();
          List<MethodDescription> voids = new ArrayList<>();
          for (ToolDiscovery.Found f : discovery.toolsOf(type, loader)) {
            registry.register(f.tool());
            (f.method().getReturnType().represents(void.class) ? voids : values).add(f.method());
          }
          DynamicType.Builder<?> b = builder;
          if (!values.isEmpty()) {
            b = b.visit(valueAdvice.on(ElementMatchers.anyOf(values)));
          }
          if (!voids.isEmpty()) {
            b = b.visit(voidAdvice.on(ElementMatchers.anyOf(voids)));
          }
          return b;
        })
        .installOn(inst);
  }

  /** JDK, the agent itself and its relocated libraries, and the public API classes are never tools. */
  private static ElementMatcher.Junction<TypeDescription> ignoredTypes() {
    return nameStartsWith("java.")
        .or(nameStartsWith("javax."))
        .or(nameStartsWith("jdk."))
        .or(nameStartsWith("sun."))
        .or(nameStartsWith("com.sun."))
        .or(nameStartsWith("net.bytebuddy."))
        .or(nameStartsWith("dev.agentguard.agent."))
        .or(nameStartsWith("dev.agentguard.shaded."))
        .or(ElementMatchers.<TypeDescription>isSynthetic())
        .or(new ElementMatcher.Junction.AbstractBase<TypeDescription>() {
          @Override
          public boolean matches(TypeDescription t) {
            String n = t.getName(); // dev.agentguard.AgentTool and friends, not dev.agentguard.samples.*
            return n.startsWith("dev.agentguard.") && n.indexOf('.', "dev.agentguard.".length()) < 0;
          }
        });
  }

  /** Reports transformation failures on stderr in one greppable line; tests fail on it. */
  private static final class ErrorListener extends AgentBuilder.Listener.Adapter {
    @Override
    public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable t) {
      System.err.println("[agentguard] instrumentation error in " + typeName + ": " + t);
    }
  }
}

package dev.agentguard.agent.instrument;

import dev.agentguard.Risk;
import dev.agentguard.agent.config.MethodPattern;
import dev.agentguard.agent.config.ToolPolicy;
import dev.agentguard.agent.pipeline.ToolMethod;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.annotation.AnnotationDescription;
import net.bytebuddy.description.annotation.AnnotationList;
import net.bytebuddy.description.enumeration.EnumerationDescription;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.method.ParameterDescription;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.description.type.TypeList;

/**
 * Decides, from class-file descriptions only (never by loading host classes), which methods of a type are
 * tools: annotated with {@code @AgentTool} on the method itself or on an interface or superclass method it
 * implements, or named by a configured {@code method=} pattern. Bridge, synthetic, abstract and native
 * methods and constructors are never selected.
 */
final class ToolDiscovery {
  static final String AGENT_TOOL = "dev.agentguard.AgentTool";
  static final String REDACT = "dev.agentguard.Redact";

  private final List<ToolPolicy> configured;

  ToolDiscovery(List<ToolPolicy> configuredMethods) {
    this.configured = List.copyOf(configuredMethods);
  }

  /** One selected method and what the registry should know about it. */
  record Found(MethodDescription method, ToolMethod tool) {}

  /** Cheap pre-check for the type matcher: could this type hold a tool at all? */
  boolean mayDeclareTools(TypeDescription type) {
    if (type.isInterface() || type.isAnnotation()) {
      return false;
    }
    String name = type.getName();
    for (ToolPolicy p : configured) {
      if (p.method().matchesType(name)) {
        return true;
      }
    }
    for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
      if (annotation(m.getDeclaredAnnotations()) != null) {
        return true;
      }
    }
    return !inheritedToolMethods(type).isEmpty();
  }

  /** The tool methods declared by {@code type}, with the facts the registry keeps. */
  List<Found> toolsOf(TypeDescription type, ClassLoader loader) {
    List<MethodDescription> inherited = inheritedToolMethods(type);
    List<Found> found = new ArrayList<>();
    for (MethodDescription.InDefinedShape m : type.getDeclaredMethods()) {
      if (!eligible(m)) {
        continue;
      }
      AnnotationDescription own = annotation(m.getDeclaredAnnotations());
      MethodDescription overridden = own == null ? overriddenToolMethod(m, inherited) : null;
      AnnotationDescription tool = own != null ? own
          : overridden != null ? annotation(overridden.getDeclaredAnnotations()) : null;
      ToolPolicy byConfig = configuredFor(type.getName(), m);
      if (tool == null && byConfig == null) {
        continue;
      }
      found.add(new Found(m, describe(type, m, tool, overridden, byConfig, loader)));
    }
    return found;
  }

  private static boolean eligible(MethodDescription m) {
    return m.isMethod() && !m.isAbstract() && !m.isBridge() && !m.isSynthetic() && !m.isNative();
  }

  private ToolPolicy configuredFor(String typeName, MethodDescription m) {
    if (configured.isEmpty()) {
      return null;
    }
    List<String> params = parameterTypeNames(m);
    for (ToolPolicy p : configured) {
      MethodPattern pattern = p.method();
      if (pattern.matchesType(typeName) && pattern.matchesMethod(m.getInternalName(), params)) {
        return p;
      }
    }
    return null;
  }

  private static ToolMethod describe(TypeDescription type, MethodDescription m, AnnotationDescription tool,
      MethodDescription overridden, ToolPolicy byConfig, ClassLoader loader) {
    String name = byConfig != null ? byConfig.name() : null;
    Risk risk = Risk.UNSET;
    boolean idempotent = false;
    if (tool != null) {
      String value = tool.getValue("value").resolve(String.class);
      if (name == null) {
        name = value.isEmpty() ? m.getInternalName() : value;
      }
      risk = Risk.valueOf(tool.getValue("risk").resolve(EnumerationDescription.class).getValue());
      idempotent = tool.getValue("idempotent").resolve(Boolean.class);
    }
    List<String> names = new ArrayList<>();
    Set<Integer> redacted = new HashSet<>();
    int i = 0;
    for (ParameterDescription p : m.getParameters()) {
      names.add(p.isNamed() ? p.getName() : "arg" + i);
      if (hasRedact(p.getDeclaredAnnotations())) {
        redacted.add(i);
      }
      i++;
    }
    if (overridden != null) {
      int j = 0;
      for (ParameterDescription p : overridden.getParameters()) {
        if (hasRedact(p.getDeclaredAnnotations())) {
          redacted.add(j);
        }
        if (!m.getParameters().get(j).isNamed() && p.isNamed()) {
          names.set(j, p.getName());
        }
        j++;
      }
    }
    String origin = type.getName() + "." + m.getInternalName() + m.getDescriptor();
    return new ToolMethod(origin, name, type.getName(), m.getInternalName(), names, parameterTypeNames(m),
        redacted, risk, idempotent, byConfig != null ? ToolMethod.Source.CONFIG : ToolMethod.Source.ANNOTATION,
        loader);
  }

  private static List<String> parameterTypeNames(MethodDescription m) {
    TypeList erasures = m.getParameters().asTypeList().asErasures();
    List<String> names = new ArrayList<>(erasures.size());
    for (TypeDescription t : erasures) {
      names.add(t.getActualName());
    }
    return names;
  }

  /** Annotated methods of every superclass and interface, with type variables resolved to this type's view. */
  private static List<MethodDescription> inheritedToolMethods(TypeDescription type) {
    List<MethodDescription> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    collect(type.getSuperClass(), out, seen);
    for (TypeDescription.Generic i : type.getInterfaces()) {
      collect(i, out, seen);
    }
    return out;
  }

  private static void collect(TypeDescription.Generic type, List<MethodDescription> out, Set<String> seen) {
    if (type == null) {
      return;
    }
    String name = type.asErasure().getName();
    if (name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("jdk.") || !seen.add(name)) {
      return;
    }
    for (MethodDescription m : type.getDeclaredMethods()) {
      if (!m.isBridge() && annotation(m.getDeclaredAnnotations()) != null) {
        out.add(m);
      }
    }
    collect(type.getSuperClass(), out, seen);
    for (TypeDescription.Generic i : type.getInterfaces()) {
      collect(i, out, seen);
    }
  }

  /** Same name and the same erased parameters as seen from the implementing type. */
  private static MethodDescription overriddenToolMethod(MethodDescription m, List<MethodDescription> inherited) {
    if (inherited.isEmpty() || m.isStatic() || m.isPrivate()) {
      return null;
    }
    TypeList params = m.getParameters().asTypeList().asErasures();
    for (MethodDescription candidate : inherited) {
      if (candidate.getInternalName().equals(m.getInternalName())
          && candidate.getParameters().asTypeList().asErasures().equals(params)) {
        return candidate;
      }
    }
    return null;
  }

  private static AnnotationDescription annotation(AnnotationList annotations) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(AGENT_TOOL)) {
        return a;
      }
    }
    return null;
  }

  private static boolean hasRedact(AnnotationList annotations) {
    for (AnnotationDescription a : annotations) {
      if (a.getAnnotationType().getName().equals(REDACT)) {
        return true;
      }
    }
    return false;
  }

}

package dev.agentguard.agent.pipeline;

import dev.agentguard.Risk;
import java.lang.ref.WeakReference;
import java.util.List;
import java.util.Set;

/**
 * What the agent learned about one instrumented method when it transformed the class: the tool's name,
 * its parameters by name and which of them are {@code @Redact}. Immutable; looked up once per call.
 */
public final class ToolMethod {
  /** How the method was found. */
  public enum Source { ANNOTATION, CONFIG }

  private final String origin;
  private final String name;
  private final String className;
  private final String methodName;
  private final List<String> parameterNames;
  private final List<String> parameterTypes;
  private final Set<Integer> redactedParameters;
  private final Risk annotatedRisk;
  private final boolean idempotent;
  private final Source source;
  private final WeakReference<ClassLoader> classLoader;
  private final String displayMethod;
  /** Asked on every call's exit, so worked out once. */
  private final boolean reactiveReturn;
  /** {@link #declaredReturnType()}, read from the origin once. */
  private final String declaredReturn;

  public ToolMethod(String origin, String name, String className, String methodName,
      List<String> parameterNames, List<String> parameterTypes, Set<Integer> redactedParameters,
      Risk annotatedRisk, boolean idempotent, Source source, ClassLoader classLoader) {
    this.origin = origin;
    this.name = name;
    this.className = className;
    this.methodName = methodName;
    this.parameterNames = List.copyOf(parameterNames);
    this.parameterTypes = List.copyOf(parameterTypes);
    this.redactedParameters = Set.copyOf(redactedParameters);
    this.annotatedRisk = annotatedRisk == null ? Risk.UNSET : annotatedRisk;
    this.idempotent = idempotent;
    this.source = source;
    this.classLoader = new WeakReference<>(classLoader);
    this.displayMethod = className + "#" + methodName + "(" + String.join(",", this.parameterTypes) + ")";
    this.declaredReturn = returnTypeOf(origin);
    String declared = declaredReturn;
    // a publisher type, Object, or a type of the host's or a library's (RxJava's Flowable): not the JDK's own
    this.reactiveReturn = declared != null && (isPublisherType(declared) || declared.equals("java.lang.Object")
        || !declared.startsWith("java.") && !declared.startsWith("["));
  }

  /** The advice's origin key: {@code declaringType.method(descriptor)}. */
  public String origin() {
    return origin;
  }

  /**
   * The binary name of the method's declared return type, read from the origin's descriptor
   * ({@code ...(Ljava/lang/String;)Ljava/util/List;} gives {@code java.util.List}), or null for a primitive,
   * {@code void} or an origin without one.
   */
  public String declaredReturnType() {
    return declaredReturn;
  }

  private static String returnTypeOf(String origin) {
    int close = origin.lastIndexOf(')');
    String d = close < 0 ? "" : origin.substring(close + 1);
    if (d.startsWith("L") && d.endsWith(";")) {
      return d.substring(1, d.length() - 1).replace('/', '.');
    }
    return d.startsWith("[") ? d.replace('/', '.') : null;
  }

  /** The future types a caller of such a method can be handed a {@code CompletableFuture} for. */
  private static final Set<String> FUTURE_TYPES = Set.of("java.util.concurrent.CompletableFuture",
      "java.util.concurrent.CompletionStage", "java.util.concurrent.Future");

  /**
   * True when the method's callers can be handed a {@code CompletableFuture} in place of the stage the tool
   * returned: it declares one of the JDK's future types, or {@code Object}. A host subclass of a future cannot
   * be stood in for.
   */
  public boolean canReturnOwnFuture() {
    String declared = declaredReturnType();
    return declared != null && (FUTURE_TYPES.contains(declared) || declared.equals("java.lang.Object"));
  }

  /** The declared types a Reactor {@code Mono} or {@code Flux} can be handed back as, besides its own. */
  private static final Set<String> PUBLISHER_SUPERTYPES = Set.of(PublisherResult.STREAMS,
      "reactor.core.CorePublisher");

  /** A publisher type: the value the tool hands back is erased. */
  private static boolean isPublisherType(String declared) {
    return declared.equals(ReactiveResult.MONO) || declared.equals(ReactiveResult.FLUX)
        || PUBLISHER_SUPERTYPES.contains(declared) || declared.equals(PublisherResult.FLOW);
  }

  /**
   * True when the method may return a publisher: a Reactor {@code Mono} or {@code Flux}
   * ({@link ReactiveResult}) or another Reactive Streams publisher ({@link PublisherResult}).
   */
  boolean mayReturnReactive() {
    return reactiveReturn;
  }

  /**
   * True when the method's callers can be handed another publisher of {@code reactiveType} (a Reactor
   * {@code Mono} or {@code Flux}) in place of the one the tool returned. A host subclass cannot be stood in for.
   */
  boolean canReturnReactive(String reactiveType) {
    String declared = declaredReturnType();
    return declared != null && (declared.equals(reactiveType) || PUBLISHER_SUPERTYPES.contains(declared)
        || declared.equals("java.lang.Object"));
  }

  /**
   * The declared type of the value the tool hands back: {@link #declaredReturnType()}, or null when that is
   * a future or a publisher (the value's type is erased).
   */
  public String declaredValueType() {
    String declared = declaredReturnType();
    if (declared == null) {
      return null;
    }
    return FUTURE_TYPES.contains(declared) || isPublisherType(declared) ? null : declared;
  }

  /** The tool name: the annotation's value, the config section name, or the method name. */
  public String name() {
    return name;
  }

  public String className() {
    return className;
  }

  public String methodName() {
    return methodName;
  }

  /** For the audit record: {@code com.acme.Mailer#send(java.lang.String,java.lang.String)}. */
  public String displayMethod() {
    return displayMethod;
  }

  public List<String> parameterNames() {
    return parameterNames;
  }

  public List<String> parameterTypes() {
    return parameterTypes;
  }

  public boolean isRedacted(int index) {
    return redactedParameters.contains(index);
  }

  public Risk annotatedRisk() {
    return annotatedRisk;
  }

  public boolean idempotent() {
    return idempotent;
  }

  public Source source() {
    return source;
  }

  /** The loader that defined the tool's class, for reading host facts such as SLF4J's MDC; may be null. */
  public ClassLoader classLoader() {
    return classLoader.get();
  }

  @Override
  public String toString() {
    return name + " = " + displayMethod();
  }
}

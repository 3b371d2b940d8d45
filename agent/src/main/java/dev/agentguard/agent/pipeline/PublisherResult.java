package dev.agentguard.agent.pipeline;

import dev.agentguard.ToolCallBlockedException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A tool's Reactive Streams publisher that is not Reactor's: RxJava's {@code Flowable}, or anything that
 * implements {@code org.reactivestreams.Publisher} or the JDK's {@code java.util.concurrent.Flow.Publisher}.
 * Like a Reactor {@code Flux} ({@link ReactiveResult}) it produces its values when subscribed to, so the
 * caller gets a publisher that relays the tool's signals through a {@link ReactiveResult.Follower}, one per
 * subscription: each value is checked before the subscriber gets it, and a refusal cancels the tool's
 * subscription and reaches the subscriber as the stream's error.
 *
 * <p>The protocol's interfaces are the host's: the relay implements them through {@link Proxy} and calls
 * them by reflection, so the agent bundles no Reactive Streams jar. The caller can be handed the relay
 * only where the method's declared type allows: the protocol's {@code Publisher} itself, or a type with a
 * static {@code fromPublisher(Publisher)} that turns the relay into one (RxJava's {@code Flowable}); for
 * {@code Object}, the nearest class of the result's with one, since the caller may cast to it. Anything else
 * is guarded at return, as any other object.
 */
final class PublisherResult {
  static final String STREAMS = "org.reactivestreams.Publisher";
  static final String FLOW = "java.util.concurrent.Flow$Publisher";

  private PublisherResult() {}

  /**
   * How to follow a tool's result and hand it to the tool's callers: how to read it as a publisher
   * ({@code toPublisher}, null when it is one), the protocol, and the declared type's {@code fromPublisher}
   * ({@code null} when the relay itself will do).
   */
  record Route(Conversion toPublisher, Protocol protocol, Method fromPublisher, String type) {}

  /**
   * The route for {@code result} returned from a method declaring {@code declared}, or null when
   * {@code result} speaks neither protocol (and cannot be read as a publisher that does) or the declared type
   * cannot be handed a relay.
   */
  static Route route(Object result, String declared) {
    Conversion toPublisher = null;
    Protocols speaks = PROTOCOLS.get(result.getClass());
    if (speaks.streams == null && speaks.flow == null) {
      toPublisher = TO_PUBLISHER.get(result.getClass()).orElse(null);
      if (toPublisher == null) {
        return null;
      }
      speaks = PROTOCOLS.get(toPublisher.method.getReturnType());
    }
    for (Protocol p : new Protocol[] {speaks.streams, speaks.flow}) {
      if (p == null) {
        continue;
      }
      if (toPublisher == null && declared.equals(p.publisher.getName())) {
        return new Route(null, p, null, p.publisher.getName());
      }
      // Object: the caller may cast to the result's public type (Flowable), so the relay must become one
      Class<?> type = declared.equals("java.lang.Object") ? nearestMadeFromPublisher(result.getClass())
          : supertypeNamed(result.getClass(), declared);
      Method from = type == null ? null : FROM_PUBLISHER.get(type).orElse(null);
      if (from != null && from.getParameterTypes()[0] == p.publisher) {
        return new Route(toPublisher, p, from, type.getName());
      }
    }
    return null;
  }

  /**
   * {@code publisher} (which {@code route} was found for) as its callers get it: a relay that gives each
   * subscription a follower of its own from {@code followers}.
   *
   * @throws ReflectiveOperationException when the declared type's {@code fromPublisher} refuses the relay
   */
  static Object follow(Object publisher, Route route, Supplier<ReactiveResult.Follower> followers)
      throws ReflectiveOperationException {
    Protocol p = route.protocol;
    Object source = route.toPublisher == null ? publisher : route.toPublisher.apply(publisher);
    Object relay = Proxy.newProxyInstance(p.loader(), new Class<?>[] {p.publisher},
        new Relayed(source, p, followers));
    if (route.fromPublisher == null) {
      return relay;
    }
    Object converted = route.fromPublisher.invoke(null, relay);
    if (converted == null) {
      throw new NoSuchMethodException(route.fromPublisher + " returned null");
    }
    return converted;
  }

  /** One protocol's interfaces and methods, looked up once per loaded copy of them. */
  static final class Protocol {
    final Class<?> publisher;
    final Class<?> subscriber;
    final Class<?> subscription;
    final Method subscribe;
    final Method onSubscribe;
    final Method onNext;
    final Method onError;
    final Method onComplete;
    final Method request;
    final Method cancel;

    private Protocol(Class<?> publisher) throws ReflectiveOperationException {
      this.publisher = publisher;
      String prefix = publisher.getName().substring(0, publisher.getName().length() - "Publisher".length());
      ClassLoader loader = publisher.getClassLoader();
      this.subscriber = Class.forName(prefix + "Subscriber", false, loader);
      this.subscription = Class.forName(prefix + "Subscription", false, loader);
      this.subscribe = publisher.getMethod("subscribe", subscriber);
      this.onSubscribe = subscriber.getMethod("onSubscribe", subscription);
      this.onNext = subscriber.getMethod("onNext", Object.class);
      this.onError = subscriber.getMethod("onError", Throwable.class);
      this.onComplete = subscriber.getMethod("onComplete");
      this.request = subscription.getMethod("request", long.class);
      this.cancel = subscription.getMethod("cancel");
    }

    /** The loader the relay's proxies are defined in: one that sees the protocol's interfaces. */
    ClassLoader loader() {
      ClassLoader own = publisher.getClassLoader();
      return own != null ? own : PublisherResult.class.getClassLoader();
    }
  }

  /** The protocols a class speaks (null where it does not). */
  private record Protocols(Protocol streams, Protocol flow) {}

  private static final ClassValue<Protocols> PROTOCOLS = new ClassValue<>() {
    @Override
    protected Protocols computeValue(Class<?> type) {
      Protocol streams = null;
      Protocol flow = null;
      for (Class<?> t : supertypes(type)) {
        try {
          if (streams == null && t.getName().equals(STREAMS)) {
            streams = new Protocol(t);
          } else if (flow == null && t.getName().equals(FLOW)) {
            flow = new Protocol(t);
          }
        } catch (ReflectiveOperationException | LinkageError | RuntimeException incomplete) {
          // a Publisher without its Subscriber or Subscription: not followed
        }
      }
      return new Protocols(streams, flow);
    }
  };

  /** A type's public static {@code fromPublisher(X)} that returns the type, X an interface. */
  private static final ClassValue<Optional<Method>> FROM_PUBLISHER = new ClassValue<>() {
    @Override
    protected Optional<Method> computeValue(Class<?> type) {
      try {
        for (Method m : type.getMethods()) {
          if (m.getName().equals("fromPublisher") && Modifier.isStatic(m.getModifiers())
              && m.getParameterCount() == 1 && m.getParameterTypes()[0].isInterface()
              && type.isAssignableFrom(m.getReturnType())) {
            return Optional.of(m);
          }
        }
      } catch (LinkageError | RuntimeException unreadable) {
        // a type whose methods cannot be listed: not followed
      }
      return Optional.empty();
    }
  };

  /**
   * How to read a result that is no Reactive Streams publisher as one: RxJava's {@code Single} and
   * {@code Maybe} have {@code toFlowable()}, its {@code Observable} {@code toFlowable(BackpressureStrategy)}
   * (every value buffered: nothing is dropped or refused for want of requests).
   */
  record Conversion(Method method, Object argument) {
    Object apply(Object result) throws ReflectiveOperationException {
      Object publisher = argument == null ? method.invoke(result) : method.invoke(result, argument);
      if (publisher == null) {
        throw new NoSuchMethodException(method + " returned null");
      }
      return publisher;
    }
  }

  private static final ClassValue<Optional<Conversion>> TO_PUBLISHER = new ClassValue<>() {
    @Override
    protected Optional<Conversion> computeValue(Class<?> type) {
      try {
        for (Method m : type.getMethods()) {
          if (!m.getName().equals("toFlowable") || Modifier.isStatic(m.getModifiers())
              || PROTOCOLS.get(m.getReturnType()).streams == null) {
            continue;
          }
          if (m.getParameterCount() == 0) {
            return Optional.of(new Conversion(m, null));
          }
          Class<?> strategy = m.getParameterTypes()[0];
          if (m.getParameterCount() == 1 && strategy.isEnum()) {
            for (Object constant : strategy.getEnumConstants()) {
              if (((Enum<?>) constant).name().equals("BUFFER")) {
                return Optional.of(new Conversion(m, constant));
              }
            }
          }
        }
      } catch (LinkageError | RuntimeException unreadable) {
        // a type whose methods cannot be listed: not followed
      }
      return Optional.empty();
    }
  };

  /** {@code type} and all its superclasses and interfaces, each once. */
  private static Set<Class<?>> supertypes(Class<?> type) {
    Set<Class<?>> seen = new HashSet<>();
    Deque<Class<?>> todo = new ArrayDeque<>();
    todo.add(type);
    while (!todo.isEmpty()) {
      Class<?> t = todo.poll();
      if (!seen.add(t)) {
        continue;
      }
      if (t.getSuperclass() != null) {
        todo.add(t.getSuperclass());
      }
      todo.addAll(List.of(t.getInterfaces()));
    }
    return seen;
  }

  /** The nearest class of {@code type}'s (itself or a superclass) with a {@code fromPublisher}, or null. */
  private static Class<?> nearestMadeFromPublisher(Class<?> type) {
    for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
      if (FROM_PUBLISHER.get(t).isPresent()) {
        return t;
      }
    }
    return null;
  }

  private static Class<?> supertypeNamed(Class<?> type, String name) {
    for (Class<?> t : supertypes(type)) {
      if (t.getName().equals(name)) {
        return t;
      }
    }
    return null;
  }

  /** The relay publisher: each {@code subscribe} subscribes a {@link Relay} to the tool's publisher. */
  private static final class Relayed implements InvocationHandler {
    private final Object source;
    private final Protocol protocol;
    private final Supplier<ReactiveResult.Follower> followers;

    Relayed(Object source, Protocol protocol, Supplier<ReactiveResult.Follower> followers) {
      this.source = source;
      this.protocol = protocol;
      this.followers = followers;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (method.getName().equals("subscribe") && args != null && args.length == 1) {
        if (args[0] == null) {
          throw new NullPointerException("subscriber"); // Reactive Streams rule 1.9
        }
        Relay relay = new Relay(args[0], protocol, followers.get());
        Object upstream = Proxy.newProxyInstance(protocol.loader(), new Class<?>[] {protocol.subscriber}, relay);
        signal(protocol.subscribe, source, upstream);
        return null;
      }
      return objectMethod(proxy, method, args, "guarded " + protocol.publisher.getSimpleName());
    }
  }

  /**
   * One subscription: the subscriber the tool's publisher signals to, and (a second proxy on the same
   * handler) the subscription the caller's subscriber requests from. The method names of the two
   * interfaces do not overlap.
   */
  private static final class Relay implements InvocationHandler {
    private final Object downstream;
    private final Protocol protocol;
    private final ReactiveResult.Follower follower;
    /** Set once the caller's subscriber has had its last signal, or cancelled. */
    private final AtomicBoolean done = new AtomicBoolean();
    private volatile Object upstream;

    Relay(Object downstream, Protocol protocol, ReactiveResult.Follower follower) {
      this.downstream = downstream;
      this.protocol = protocol;
      this.follower = follower;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "onSubscribe" -> {
          upstream = args[0];
          Object subscription = Proxy.newProxyInstance(protocol.loader(), new Class<?>[] {protocol.subscription},
              this);
          signal(protocol.onSubscribe, downstream, subscription);
        }
        case "onNext" -> next(args[0]);
        case "onError" -> {
          if (done.compareAndSet(false, true)) {
            signal(protocol.onError, downstream, follower.error((Throwable) args[0]));
          }
        }
        case "onComplete" -> complete();
        case "request" -> signal(protocol.request, upstream, args[0]);
        case "cancel" -> {
          if (done.compareAndSet(false, true)) {
            follower.cancelled();
          }
          signal(protocol.cancel, upstream);
        }
        default -> {
          return objectMethod(proxy, method, args, "guarded subscription");
        }
      }
      return null;
    }

    private void next(Object value) throws Throwable {
      if (done.get()) {
        return;
      }
      Object delivered;
      try {
        delivered = follower.value(value);
      } catch (ToolCallBlockedException refusal) {
        // withheld: the tool's publisher is told to stop, the subscriber gets the refusal as the error
        if (done.compareAndSet(false, true)) {
          try {
            signal(protocol.cancel, upstream);
          } finally {
            signal(protocol.onError, downstream, refusal); // even when the tool's stream fails to cancel
          }
        }
        return;
      }
      signal(protocol.onNext, downstream, delivered);
    }

    private void complete() throws Throwable {
      if (!done.compareAndSet(false, true)) {
        return;
      }
      try {
        follower.completed();
      } catch (ToolCallBlockedException refusal) {
        signal(protocol.onError, downstream, refusal); // the end of the text was withheld
        return;
      }
      signal(protocol.onComplete, downstream);
    }
  }

  /** {@code equals}, {@code hashCode} and {@code toString} of a proxy, by identity. */
  private static Object objectMethod(Object proxy, Method method, Object[] args, String name) {
    return switch (method.getName()) {
      case "equals" -> proxy == args[0];
      case "hashCode" -> System.identityHashCode(proxy);
      case "toString" -> name;
      default -> throw new UnsupportedOperationException(method.getName());
    };
  }

  /** Sends a protocol signal to the host's object; what the host's code throws is thrown on as it is. */
  private static void signal(Method method, Object target, Object... args) throws Throwable {
    try {
      method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause() == null ? new UndeclaredThrowableException(e) : e.getCause();
    }
  }
}

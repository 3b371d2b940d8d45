package dev.agentguard.agent.pipeline;

import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A tool's Reactor {@code Mono} or {@code Flux}: a result that has not been produced when the tool returns,
 * and is produced only when someone subscribes. The caller gets the tool's own publisher with the guard's
 * steps chained on, so the output guards see each value (or the error) before the subscriber does, and the
 * call's record is written when it ends. Reactor is the host's, not the agent's: its operators are called by
 * reflection, with JDK functional interfaces only, so the agent neither bundles Reactor nor needs it.
 */
final class ReactiveResult {
  static final String MONO = "reactor.core.publisher.Mono";
  static final String FLUX = "reactor.core.publisher.Flux";

  /** What the guard does at each signal; called on whatever thread the publisher signals on. */
  interface Follower {
    /** A value: returns what the subscriber gets in its place, or throws the refusal. */
    Object value(Object value);

    /** The publisher completed; for a {@code Mono}, without a value. */
    void completed();

    /** The error the subscriber gets in place of {@code error}: the refusal, or the error itself. */
    Throwable error(Throwable error);

    /** The subscriber cancelled before the end. */
    void cancelled();
  }

  /** The class {@link #MONO} or {@link #FLUX} that {@code result} extends, or null for anything else. */
  static Class<?> baseOf(Object result) {
    return BASES.get(result.getClass()).orElse(null);
  }

  private static final ClassValue<Optional<Class<?>>> BASES = new ClassValue<>() {
    @Override
    protected Optional<Class<?>> computeValue(Class<?> type) {
      for (Class<?> t = type; t != null && t != Object.class; t = t.getSuperclass()) {
        String name = t.getName();
        if (name.equals(MONO) || name.equals(FLUX)) {
          return Optional.of(t);
        }
      }
      return Optional.empty();
    }
  };

  /**
   * {@code publisher} (a {@code base}, from {@link #baseOf}) with a follower's steps chained on: a value
   * through {@code map}, completion, errors and cancellation through the matching {@code doOn...} and
   * {@code onErrorMap} operators. Each of the subscriber's subscriptions runs the tool's work again, and the
   * follower's steps with it; a {@code Flux}'s subscriptions each get a follower of their own from
   * {@code followers} (through {@code Flux.defer}), so two runs' values are never read as one text.
   *
   * @throws ReflectiveOperationException when the host's Reactor lacks an operator or refuses one
   */
  static Object follow(Object publisher, Class<?> base, Supplier<Follower> followers)
      throws ReflectiveOperationException {
    Operators ops = OPERATORS.get(base);
    if (ops.missing() != null) {
      throw new NoSuchMethodException(base.getName() + ": " + ops.missing());
    }
    if (base.getName().equals(MONO)) {
      return chain(publisher, ops, true, followers.get());
    }
    Object first = chain(publisher, ops, false, followers.get()); // proves the operators work before it is needed
    AtomicBoolean firstTaken = new AtomicBoolean();
    Supplier<Object> perSubscription = () -> {
      if (firstTaken.compareAndSet(false, true)) {
        return first;
      }
      try {
        return chain(publisher, ops, false, followers.get());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Reactor refused an operator it accepted before", e);
      }
    };
    return call(ops.defer(), null, perSubscription);
  }

  private static Object chain(Object publisher, Operators ops, boolean mono, Follower follower)
      throws ReflectiveOperationException {
    Function<Object, Object> value = follower::value;
    Object p;
    if (mono) {
      // A Mono that completes empty signals success with null; a value goes on through map.
      Consumer<Object> success = v -> {
        if (v == null) {
          follower.completed();
        }
      };
      p = call(ops.map(), call(ops.ended(), publisher, success), value);
    } else {
      p = call(ops.ended(), call(ops.map(), publisher, value), (Runnable) follower::completed);
    }
    Function<Throwable, Throwable> error = follower::error;
    p = call(ops.onErrorMap(), p, error); // after map: map's refusal passes through it too
    return call(ops.doOnCancel(), p, (Runnable) follower::cancelled);
  }

  /** The host's operators, looked up once per Reactor (a host may load more than one). */
  private static final ClassValue<Operators> OPERATORS = new ClassValue<>() {
    @Override
    protected Operators computeValue(Class<?> base) {
      try {
        boolean mono = base.getName().equals(MONO);
        return new Operators(base.getMethod("map", Function.class),
            mono ? base.getMethod("doOnSuccess", Consumer.class) : base.getMethod("doOnComplete", Runnable.class),
            base.getMethod("onErrorMap", Function.class), base.getMethod("doOnCancel", Runnable.class),
            mono ? null : base.getMethod("defer", Supplier.class), null);
      } catch (NoSuchMethodException | RuntimeException e) {
        return new Operators(null, null, null, null, null, e);
      }
    }
  };

  /** A {@code Mono}'s or a {@code Flux}'s operators; {@code defer} (static) only for a {@code Flux}. */
  private record Operators(Method map, Method ended, Method onErrorMap, Method doOnCancel, Method defer,
      Exception missing) {}

  private static Object call(Method operator, Object target, Object argument) throws ReflectiveOperationException {
    Object next = operator.invoke(target, argument);
    if (next == null) {
      throw new NoSuchMethodException(operator + " returned null");
    }
    return next;
  }
}

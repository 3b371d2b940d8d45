package dev.agentguard.agent.pipeline;

import dev.agentguard.ToolCallBlockedException;
import dev.agentguard.agent.audit.AuditRecord;
import dev.agentguard.agent.bootstrap.ToolCallHandler;
import dev.agentguard.agent.config.FailureMode;
import dev.agentguard.agent.config.Mode;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.config.ToolPolicy;
import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The instrumenter behind the advice: turns one intercepted method call into an {@link Invocation}, runs
 * the pipeline, throws the refusal or lets the body run, and hands exactly one {@link AuditRecord} per
 * call to the audit sink. A call that passes through several instrumented layers (super call, proxy) is
 * guarded once; a different tool called from inside a tool is its own call with a parent link.
 *
 * <p>A tool that returns a {@link CompletionStage} has not finished when it returns: the caller gets a
 * future of its own that completes once the output guards have seen the tool's value (or error), and the
 * record is written then. Until its record is written a call is in flight; {@link #recordInFlight} writes
 * the records of calls still running when the JVM shuts down, so none is lost.
 */
public final class ToolCallInterceptor implements ToolCallHandler {
  /** Token for an inner layer of a call already being guarded on this thread. */
  private static final Object NESTED = new Object();

  private final ToolRegistry registry;
  private final Supplier<ActivePolicy> policy;
  private final AuditSink audit;
  private final EventIds eventIds = new EventIds();
  private final ThreadLocal<ThreadCalls> current = ThreadLocal.withInitial(this::registerThread);
  /** Every thread's calls, for the shutdown: one entry per thread that made a guarded call, swept once it ends. */
  private final Set<ThreadCalls> threads = ConcurrentHashMap.newKeySet();
  private final AtomicInteger registeredSinceSweep = new AtomicInteger();
  private volatile int sweepAfter = MIN_SWEEP;
  private static final int MIN_SWEEP = 256;
  /** Calls whose tool returned a future that has not completed yet. */
  private final Set<ActiveCall> pending = ConcurrentHashMap.newKeySet();
  private final Set<String> failOpenReported = ConcurrentHashMap.newKeySet();

  public ToolCallInterceptor(ToolRegistry registry, Supplier<ActivePolicy> policy, AuditSink audit) {
    this.registry = registry;
    this.policy = policy;
    this.audit = audit;
  }

  /**
   * The calls running on one thread, innermost on top. Only its thread changes it; the shutdown reads it.
   * Registered once per thread, so a call pays one field write to be found at shutdown.
   */
  private static final class ThreadCalls {
    final Thread owner = Thread.currentThread();
    volatile ActiveCall top;
  }

  /**
   * Registers this thread's calls. Entries of ended threads are swept once as many threads registered as
   * were left after the last sweep (a host that runs each call on a virtual thread of its own registers one
   * per call), so the work per registration stays constant and the set at most twice the live threads.
   */
  private ThreadCalls registerThread() {
    ThreadCalls calls = new ThreadCalls();
    threads.add(calls);
    if (registeredSinceSweep.incrementAndGet() >= sweepAfter) {
      registeredSinceSweep.set(0);
      threads.removeIf(t -> !t.owner.isAlive());
      sweepAfter = Math.max(MIN_SWEEP, threads.size());
    }
    return calls;
  }

  /** A call in progress on this thread. */
  private static final class ActiveCall {
    final Invocation invocation;
    final ThreadCalls thread;
    final ActiveCall outer;
    final ActivePolicy policy;
    final Decision decision;
    final String decisionLabel;
    /** When the tool body started: execution time excludes the guards' own time. */
    final long bodyStartNanos = System.nanoTime();
    /** 1 once the call's record is claimed: by its own end, or by the shutdown of the JVM. */
    volatile int recorded;
    private static final AtomicIntegerFieldUpdater<ActiveCall> RECORDED =
        AtomicIntegerFieldUpdater.newUpdater(ActiveCall.class, "recorded");

    ActiveCall(Invocation invocation, ThreadCalls thread, ActivePolicy policy, Decision decision,
        String decisionLabel) {
      this.invocation = invocation;
      this.thread = thread;
      this.outer = thread.top;
      this.policy = policy;
      this.decision = decision;
      this.decisionLabel = decisionLabel;
    }

    /** True for exactly one caller: the one that writes the call's record. */
    boolean claimRecord() {
      return RECORDED.compareAndSet(this, 0, 1);
    }
  }

  @Override
  public Object enter(String origin, Object[] args) {
    try {
      return guardEnter(origin, args);
    } catch (ToolCallBlockedException refusal) {
      throw refusal;
    } catch (Throwable bug) {
      // Only reachable through a bug in the agent: the host runs on, unguarded for this call.
      reportInternal(bug);
      return null;
    }
  }

  @Override
  public Object exit(Object token, Object returned, Throwable thrown) {
    try {
      return guardExit(token, returned, thrown);
    } catch (ToolCallBlockedException refusal) {
      throw refusal;
    } catch (Throwable bug) {
      reportInternal(bug);
      if (token instanceof ActiveCall call) {
        recordAfterBug(call, thrown);
      }
      return returned;
    }
  }

  /**
   * After a bug in the agent's own exit steps: the call leaves the thread's stack (else the calls after it
   * would count as nested in it) and the in-flight set, and has its record, as it ended, with its result
   * unchecked, unless it has one already.
   */
  private void recordAfterBug(ActiveCall call, Throwable thrown) {
    if (call.thread.top == call) {
      call.thread.top = call.outer;
    }
    recordEnded(call, thrown == null ? "success" : "failure", thrown == null ? null : thrown.getClass().getName());
  }

  private Object guardEnter(String origin, Object[] args) {
    ToolMethod tool = registry.find(origin);
    if (tool == null) {
      return null;
    }
    ActivePolicy active = policy.get();
    Policy p = active.policy();
    boolean broken = active.broken();
    if (p.mode() == Mode.OFF && !broken) {
      return null;
    }
    ThreadCalls thread = current.get();
    ActiveCall outer = thread.top;
    if (outer != null && sameCall(outer.invocation, tool, args)) {
      return NESTED;
    }
    Invocation inv = null;
    Decision decision;
    try {
      inv = new Invocation(tool, p.tool(tool.name()), active.principals().resolve(tool), args, eventIds.next(),
          outer == null ? null : outer.invocation.eventId(), System.currentTimeMillis());
      decision = broken ? Refusals.policyError(tool.name()) : active.pipeline().evaluate(inv);
    } catch (Throwable internal) {
      if (inv == null) {
        inv = new Invocation(tool, null, Principal.ANONYMOUS, args, eventIds.next(),
            outer == null ? null : outer.invocation.eventId(), System.currentTimeMillis());
      }
      decision = Refusals.internalError(tool.name());
      if (p.failureMode() == FailureMode.OPEN) {
        reportFailOpen(tool.name(), "guard error " + internal.getClass().getSimpleName());
        return push(inv, thread, active, decision, "allow");
      }
    }
    if (!decision.blocked() && p.mode() == Mode.ENFORCE && p.failureMode() == FailureMode.CLOSED
        && !audit.available()) {
      // The log cannot be written: refuse rather than make an unrecorded call or queue up behind a broken
      // disk. The refusal's own record waits in the queue until the log can be written again.
      decision = Refusals.auditUnavailable(tool.name());
    }
    if (!decision.blocked()) {
      return push(inv, thread, active, decision, "allow");
    }
    if (p.mode() == Mode.MONITOR) {
      return push(inv, thread, active, decision, "monitor");
    }
    if (broken && p.failureMode() == FailureMode.OPEN) {
      reportFailOpen(tool.name(), "policy error");
      return push(inv, thread, active, decision, "allow");
    }
    ToolCallBlockedException refusal =
        Refusals.toException(tool.name(), decision.reason(), inv.eventId(), decision.message());
    record(record(inv, decision, "block", "blocked", null, null, p, 0L));
    throw refusal;
  }

  private ActiveCall push(Invocation inv, ThreadCalls thread, ActivePolicy active, Decision decision,
      String label) {
    ActiveCall call = new ActiveCall(inv, thread, active, decision, label);
    thread.top = call;
    return call;
  }

  private Object guardExit(Object token, Object returned, Throwable thrown) {
    long bodyEnd = System.nanoTime();
    if (token == NESTED) {
      return returned;
    }
    ActiveCall call = (ActiveCall) token;
    ToolMethod tool = call.invocation.tool();
    boolean stage = thrown == null && returned instanceof CompletionStage<?> && tool.canReturnOwnFuture();
    Class<?> reactor = null;
    PublisherResult.Route streams = null;
    if (thrown == null && returned != null && tool.mayReturnReactive()) {
      reactor = ReactiveResult.baseOf(returned);
      if (reactor == null) {
        streams = PublisherResult.route(returned, tool.declaredReturnType());
      } else if (!tool.canReturnReactive(reactor.getName())) {
        reactor = null; // a host subclass of Mono or Flux cannot be stood in for
      }
    }
    if (stage || reactor != null || streams != null) {
      pending.add(call); // before it leaves the thread's stack: a shutdown in between still finds it
      call.thread.top = call.outer;
      try {
        return stage ? follow(call, (CompletionStage<?>) returned)
            : reactor != null ? followReactive(call, returned, reactor)
            : followPublisher(call, returned, streams);
      } catch (ReflectiveOperationException | RuntimeException unfollowable) {
        // a host's own stage that refuses a dependent, a Reactor without an operator, a fromPublisher that
        // refuses the relay: guarded as any other object, recorded now
        pending.remove(call);
        return finish(call, returned, null, bodyEnd);
      }
    }
    call.thread.top = call.outer;
    return finish(call, returned, thrown, bodyEnd);
  }

  /**
   * The caller's publisher for a tool's {@code Mono} or {@code Flux} ({@code base}): the tool's own with the
   * guard's steps chained on ({@link ReactiveCall}).
   */
  private Object followReactive(ActiveCall call, Object publisher, Class<?> base) throws ReflectiveOperationException {
    Subscriptions subscriptions = new Subscriptions(call, base.getName());
    Object followed = ReactiveResult.follow(publisher, base, subscriptions);
    whenAbandoned(subscriptions, call);
    return followed;
  }

  /**
   * The caller's publisher for a tool's Reactive Streams publisher other than Reactor's
   * ({@link PublisherResult}): a relay that reads it as a {@code Flux} is read.
   */
  private Object followPublisher(ActiveCall call, Object publisher, PublisherResult.Route route)
      throws ReflectiveOperationException {
    Subscriptions subscriptions = new Subscriptions(call, route.type());
    Object followed = PublisherResult.follow(publisher, route, subscriptions);
    whenAbandoned(subscriptions, call);
    return followed;
  }

  /**
   * The followers of one call's publisher, a new one for each subscription. Every assembled publisher and
   * every running subscription holds this (through its follower): once it is unreachable, no value or end
   * can arrive any more.
   */
  private final class Subscriptions implements Supplier<ReactiveResult.Follower> {
    final ActiveCall call;
    /** The publisher's type, for the record; every type but a {@code Mono} is read as a stream. */
    final String type;

    Subscriptions(ActiveCall call, String type) {
      this.call = call;
      this.type = type;
    }

    @Override
    public ReactiveResult.Follower get() {
      return new ReactiveCall(this);
    }
  }

  /**
   * One subscription to the publisher a tool returned: a Reactor {@code Mono} or {@code Flux}
   * ({@link ReactiveResult}) or another Reactive Streams publisher ({@link PublisherResult}, read as a
   * {@code Flux}). The output guards see each value before the subscriber does, and the record is written
   * when the publisher ends (a {@code Flux}'s values are read as one text, its record says how many there
   * were). A subscription cancelled before any value is recorded as a failure; a {@code Flux} cancelled after
   * some values (the subscriber took what it wanted) as a success with the values so far.
   * A publisher subscribed to again runs the tool's work again: that run is read on its own, from its first
   * value, but the call keeps its first record.
   */
  private final class ReactiveCall implements ReactiveResult.Follower {
    /** The call's publisher: this holds it reachable while the subscription runs ({@link Subscriptions}). */
    private final Subscriptions of;
    private final ActiveCall call;
    private final boolean flux;
    private final AtomicLong values = new AtomicLong();
    /** The end of the text the {@code Flux}'s values delivered, for reading the next one in context. */
    private final StreamText delivered = new StreamText();
    /** The decision the first of a {@code Flux}'s values to change it left ({@code monitor} mode). */
    private volatile Checked changed;

    ReactiveCall(Subscriptions of) {
      this.of = of;
      this.call = of.call;
      this.flux = !of.type.equals(ReactiveResult.MONO);
    }

    @Override
    public Object value(Object value) {
      long end = System.nanoTime();
      try {
        if (!flux) {
          Object result = finish(call, value, null, end);
          return result == null ? value : result;
        }
        values.incrementAndGet();
        Checked checked = checkOutput(call, value, null, end, delivered);
        if (changed == null && !checked.label.equals(call.decisionLabel)) {
          changed = checked; // the first value's would-be refusal stays the reason (monitor mode)
        }
        Object result = checked.result == null ? value : checked.result;
        delivered.add(result);
        return result;
      } catch (ToolCallBlockedException refusal) {
        throw refusal; // recorded as blocked: the subscriber gets the refusal as the publisher's error
      } catch (Throwable bug) {
        reportInternal(bug);
        return value;
      } finally {
        if (!flux) {
          pending.remove(call);
        }
      }
    }

    @Override
    public void completed() {
      long end = System.nanoTime();
      try {
        if (!flux) {
          finish(call, null, null, end);
          return;
        }
        // the end of its text that waited for more context is judged now; a refusal becomes the stream's error
        Checked ending = checkOutput(call, null, null, end, delivered);
        if (changed == null && !ending.label.equals(call.decisionLabel)) {
          changed = ending;
        }
        recordStream(end);
      } catch (ToolCallBlockedException refusal) {
        throw refusal; // recorded as blocked; Reactor hands it to the subscriber in place of the completion
      } catch (Throwable bug) {
        reportInternal(bug);
      } finally {
        pending.remove(call);
      }
    }

    @Override
    public Throwable error(Throwable error) {
      if (error instanceof ToolCallBlockedException refusal && refusal.eventId() != null
          && refusal.eventId().equals(call.invocation.eventId())) {
        return error; // this call's own refusal from value(), already recorded
      }
      long end = System.nanoTime();
      try {
        finish(call, null, error, end);
        return error;
      } catch (ToolCallBlockedException refusal) {
        return refusal; // the error was withheld
      } catch (Throwable bug) {
        reportInternal(bug);
        return error;
      } finally {
        pending.remove(call);
      }
    }

    /** The {@code Flux}'s one record: a success with the number of values it delivered. */
    private void recordStream(long end) {
      Checked last = changed;
      Decision decision = last == null ? call.decision : last.decision;
      String label = last == null ? call.decisionLabel : last.label;
      record(call, record(call.invocation, decision, label, "success", null, new StreamSummary(of.type, values.get()),
          call.policy.policy(), end - call.bodyStartNanos));
    }

    @Override
    public void cancelled() {
      if (flux && values.get() > 0) {
        // the subscriber took what it wanted (take(n), next(), blockFirst()): not a failure; nothing more is
        // delivered, so no end check (and a refusal here would have nobody to go to)
        try {
          recordStream(System.nanoTime());
        } catch (Throwable bug) {
          reportInternal(bug);
        } finally {
          pending.remove(call);
        }
        return;
      }
      recordUnfinished(call, CancellationException.class.getName());
    }
  }

  /** The output summary of a {@code Flux}: its type and how many values it produced. */
  private record StreamSummary(String type, long values) {}

  /**
   * The caller's future for a tool's pending result: completed by {@link #finish} when the tool's stage
   * completes, so the output guards see the value (or error) before the caller does, and the record then
   * says what really happened. Cancelling the caller's future cancels the tool's where the stage allows it.
   */
  private CompletableFuture<Object> follow(ActiveCall call, CompletionStage<?> stage) {
    CompletableFuture<Object> guarded = new CompletableFuture<>();
    // The tool's stage holds the caller's future (its dependent below): once the caller's future is
    // unreachable, so is the stage, and nothing can complete the call any more.
    whenAbandoned(guarded, call);
    stage.whenComplete((value, error) -> {
      long end = System.nanoTime();
      try {
        Object result = finish(call, value, unwrap(error), end);
        if (error == null) {
          guarded.complete(result);
        }
      } catch (ToolCallBlockedException refusal) {
        guarded.completeExceptionally(refusal);
      } catch (Throwable bug) {
        reportInternal(bug);
        if (error == null) {
          guarded.complete(value);
        }
      } finally {
        pending.remove(call);
        if (error != null && !guarded.isDone()) {
          guarded.completeExceptionally(error);
        }
      }
    });
    guarded.whenComplete((value, error) -> {
      if (guarded.isCancelled()) {
        try {
          stage.toCompletableFuture().cancel(false);
        } catch (Throwable unsupported) {
          // a stage that cannot be cancelled from outside runs on; its record follows its completion
        }
      }
    });
    return guarded;
  }

  /** What the tool really threw: a stage's error arrives wrapped when it came through another stage. */
  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** Runs the output guards on what the tool returned or threw and writes the call's record. */
  private Object finish(ActiveCall call, Object returned, Throwable thrown, long bodyEnd) {
    Checked checked = checkOutput(call, returned, thrown, bodyEnd, null);
    String outcome = thrown == null ? "success" : "failure";
    String errorCategory = thrown == null ? null : thrown.getClass().getName();
    record(call, record(call.invocation, checked.decision, checked.label, outcome, errorCategory,
        thrown == null ? checked.result : null, call.policy.policy(), bodyEnd - call.bodyStartNanos));
    return checked.result;
  }

  /** What the output guards made of a value or an error: what the caller gets, and the decision to record. */
  private record Checked(Object result, Decision decision, String label) {}

  /**
   * Runs the output guards on what the tool returned or threw. A withheld result or error is recorded here
   * (outcome {@code blocked}) and its refusal thrown; anything else is for the caller to record.
   * {@code stream} is null for a whole result, else the text a stream's earlier values delivered, and
   * {@code returned} the stream's next value ({@link OutputGuard#checkPart}) or, null, its end
   * ({@link OutputGuard#checkEnd}; a stream's values are never null).
   */
  private Checked checkOutput(ActiveCall call, Object returned, Throwable thrown, long bodyEnd,
      StreamText stream) {
    Invocation inv = call.invocation;
    Policy p = call.policy.policy();
    Decision decision = call.decision;
    String label = call.decisionLabel;
    Object result = returned;
    boolean anything = thrown != null || returned != null || stream != null;
    if (anything && !call.policy.output().isEmpty() && !call.policy.broken()) {
      OutputDecision out;
      try {
        OutputPipeline guards = call.policy.output();
        out = thrown != null ? guards.evaluateError(inv, thrown)
            : stream == null ? guards.evaluate(inv, returned)
            : returned == null ? guards.evaluateEnd(inv, stream)
            : guards.evaluatePart(inv, returned, stream);
      } catch (Throwable internal) {
        Decision refused = Refusals.internalError(inv.tool().name());
        out = p.failureMode() == FailureMode.OPEN ? OutputDecision.PASS
            : OutputDecision.block(refused.reason(), refused.message());
      }
      if (out.blocked()) {
        if (p.mode() != Mode.MONITOR) {
          // a withheld error keeps its type in the record: what failed, without the words that were withheld
          record(call, record(inv, Decision.block(out.reason(), out.message()), "block", "blocked",
              thrown == null ? null : thrown.getClass().getName(), null, p, bodyEnd - call.bodyStartNanos));
          throw Refusals.toException(inv.tool().name(), out.reason(), inv.eventId(), out.message());
        }
        if (!"monitor".equals(label)) {
          // the first would-be refusal stays the reason: an input guard's, if one would have refused the call
          decision = Decision.block(out.reason(), out.message());
          label = "monitor";
        }
      } else if (out.replaced()) {
        // only enforce mode hands a rewrite over (OutputPipeline), and only now is the result rewritten
        result = out.replacement();
        inv.markSanitized();
      }
    }
    return new Checked(result, decision, label);
  }

  /** The {@code errorCategory} of a call whose pending result can no longer arrive. */
  public static final String ABANDONED_CATEGORY = "abandoned";

  /** One daemon thread for all interceptors, started when a first call returns a future or a publisher. */
  private static final class Abandoned {
    static final Cleaner CLEANER = Cleaner.create(r -> {
      Thread t = new Thread(r, "agentguard-abandoned-calls");
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * Writes {@code call}'s record once {@code holder} is unreachable, if it has none by then: a future that
   * nobody can complete any more, or a publisher nobody subscribed to and nobody holds. Outcome
   * {@code failure}, {@code errorCategory} {@value #ABANDONED_CATEGORY}. Without this such a call would stay
   * in {@link #pending} (its arguments with it) until the JVM stops.
   */
  private void whenAbandoned(Object holder, ActiveCall call) {
    Abandoned.CLEANER.register(holder, () -> recordUnfinished(call, ABANDONED_CATEGORY));
  }

  /**
   * The record of a call that ends without its result (cancelled, abandoned, overtaken by the shutdown):
   * outcome {@code failure}, the given {@code errorCategory}, the decision it was let through with. Written
   * unless the call has its record already; the call leaves the in-flight set either way.
   *
   * @return whether this wrote the record
   */
  private boolean recordUnfinished(ActiveCall call, String errorCategory) {
    return recordEnded(call, "failure", errorCategory);
  }

  /**
   * The record of a call whose result the guards did not see, with the decision it was let through with,
   * unless the call has its record already; the call leaves the in-flight set either way.
   */
  private boolean recordEnded(ActiveCall call, String outcome, String errorCategory) {
    try {
      if (!call.claimRecord()) {
        return false;
      }
      record(record(call.invocation, call.decision, call.decisionLabel, outcome, errorCategory, null,
          call.policy.policy(), System.nanoTime() - call.bodyStartNanos));
      return true;
    } catch (Throwable bug) {
      reportInternal(bug);
      return false;
    } finally {
      pending.remove(call);
    }
  }

  /** The {@code errorCategory} of a call the JVM's shutdown overtook. */
  public static final String SHUTDOWN_CATEGORY = "jvm_shutdown";

  /**
   * Writes a record for every call still in flight (its body still running, or its result still pending):
   * outcome {@code failure}, {@code errorCategory} {@value #SHUTDOWN_CATEGORY}, with the decision it was let
   * through with. Run at JVM shutdown; a call that ends later keeps this record and writes none of its own.
   *
   * @return how many calls this recorded
   */
  public int recordInFlight() {
    int written = 0;
    for (ActiveCall call : inFlight()) {
      if (recordUnfinished(call, SHUTDOWN_CATEGORY)) {
        written++;
      }
    }
    return written;
  }

  /** Calls let through whose record is not written yet: running on some thread, or pending. */
  private List<ActiveCall> inFlight() {
    List<ActiveCall> calls = new ArrayList<>(pending);
    for (ThreadCalls thread : threads) {
      for (ActiveCall c = thread.top; c != null; c = c.outer) {
        calls.add(c);
      }
    }
    return calls;
  }

  /** For tests: how many threads' call stacks are registered (ended threads until the next sweep). */
  int registeredThreads() {
    return threads.size();
  }

  /** For tests: how many calls are in flight. */
  int inFlightCount() {
    return (int) inFlight().stream().filter(c -> c.recorded == 0).count();
  }

  private AuditRecord record(Invocation inv, Decision decision, String decisionLabel, String outcome,
      String errorCategory, Object result, Policy p, long executionNanos) {
    Principal who = inv.principal();
    ToolPolicy tp = inv.toolPolicy();
    Set<String> redactParams = tp == null ? Set.of() : tp.redactParams();
    return AuditRecord.builder()
        .eventId(inv.eventId())
        .parentEventId(inv.parentEventId())
        .timestampMillis(inv.startMillis())
        .agentId(who.agent() != null ? who.agent() : p.agentId())
        .userId(who.user())
        .sessionId(who.session())
        .orgId(who.org())
        .action(inv.tool().name())
        .method(inv.tool().displayMethod())
        .parameters(parameters(inv, redactParams))
        .decision(decisionLabel)
        .reason(decision.reason())
        .outcome(outcome)
        .guardrailsApplied(inv.guardrailsApplied())
        .findings(inv.findings())
        .deferredFindings(inv.deferredFindings())
        .riskLevel(inv.risk().name())
        .securityLevel(inv.risk().securityLevel())
        .inputsSanitized(inv.inputsSanitized())
        .wasSanitized(inv.wasSanitized())
        .executionTimeMs(executionNanos / 1_000_000.0)
        .llmTokenUsage(tokenUsage(who))
        .outputSummary(result == null ? null : () -> summary(result))
        .errorCategory(errorCategory)
        .build();
  }

  /** Immutable arguments render later on the writer thread; anything else is snapshotted now. */
  private static Supplier<JsonNode> parameters(Invocation inv, Set<String> redactParams) {
    ToolMethod tool = inv.tool();
    if (inv.hasArgumentsJson()) {
      ObjectNode now = ArgumentsJson.redacted(tool, redactParams, inv.argumentsJson());
      return () -> now;
    }
    Object[] args = inv.arguments();
    if (ArgumentsJson.allImmutable(args)) {
      Object[] copy = args.clone();
      return () -> ArgumentsJson.redacted(tool, redactParams, ArgumentsJson.toJson(tool, copy));
    }
    ObjectNode now = ArgumentsJson.redacted(tool, redactParams, inv.argumentsJson());
    return () -> now;
  }

  /** The result's shape only: values may carry PII, which this build does not yet redact. */
  private static JsonNode summary(Object result) {
    ObjectNode node = JsonNodeFactory.instance.objectNode();
    if (result instanceof StreamSummary stream) {
      node.put("type", stream.type());
      node.put("size", stream.values());
      return node;
    }
    node.put("type", result.getClass().getName());
    if (result instanceof CharSequence s) {
      node.put("length", s.length());
    } else if (result instanceof java.util.Collection<?> c) {
      node.put("size", c.size());
    } else if (result instanceof Map<?, ?> m) {
      node.put("size", m.size());
    }
    return node;
  }

  private static JsonNode tokenUsage(Principal who) {
    Object usage = who.attributes().get("llmTokenUsage");
    return usage == null ? null : ArgumentsJson.valueToTree(usage);
  }

  /** Same tool and the very same argument values: an inner layer of the call, not a new call. */
  private static boolean sameCall(Invocation outer, ToolMethod tool, Object[] args) {
    if (!outer.tool().name().equals(tool.name())) {
      return false;
    }
    Object[] a = outer.arguments();
    Object[] b = args == null ? new Object[0] : args;
    if (a.length != b.length) {
      return false;
    }
    for (int i = 0; i < a.length; i++) {
      if (a[i] != b[i] && !(isValue(a[i]) && Objects.equals(a[i], b[i]))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isValue(Object o) {
    return o instanceof String || o instanceof Number || o instanceof Boolean || o instanceof Character;
  }

  /** The record of a call that was let through, unless the JVM's shutdown wrote one for it already. */
  private void record(ActiveCall call, AuditRecord r) {
    if (call.claimRecord()) {
      record(r);
    }
  }

  /** An audit failure never changes a decision: a refusal is still thrown, a result still returned. */
  private void record(AuditRecord r) {
    try {
      audit.append(r);
    } catch (Throwable e) {
      reportInternal(e);
    }
  }

  private volatile boolean internalReported;

  private void reportInternal(Throwable bug) {
    if (!internalReported) {
      internalReported = true;
      System.err.println("[agentguard] internal error, call let through unchanged: " + bug);
    }
  }

  private void reportFailOpen(String tool, String why) {
    if (failOpenReported.add(tool + why)) {
      System.err.println("[agentguard] failure-mode=open: letting '" + tool + "' through despite " + why);
    }
  }
}

package dev.agentguard.agent.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.ToolCallBlockedException;
import dev.agentguard.agent.audit.AuditRecord;
import dev.agentguard.agent.guard.injection.InjectionOutputGuard;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/**
 * Calls that have not finished when the tool returns: a tool's pending future is followed to its value,
 * which the output guards see before the caller does, and a call still running or pending at JVM shutdown
 * gets its one record then.
 */
class PendingCallsTest {
  private static final String ATTACK = Fixtures.ATTACK;
  private static final String PAGE = Fixtures.INJECTED_PAGE;

  private final List<AuditRecord> records = new ArrayList<>();
  private final ToolMethod fetch = Fixtures.tool("fetch", List.of("url"), Set.of(),
      "Ljava/util/concurrent/CompletableFuture;");
  private final ToolMethod fetchStage = Fixtures.tool("fetch_stage", List.of("url"), Set.of(),
      "Ljava/util/concurrent/CompletionStage;");
  private final ToolMethod fetchOwnFuture = Fixtures.tool("fetch_own", List.of("url"), Set.of(),
      "Lcom/example/OwnFuture;");
  private final ToolMethod sync = Fixtures.tool("sync", List.of("id"), Set.of(), "Ljava/lang/String;");

  private ToolCallInterceptor interceptor(String... lines) {
    return Fixtures.interceptor(List.of(fetch, fetchStage, fetchOwnFuture, sync), records::add, lines);
  }

  @Test
  void aPendingResultIsScannedWhenItCompletesAndRecordedThen() throws Exception {
    ToolCallInterceptor block = interceptor("agentguard.injection.output=block");
    CompletableFuture<String> page = new CompletableFuture<>();
    Object token = block.enter(fetch.origin(), new Object[] {"https://example.com"});
    Object returned = block.exit(token, page, null);

    CompletableFuture<?> callers = assertInstanceOf(CompletableFuture.class, returned);
    assertNotSame(page, callers, "the caller waits on the guarded future, not the tool's");
    assertFalse(callers.isDone());
    assertTrue(records.isEmpty(), "the call has not finished: no record yet");
    assertEquals(1, block.inFlightCount());

    page.complete(PAGE);
    ExecutionException e = assertThrows(ExecutionException.class, callers::get);
    ToolCallBlockedException refusal = assertInstanceOf(ToolCallBlockedException.class, e.getCause());
    Fixtures.assertResultWithheld(refusal, "fetch", records);
    assertEquals(0, block.inFlightCount());
  }

  @Test
  void redactRewritesThePendingValueAndACleanValuePassesUnchanged() {
    ToolCallInterceptor redact = interceptor("agentguard.injection.output=redact");
    Object token = redact.enter(fetchStage.origin(), new Object[] {"https://example.com"});
    CompletableFuture<?> callers = (CompletableFuture<?>) redact.exit(token, CompletableFuture.completedFuture(PAGE),
        null);
    assertTrue(callers.isDone(), "a completed stage is guarded before the tool's call returns");
    String seen = (String) callers.join();
    assertTrue(seen.contains(InjectionOutputGuard.MARKER) && seen.startsWith("Opening hours"), seen);
    assertFalse(seen.contains("evil.example"), seen);
    assertTrue(records.get(0).wasSanitized);
    assertEquals("success", records.get(0).outcome);
    assertEquals(String.class.getName(), records.get(0).outputSummary().get("type").asString(),
        "the record describes the value, not the future");

    records.clear();
    List<String> hours = List.of("Mon 9-17", "Tue 9-17");
    token = redact.enter(fetch.origin(), new Object[] {"https://example.com/hours"});
    CompletableFuture<Object> pending = new CompletableFuture<>();
    CompletableFuture<?> clean = (CompletableFuture<?>) redact.exit(token, pending, null);
    pending.complete(hours);
    assertSame(hours, clean.join());
    assertEquals(1, records.size());
    assertFalse(records.get(0).wasSanitized);
  }

  @Test
  void aPendingErrorIsScannedAsOutputAndAPlainOneReachesTheCallerAsThrown() {
    ToolCallInterceptor block = interceptor("agentguard.injection.output=block");
    Object token = block.enter(fetch.origin(), new Object[] {"https://example.com"});
    CompletableFuture<String> page = new CompletableFuture<>();
    CompletableFuture<?> callers = (CompletableFuture<?>) block.exit(token, page, null);
    page.completeExceptionally(new IllegalStateException("cannot parse the page: " + ATTACK));
    CompletionException e = assertThrows(CompletionException.class, callers::join);
    assertEquals("INJECTION_DETECTED", assertInstanceOf(ToolCallBlockedException.class, e.getCause()).reason());
    assertEquals("blocked", records.get(0).outcome);
    assertEquals(IllegalStateException.class.getName(), records.get(0).errorCategory);

    records.clear();
    token = block.enter(fetch.origin(), new Object[] {"https://example.com/missing"});
    CompletableFuture<String> missing = new CompletableFuture<>();
    CompletableFuture<?> plain = (CompletableFuture<?>) block.exit(token, missing.thenApply(String::trim), null);
    IllegalStateException notFound = new IllegalStateException("page not found");
    missing.completeExceptionally(notFound);
    CompletionException thrown = assertThrows(CompletionException.class, plain::join);
    assertSame(notFound, thrown.getCause());
    assertEquals("failure", records.get(0).outcome);
    assertEquals(IllegalStateException.class.getName(), records.get(0).errorCategory,
        "the tool's own error, not the stage's wrapper");
  }

  @Test
  void cancellingTheCallersFutureCancelsTheTools() {
    ToolCallInterceptor i = interceptor();
    CompletableFuture<String> page = new CompletableFuture<>();
    Object token = i.enter(fetch.origin(), new Object[] {"https://example.com"});
    CompletableFuture<?> callers = (CompletableFuture<?>) i.exit(token, page, null);
    callers.cancel(true);
    assertTrue(page.isCancelled());
    assertEquals(1, records.size());
    assertEquals("failure", records.get(0).outcome);
    assertEquals(java.util.concurrent.CancellationException.class.getName(), records.get(0).errorCategory);
  }

  @Test
  void aFutureOfTheHostsOwnTypeIsNotReplacedAndIsRecordedAtReturn() {
    ToolCallInterceptor i = interceptor("agentguard.injection.output=block");
    CompletableFuture<String> page = new CompletableFuture<>();
    Object token = i.enter(fetchOwnFuture.origin(), new Object[] {"https://example.com"});
    assertSame(page, i.exit(token, page, null), "only a JDK future type can be stood in for");
    assertEquals(1, records.size());

    CompletableFuture<String> refusesDependents = new CompletableFuture<>() {
      @Override
      public CompletableFuture<String> whenComplete(java.util.function.BiConsumer<? super String, ? super Throwable> a) {
        throw new UnsupportedOperationException("no dependents");
      }
    };
    Object second = i.enter(fetch.origin(), new Object[] {"https://example.com"});
    assertSame(refusesDependents, i.exit(second, refusesDependents, null));
    assertEquals(2, records.size(), "recorded at return, as before futures were followed");
    assertEquals(0, i.inFlightCount());
  }

  @Test
  void callsStillRunningOrPendingAtShutdownGetTheirOneRecordThen() {
    ToolCallInterceptor i = interceptor("agentguard.injection.output=block");
    Object running = i.enter(sync.origin(), new Object[] {"r-1"});
    Object pendingToken = i.enter(fetch.origin(), new Object[] {"https://example.com"});
    CompletableFuture<String> page = new CompletableFuture<>();
    CompletableFuture<?> callers = (CompletableFuture<?>) i.exit(pendingToken, page, null);
    Object done = i.enter(sync.origin(), new Object[] {"r-2"});
    i.exit(done, "ok", null);
    assertEquals(1, records.size());

    assertEquals(2, i.recordInFlight());
    assertEquals(3, records.size());
    for (AuditRecord r : records.subList(1, 3)) {
      assertEquals("failure", r.outcome);
      assertEquals(ToolCallInterceptor.SHUTDOWN_CATEGORY, r.errorCategory);
      assertEquals("allow", r.decision);
    }
    assertEquals(Set.of("sync", "fetch"), Set.of(records.get(1).action, records.get(2).action));
    assertEquals(0, i.recordInFlight(), "each call is recorded once");

    // the calls may still end before the JVM stops: their results are still guarded, but not recorded again
    assertEquals("fine", i.exit(running, "fine", null));
    page.complete(PAGE);
    assertEquals("INJECTION_DETECTED", assertInstanceOf(ToolCallBlockedException.class,
        assertThrows(CompletionException.class, callers::join).getCause()).reason());
    assertEquals(3, records.size());
  }

  /**
   * A future nothing can complete any more (the caller dropped its future, and nothing else holds the tool's)
   * gets its record when the garbage collector finds it, and leaves the calls in flight. One the caller still
   * holds stays in flight.
   */
  @Test
  void aFutureNobodyCanCompleteIsRecordedAsAbandoned() throws InterruptedException {
    ToolCallInterceptor i = interceptor();
    Object token = i.enter(fetch.origin(), new Object[] {"https://example.com"});
    i.exit(token, new CompletableFuture<String>(), null);
    Object held = i.exit(i.enter(fetch.origin(), new Object[] {"https://example.com/2"}),
        new CompletableFuture<String>(), null);
    collectUntil(() -> records.size() == 1);
    AuditRecord r = records.get(0);
    assertEquals("failure", r.outcome);
    assertEquals(ToolCallInterceptor.ABANDONED_CATEGORY, r.errorCategory);
    assertEquals("allow", r.decision);
    assertEquals(1, i.inFlightCount(), "the future the caller holds may still complete");
    java.lang.ref.Reference.reachabilityFence(held);
  }

  /**
   * Runs the collector until {@code count} records are written, then checks each is a call recorded as
   * abandoned and none is left in flight.
   */
  static void assertAllAbandoned(List<AuditRecord> records, int count, ToolCallInterceptor i)
      throws InterruptedException {
    collectUntil(() -> records.size() == count);
    for (AuditRecord r : records) {
      assertEquals("failure", r.outcome);
      assertEquals(ToolCallInterceptor.ABANDONED_CATEGORY, r.errorCategory);
    }
    assertEquals(0, i.inFlightCount());
  }

  /** Runs the garbage collector until {@code done}, for at most 30 seconds: a wait, not a timing. */
  static void collectUntil(java.util.function.BooleanSupplier done) throws InterruptedException {
    for (int round = 0; round < 300 && !done.getAsBoolean(); round++) {
      System.gc();
      Thread.sleep(100);
    }
    assertTrue(done.getAsBoolean(), "the collector did not find the abandoned call in 30 seconds");
  }

  /** A host that runs each call on a thread of its own registers one stack per call; ended ones are swept. */
  @Test
  void theStacksOfEndedThreadsAreSwept() throws Exception {
    ToolCallInterceptor i = interceptor();
    for (int n = 0; n < 1500; n++) {
      Thread t = new Thread(() -> i.exit(i.enter(sync.origin(), new Object[] {"t"}), "ok", null));
      t.start();
      t.join();
    }
    assertEquals(1500, records.size());
    assertTrue(i.registeredThreads() <= 2 * 256, i.registeredThreads() + " stacks kept for 1,500 ended threads");
  }

  @Test
  void aCallRunningOnAnotherThreadIsFoundAtShutdown() throws Exception {
    ToolCallInterceptor i = interceptor();
    CountDownLatch inBody = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread worker = new Thread(() -> {
      Object token = i.enter(sync.origin(), new Object[] {"w-1"});
      inBody.countDown();
      try {
        release.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      i.exit(token, "done", null);
    });
    worker.start();
    inBody.await();
    assertEquals(1, i.recordInFlight());
    assertEquals("w-1", records.get(0).parameters().get("id").asString());
    release.countDown();
    worker.join();
    assertEquals(1, records.size(), "the call's own end writes no second record");
    assertEquals(0, i.recordInFlight());
  }
}

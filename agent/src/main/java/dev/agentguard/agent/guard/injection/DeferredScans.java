package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.pipeline.Invocation;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Where a flag-mode injection scan runs. Its finding changes only the audit record, so it can run on the
 * audit writer's thread right before the record is written, and the call does not wait for it. The texts
 * wait in the queued record until then, so what may wait is bounded: one call's texts up to
 * {@link #PER_CALL_CHARS} chars, and all calls' together up to a JVM-wide budget. Beyond either, the scan
 * runs on the call as in the other modes: slower, but memory stays bounded when the writer falls behind.
 */
final class DeferredScans {
  /** One call's texts, in chars: more would hold up every record behind it on the writer. */
  static final int PER_CALL_CHARS = 1 << 16;
  /** All queued texts together, in chars (64 MB): the audit queue holds up to 65,536 records. */
  static final long TOTAL_CHARS = 1L << 25;

  private static final DeferredScans JVM = new DeferredScans(TOTAL_CHARS);

  private final long budget;
  private final AtomicLong waiting = new AtomicLong();

  DeferredScans(long budget) {
    this.budget = budget;
  }

  static DeferredScans jvm() {
    return JVM;
  }

  /**
   * Queues {@code check} (a finding or null) on {@code inv}'s record if {@code chars} fit; false if they do
   * not, and the caller must scan now.
   */
  boolean defer(Invocation inv, long chars, Supplier<String> check) {
    if (chars > PER_CALL_CHARS) {
      return false;
    }
    if (waiting.addAndGet(chars) > budget) {
      waiting.addAndGet(-chars);
      return false;
    }
    inv.deferFinding(() -> {
      try {
        return check.get();
      } finally {
        waiting.addAndGet(-chars);
      }
    });
    return true;
  }

  /** Chars of the texts now waiting for their scan. */
  long waiting() {
    return waiting.get();
  }
}

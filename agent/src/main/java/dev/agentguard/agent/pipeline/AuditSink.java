package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.audit.AuditRecord;

/** Where finished calls go; the implementation writes off the calling thread. */
public interface AuditSink {
  void append(AuditRecord record);

  /**
   * False when records cannot be written (the log cannot be opened, or writes are failing); guarded calls
   * then fail closed instead of queueing up behind a broken disk until the host hangs.
   */
  default boolean available() {
    return true;
  }

  /** Returns once the records appended so far are written, or after a bounded wait (used at shutdown). */
  default void flush() {}
}

package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.audit.AuditRecord;

/** Where finished calls go; the implementation writes off the calling thread. */
public interface AuditSink {
  void append(AuditRecord record);

  /** False when records cannot be written at all (the log cannot be opened); calls then fail closed. */
  default boolean available() {
    return true;
  }
}

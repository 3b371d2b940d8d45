package dev.agentguard.agent.pipeline;

import dev.agentguard.agent.audit.AuditRecord;

/** Where finished calls go; the implementation writes off the calling thread. */
public interface AuditSink {
  void append(AuditRecord record);
}

package dev.agentguard.agent.config;

/** {@code agentguard.failure-mode}: what a guard's own internal error (or a broken policy) does to a call. */
public enum FailureMode {
  /** Refuse the call. */
  CLOSED,
  /** Let the call through, logged. */
  OPEN
}

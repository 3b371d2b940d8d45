package dev.agentguard.agent.config;

/** {@code agentguard.mode}: whether guards block, only record, or the agent stays out of the way. */
public enum Mode {
  ENFORCE,
  /** Decide and record, block nothing. */
  MONITOR,
  OFF
}

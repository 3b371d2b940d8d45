package dev.agentguard.agent.config;

/** {@code agentguard.default-policy}: the fate of tools that have no {@code agentguard.tool.<name>.*} section. */
public enum DefaultPolicy {
  ALLOW,
  DENY
}

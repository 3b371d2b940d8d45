package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;

/** Loaded and called before the agent attaches; guarded after the retransformation. */
public class LateTools {
  @AgentTool("late")
  public String late(String x) {
    return "late:" + x;
  }
}

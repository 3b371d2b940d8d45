package dev.agentguard.agent.guard.killswitch;

import dev.agentguard.ReasonCode;
import dev.agentguard.agent.config.ToolPolicy;
import dev.agentguard.agent.pipeline.Decision;
import dev.agentguard.agent.pipeline.Guard;
import dev.agentguard.agent.pipeline.Invocation;

/** The kill switch by configuration: {@code agentguard.tool.<name>.enabled=false} refuses every call. */
public final class ToolEnabledGuard implements Guard {
  @Override
  public String name() {
    return "enabled";
  }

  @Override
  public Decision check(Invocation invocation) {
    ToolPolicy p = invocation.toolPolicy();
    if (p == null || p.enabled()) {
      return Decision.ALLOW;
    }
    String tool = invocation.tool().name();
    return Decision.block(ReasonCode.TOOL_DISABLED, "The tool '" + tool + "' is switched off by the operator. "
        + "Do not retry it; tell the user this action is not available right now or help another way.");
  }
}

package dev.agentguard.agent.guard.authz;

import dev.agentguard.ReasonCode;
import dev.agentguard.agent.config.AllowList;
import dev.agentguard.agent.config.DefaultPolicy;
import dev.agentguard.agent.config.ToolPolicy;
import dev.agentguard.agent.pipeline.Decision;
import dev.agentguard.agent.pipeline.Guard;
import dev.agentguard.agent.pipeline.Invocation;
import dev.agentguard.agent.pipeline.Principal;

/**
 * Least privilege by allow lists: every list a tool sets ({@code allow.users}, {@code allow.roles},
 * {@code allow.orgs}) must admit the principal, and an explicit {@code !name} denial anywhere wins.
 * Tools without any {@code agentguard.tool.<name>.*} section follow {@code default-policy}.
 */
public final class PermissionGuard implements Guard {
  private final DefaultPolicy defaultPolicy;

  public PermissionGuard(DefaultPolicy defaultPolicy) {
    this.defaultPolicy = defaultPolicy;
  }

  @Override
  public String name() {
    return "permissions";
  }

  @Override
  public Decision check(Invocation invocation) {
    ToolPolicy p = invocation.toolPolicy();
    String tool = invocation.tool().name();
    if (p == null) {
      return defaultPolicy == DefaultPolicy.ALLOW ? Decision.ALLOW
          : Decision.block(ReasonCode.PERMISSION_DENIED, "The tool '" + tool + "' is not enabled for this "
              + "assistant by the operator's policy. Do not retry it; tell the user this action is not available.");
    }
    Principal who = invocation.principal();
    if (admits(p.users(), who.user()) && admitsAny(p.roles(), who) && admits(p.orgs(), who.org())) {
      return Decision.ALLOW;
    }
    return Decision.block(ReasonCode.PERMISSION_DENIED, "The tool '" + tool + "' is not permitted for user '"
        + who.user() + "'. Do not retry it; ask the user to have someone with the required access perform this "
        + "action, or continue without it.");
  }

  private static boolean admits(AllowList list, String value) {
    return list == null || (value != null && list.admits(value));
  }

  private static boolean admitsAny(AllowList list, Principal who) {
    return list == null || list.admitsAny(who.roles());
  }
}

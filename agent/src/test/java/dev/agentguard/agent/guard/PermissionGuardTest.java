package dev.agentguard.agent.guard;

import static dev.agentguard.agent.pipeline.Fixtures.invocation;
import static dev.agentguard.agent.pipeline.Fixtures.policy;
import static dev.agentguard.agent.pipeline.Fixtures.principal;
import static dev.agentguard.agent.pipeline.Fixtures.tool;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.guard.authz.PermissionGuard;
import dev.agentguard.agent.guard.killswitch.ToolEnabledGuard;
import dev.agentguard.agent.pipeline.Decision;
import dev.agentguard.agent.pipeline.Principal;
import dev.agentguard.agent.pipeline.ToolMethod;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PermissionGuardTest {
  private static final ToolMethod REFUND = tool("refund", List.of("paymentId"), Set.of());

  private static Decision check(Policy p, Principal who) {
    return new PermissionGuard(p.defaultPolicy()).check(invocation(p, REFUND, who, "p-1"));
  }

  @Test
  void everyListThatIsSetMustAdmitTheCaller() {
    Policy p = policy("agentguard.tool.refund.allow.roles=finance", "agentguard.tool.refund.allow.orgs=acme");
    assertFalse(check(p, principal("carol", "acme", "finance")).blocked());
    assertTrue(check(p, principal("bob", "acme", "support")).blocked(), "wrong role");
    assertTrue(check(p, principal("carol", "other", "finance")).blocked(), "wrong org");
    assertTrue(check(p, principal("carol", null, "finance")).blocked(), "no org");
    assertTrue(check(p, Principal.ANONYMOUS).blocked());
  }

  @Test
  void anyOfTheCallersRolesIsEnough() {
    Policy p = policy("agentguard.tool.refund.allow.roles=finance,admin");
    assertFalse(check(p, principal("dave", "acme", "support", "admin")).blocked());
  }

  @Test
  void anExplicitDenialWinsOverAnyAllow() {
    Policy p = policy("agentguard.tool.refund.allow.users=*,!mallory", "agentguard.tool.refund.allow.roles=finance");
    assertFalse(check(p, principal("carol", "acme", "finance")).blocked());
    assertTrue(check(p, principal("mallory", "acme", "finance")).blocked());
    Policy roleDenied = policy("agentguard.tool.refund.allow.roles=finance,!contractor");
    assertTrue(check(roleDenied, principal("erin", "acme", "finance", "contractor")).blocked(),
        "a denied role blocks even when another role is allowed");
  }

  @Test
  void aSectionWithoutListsAllowsAndNoSectionFollowsTheDefaultPolicy() {
    assertFalse(check(policy("agentguard.tool.refund.risk=high"), Principal.ANONYMOUS).blocked());
    assertFalse(check(policy(), Principal.ANONYMOUS).blocked(), "default-policy=allow");
    Decision d = check(policy("agentguard.default-policy=deny"), principal("carol", "acme", "finance"));
    assertTrue(d.blocked());
    assertEquals("PERMISSION_DENIED", d.reason());
    assertFalse(d.message().contains("default-policy"), "no policy internals in the message: " + d.message());
  }

  @Test
  void refusalNamesToolAndWhatToDoWithoutPolicyInternals() {
    Decision d = check(policy("agentguard.tool.refund.allow.roles=finance"), principal("bob", "acme", "support"));
    assertEquals("PERMISSION_DENIED", d.reason());
    assertTrue(d.message().contains("'refund'"), d.message());
    assertTrue(d.message().contains("Do not retry"), d.message());
    assertFalse(d.message().contains("finance"), "does not reveal which role would pass: " + d.message());
  }

  @Test
  void disabledToolsAreRefusedWithToolDisabled() {
    Policy p = policy("agentguard.tool.refund.enabled=false");
    Decision d = new ToolEnabledGuard().check(invocation(p, REFUND, Principal.ANONYMOUS, "p-1"));
    assertEquals("TOOL_DISABLED", d.reason());
    assertFalse(new ToolEnabledGuard().check(invocation(policy(), REFUND, Principal.ANONYMOUS, "p")).blocked());
  }
}

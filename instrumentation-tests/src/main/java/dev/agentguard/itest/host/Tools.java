package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;
import dev.agentguard.Redact;
import dev.agentguard.Risk;

/** Tools annotated on the class itself: instance, static, void, primitive, redacted. */
public class Tools {
  @AgentTool(value = "lookup", risk = Risk.LOW)
  public String lookup(String customerId) {
    return "customer:" + customerId;
  }

  @AgentTool("add")
  public static int add(int a, int b) {
    return a + b;
  }

  @AgentTool
  public void ping() {
    Host.COUNTER.incrementAndGet();
  }

  @AgentTool(value = "charge", risk = Risk.HIGH)
  public long charge(String account, @Redact String cardToken, long cents) {
    return cents;
  }

  @AgentTool("fail")
  public String fail(String why) {
    throw new IllegalStateException(why);
  }

  /** Not a tool: must run untouched. */
  public String helper(String s) {
    return s.toUpperCase();
  }
}

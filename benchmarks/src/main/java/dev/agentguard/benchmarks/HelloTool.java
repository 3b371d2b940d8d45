package dev.agentguard.benchmarks;

import dev.agentguard.AgentTool;

/** The start-up host: one tool, one call, exit. */
public final class HelloTool {
  private HelloTool() {}

  @AgentTool("hello")
  static String hello(String name) {
    return "hello " + name;
  }

  public static void main(String[] args) {
    System.out.println(hello("world"));
  }
}

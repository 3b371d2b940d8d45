package dev.agentguard.itest.host;

import dev.agentguard.AgentTool;

/** A generic tool interface: implementations get a compiler bridge method. */
public interface Handler<T> {
  @AgentTool("handle")
  String handle(T input);
}

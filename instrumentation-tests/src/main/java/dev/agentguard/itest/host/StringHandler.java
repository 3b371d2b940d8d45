package dev.agentguard.itest.host;

/** javac adds a bridge handle(Object) -> handle(String); the call must be recorded once. */
public class StringHandler implements Handler<String> {
  @Override
  public String handle(String input) {
    return "handled:" + input;
  }
}

package dev.agentguard.agent.cli;

/**
 * Input a command cannot use (a file it cannot read, bytes that are not UTF-8 text, a malformed row), with
 * a message in plain words that is printed as it is: no path repeated, no class name, no stack trace.
 */
final class BadInput extends Exception {
  BadInput(String message) {
    super(message, null, false, false); // the message is the whole story: no stack trace to fill in
  }
}

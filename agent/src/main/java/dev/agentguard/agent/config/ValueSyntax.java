package dev.agentguard.agent.config;

/** How one key's value is read: to a canonical value, or an {@link IllegalArgumentException} worded for the user. */
@FunctionalInterface
interface ValueSyntax {
  Object parse(String value);
}

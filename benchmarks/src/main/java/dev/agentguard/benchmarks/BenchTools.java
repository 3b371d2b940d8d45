package dev.agentguard.benchmarks;

import dev.agentguard.AgentTool;

/** The same body twice: once as a tool, once as plain code the agent leaves alone. */
public class BenchTools {
  @AgentTool("bench_add")
  public long guardedAdd(long a, long b) {
    return a + b;
  }

  public long plainAdd(long a, long b) {
    return a + b;
  }

  @AgentTool("bench_echo")
  public String guardedEcho(String text) {
    return text;
  }

  /** A list argument: each string is scanned, and the list as one text. */
  @AgentTool("bench_lines")
  public int guardedLines(java.util.List<String> lines) {
    return lines.size();
  }

  /** A record argument: each string field is scanned, and the fields as one text (a long one by its edges). */
  public record Mail(String to, String subject, String body) {}

  @AgentTool("bench_mail")
  public int guardedMail(Mail mail) {
    return mail.body().length();
  }

  /** The same tool as bench_echo with injection.input=flag (bench.properties): its scan runs on the audit writer. */
  @AgentTool("bench_echo_flagged")
  public String flaggedEcho(String text) {
    return text;
  }

  public String plainEcho(String text) {
    return text;
  }

  /** A result of the host's own type: the interceptor asks whether it is a publisher to follow. */
  public record Customer(long id, String tier) {}

  @AgentTool("bench_customer")
  public Customer guardedCustomer(long id) {
    return new Customer(id, "gold");
  }
}

package dev.agentguard.samples.supportdesk;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;

/**
 * Entry point of the support-desk demo: runs the scripted agent once, prints one aligned line per tool
 * call as the app saw it, then where AgentGuard writes its audit log. Knows nothing of the agent itself.
 */
public final class Main {
  private static final String DEFAULT_AUDIT_FILE = "./agentguard-audit.jsonl";

  private Main() {}

  public static void main(String[] args) {
    if (args.length > 0) {
      System.err.println("support-desk: takes no arguments, got '" + args[0]
          + "'; guard it with -javaagent:agent/target/agentguard-agent.jar -Dagentguard.config=FILE");
      System.exit(2);
    }
    try {
      String config = firstSet(System.getProperty("agentguard.config"), System.getenv("AGENTGUARD_CONFIG"));
      String reportDir = firstSet(System.getProperty("supportdesk.reports.dir"),
          Path.of(System.getProperty("java.io.tmpdir"), "support-desk-reports").toString());
      run(System.out, Path.of(reportDir), config, agentAttached(), auditFile(config));
    } catch (RuntimeException e) {
      System.err.println("support-desk: " + e);
      System.exit(1);
    }
  }

  /** Runs the script and prints the report; returns the step results for tests. */
  static List<SupportAgent.StepResult> run(PrintStream out, Path reportDir, String config, boolean agentAttached,
      Path auditFile) {
    SupportDesk desk = SupportDesk.seeded(reportDir);
    SupportAgent agent = new SupportAgent(SupportAgent.standardScript(desk));
    out.println("support-desk demo: " + agent.script().size() + " tool calls, decisions as seen by the app");
    out.println(protection(config, agentAttached));
    out.println();
    List<SupportAgent.StepResult> results = agent.run(result -> out.println(result.line()));
    out.println();
    long refused = results.stream().filter(r -> r.outcome() == SupportAgent.Outcome.REFUSED).count();
    long failed = results.stream().filter(r -> r.outcome() == SupportAgent.Outcome.FAILED).count();
    out.println((results.size() - refused - failed) + " allowed, " + refused + " refused, " + failed + " failed");
    out.println("effects: " + desk.effects());
    out.println("audit log: " + auditFile + (agentAttached ? "" : " (written only with the agent attached)"));
    out.println("verify it: java -jar agent/target/agentguard-agent.jar audit verify " + auditFile);
    return results;
  }

  private static String protection(String config, boolean agentAttached) {
    if (agentAttached) {
      return "protection: AgentGuard agent attached, policy "
          + (config == null ? "none set (agent defaults)" : config);
    }
    return config == null
        ? "protection: none (no -javaagent): every call runs unguarded"
        : "protection: none (agentguard.config=" + config + " but no -javaagent): every call runs unguarded";
  }

  /** Whether this JVM was started with an AgentGuard {@code -javaagent}; the app may not load agent classes. */
  private static boolean agentAttached() {
    try {
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (arg.startsWith("-javaagent:") && arg.contains("agentguard")) {
          return true;
        }
      }
      return false;
    } catch (RuntimeException | LinkageError e) {
      return false; // a runtime without java.management: report no agent rather than fail the demo
    }
  }

  /**
   * Where the agent writes its audit log, by the agent's own precedence: system property, environment,
   * the policy file, the default. Resolved against the working directory, as the agent resolves it.
   */
  static Path auditFile(String config) {
    String file = firstSet(System.getProperty("agentguard.audit.file"), System.getenv("AGENTGUARD_AUDIT_FILE"));
    if (file == null && config != null) {
      file = fromPropertiesFile(Path.of(config), "agentguard.audit.file");
    }
    return Path.of(file == null ? DEFAULT_AUDIT_FILE : file).toAbsolutePath().normalize();
  }

  private static String fromPropertiesFile(Path file, String key) {
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(file)) {
      properties.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return null; // the agent reports a bad policy file itself; here it only costs the audit path
    }
    String value = properties.getProperty(key);
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String firstSet(String first, String second) {
    return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
  }
}

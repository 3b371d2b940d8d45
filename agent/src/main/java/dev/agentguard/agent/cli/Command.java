package dev.agentguard.agent.cli;

import java.io.PrintStream;
import java.util.List;

/** One sub-command of {@code java -jar agentguard-agent.jar COMMAND ...}; returns the process exit code. */
public interface Command {
  /**
   * @param args the arguments after the command word(s)
   * @return the exit code: 0 success, 1 a negative finding (for example a broken chain), 2 bad input
   */
  int run(List<String> args, PrintStream out, PrintStream err);
}

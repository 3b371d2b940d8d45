package dev.agentguard.agent.cli;

import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.ConfigSources;
import dev.agentguard.agent.config.Policy;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code check-config FILE} (SPEC §8): judges one properties file with the defaults and nothing else from
 * this shell, prints every error as {@code FILE:LINE: key: message} and exits 2 if there is any.
 */
public final class CheckConfigCommand implements Command {
  private static final String USAGE = "usage: java -jar agentguard-agent.jar check-config FILE";

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.size() != 1 || args.get(0).isBlank()) {
      err.println(USAGE);
      return 2;
    }
    String file = args.get(0);
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      out.println(file + ": agentguard.config: not a valid file path: " + e.getReason());
      return 2;
    }
    Policy policy = Policy.load(ConfigSources.fileOnly(path));
    if (policy.broken()) {
      for (ConfigError e : policy.errors()) {
        out.println(e);
      }
      return 2;
    }
    out.println("OK: " + file + " (" + policy.tools().size() + " tools)");
    return 0;
  }
}

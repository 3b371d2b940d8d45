package dev.agentguard.agent.cli;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** {@code java -jar agentguard-agent.jar COMMAND ...} (SPEC §8): picks the command, never dumps a stack trace. */
public final class Main {
  private static final Map<String, Supplier<Command>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("check-config", CheckConfigCommand::new);
    COMMANDS.put("audit", AuditCommand::new);
    COMMANDS.put("scan", ScanCommand::new);
    COMMANDS.put("eval", EvalCommand::new);
  }

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(Arrays.asList(args), System.out, System.err));
  }

  static int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("help")) {
      usage(args.isEmpty() ? err : out);
      return args.isEmpty() ? 2 : 0;
    }
    Supplier<Command> command = COMMANDS.get(args.get(0));
    if (command == null) {
      err.println("agentguard: unknown command '" + args.get(0) + "'");
      usage(err);
      return 2;
    }
    try {
      return command.get().run(args.subList(1, args.size()), out, err);
    } catch (RuntimeException | LinkageError | VirtualMachineError e) {
      // one line, never a stack trace: a class that failed to initialise, a stack or heap run out
      err.println("agentguard " + args.get(0) + ": " + e.getClass().getSimpleName()
          + (e.getMessage() == null ? "" : ": " + e.getMessage()));
      return 2;
    }
  }

  private static void usage(PrintStream s) {
    s.println("usage: java -jar agentguard-agent.jar COMMAND");
    s.println("  check-config [--classpath CP] FILE      report every error with its line; exit 2 if any");
    s.println("  audit verify FILE... [--hmac-key-file F] exit 0 if the chain holds, else 1 and the first bad seq");
    s.println("  audit query FILE... [--tool T] [--user U] [--outcome O] [--since TIME] [--until TIME]");
    s.println("  scan [--injection] [--jsonl] [--use input|output] [FILE|-]   findings as JSON");
    s.println("  eval DATASET.jsonl...                   detection quality on a labelled set");
    s.println("  scan and eval read UTF-8 text with no NUL byte, at most "
        + String.format(Locale.ROOT, "%,d", TextInput.MAX_TEXT_CHARS) + " characters a text");
  }
}

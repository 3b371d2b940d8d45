package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.config.InjectionThresholds;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.pipeline.Fixtures;
import dev.agentguard.agent.pipeline.Principal;
import dev.agentguard.agent.pipeline.ToolMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What reading a group of strings as one text buys and costs, through the input guard in {@code block} mode:
 * each attack of the input probe sets that the guard refuses whole is cut into parts of at most three words and
 * passed as a list (caught only if the joined list is refused), and each everyday text of those sets that passes
 * alone is passed in a list with another such text (a refusal is a false alarm the join made). And the output
 * guard in {@code block} mode on the development data's e-mails and tables as a tool returns them structured: an
 * e-mail as a record (subject, sender, date, content), a table as a list of rows, each a record of its cells.
 * A measure, not a test; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>java -cp agent/target/test-classes:agent/target/classes:CLASSPATH dev.agentguard.agent.guard.injection.JoinedGroups benchmarks/probes ../shared/datasets</pre>
 */
public final class JoinedGroups {
  private JoinedGroups() {}

  public static void main(String[] args) throws IOException {
    Path probes = Path.of(args.length > 0 ? args[0] : "benchmarks/probes");
    Path datasets = Path.of(args.length > 1 ? args[1] : "../shared/datasets");
    JsonMapper json = JsonMapper.builder().build();
    List<String> attacks = new ArrayList<>();
    List<String> everyday = new ArrayList<>();
    try (Stream<Path> files = Files.list(probes)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("probes-input")).sorted().toList()) {
        for (String line : Files.readAllLines(f)) {
          if (!line.isBlank()) {
            JsonNode n = json.readTree(line);
            (n.get("label").asInt() == 1 ? attacks : everyday).add(n.get("text").asString());
          }
        }
      }
    }
    InjectionInputGuard guard = new InjectionInputGuard("block",
        Detectors.of(List.of(), InjectionThresholds.NONE));
    Policy policy = Fixtures.policy();
    ToolMethod tool = Fixtures.tool("note", List.of("text"), Set.of());
    int whole = 0;
    int split = 0;
    for (String a : attacks) {
      if (refused(guard, policy, tool, a)) {
        whole++;
        split += refused(guard, policy, tool, threeWords(a)) ? 1 : 0;
      }
    }
    List<String> passing = everyday.stream().filter(t -> !refused(guard, policy, tool, t)).toList();
    int pairs = 0;
    for (int i = 0; i < passing.size(); i++) {
      String other = passing.get((int) ((i * 7L + 3) % passing.size()));
      pairs += refused(guard, policy, tool, List.of(passing.get(i), other)) ? 1 : 0;
    }
    System.out.printf(Locale.ROOT, "attacks refused whole %d of %d; cut into parts of three words, %d%n", whole,
        attacks.size(), split);
    System.out.printf(Locale.ROOT, "everyday texts passing alone %d of %d; refused in pairs, %d%n", passing.size(),
        everyday.size(), pairs);

    InjectionOutputGuard output = new InjectionOutputGuard("block", Detectors.of(List.of(), InjectionThresholds.NONE));
    ToolMethod reader = Fixtures.tool("read", List.of("id"), Set.of(), "Ljava/lang/Object;");
    int[][] counts = new int[4][3]; // e-mail benign, e-mail attack, table benign, table attack: {rows, text, structured}
    for (String line : Files.readAllLines(datasets.resolve("injection_indirect.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      JsonNode n = json.readTree(line);
      String task = n.path("meta").path("task").asString("");
      String text = n.get("text").asString();
      Object structured = "email".equals(task) ? email(text) : "table".equals(task) ? table(text) : null;
      if (structured == null) {
        continue;
      }
      int[] c = counts[("table".equals(task) ? 2 : 0) + n.get("label").asInt()];
      c[0]++;
      c[1] += withheld(output, reader, text) ? 1 : 0;
      c[2] += withheld(output, reader, structured) ? 1 : 0;
    }
    String[] names = {"everyday e-mails", "e-mails with an attack", "everyday tables", "tables with an attack"};
    for (int i = 0; i < names.length; i++) {
      System.out.printf(Locale.ROOT, "%-24s %3d: withheld as text %d, as records %d%n", names[i], counts[i][0],
          counts[i][1], counts[i][2]);
    }
  }

  private static boolean withheld(InjectionOutputGuard guard, ToolMethod tool, Object result) {
    return guard.check(Fixtures.invocation(Fixtures.policy(), tool, Principal.ANONYMOUS, "x"), result).blocked();
  }

  private static final String[] EMAIL_FIELDS = {"SUBJECT:", "EMAIL_FROM:", "RECEIVED DATE:", "CONTENT:"};

  /**
   * An e-mail of the data set ({@code SUBJECT: ...|EMAIL_FROM: ...|RECEIVED DATE: ...|CONTENT: ...}) as a record;
   * text before the subject (where some rows put the attack) is a {@code preamble} field.
   */
  static java.util.Map<String, String> email(String text) {
    java.util.Map<String, String> record = new java.util.LinkedHashMap<>();
    int from = text.indexOf(EMAIL_FIELDS[0]);
    if (from < 0) {
      return null;
    }
    if (!text.substring(0, from).isBlank()) {
      record.put("preamble", text.substring(0, from).trim());
    }
    for (int f = 0; f < EMAIL_FIELDS.length; f++) {
      int at = text.indexOf(EMAIL_FIELDS[f], from);
      if (at < 0) {
        return null;
      }
      int end = f + 1 < EMAIL_FIELDS.length ? text.indexOf("|" + EMAIL_FIELDS[f + 1], at) : text.length();
      if (end < 0) {
        return null;
      }
      record.put(EMAIL_FIELDS[f].substring(0, EMAIL_FIELDS[f].length() - 1).toLowerCase(Locale.ROOT).replace(' ', '_'),
          text.substring(at + EMAIL_FIELDS[f].length(), end).trim());
      from = end;
    }
    return record;
  }

  /**
   * A table of the data set (lines of {@code | cell | cell |}, the first its header) as a list of rows, each a
   * record of its cells by column name; any other line is a row of one {@code note}.
   */
  static List<java.util.Map<String, String>> table(String text) {
    List<java.util.Map<String, String>> rows = new ArrayList<>();
    List<String> header = null;
    for (String line : text.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (!line.trim().startsWith("|")) {
        rows.add(java.util.Map.of("note", line.trim()));
        continue;
      }
      List<String> cells = new ArrayList<>();
      for (String cell : line.trim().split("\\|")) {
        cells.add(cell.trim());
      }
      if (cells.isEmpty()) {
        continue;
      }
      cells.remove(0); // before the first bar
      if (header == null) {
        header = cells;
        continue;
      }
      java.util.Map<String, String> row = new java.util.LinkedHashMap<>();
      for (int i = 0; i < cells.size(); i++) {
        row.put(i < header.size() && !header.get(i).isEmpty() ? header.get(i) : "column" + i, cells.get(i));
      }
      rows.add(row);
    }
    return rows.isEmpty() ? null : rows;
  }

  private static boolean refused(InjectionInputGuard guard, Policy policy, ToolMethod tool, Object arg) {
    return guard.check(Fixtures.invocation(policy, tool, Principal.ANONYMOUS, arg)).blocked();
  }

  /** {@code text} cut into parts of at most three words. */
  static List<String> threeWords(String text) {
    String[] words = text.trim().split("\\s+");
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < words.length; i += 3) {
      parts.add(String.join(" ", java.util.Arrays.asList(words).subList(i, Math.min(words.length, i + 3))));
    }
    return parts;
  }
}

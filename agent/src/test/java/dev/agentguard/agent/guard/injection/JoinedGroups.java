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
 * alone is passed in a list with another such text (a refusal is a false alarm the join made). A measure, not a
 * test; from the repository root, after {@code mvn -q install -DskipTests}:
 *
 * <pre>java -cp agent/target/test-classes:agent/target/classes:CLASSPATH dev.agentguard.agent.guard.injection.JoinedGroups benchmarks/probes</pre>
 */
public final class JoinedGroups {
  private JoinedGroups() {}

  public static void main(String[] args) throws IOException {
    Path probes = Path.of(args.length > 0 ? args[0] : "benchmarks/probes");
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

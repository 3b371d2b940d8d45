package dev.agentguard.benchmarks;

import dev.agentguard.AgentContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every guarded-call benchmark shares: the tools, a caller the policy allows, and an audit directory
 * kept from filling the disk. JMH runs the inherited set-up and tear-down methods of a state class.
 */
public abstract class GuardedCallState {
  protected final BenchTools tools = new BenchTools();
  protected long a = 1;
  private AgentContext.Scope scope;

  @Setup(Level.Trial)
  public void open() {
    scope = AgentContext.builder().user("bench").roles("support").open();
  }

  @TearDown(Level.Trial)
  public void close() {
    scope.close();
  }

  /** Rotated audit files are complete and closed; the active one stays. */
  @TearDown(Level.Iteration)
  public void dropRotatedAuditFiles() throws IOException {
    deleteRotatedAuditFiles();
  }

  /** Deletes the benchmarks' rotated audit files (also for the plain-main measuring tools). */
  static void deleteRotatedAuditFiles() throws IOException {
    Path dir = Paths.get("benchmarks/target/bench-audit");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          if (f.getFileName().toString().matches("audit\\.jsonl\\.\\d+")) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
  }
}

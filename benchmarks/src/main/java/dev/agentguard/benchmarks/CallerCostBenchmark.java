package dev.agentguard.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the calling thread pays per guarded call when the audit writer keeps up: bursts of 1,000 calls
 * (well inside the audit queue), then a pause for the writer to drain before the next burst. The score is
 * the time of one burst; divide by 1,000 for the per-call figure. Compare with {@link ToolCallBenchmark},
 * whose tight loop outruns the writer and so measures the writer's throughput instead.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 200, batchSize = 1000)
@Measurement(iterations = 200, batchSize = 1000)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
    "-javaagent:agent/target/agentguard-agent.jar",
    "-Dagentguard.config=benchmarks/bench.properties"})
public class CallerCostBenchmark extends GuardedCallState {
  private final String[] varied = VariedTexts.allowed();
  private int next;

  /**
   * Let the writer drain the burst so the next burst starts clean: 1,000 records at ~10 us each, or ~50 us
   * with 1 KB texts, whose flag-mode scans the writer runs.
   */
  @TearDown(Level.Iteration)
  public void drain() throws InterruptedException {
    Thread.sleep(80);
  }

  @Benchmark
  public long bare() {
    return tools.plainAdd(a++, 2);
  }

  @Benchmark
  public long guarded() {
    return tools.guardedAdd(a++, 2);
  }

  @Benchmark
  public String bare1KB() {
    return tools.plainEcho(SampleTexts.EMAIL_1KB);
  }

  @Benchmark
  public String guarded1KB() {
    return tools.guardedEcho(SampleTexts.EMAIL_1KB);
  }

  /** As guarded1KB, with a different 1 KB text on every call ({@link VariedTexts#allowed}). */
  @Benchmark
  public String guardedVaried1KB() {
    String t = varied[next];
    next = (next + 1) % varied.length;
    return tools.guardedEcho(t);
  }

  /** injection.input=flag: the call runs whatever the scan finds, so the scan runs on the audit writer. */
  @Benchmark
  public String flagged1KB() {
    return tools.flaggedEcho(SampleTexts.EMAIL_1KB);
  }
}

package dev.agentguard.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A bare call vs the same call guarded by the real agent jar on the allowed path with the default
 * pipeline (enabled check, permissions, one audit record written off the calling thread).
 *
 * <p>{@code work} is the tool's own work in JMH CPU tokens. With {@code work=0} the loop produces calls
 * faster than one writer thread can hash and write records, so the bounded audit queue pushes back and
 * the figure is the writer's throughput; with real work per call the writer keeps up on the second core
 * and the difference to the bare call is what the caller pays. Run from the repository root.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
    "-javaagent:agent/target/agentguard-agent.jar",
    "-Dagentguard.config=benchmarks/bench.properties"})
public class ToolCallBenchmark extends GuardedCallState {
  @Param({"0", "500"})
  public long work;

  @Benchmark
  public long bare() {
    Blackhole.consumeCPU(work);
    return tools.plainAdd(a++, 2);
  }

  @Benchmark
  public long guarded() {
    Blackhole.consumeCPU(work);
    return tools.guardedAdd(a++, 2);
  }

  /** A 1 KB string argument and result: input scan and output scan on top of the default pipeline. */
  @Benchmark
  public String bare1KB() {
    Blackhole.consumeCPU(work);
    return tools.plainEcho(SampleTexts.EMAIL_1KB);
  }

  @Benchmark
  public String guarded1KB() {
    Blackhole.consumeCPU(work);
    return tools.guardedEcho(SampleTexts.EMAIL_1KB);
  }
}

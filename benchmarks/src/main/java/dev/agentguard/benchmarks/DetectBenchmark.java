package dev.agentguard.benchmarks;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The injection detector scanning typical 1 KB tool arguments on one thread: e-mail-like prose (as an
 * argument and as a tool result), a JSON document (full of the quotes and colons markers are made of), and
 * a different text on every call ({@link VariedTexts}; the fixed texts let the CPU learn them). The agent jar is on the
 * class path (mode off) so this measures exactly the shipped detector. MB/s = 1024 / (ns per op) * 1000.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
    "-javaagent:agent/target/agentguard-agent.jar", "-Dagentguard.mode=off"})
public class DetectBenchmark {
  private InjectionDetector detector;
  private final String text = SampleTexts.EMAIL_1KB;
  private final String json = SampleTexts.JSON_1KB;
  private String[] varied;
  private int next;

  @Setup
  public void load() {
    detector = InjectionDetector.defaults();
    varied = VariedTexts.load();
  }

  @Benchmark
  public Object scanInput1KB() {
    return detector.scan(text, Use.INPUT);
  }

  @Benchmark
  public Object scanOutput1KB() {
    return detector.scan(text, Use.OUTPUT);
  }

  @Benchmark
  public Object scanJsonInput1KB() {
    return detector.scan(json, Use.INPUT);
  }

  /** A different 1 KB text on every call ({@link VariedTexts}): what real, ever-changing arguments cost. */
  @Benchmark
  public Object scanVariedInput1KB() {
    String t = varied[next];
    next = (next + 1) % varied.length;
    return detector.scan(t, Use.INPUT);
  }
}

package dev.agentguard.benchmarks;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time per scan of the 1 KB {@link SampleTexts} and of {@link VariedTexts} (a different 1 KB text on
 * every scan), best of several rounds after a warm-up: a steadier measure than wall-clock time on a shared
 * machine. For comparing variants while tuning; the published figures come from the JMH benchmarks. From the repository root:
 *
 * <pre>java -cp agent/target/agentguard-agent.jar:benchmarks/target/benchmarks.jar dev.agentguard.benchmarks.DetectSpeed [ROUNDS]</pre>
 */
public final class DetectSpeed {
  private DetectSpeed() {}

  private static final int PER_ROUND = 2000;

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    InjectionDetector d = InjectionDetector.defaults();
    String[] names = {"email", "json", "jailbreak"};
    String[] texts = {SampleTexts.EMAIL_1KB, SampleTexts.JSON_1KB, SampleTexts.JAILBREAK_1KB};
    for (int w = 0; w < 20; w++) { // warm-up: C2 compiles the scan
      for (String t : texts) {
        for (int i = 0; i < PER_ROUND; i++) {
          d.scan(t, Use.INPUT);
        }
      }
    }
    for (int k = 0; k < texts.length; k++) {
      print(names[k], bestMicros(d, new String[] {texts[k]}, rounds));
    }
    // A different text on every scan: the fixed texts above let the CPU learn them, a best case.
    String[] varied = VariedTexts.load();
    for (String t : varied) {
      d.scan(t, Use.INPUT);
    }
    print("varied", bestMicros(d, varied, rounds));
  }

  /** CPU time per scan, best of {@code rounds} rounds of scans taking the texts in turn, as input and output. */
  private static double bestMicros(InjectionDetector d, String[] texts, int rounds) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long best = Long.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < PER_ROUND; i++) {
        d.scan(texts[i % texts.length], (i & 1) == 0 ? Use.INPUT : Use.OUTPUT);
      }
      best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
    }
    return best / 1000.0 / PER_ROUND;
  }

  private static void print(String name, double us) {
    System.out.printf("%-10s %7.2f us/scan  %6.1f MB/s%n", name, us, 1024 / us);
  }
}

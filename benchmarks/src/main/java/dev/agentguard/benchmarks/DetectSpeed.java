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

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    InjectionDetector d = InjectionDetector.defaults();
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    String[] names = {"email", "json", "jailbreak"};
    String[] texts = {SampleTexts.EMAIL_1KB, SampleTexts.JSON_1KB, SampleTexts.JAILBREAK_1KB};
    int perRound = 2000;
    for (int w = 0; w < 20; w++) { // warm-up: C2 compiles the scan
      for (String t : texts) {
        for (int i = 0; i < perRound; i++) {
          d.scan(t, Use.INPUT);
        }
      }
    }
    for (int k = 0; k < texts.length; k++) {
      long best = Long.MAX_VALUE;
      for (int r = 0; r < rounds; r++) {
        long t0 = mx.getCurrentThreadCpuTime();
        for (int i = 0; i < perRound; i++) {
          d.scan(texts[k], (i & 1) == 0 ? Use.INPUT : Use.OUTPUT);
        }
        best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
      }
      print(names[k], best / 1000.0 / perRound);
    }
    // A different text on every scan: the fixed texts above let the CPU learn them, a best case.
    String[] varied = VariedTexts.load();
    for (String t : varied) {
      d.scan(t, Use.INPUT);
    }
    long best = Long.MAX_VALUE;
    for (int r = 0; r < rounds; r++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int i = 0; i < perRound; i++) {
        d.scan(varied[i % varied.length], (i & 1) == 0 ? Use.INPUT : Use.OUTPUT);
      }
      best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
    }
    print("varied", best / 1000.0 / perRound);
  }

  private static void print(String name, double us) {
    System.out.printf("%-10s %7.2f us/scan  %6.1f MB/s%n", name, us, 1024 / us);
  }
}

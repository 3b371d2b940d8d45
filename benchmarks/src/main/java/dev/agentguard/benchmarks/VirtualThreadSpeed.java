package dev.agentguard.benchmarks;

import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import java.lang.reflect.Method;

/**
 * Wall-clock time per scan of the 1 KB e-mail when every scan runs on a new virtual thread, as in hosts that
 * start one per request or tool call, against the same scans on one platform thread and against the new
 * virtual thread alone; best of several rounds. Needs JDK 21+ (virtual threads are named by reflection, the
 * module is compiled for 17). From the repository root:
 *
 * <pre>/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -cp agent/target/agentguard-agent.jar:benchmarks/target/benchmarks.jar dev.agentguard.benchmarks.VirtualThreadSpeed [ROUNDS]</pre>
 */
public final class VirtualThreadSpeed {
  private static final int PER_ROUND = 5000;
  private static volatile Object sink;

  private VirtualThreadSpeed() {}

  private interface Body {
    void run() throws Exception;
  }

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
    Method ofVirtual;
    try {
      ofVirtual = Thread.class.getMethod("ofVirtual");
    } catch (NoSuchMethodException e) {
      System.err.println("virtual threads need JDK 21 or later");
      System.exit(2);
      return;
    }
    Object builder = ofVirtual.invoke(null);
    Method start = Class.forName("java.lang.Thread$Builder").getMethod("start", Runnable.class);
    InjectionDetector d = InjectionDetector.defaults();
    String text = SampleTexts.EMAIL_1KB;
    Body platform = () -> sink = d.scan(text, Use.INPUT);
    Body virtualScan = () -> ((Thread) start.invoke(builder, (Runnable) () -> sink = d.scan(text, Use.INPUT))).join();
    Body virtualAlone = () -> ((Thread) start.invoke(builder, (Runnable) () -> sink = text)).join();
    String[] names = {"scan on one platform thread", "scan on a new virtual thread", "new virtual thread alone"};
    Body[] bodies = {platform, virtualScan, virtualAlone};
    double[] best = {Double.MAX_VALUE, Double.MAX_VALUE, Double.MAX_VALUE};
    for (int r = 0; r < rounds + 3; r++) { // the first three rounds warm up
      for (int k = 0; k < bodies.length; k++) {
        long t0 = System.nanoTime();
        for (int i = 0; i < PER_ROUND; i++) {
          bodies[k].run();
        }
        double us = (System.nanoTime() - t0) / 1000.0 / PER_ROUND;
        if (r >= 3) {
          best[k] = Math.min(best[k], us);
        }
      }
    }
    for (int k = 0; k < bodies.length; k++) {
      System.out.printf("%-30s %6.1f us per call%n", names[k], best[k]);
    }
  }
}

package dev.agentguard.benchmarks;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Two builds of the detector in one JVM, each from its own agent jar and class loader, scanning the
 * {@link VariedTexts} in alternating rounds: CPU time per scan, lower quartile and median. On this shared VM
 * the speed of a whole JVM drifts by up to a factor of two between runs, so two builds are compared inside
 * one run, in turns; run it again with the jars swapped, since the JIT compiles the first-loaded copy a
 * little differently. From the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar dev.agentguard.benchmarks.DetectorAB OLD.jar NEW.jar [ROUNDS]</pre>
 */
public final class DetectorAB {
  private static final String DETECTOR = "dev.agentguard.agent.detect.InjectionDetector";

  private DetectorAB() {}

  /** One build: its detector and a handle on {@code scan(String, Use.INPUT)}. */
  private record Build(String name, Object detector, MethodHandle scan, Object input) {
    static Build load(String jar) throws ReflectiveOperationException, java.io.IOException {
      URLClassLoader loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL()}, null);
      Class<?> detector = loader.loadClass(DETECTOR);
      Class<?> use = loader.loadClass("dev.agentguard.agent.detect.Use");
      Class<?> detection = loader.loadClass("dev.agentguard.agent.detect.Detection");
      MethodHandle scan = MethodHandles.publicLookup()
          .findVirtual(detector, "scan", MethodType.methodType(detection, String.class, use));
      return new Build(jar, detector.getMethod("defaults").invoke(null), scan, use.getField("INPUT").get(null));
    }

    void scanAll(String[] texts) throws Throwable {
      for (String t : texts) {
        scan.invoke(detector, t, input);
      }
    }
  }

  public static void main(String[] args) throws Throwable {
    if (args.length < 2) {
      System.err.println("usage: DetectorAB OLD.jar NEW.jar [ROUNDS]");
      System.exit(2);
    }
    Build[] builds = {Build.load(args[0]), Build.load(args[1])};
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 80;
    String[] texts = VariedTexts.load();
    for (int w = 0; w < 10; w++) { // warm-up: C2 compiles both copies
      for (Build b : builds) {
        b.scanAll(texts);
      }
    }
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long[][] cpu = new long[2][rounds];
    for (int r = 0; r < rounds; r++) {
      for (int turn = 0; turn < 2; turn++) {
        int k = (r & 1) == 0 ? turn : 1 - turn; // alternate which build goes first
        long t0 = mx.getCurrentThreadCpuTime();
        builds[k].scanAll(texts);
        cpu[k][r] = mx.getCurrentThreadCpuTime() - t0;
      }
    }
    for (int k = 0; k < 2; k++) {
      long[] sorted = cpu[k].clone();
      Arrays.sort(sorted);
      System.out.printf("%-40s q1 %6.2f us/scan   median %6.2f us/scan%n", builds[k].name(),
          sorted[rounds / 4] / 1000.0 / texts.length, sorted[rounds / 2] / 1000.0 / texts.length);
    }
  }
}

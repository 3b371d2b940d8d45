package dev.agentguard.benchmarks;

import dev.agentguard.AgentContext;
import java.util.Arrays;
import java.util.concurrent.ThreadFactory;

/**
 * Wall time per guarded call when every call runs on a virtual thread of its own, as hosts that start one per
 * request do (each such thread registers its call stack with the agent once): rounds of 20,000 calls of
 * {@code bench_add}, a pause for the audit writer between rounds, the median of the last ten. Needs JDK 21+
 * (virtual threads are named by reflection; the benchmarks compile for 17). From the repository root:
 *
 * <pre>/usr/lib/jvm/temurin-25-jdk-amd64/bin/java -javaagent:agent/target/agentguard-agent.jar -Dagentguard.config=benchmarks/bench.properties -cp benchmarks/target/benchmarks.jar dev.agentguard.benchmarks.VirtualThreadCalls</pre>
 */
public final class VirtualThreadCalls {
  private static final int CALLS = 20_000;
  private static final int WARM_UP = 4;
  private static final int ROUNDS = 10;

  private VirtualThreadCalls() {}

  public static void main(String[] args) throws Exception {
    ThreadFactory virtual;
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      virtual = (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
    } catch (NoSuchMethodException e) {
      System.out.println("no virtual threads on this JDK (21+ needed)");
      return;
    }
    BenchTools tools = new BenchTools();
    double[] perCall = new double[ROUNDS];
    for (int round = 0; round < WARM_UP + ROUNDS; round++) {
      long t0 = System.nanoTime();
      Thread[] threads = new Thread[CALLS];
      for (int i = 0; i < CALLS; i++) {
        long n = i;
        threads[i] = virtual.newThread(() -> {
          try (AgentContext.Scope s = AgentContext.builder().user("bench").open()) {
            tools.guardedAdd(n, 1);
          }
        });
        threads[i].start();
      }
      for (Thread t : threads) {
        t.join();
      }
      long elapsed = System.nanoTime() - t0;
      if (round >= WARM_UP) {
        perCall[round - WARM_UP] = elapsed / 1000.0 / CALLS;
      }
      Thread.sleep(1500); // the writer drains the round's records
      GuardedCallState.deleteRotatedAuditFiles();
    }
    Arrays.sort(perCall);
    System.out.printf("median %.2f us per call on a virtual thread of its own (rounds %.2f to %.2f us)%n",
        (perCall[ROUNDS / 2 - 1] + perCall[ROUNDS / 2]) / 2, perCall[0], perCall[ROUNDS - 1]);
  }
}

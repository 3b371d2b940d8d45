package dev.agentguard.benchmarks;

import dev.agentguard.AgentContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * CPU time of the calling thread per guarded call with 1 KB of text, best burst of 1,000 calls after each
 * pause for the audit writer: the caller's own cost, which {@link CallerCostBenchmark}'s wall-clock mean mixes
 * with the writer thread competing for the same cores. Cases: the same text every call (block mode), a
 * different one every call ({@link VariedTexts#allowed}, block mode), different ones in flag mode, and
 * different ones cut into a list of four strings ({@link VariedTexts#allowedLists}, block mode: each part and
 * the list as one text are scanned), and an e-mail record whose body is a different text every call
 * ({@code variedMail}: the three fields, and the fields as one text with the body's edges, are scanned); and,
 * first, a call with no text at all ({@code long add(long, long)}) and one that returns a record of the
 * host's own type with no text argument ({@code hostRecord}). From
 * the repository root:
 *
 * <pre>java -javaagent:agent/target/agentguard-agent.jar -Dagentguard.config=benchmarks/bench.properties -cp benchmarks/target/benchmarks.jar dev.agentguard.benchmarks.CallerSpeed [BURSTS]</pre>
 */
public final class CallerSpeed {
  private static final int CALLS = 1000;
  private static final long PAUSE_MS = 100; // the writer drains 1,000 records with two scans each

  private CallerSpeed() {}

  private interface Call {
    String run(int i);
  }

  public static void main(String[] args) throws InterruptedException, IOException {
    int bursts = args.length > 0 ? Integer.parseInt(args[0]) : 40;
    BenchTools tools = new BenchTools();
    String[] varied = VariedTexts.allowed();
    java.util.List<java.util.List<String>> lists = VariedTexts.allowedLists(4);
    java.util.List<BenchTools.Mail> mails = new java.util.ArrayList<>();
    for (String body : varied) {
      BenchTools.Mail mail = new BenchTools.Mail("dana.reyes@example.com", "Re: the notes from Tuesday", body);
      try {
        tools.guardedMail(mail);
        mails.add(mail);
      } catch (SecurityException refused) {
        // a body whose first lines read as an instruction next to the subject: not an allowed call
      }
    }
    String[] names = {"noText", "hostRecord", "same", "varied", "variedFlag", "variedList", "variedMail"};
    Call[] calls = {
      i -> tools.guardedAdd(i, 1) == 0 ? "" : null,
      i -> tools.guardedCustomer(i).id() == -1 ? "" : null,
      i -> tools.guardedEcho(SampleTexts.EMAIL_1KB),
      i -> tools.guardedEcho(varied[i % varied.length]),
      i -> tools.flaggedEcho(varied[i % varied.length]),
      i -> tools.guardedLines(lists.get(i % lists.size())) == 0 ? "" : null,
      i -> tools.guardedMail(mails.get(i % mails.size())) == 0 ? "" : null
    };
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    try (AgentContext.Scope s = AgentContext.builder().user("bench").roles("support").open()) {
      int next = 0;
      for (int round = 0; round < 2; round++) { // the first round is the warm-up
        for (int k = 0; k < calls.length; k++) {
          long best = Long.MAX_VALUE;
          for (int b = 0; b < bursts; b++) {
            long t0 = mx.getCurrentThreadCpuTime();
            for (int i = 0; i < CALLS; i++) {
              calls[k].run(next++);
            }
            best = Math.min(best, mx.getCurrentThreadCpuTime() - t0);
            Thread.sleep(PAUSE_MS);
          }
          GuardedCallState.deleteRotatedAuditFiles();
          if (round == 1) {
            System.out.printf("%-10s %7.2f us of caller CPU per call%n", names[k], best / 1000.0 / CALLS);
          }
        }
      }
    }
  }
}

package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.config.InjectionThresholds;
import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Signal;
import dev.agentguard.agent.detect.Use;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The injection detector for one policy, built on first use so JVM start-up does not pay for loading the
 * model; with a patterns file it is built at activation, so a bad pattern is a start-up error. The one
 * place that decides which thresholds a tool's scans use: the tool's, else the policy's, else the model's.
 */
public final class Detectors {
  private final List<String> extraPatterns;
  private final InjectionThresholds global;
  private volatile InjectionDetector detector;
  // One detector per distinct pair of configured thresholds: as many as the configuration names.
  private final Map<InjectionThresholds, InjectionDetector> withThresholds = new ConcurrentHashMap<>();

  private Detectors(List<String> extraPatterns, InjectionThresholds global, InjectionDetector eager) {
    this.extraPatterns = extraPatterns;
    this.global = global;
    this.detector = eager;
  }

  /**
   * @param global the policy's {@code injection.*-threshold} settings
   * @throws dev.agentguard.agent.detect.InvalidPatternsException naming the line of every bad extra pattern
   */
  public static Detectors of(List<String> extraPatterns, InjectionThresholds global) {
    if (extraPatterns.isEmpty()) {
      return new Detectors(List.of(), global, null);
    }
    return new Detectors(extraPatterns, global, InjectionDetector.defaults().withExtraPatterns(extraPatterns));
  }

  /**
   * The shortest string worth scanning: {@link ScanTexts#MIN_SCAN_LENGTH} chars, but every string when
   * there are extra patterns, since the operator's own patterns may be short ("rm -rf").
   */
  int minScanLength() {
    return extraPatterns.isEmpty() ? ScanTexts.MIN_SCAN_LENGTH : 1;
  }

  /** The detector for a tool's scans, given the tool's own thresholds ({@code null}: none set). */
  public InjectionDetector injection(InjectionThresholds tool) {
    InjectionDetector d = injection();
    InjectionThresholds t = tool == null || tool.isEmpty() ? global : tool.or(global);
    if (t.isEmpty()) {
      return d;
    }
    return withThresholds.computeIfAbsent(t, k -> d.withThresholds(
        k.input() != null ? k.input() : d.threshold(Use.INPUT),
        k.output() != null ? k.output() : d.threshold(Use.OUTPUT)));
  }

  /**
   * The one way a finding is written down for the audit record: where, and which signal families fired;
   * never the text itself.
   */
  static String finding(String prefix, String path, Detection d) {
    StringBuilder sb = new StringBuilder(prefix).append(':').append(path).append(':');
    int n = 0;
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (Signal s : d.signals()) {
      String name = s.family() + "/" + s.name();
      if (seen.add(name) && n++ < 5) {
        sb.append(n > 1 ? "," : "").append(name);
      }
    }
    return n == 0 ? sb.append("model").toString() : sb.toString();
  }

  /**
   * Loads the detector and runs one scan, so the classes of a scan are loaded and the first call (or the
   * audit writer's first flag-mode scan, on the JVM's way out) does not load them in its place.
   */
  public void warmUp() {
    injection().scan("Please summarise the attached report for the team.", Use.INPUT);
  }

  /** The detector with the model's thresholds. */
  InjectionDetector injection() {
    InjectionDetector d = detector;
    if (d == null) {
      synchronized (this) {
        d = detector;
        if (d == null) {
          d = extraPatterns.isEmpty() ? InjectionDetector.defaults()
              : InjectionDetector.defaults().withExtraPatterns(extraPatterns);
          detector = d;
        }
      }
    }
    return d;
  }
}

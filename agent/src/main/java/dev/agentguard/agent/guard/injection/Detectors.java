package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Signal;
import dev.agentguard.agent.detect.Use;
import java.util.List;

/**
 * The injection detector for one policy, built on first use so JVM start-up does not pay for loading the
 * model; with a patterns file it is built at activation, so a bad pattern is a start-up error.
 */
public final class Detectors {
  private final List<String> extraPatterns;
  private volatile InjectionDetector detector;

  private Detectors(List<String> extraPatterns, InjectionDetector eager) {
    this.extraPatterns = extraPatterns;
    this.detector = eager;
  }

  /** @throws IllegalArgumentException naming the line of a bad extra pattern */
  public static Detectors of(List<String> extraPatterns) {
    if (extraPatterns.isEmpty()) {
      return new Detectors(List.of(), null);
    }
    return new Detectors(extraPatterns, InjectionDetector.defaults().withExtraPatterns(extraPatterns));
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

  public InjectionDetector injection() {
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

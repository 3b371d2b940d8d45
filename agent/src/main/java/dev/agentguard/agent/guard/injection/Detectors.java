package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.detect.InjectionDetector;
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

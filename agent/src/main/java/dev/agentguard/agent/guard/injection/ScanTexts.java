package dev.agentguard.agent.guard.injection;

import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Use;
import dev.agentguard.agent.pipeline.ArgumentsJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The strings of one call worth scanning (arguments or a structured result), each with its path and the
 * {@link Use} it is scored as, in the order they were found. Collecting them first takes a snapshot: a scan
 * run later, on the audit writer, sees what was passed or returned even if the tool changes its objects
 * afterwards.
 */
final class ScanTexts {
  /**
   * Strings this short carry no instruction the detector could tell; scanning them costs more than it
   * finds. Extra patterns are scanned for in every string ({@link Detectors#minScanLength}).
   */
  static final int MIN_SCAN_LENGTH = 8;

  private final int minLength;

  // The lists exist only once there is a text: calls with numbers or flags only allocate nothing.
  private List<String> paths = List.of();
  private List<String> texts = List.of();
  private List<Use> uses = List.of();
  private long chars;
  private String unreadable;

  /** One finding: where and what the detector saw. */
  record Finding(String path, Detection detection) {}

  /** @param minLength the shortest string added ({@link Detectors#minScanLength}); shorter ones are left out */
  ScanTexts(int minLength) {
    this.minLength = minLength;
  }

  void add(String path, String text, Use use) {
    if (text.length() >= minLength) {
      if (texts.isEmpty()) {
        paths = new ArrayList<>(2);
        texts = new ArrayList<>(2);
        uses = new ArrayList<>(2);
      }
      paths.add(path);
      texts.add(text);
      uses.add(use);
      chars += text.length();
    }
  }

  /**
   * Adds every string inside {@code node}: values at any depth and object keys. A value that could not be
   * rendered ({@link ArgumentsJson#isUnreadable}) adds nothing, and {@link #unreadable} names its path.
   */
  void addAll(String path, JsonNode node, Use use) {
    addAll(path, node, use, false);
  }

  /** As {@link #addAll}, every string at {@code path} itself: a {@code @Redact} argument's keys are its value. */
  void addAllOpaque(String path, JsonNode node, Use use) {
    addAll(path, node, use, true);
  }

  private void addAll(String path, JsonNode node, Use use, boolean opaque) {
    if (ArgumentsJson.isUnreadable(node)) {
      if (unreadable == null) {
        unreadable = path;
      }
      return;
    }
    TextValues.walk(path, node, (p, text) -> {
      add(p, text, use);
      return true;
    }, opaque);
  }

  /** The path of the first value that could not be rendered, so was not scanned; null if every one was. */
  String unreadable() {
    return unreadable;
  }

  boolean isEmpty() {
    return texts.isEmpty();
  }

  /** All texts' length in chars: what a deferred scan holds on to. */
  long chars() {
    return chars;
  }

  /** {@link #first}'s finding as the audit record words it ({@code prefix:path:signals}), or null. */
  String firstFinding(InjectionDetector detector, String prefix) {
    Finding f = first(detector);
    return f == null ? null : Detectors.finding(prefix, f.path(), f.detection());
  }

  /** The first text the detector flags, each scanned as its use, or null. */
  Finding first(InjectionDetector detector) {
    for (int i = 0; i < texts.size(); i++) {
      Detection d = detector.scan(texts.get(i), uses.get(i));
      if (d.detected()) {
        return new Finding(paths.get(i), d);
      }
    }
    return null;
  }
}

package dev.agentguard.agent.detect;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The one reader of the detector's text resources: UTF-8, stripped, blank lines and {@code #} comments dropped. */
final class DataLines {
  /** A content line and its 1-based number in the file, for error messages. */
  record Line(int number, String text) {}

  private DataLines() {}

  static List<Line> read(InputStream in) throws IOException {
    List<Line> lines = new ArrayList<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line; (line = r.readLine()) != null; ) {
        number++;
        line = line.strip();
        if (!line.isEmpty() && !line.startsWith("#")) {
          lines.add(new Line(number, line));
        }
      }
    }
    return lines;
  }
}

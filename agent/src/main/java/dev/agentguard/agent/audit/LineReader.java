package dev.agentguard.agent.audit;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Reads a JSON-lines file as raw UTF-8 lines, and tells whether the last one ended with a newline: a line
 * without one is a torn write (a crash, or a cut), which {@code BufferedReader} would hide.
 */
final class LineReader implements Closeable {
  private final InputStream in;
  private final byte[] chunk = new byte[64 * 1024];
  private int chunkPos;
  private int chunkLen;
  private byte[] line = new byte[4096];
  private int lineLen;
  private boolean terminated;
  private long lineNumber;

  LineReader(Path file) throws IOException {
    in = Files.newInputStream(file);
  }

  /** Advances to the next line; false at the end of the file. */
  boolean next() throws IOException {
    lineLen = 0;
    while (true) {
      if (chunkPos == chunkLen) {
        chunkLen = in.read(chunk);
        chunkPos = 0;
        if (chunkLen <= 0) {
          chunkLen = 0;
          if (lineLen == 0) {
            return false;
          }
          terminated = false;
          lineNumber++;
          return true;
        }
      }
      int from = chunkPos;
      while (chunkPos < chunkLen && chunk[chunkPos] != '\n') {
        chunkPos++;
      }
      append(from, chunkPos);
      if (chunkPos < chunkLen) {
        chunkPos++; // the newline
        terminated = true;
        lineNumber++;
        return true;
      }
    }
  }

  private void append(int from, int to) {
    int n = to - from;
    if (lineLen + n > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLen + n));
    }
    System.arraycopy(chunk, from, line, lineLen, n);
    lineLen += n;
  }

  byte[] bytes() {
    return line;
  }

  int length() {
    return lineLen;
  }

  /** False only for a last line that has no newline. */
  boolean terminated() {
    return terminated;
  }

  /** 1-based number of the current line. */
  long lineNumber() {
    return lineNumber;
  }

  String text() {
    return new String(line, 0, lineLen, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}

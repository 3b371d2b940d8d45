package dev.agentguard.agent.audit;

import dev.agentguard.agent.json.StrictJson;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.Map;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The on-disk layout of one audit log. The active file is {@code <file>}; rotation renames it to
 * {@code <file>.N} with N one above the highest existing index, so {@code <file>.1} is the oldest and the chain
 * reads {@code <file>.1, <file>.2, ..., <file>}. The head sidecar is {@code <file>.head} (see {@link AuditHead}).
 */
final class AuditFiles {
  private static final int BLOCK = 64 * 1024;

  private AuditFiles() {}

  /** The rotated files of {@code active}, oldest first. */
  static List<Path> rotated(Path active) throws IOException {
    TreeMap<Long, Path> byIndex = new TreeMap<>();
    Path dir = active.toAbsolutePath().getParent();
    String prefix = active.getFileName() + ".";
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path p : files) {
        String name = p.getFileName().toString();
        if (name.startsWith(prefix) && name.length() > prefix.length() && name.length() - prefix.length() < 10
            && name.substring(prefix.length()).chars().allMatch(c -> c >= '0' && c <= '9')) {
          byIndex.put(Long.parseLong(name.substring(prefix.length())), active.resolveSibling(name));
        }
      }
    }
    return new ArrayList<>(byIndex.values());
  }

  /** Where the active file goes on its next rotation. */
  static Path nextRotated(Path active) throws IOException {
    List<Path> existing = rotated(active);
    long next = 1;
    if (!existing.isEmpty()) {
      String name = existing.get(existing.size() - 1).getFileName().toString();
      next = Long.parseLong(name.substring(name.lastIndexOf('.') + 1)) + 1;
    }
    return active.resolveSibling(active.getFileName() + "." + next);
  }

  /**
   * What a writer needs to continue a file's chain.
   *
   * @param firstSeq seq of the first line, 0 if the file has no readable first record
   * @param lastSeq seq of the last readable record, 0 if none
   * @param lastHash its hash, null if none
   * @param completeLength bytes up to and including the last newline
   * @param tornBytes bytes after the last newline (a torn write)
   * @param damaged the first or last complete line is not a record, so the file should not be appended to
   */
  record Tail(long firstSeq, long lastSeq, String lastHash, long completeLength, long tornBytes,
      boolean damaged) {}

  /** Reads a log file from its end, without reading the whole file. */
  static Tail readTail(Path file) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = ch.size();
      long lastNewline = lastNewlineBefore(ch, size);
      long complete = lastNewline + 1;
      if (complete == 0) {
        return new Tail(0, 0, null, 0, size, size > 0);
      }
      Map<String, Object> first = parseRecord(readRange(ch, 0, firstNewline(ch, complete)));
      long firstSeq = first == null ? 0 : (Long) first.get("seq");
      boolean damaged = first == null;
      long lineEnd = lastNewline;
      while (lineEnd >= 0) {
        long lineStart = lastNewlineBefore(ch, lineEnd) + 1;
        Map<String, Object> last = parseRecord(readRange(ch, lineStart, lineEnd));
        if (last != null) {
          return new Tail(firstSeq, (Long) last.get("seq"), (String) last.get("hash"), complete,
              size - complete, damaged);
        }
        damaged = true; // a non-record among the last lines: do not append after it
        lineEnd = lineStart - 1;
      }
      return new Tail(firstSeq, 0, null, complete, size - complete, true);
    }
  }

  /** The top-level members of a line if it is an audit record with a seq and a hash, else null. */
  static Map<String, Object> parseRecord(byte[] line) {
    try {
      Map<String, Object> n = StrictJson.scalars(line, 0, line.length);
      Object seq = n.get("seq");
      Object hash = n.get("hash");
      if (seq instanceof Long s && s > 0 && hash instanceof String h && ChainHash.isHash(h)) {
        return n;
      }
    } catch (JacksonException e) {
      // not a record
    }
    return null;
  }

  private static long lastNewlineBefore(FileChannel ch, long end) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    long pos = end;
    while (pos > 0) {
      long from = Math.max(0, pos - BLOCK);
      buf.clear().limit((int) (pos - from));
      readFully(ch, buf, from);
      for (int i = (int) (pos - from) - 1; i >= 0; i--) {
        if (buf.get(i) == '\n') {
          return from + i;
        }
      }
      pos = from;
    }
    return -1;
  }

  private static long firstNewline(FileChannel ch, long limit) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(BLOCK);
    long pos = 0;
    while (pos < limit) {
      buf.clear().limit((int) Math.min(BLOCK, limit - pos));
      readFully(ch, buf, pos);
      for (int i = 0; i < buf.limit(); i++) {
        if (buf.get(i) == '\n') {
          return pos + i;
        }
      }
      pos += buf.limit();
    }
    return limit;
  }

  private static byte[] readRange(FileChannel ch, long from, long to) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate((int) (to - from));
    readFully(ch, buf, from);
    return buf.array();
  }

  private static void readFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
    long pos = position;
    while (buf.hasRemaining()) {
      int n = ch.read(buf, pos);
      if (n < 0) {
        throw new IOException("audit file shrank while being read");
      }
      pos += n;
    }
  }
}

package dev.agentguard.agent.cli;

import dev.agentguard.agent.config.IoReason;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * The text {@code scan} and {@code eval} are given, from a file or from standard input ({@code -}): the one
 * place that decides what counts as text and says in plain words why some input does not.
 *
 * <ul>
 *   <li>It is UTF-8. A byte that is not is an error naming its line and byte offset, never a silent U+FFFD,
 *       which would scan a different text from the one the user has.
 *   <li>A leading byte-order mark is no part of it, so offsets count from the first character the user wrote.
 *   <li>A whole text ({@link #readText}) holds at most {@link #MAX_TEXT_CHARS} characters, the cap a JSON
 *       line's string has ({@link JsonLine}); one with a NUL byte is binary data, not text, the test
 *       {@code git} and {@code grep} use. Other control characters (escape sequences in a log) are text.
 *   <li>A line ({@link #nextLine}) ends at LF or CRLF and holds at most {@link #MAX_LINE_BYTES} bytes; a bad
 *       line is reported with its number and the next line is read, so JSON-lines output keeps one line per
 *       input line.
 * </ul>
 */
final class TextInput implements AutoCloseable {
  /** The most characters one text may have, whole or as a JSON line's string: refused beyond, not run out of memory. */
  static final int MAX_TEXT_CHARS = 100_000_000;
  /** Room for a text at the cap even if every character takes three UTF-8 bytes, with its other fields. */
  static final long MAX_LINE_BYTES = 4L * MAX_TEXT_CHARS;
  /** A UTF-16 character never takes more UTF-8 bytes than this: a longer file cannot be a text under the cap. */
  private static final int MAX_BYTES_PER_CHAR = 3;
  private static final char BOM = '\uFEFF';

  /** One line of the input: its number (from 1) and its text, or why it has none. */
  record Line(int number, String text, String error) {}

  private final String name;
  private final InputStream in;
  private final boolean closes; // a file is closed after reading; standard input is not this command's to close
  private final long size; // in bytes if known before reading (a regular file), else -1
  private final long maxLineBytes;
  private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
      .onMalformedInput(CodingErrorAction.REPORT)
      .onUnmappableCharacter(CodingErrorAction.REPORT);
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int limit;
  private long offset; // of buf[pos] in the input
  private int lineNo;
  private byte[] line = new byte[1024];

  private TextInput(String name, InputStream in, boolean closes, long size, long maxLineBytes) {
    this.name = name;
    this.in = in;
    this.closes = closes;
    this.size = size;
    this.maxLineBytes = maxLineBytes;
  }

  /** {@code file}, or {@code stdin} if it is null or {@code -}. */
  static TextInput open(String file, InputStream stdin) throws BadInput {
    return file == null || file.equals("-") ? of("standard input", stdin, MAX_LINE_BYTES) : file(file);
  }

  static TextInput file(String file) throws BadInput {
    try {
      Path path = Path.of(file);
      if (Files.isDirectory(path)) {
        throw new BadInput("cannot read " + file + ": it is a directory");
      }
      long size = Files.isRegularFile(path) ? Files.size(path) : -1;
      return new TextInput(file, Files.newInputStream(path), true, size, MAX_LINE_BYTES);
    } catch (InvalidPathException e) {
      throw new BadInput("cannot read " + file + ": not a valid file path (" + e.getReason() + ")");
    } catch (IOException e) {
      throw new BadInput("cannot read " + file + ": " + IoReason.of(e));
    }
  }

  /** Standard input, or a test's stream: its size is not known before it is read, and it is left open. */
  static TextInput of(String name, InputStream in, long maxLineBytes) {
    return new TextInput(name, in, false, -1, maxLineBytes);
  }

  /** The whole input as one text (plain {@code scan}); an input is read either so or by lines, not both. */
  String readText() throws BadInput {
    if (size > (long) MAX_BYTES_PER_CHAR * MAX_TEXT_CHARS + MAX_BYTES_PER_CHAR) {
      // Refused before reading: it cannot be a text under the cap, and reading 2 GB into memory would fail anyway.
      throw tooLarge(" (" + String.format(Locale.ROOT, "%,d", size) + " bytes)");
    }
    decoder.reset();
    CharBuffer chars = CharBuffer.allocate(buf.length);
    StringBuilder text = new StringBuilder();
    int lines = 1; // the line of buf[0]
    int kept = 0; // bytes at the start of buf left over from the last read: part of one character
    while (true) {
      int n = read(buf, kept);
      ByteBuffer bytes = ByteBuffer.wrap(buf, 0, kept + Math.max(n, 0));
      CoderResult result = decoder.decode(bytes, chars, n < 0);
      int end = bytes.position(); // the first byte not decoded: a bad one, or part of a character read next
      refuseNul(lines, end); // first, if it comes before the bad byte: a binary file is rarely UTF-8 either
      if (result.isError()) {
        throw new BadInput(name + " is not UTF-8 text (" + at(lines, buf, end, offset) + ")");
      }
      lines += count(buf, end, (byte) '\n');
      offset += end;
      if (n < 0) {
        decoder.flush(chars);
      }
      text.append(chars.array(), 0, chars.position());
      chars.clear();
      int bom = text.length() > 0 && text.charAt(0) == BOM ? 1 : 0;
      if (text.length() - bom > MAX_TEXT_CHARS) {
        throw tooLarge(""); // stop here rather than read a stream without end into memory
      }
      if (n < 0) {
        return text.substring(bom);
      }
      kept = bytes.remaining();
      System.arraycopy(buf, end, buf, 0, kept);
    }
  }

  /** Refuses binary data: a NUL byte in {@code buf} before {@code end}, {@code buf[0]} being on line {@code lines}. */
  private void refuseNul(int lines, int end) throws BadInput {
    for (int i = 0; i < end; i++) {
      if (buf[i] == 0) {
        throw new BadInput(name + " is binary data, not text (a NUL byte at " + at(lines, buf, i, offset) + ")");
      }
    }
  }

  private BadInput tooLarge(String size) {
    return new BadInput(name + " is too large" + size + ": one text may have at most "
        + String.format(Locale.ROOT, "%,d", MAX_TEXT_CHARS) + " characters");
  }

  /** Reads into {@code b} after its first {@code from} bytes; -1 at the end of the input. */
  private int read(byte[] b, int from) throws BadInput {
    try {
      int n;
      do {
        n = in.read(b, from, b.length - from);
      } while (n == 0);
      return n;
    } catch (IOException e) {
      throw new BadInput("cannot read " + name + ": " + IoReason.of(e));
    }
  }

  /** "line L, byte offset N" of {@code b[i]}, {@code b[0]} being on line {@code lines} at {@code start}. */
  private static String at(int lines, byte[] b, int i, long start) {
    return "line " + (lines + count(b, i, (byte) '\n')) + ", byte offset " + (start + i);
  }

  private static int count(byte[] b, int end, byte what) {
    int n = 0;
    for (int i = 0; i < end; i++) {
      if (b[i] == what) {
        n++;
      }
    }
    return n;
  }

  /** The next line, or null after the last. A final line break ends the last line; it starts no empty one. */
  Line nextLine() throws BadInput {
    long start = offset;
    long length = 0; // of the line, in bytes, even past the cap
    boolean ended = false;
    while (!ended) {
      if (pos == limit) {
        int n = read(buf, 0);
        if (n < 0) {
          break;
        }
        pos = 0;
        limit = n;
      }
      int end = pos;
      while (end < limit && buf[end] != '\n') {
        end++;
      }
      keep(length, end - pos);
      length += end - pos;
      ended = end < limit;
      offset += end - pos + (ended ? 1 : 0);
      pos = ended ? end + 1 : end;
    }
    if (!ended && (length == 0 || start == 0 && isBom(line, length))) {
      return null; // the end; a byte-order mark alone is no line either, it is no part of the text
    }
    lineNo++;
    if (length > maxLineBytes) {
      return new Line(lineNo, null, "longer than " + String.format(Locale.ROOT, "%,d", maxLineBytes) + " bytes");
    }
    int n = (int) length;
    if (n > 0 && line[n - 1] == '\r') {
      n--; // CRLF
    }
    CharBuffer chars = CharBuffer.allocate(n);
    ByteBuffer bytes = ByteBuffer.wrap(line, 0, n);
    CoderResult result = decoder.reset().decode(bytes, chars, true);
    if (result.isError()) {
      return new Line(lineNo, null, "not UTF-8 text (byte offset " + (start + bytes.position()) + ")");
    }
    String text = chars.flip().toString();
    return new Line(lineNo, lineNo == 1 && text.startsWith(String.valueOf(BOM)) ? text.substring(1) : text, null);
  }

  private static boolean isBom(byte[] b, long length) {
    return length == 3 && b[0] == (byte) 0xEF && b[1] == (byte) 0xBB && b[2] == (byte) 0xBF;
  }

  /** Adds {@code n} bytes from {@code buf[pos]} to the line, which holds {@code length}; none past the cap. */
  private void keep(long length, int n) {
    long room = Math.min(n, maxLineBytes - length);
    if (room <= 0) {
      return; // the line is too long already: its bytes are read and dropped, only its length counts
    }
    int need = (int) (length + room);
    if (need > line.length) {
      line = Arrays.copyOf(line, (int) Math.min(Math.max(need, 2L * line.length), maxLineBytes));
    }
    System.arraycopy(buf, pos, line, (int) length, (int) room);
  }

  @Override
  public void close() {
    if (closes) {
      try {
        in.close();
      } catch (IOException ignored) {
        // input only: nothing was written that closing could lose
      }
    }
  }
}

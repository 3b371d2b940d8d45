package dev.agentguard.agent.config;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@code .properties} file with the line number of every key, which {@link java.util.Properties}
 * throws away. Follows the {@code Properties.load} grammar ({@code #}/{@code !} comments, {@code =}, {@code :}
 * or whitespace separators, backslash continuation, {@code \\uXXXX} and the usual escapes) and also trims
 * trailing whitespace from values. A key defined twice is an error naming both lines.
 */
final class PropertiesFile {
  private PropertiesFile() {}

  /** Reads {@code path} (UTF-8, falling back to ISO-8859-1 as resource bundles do). */
  static String read(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
  }

  /**
   * Parses {@code text}; entries come in file order, problems go to {@code errors}.
   *
   * @param source the file name used in entries and errors, as the operator wrote it
   */
  static List<ConfigEntry> parse(String text, String source, List<ConfigError> errors) {
    List<ConfigEntry> entries = new ArrayList<>();
    Map<String, Integer> firstLine = new HashMap<>();
    int pos = text.startsWith("\uFEFF") ? 1 : 0;
    int line = 0;
    int n = text.length();
    StringBuilder logical = new StringBuilder();
    while (pos < n) {
      line++;
      pos = skipBlanks(text, pos);
      if (pos >= n) {
        break;
      }
      char first = text.charAt(pos);
      if (first == '\r' || first == '\n') {
        pos = afterLineEnd(text, pos);
        continue;
      }
      if (first == '#' || first == '!') {
        pos = afterLineEnd(text, lineEnd(text, pos)); // comments never continue
        continue;
      }
      int keyLine = line;
      logical.setLength(0);
      while (true) {
        int end = lineEnd(text, pos);
        int backslashes = 0;
        while (end - backslashes - 1 >= pos && text.charAt(end - backslashes - 1) == '\\') {
          backslashes++;
        }
        if (backslashes % 2 == 1) {
          logical.append(text, pos, end - 1);
          pos = afterLineEnd(text, end);
          if (pos >= n) {
            break;
          }
          line++;
          pos = skipBlanks(text, pos); // leading blanks of a continuation line are dropped
        } else {
          logical.append(text, pos, end);
          pos = afterLineEnd(text, end);
          break;
        }
      }
      ConfigEntry entry = entry(logical, source, keyLine, errors);
      if (entry == null) {
        continue;
      }
      Integer earlier = firstLine.putIfAbsent(entry.key(), keyLine);
      if (earlier != null) {
        errors.add(entry.error("defined twice, on line " + earlier + " and again on line " + keyLine
            + "; keep one"));
      }
      entries.add(entry);
    }
    return entries;
  }

  /** Splits one logical line into key and value and unescapes both; null (with an error) if malformed. */
  private static ConfigEntry entry(CharSequence l, String source, int line, List<ConfigError> errors) {
    int n = l.length();
    int keyEnd = 0;
    boolean escaped = false;
    while (keyEnd < n) {
      char c = l.charAt(keyEnd);
      if (escaped) {
        escaped = false;
      } else if (c == '\\') {
        escaped = true;
      } else if (c == '=' || c == ':' || isBlank(c)) {
        break;
      }
      keyEnd++;
    }
    int valueStart = keyEnd;
    while (valueStart < n && isBlank(l.charAt(valueStart))) {
      valueStart++;
    }
    if (valueStart < n && (l.charAt(valueStart) == '=' || l.charAt(valueStart) == ':')) {
      valueStart++;
      while (valueStart < n && isBlank(l.charAt(valueStart))) {
        valueStart++;
      }
    }
    String key;
    String value;
    try {
      key = unescape(l, 0, keyEnd);
      value = unescape(l, valueStart, n);
    } catch (IllegalArgumentException e) {
      errors.add(new ConfigError(l.subSequence(0, keyEnd).toString(), source, line, e.getMessage()));
      return null;
    }
    if (key.isEmpty()) {
      errors.add(new ConfigError("(empty key)", source, line, "a line with a value but no key"));
      return null;
    }
    return new ConfigEntry(key, value, source, line);
  }

  /** Resolves escapes in {@code s[from, to)} and drops trailing whitespace that was not escaped. */
  private static String unescape(CharSequence s, int from, int to) {
    StringBuilder out = new StringBuilder(to - from);
    int keep = 0; // length of out up to the last character that is not unescaped trailing whitespace
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c != '\\') {
        out.append(c);
        if (!Character.isWhitespace(c)) {
          keep = out.length();
        }
        continue;
      }
      if (++i >= to) {
        break; // a lone backslash at the very end of the file: Properties drops it too
      }
      c = s.charAt(i);
      switch (c) {
        case 't':
          out.append('\t');
          break;
        case 'n':
          out.append('\n');
          break;
        case 'r':
          out.append('\r');
          break;
        case 'f':
          out.append('\f');
          break;
        case 'u':
          if (i + 4 >= to) {
            throw new IllegalArgumentException("malformed \\uXXXX escape: it needs four hex digits");
          }
          int code = 0;
          for (int k = 1; k <= 4; k++) {
            int digit = Character.digit(s.charAt(i + k), 16);
            if (digit < 0) {
              throw new IllegalArgumentException("malformed \\uXXXX escape: '" + s.subSequence(i - 1, i + 5)
                  + "' needs four hex digits");
            }
            code = code * 16 + digit;
          }
          out.append((char) code);
          i += 4;
          break;
        default:
          out.append(c);
      }
      keep = out.length();
    }
    out.setLength(keep);
    return out.toString();
  }

  private static boolean isBlank(char c) {
    return c == ' ' || c == '\t' || c == '\f';
  }

  private static int skipBlanks(String s, int pos) {
    while (pos < s.length() && isBlank(s.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private static int lineEnd(String s, int pos) {
    while (pos < s.length() && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
      pos++;
    }
    return pos;
  }

  private static int afterLineEnd(String s, int end) {
    if (end < s.length() && s.charAt(end) == '\r') {
      end++;
    }
    if (end < s.length() && s.charAt(end) == '\n') {
      end++;
    }
    return end;
  }
}

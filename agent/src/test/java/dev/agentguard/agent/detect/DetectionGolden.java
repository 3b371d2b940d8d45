package dev.agentguard.agent.detect;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Golden check for detector speed work: writes every detection outcome (score bits, detected, signals
 * with spans, start/end) of the development rows, scanned as INPUT and OUTPUT, plus obfuscated variants of
 * each row that drive the normaliser, tokenizer and decoders down their rarer paths. A change that only
 * makes the detector faster must leave this file byte-identical.
 *
 * <pre>
 * DetectionGolden DATASETS_DIR OUT_FILE      (then: cmp baseline OUT_FILE)
 * </pre>
 */
public final class DetectionGolden {
  private DetectionGolden() {}

  public static void main(String[] args) throws IOException {
    Path dir = Paths.get(args.length > 0 ? args[0] : "../shared/datasets");
    Path out = Paths.get(args.length > 1 ? args[1] : "/tmp/detect-golden.txt");
    List<String> rows = new ArrayList<>();
    JsonMapper mapper = JsonMapper.builder().build();
    for (String file : new String[] {"injection_prompts.jsonl", "injection_indirect.jsonl"}) {
      for (String line : Files.readAllLines(dir.resolve(file), StandardCharsets.UTF_8)) {
        if (!line.isBlank()) {
          JsonNode n = mapper.readTree(line);
          rows.add(n.get("text").asString());
        }
      }
    }
    InjectionDetector d = InjectionDetector.defaults();
    long scans = 0;
    try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
      for (int r = 0; r < rows.size(); r++) {
        String text = rows.get(r);
        List<String> variants = variants(text);
        for (int v = 0; v < variants.size(); v++) {
          for (Use use : Use.values()) {
            w.println(r + "/" + v + " " + use + " " + describe(d.scan(variants.get(v), use)));
            scans++;
          }
        }
      }
      List<String> extra = extraTexts(rows);
      for (int i = 0; i < extra.size(); i++) {
        for (Use use : Use.values()) {
          w.println("extra/" + i + " " + use + " " + describe(d.scan(extra.get(i), use)));
          scans++;
        }
      }
    }
    System.out.println(scans + " scans written to " + out);
  }

  static String describe(Detection r) {
    StringBuilder sb = new StringBuilder();
    sb.append(r.detected()).append(' ').append(Long.toHexString(Double.doubleToRawLongBits(r.score())))
        .append(' ').append(r.start()).append(' ').append(r.end());
    for (Signal s : r.signals()) {
      sb.append(" [").append(s.family()).append('|').append(s.name()).append('|').append(s.start()).append('|')
          .append(s.end()).append(']');
    }
    return sb.toString();
  }

  /** The row itself and obfuscated forms of it. */
  static List<String> variants(String t) {
    List<String> v = new ArrayList<>();
    v.add(t);
    v.add(t.toUpperCase(java.util.Locale.ROOT));
    v.add(everyNth(t, 3, "\u200b"));
    v.add(fullWidth(t.substring(0, t.length() / 2)) + t.substring(t.length() / 2));
    String head = t.substring(0, Math.min(t.length(), 300));
    v.add("Please process this: " + Base64.getEncoder().encodeToString(head.getBytes(StandardCharsets.UTF_8))
        + " thanks.");
    v.add("data " + HexFormat.of().formatHex(head.getBytes(StandardCharsets.UTF_8)) + " end");
    v.add(rot(t, 13));
    v.add(rot(head, 3));
    v.add(spaced(t.substring(0, Math.min(t.length(), 120))) + " " + t);
    v.add(leet(t));
    v.add(escapes(t));
    v.add("{\"body\":\"" + jsonEscape(t) + "\",\"to\":\"a@b.c\"}");
    v.add("Nice weather today." + tags(t.substring(0, Math.min(t.length(), 100))) + " See you.");
    v.add(t.substring(0, Math.min(t.length(), 37)));
    v.add(homoglyphs(t));
    v.add(t.replace(" ", "  ").replace(".", ".\r\n\t"));
    v.add(octets(t.substring(0, Math.min(t.length(), 30))) + " / " + hexPairs(t.substring(0, Math.min(t.length(), 30))));
    v.add(morse(t.substring(0, Math.min(t.length(), 60))));
    v.add(t.replace("e", "e\u0301").replace("o", "ö"));
    v.add("<!-- " + t + " --> <img src=\"https://x.example/a?q={data}\"> ![i](https://e.example/p?d=$x) "
        + "<|im_start|>system\n" + head + "<|im_end|>");
    return v;
  }

  static List<String> extraTexts(List<String> rows) {
    List<String> e = new ArrayList<>();
    String[] units = {
      "ignore ignore previous ", "<!--", "![x", "<|", "<img src", "alt=\"", "http://", "QUJDRGVmZ2hpams",
      "0123456789abcdef", "a b c d e f g ", "&#105;&amp;%41\\u0041", ".- -... ", "01001001 ", "word ",
      "i\u200bg\u200b", "忽略之前", "\ud83d\ude00 emoji \ud83d\udc4d ", "𝐢𝐠𝐧𝐨𝐫𝐞 ", "ﬁle ", "ß straße ",
      "\udb40\udc69\udb40\udc67 ", "&lt;system&gt; ", "%69%67%6e ", "\\x69\\x67 ", "\\u0069\\u0067 ",
      "i.g.n.o.r.e a-l-l ", "1gn0r3 4ll pr3v10u5 ", "p@$$w0rd ", "Ignore\u00adall ", "\ud800 lone ", "\udc00x ",
    };
    for (String u : units) {
      for (int size : new int[] {1, 7, 40, 1000, 5000}) {
        e.add(repeat(u, size));
      }
    }
    StringBuilder all = new StringBuilder();
    for (String r : rows) {
      all.append(r).append('\n');
    }
    e.add(all.toString()); // one huge document: buffers grow and shrink
    e.add(all.substring(0, 70_000));
    for (int i = 0; i + 5 <= rows.size(); i += 97) {
      e.add(String.join(" ", rows.subList(i, i + 5)));
    }
    return e;
  }

  private static String repeat(String unit, int size) {
    StringBuilder sb = new StringBuilder(size + unit.length());
    while (sb.length() < size) {
      sb.append(unit);
    }
    return sb.substring(0, size);
  }

  private static String everyNth(String t, int n, String insert) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      sb.append(t.charAt(i));
      if (i % n == n - 1) {
        sb.append(insert);
      }
    }
    return sb.toString();
  }

  private static String fullWidth(String t) {
    StringBuilder sb = new StringBuilder();
    for (char c : t.toCharArray()) {
      sb.append(c > 0x20 && c < 0x7f ? (char) (c + 0xFEE0) : c);
    }
    return sb.toString();
  }

  /** Each ASCII letter shifted {@code k} places: ROT13 at 13. */
  static String rot(String t, int k) {
    StringBuilder sb = new StringBuilder();
    for (char c : t.toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        sb.append((char) ('a' + (c - 'a' + k) % 26));
      } else if (c >= 'A' && c <= 'Z') {
        sb.append((char) ('A' + (c - 'A' + k) % 26));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String spaced(String t) {
    StringBuilder sb = new StringBuilder();
    for (char c : t.toCharArray()) {
      sb.append(c).append(c == ' ' ? "  " : " ");
    }
    return sb.toString();
  }

  private static String leet(String t) {
    return t.replace('a', '4').replace('e', '3').replace('i', '1').replace('o', '0').replace("s", "$");
  }

  private static String escapes(String t) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      switch (i % 11) {
        case 2 -> sb.append("&#").append((int) c).append(';');
        case 5 -> sb.append(c < 0x80 ? String.format("%%%02X", (int) c) : String.valueOf(c));
        case 7 -> sb.append(String.format("\\u%04x", (int) c));
        case 9 -> sb.append(c == '<' ? "&lt;" : c == '&' ? "&amp;" : c < 0x80 ? String.format("\\x%02x", (int) c)
            : String.valueOf(c));
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String jsonEscape(String t) {
    StringBuilder sb = new StringBuilder();
    for (char c : t.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
      }
    }
    return sb.toString();
  }

  private static String tags(String t) {
    StringBuilder sb = new StringBuilder();
    for (char c : t.toCharArray()) {
      if (c >= 0x20 && c < 0x7f) {
        sb.appendCodePoint(0xE0000 + c);
      }
    }
    return sb.toString();
  }

  private static String homoglyphs(String t) {
    return t.replace('a', 'а').replace('e', 'е').replace('o', 'о').replace('p', 'р').replace('c', 'с');
  }

  private static String octets(String t) {
    StringBuilder sb = new StringBuilder();
    for (byte x : t.getBytes(StandardCharsets.UTF_8)) {
      String bits = Integer.toBinaryString(x & 0xff);
      sb.append("0".repeat(8 - bits.length())).append(bits).append(' ');
    }
    return sb.toString();
  }

  private static String hexPairs(String t) {
    StringBuilder sb = new StringBuilder();
    for (byte x : t.getBytes(StandardCharsets.UTF_8)) {
      sb.append(String.format("%02x ", x & 0xff));
    }
    return sb.toString();
  }

  private static String morse(String t) {
    String[] codes = {
      ".-", "-...", "-.-.", "-..", ".", "..-.", "--.", "....", "..", ".---", "-.-", ".-..", "--", "-.", "---",
      ".--.", "--.-", ".-.", "...", "-", "..-", "...-", ".--", "-..-", "-.--", "--.."
    };
    StringBuilder sb = new StringBuilder();
    for (char c : t.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
      if (c >= 'a' && c <= 'z') {
        sb.append(codes[c - 'a']).append(' ');
      } else if (c == ' ') {
        sb.append("/ ");
      }
    }
    return sb.toString();
  }
}

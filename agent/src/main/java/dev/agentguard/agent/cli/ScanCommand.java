package dev.agentguard.agent.cli;

import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Signal;
import dev.agentguard.agent.detect.Use;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scan [--injection] [--pii] [--jsonl] [--use input|output] [FILE|-]}: runs the injection
 * detector over a text, or over each {"text": ...} line of a JSON-lines file, and prints the findings
 * as JSON (SPEC §8). Without {@code --use} each text is judged by its shape ({@link Use#guess}): one
 * with a code block, a table, mail header fields or HTML as a tool result, any other as a tool argument.
 */
public final class ScanCommand implements Command {
  static final String USAGE = "usage: scan [--injection] [--pii] [--jsonl] [--use input|output] [FILE|-]";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final InputStream stdin;
  private final InjectionDetector detector;

  public ScanCommand() {
    this(System.in, null);
  }

  /** For tests: reads "-" from {@code stdin}; a null detector means the shipped one. */
  ScanCommand(InputStream stdin, InjectionDetector detector) {
    this.stdin = stdin;
    this.detector = detector;
  }

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    boolean jsonl = false;
    Use use = null; // by the text's shape (Use.guess) unless --use says
    String file = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      switch (a) {
        case "--injection" -> { }
        case "--pii" -> {
          err.println("scan: --pii is not available in this build");
          return 2;
        }
        case "--jsonl" -> jsonl = true;
        case "--use" -> {
          if (i + 1 >= args.size()) {
            err.println("scan: --use needs a value: input or output");
            return 2;
          }
          String v = args.get(++i);
          if (v.equals("input")) {
            use = Use.INPUT;
          } else if (v.equals("output")) {
            use = Use.OUTPUT;
          } else {
            err.println("scan: --use must be input or output, not '" + v + "'");
            return 2;
          }
        }
        default -> {
          if (a.startsWith("--use=")) {
            return run(replace(args, i, a.substring(6)), out, err);
          }
          if (a.startsWith("-") && !a.equals("-")) {
            err.println("scan: unknown option " + a + "\n" + USAGE);
            return 2;
          }
          if (file != null) {
            err.println("scan: only one input file can be given\n" + USAGE);
            return 2;
          }
          file = a;
        }
      }
    }
    InjectionDetector d = detector != null ? detector : InjectionDetector.defaults();
    try (BufferedReader in = open(file)) {
      return jsonl ? scanLines(in, d, use, out) : scanWhole(in, d, use, out);
    } catch (NoSuchFileException e) {
      err.println("scan: cannot read " + file + ": no such file");
      return 2;
    } catch (IOException e) {
      err.println("scan: cannot read " + (file == null ? "standard input" : file) + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("scan: internal error: " + e);
      return 2;
    }
  }

  private static Use useFor(String text, Use chosen) {
    return chosen != null ? chosen : Use.guess(text);
  }

  private static List<String> replace(List<String> args, int i, String value) {
    List<String> copy = new java.util.ArrayList<>(args);
    copy.set(i, value);
    copy.add(i, "--use");
    return copy;
  }

  private BufferedReader open(String file) throws IOException {
    InputStream in = file == null || file.equals("-") ? stdin : Files.newInputStream(Path.of(file));
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
  }

  private static int scanWhole(BufferedReader in, InjectionDetector d, Use use, PrintStream out) throws IOException {
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    int n;
    while ((n = in.read(buf)) > 0) {
      sb.append(buf, 0, n);
    }
    ObjectNode root = JSON.createObjectNode();
    root.set("injection", toJson(d.scan(sb.toString(), useFor(sb.toString(), use)), true));
    out.println(JSON.writeValueAsString(root));
    return 0;
  }

  private static int scanLines(BufferedReader in, InjectionDetector d, Use use, PrintStream out) throws IOException {
    String line;
    int lineNo = 0;
    boolean bad = false;
    while ((line = in.readLine()) != null) {
      lineNo++;
      if (lineNo == 1 && line.startsWith(EvalCommand.BOM)) {
        line = line.substring(1); // a file saved "UTF-8 with BOM"
      }
      String error = null;
      String text = null;
      try {
        JsonNode node = JSON.readTree(line);
        if (node == null || !node.isObject()) {
          error = "not a JSON object";
        } else if (!node.path("text").isString()) {
          error = "no \"text\" string field";
        } else {
          text = node.get("text").asString();
        }
      } catch (JacksonException e) {
        error = "invalid JSON: " + e.getOriginalMessage();
      }
      ObjectNode result = JSON.createObjectNode();
      if (error != null) {
        bad = true;
        result.put("error", "line " + lineNo + ": " + error);
      } else {
        try {
          result.set("injection", toJson(d.scan(text, useFor(text, use)), true));
        } catch (RuntimeException e) {
          bad = true; // a detector bug must not end the run or print a stack trace
          result.put("error", "line " + lineNo + ": internal error: " + e);
        }
      }
      out.println(JSON.writeValueAsString(result));
    }
    return bad ? 2 : 0;
  }

  static ObjectNode toJson(Detection det, boolean withSpan) {
    ObjectNode o = JSON.createObjectNode();
    o.put("detected", det.detected());
    o.put("score", Math.round(det.score() * 10000) / 10000.0);
    ArrayNode signals = o.putArray("signals");
    for (Signal s : det.signals()) {
      ObjectNode so = signals.addObject();
      so.put("family", s.family());
      so.put("name", s.name());
      so.put("start", s.start());
      so.put("end", s.end());
    }
    if (withSpan) {
      o.put("start", det.start());
      o.put("end", det.end());
    }
    return o;
  }
}

package dev.agentguard.agent.cli;

import dev.agentguard.agent.detect.Detection;
import dev.agentguard.agent.detect.InjectionDetector;
import dev.agentguard.agent.detect.Signal;
import dev.agentguard.agent.detect.Use;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code scan [--injection] [--pii] [--jsonl] [--use input|output] [FILE|-]}: runs the injection
 * detector over a text, or over each {"text": ...} line of a JSON-lines file, and prints the findings
 * as JSON (SPEC §8). Without {@code --use} each text is judged by its shape ({@link Use#guess}): one
 * with a code block, a table, mail header fields or HTML as a tool result, any other as a tool argument.
 *
 * <p>The input must be UTF-8 text ({@link TextInput}): a whole text that is not, is binary (holds a NUL byte) or
 * holds more than {@link TextInput#MAX_TEXT_CHARS} characters is refused with one line and exit 2. With
 * {@code --jsonl} each bad line (not UTF-8, blank, not a JSON object with a "text" string) gets its own
 * {@code {"error":"line N: ..."}} line, so the output keeps one line per input line, and the exit code is 2.
 * Empty input is a text: plain mode scans it (nothing found), {@code --jsonl} prints no line for no line.
 */
public final class ScanCommand implements Command {
  static final String USAGE = "usage: scan [--injection] [--pii] [--jsonl] [--use input|output] [FILE|-]";
  /** Writes the findings; input lines are read by {@link JsonLine}. */
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
    try (TextInput in = TextInput.open(file, stdin)) {
      return jsonl ? scanLines(in, d, use, out) : scanWhole(in, d, use, out);
    } catch (BadInput e) {
      err.println("scan: " + e.getMessage());
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

  private static int scanWhole(TextInput in, InjectionDetector d, Use use, PrintStream out) throws BadInput {
    String text = in.readText();
    ObjectNode root = JSON.createObjectNode();
    root.set("injection", toJson(d.scan(text, useFor(text, use)), true));
    out.println(JSON.writeValueAsString(root));
    return 0;
  }

  private static int scanLines(TextInput in, InjectionDetector d, Use use, PrintStream out) throws BadInput {
    boolean bad = false;
    for (TextInput.Line line; (line = in.nextLine()) != null; ) {
      ObjectNode result = JSON.createObjectNode();
      try {
        String text = textOf(line);
        result.set("injection", toJson(d.scan(text, useFor(text, use)), true));
      } catch (BadInput e) {
        bad = true;
        result.put("error", "line " + line.number() + ": " + e.getMessage());
      } catch (RuntimeException e) {
        bad = true; // a detector bug must not end the run or print a stack trace
        result.put("error", "line " + line.number() + ": internal error: " + e);
      }
      out.println(JSON.writeValueAsString(result));
    }
    return bad ? 2 : 0;
  }

  /** The "text" of one input line. */
  private static String textOf(TextInput.Line line) throws BadInput {
    if (line.error() != null) {
      throw new BadInput(line.error());
    }
    JsonNode text = JsonLine.parse(line.text()).path("text");
    if (!text.isString()) {
      throw new BadInput("no \"text\" string field");
    }
    return text.asString();
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

package dev.agentguard.agent.cli;

import dev.agentguard.agent.audit.AuditConfig;
import dev.agentguard.agent.audit.AuditQuery;
import dev.agentguard.agent.audit.AuditVerifier;
import dev.agentguard.agent.audit.VerifyResult;
import dev.agentguard.agent.config.IoReason;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code audit verify FILE... [--hmac-key-file F]} and {@code audit query FILE... [filters]} (SPEC §8).
 * Exit codes: 0 intact / queried, 1 the chain is broken, 2 bad usage or an unreadable file.
 */
public final class AuditCommand implements Command {
  static final String USAGE = String.join("\n",
      "usage: audit verify FILE... [--hmac-key-file F]",
      "       audit query FILE... [--tool T] [--user U] [--outcome O] [--since TIME] [--until TIME]",
      "  Give rotated files oldest first: log.jsonl.1 log.jsonl.2 log.jsonl (one chain).",
      "  TIME is an ISO-8601 instant (2026-11-21T10:15:30Z) or a date (2026-11-21, UTC);",
      "  --since is inclusive, --until exclusive (a date means up to the end of that day).");
  private static final Set<String> VERIFY_OPTIONS = Set.of("--hmac-key-file");
  private static final Set<String> QUERY_OPTIONS = Set.of("--tool", "--user", "--outcome", "--since", "--until");

  /** Files and --name value options, or the one-line reason they could not be read. */
  private record Parsed(List<Path> files, Map<String, String> options, String error) {}

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
      (args.isEmpty() ? err : out).println(USAGE);
      return args.isEmpty() ? 2 : 0;
    }
    String sub = args.get(0);
    List<String> rest = args.subList(1, args.size());
    try {
      return switch (sub) {
        case "verify" -> verify(rest, out, err);
        case "query" -> query(rest, out, err);
        default -> usage(err, "unknown audit command '" + sub + "'");
      };
    } catch (UncheckedIOException e) {
      err.println("audit " + sub + ": " + e.getMessage());
      return 2;
    } catch (RuntimeException e) {
      err.println("audit " + sub + ": internal error: " + e);
      return 2;
    }
  }

  private int verify(List<String> args, PrintStream out, PrintStream err) {
    Parsed p = parse(args, VERIFY_OPTIONS);
    if (p.error() != null) {
      return usage(err, p.error());
    }
    String missing = unreadable(p.files());
    if (missing != null) {
      err.println("audit verify: " + missing);
      return 2;
    }
    byte[] key = null;
    String keyFile = p.options().get("--hmac-key-file");
    if (keyFile != null) {
      String cannot = "audit verify: cannot read the HMAC key file " + keyFile + ": ";
      try {
        key = AuditConfig.readHmacKey(Path.of(keyFile));
      } catch (InvalidPathException e) {
        err.println(cannot + "not a valid file path (" + e.getReason() + ")");
        return 2;
      } catch (IOException e) {
        err.println(cannot + IoReason.of(e));
        return 2;
      }
    }
    VerifyResult result = AuditVerifier.verify(p.files(), key);
    if (result.ok()) {
      out.println("OK: " + result.records() + " records, chain intact");
      return 0;
    }
    out.println(result.firstBadSeq() == null ? "FAILED: " + result.message()
        : "FAILED at seq " + result.firstBadSeq() + ": " + result.message());
    return 1;
  }

  private int query(List<String> args, PrintStream out, PrintStream err) {
    Parsed p = parse(args, QUERY_OPTIONS);
    if (p.error() != null) {
      return usage(err, p.error());
    }
    String missing = unreadable(p.files());
    if (missing != null) {
      err.println("audit query: " + missing);
      return 2;
    }
    Instant since;
    Instant until;
    try {
      since = time(p.options(), "--since", false);
      until = time(p.options(), "--until", true);
    } catch (IllegalArgumentException e) {
      return usage(err, e.getMessage());
    }
    AuditQuery query = new AuditQuery(p.options().get("--tool"), p.options().get("--user"),
        p.options().get("--outcome"), since, until);
    AuditQuery.Counts counts = query.run(p.files(), out::println);
    out.flush();
    if (counts.unreadable() > 0) {
      err.println("audit query: skipped " + counts.unreadable() + " lines that are not JSON objects");
    }
    return 0;
  }

  private static Instant time(Map<String, String> options, String name, boolean endOfDay) {
    String text = options.get(name);
    if (text == null) {
      return null;
    }
    try {
      return AuditQuery.parseTime(text, endOfDay);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": " + e.getMessage());
    }
  }

  /** Splits FILE arguments from {@code --name value} / {@code --name=value} options, anywhere in the list. */
  private static Parsed parse(List<String> args, Set<String> known) {
    List<Path> files = new ArrayList<>();
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (a.startsWith("--")) {
        int eq = a.indexOf('=');
        String name = eq < 0 ? a : a.substring(0, eq);
        if (!known.contains(name)) {
          return new Parsed(null, null, "unknown option " + name);
        }
        String value;
        if (eq >= 0) {
          value = a.substring(eq + 1);
        } else if (i + 1 < args.size()) {
          value = args.get(++i);
        } else {
          return new Parsed(null, null, name + " needs a value");
        }
        if (options.put(name, value) != null) {
          return new Parsed(null, null, name + " given twice");
        }
      } else {
        try {
          files.add(Path.of(a));
        } catch (InvalidPathException e) {
          return new Parsed(null, null, "not a file name: " + a);
        }
      }
    }
    if (files.isEmpty()) {
      return new Parsed(null, null, "no FILE given");
    }
    return new Parsed(files, options, null);
  }

  private static String unreadable(List<Path> files) {
    for (Path f : files) {
      if (!Files.exists(f)) {
        return "cannot read " + f + ": no such file";
      }
      if (!Files.isRegularFile(f)) {
        return "cannot read " + f + ": not a regular file";
      }
      if (!Files.isReadable(f)) {
        return "cannot read " + f + ": permission denied";
      }
    }
    return null;
  }

  private static int usage(PrintStream err, String problem) {
    err.println("audit: " + problem);
    err.println(USAGE);
    return 2;
  }
}

package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Schema validation and injection detection, wired into a real -javaagent JVM. */
class InputAndOutputGuardsTest {
  static final Path SCHEMA = HostRun.HOST_CLASSES.resolve("../../../config/schemas/send_email.json").normalize();

  static final String POLICY = String.join("\n",
      "agentguard.injection.input=block",
      "agentguard.tool.save_note.injection.input=flag",
      "agentguard.tool.read_email.injection.output=redact",
      "agentguard.tool.read_thread.injection.output=block",
      "agentguard.tool.fetch_page.injection.output=block",
      "agentguard.tool.list_mails.injection.output=redact",
      "agentguard.tool.read_lines.injection.output=redact",
      "agentguard.tool.read_row.injection.output=redact",
      "agentguard.tool.fetch_page_async.injection.output=redact",
      "agentguard.tool.forward_email.injection.documents=body",
      "agentguard.tool.draft_reply.injection.input-threshold=0.95",
      "agentguard.tool.send_email.schema=file:" + SCHEMA.toString().replace("\\", "/"));

  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void injectionAndSchemaGuards(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config(POLICY).run("inject.input", "inject.nested", "benign.input",
        "read.clean", "read.evil", "read.hijack", "thread.evil", "mail.bad", "mail", "forward.receipts", "forward.injected",
        "forward.other", "lookalike.default", "lookalike.raised", "inject.raised", "fetch.evil", "fetch.missing",
        "mails.redact", "async.clean", "async.evil", "async.missing", "iterator.arg", "stream.result", "cyclic.block",
        "cyclic.flag", "split.input", "split.benign", "split.result", "split.clean",
        "row.input", "row.benign", "row.result", "row.clean")
        .assertClean();

    // blocked input
    assertTrue(run.result("inject.input").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("inject.input"));
    assertTrue(run.result("inject.input").contains("`customerId`"), "names the argument: " + run.result("inject.input"));
    JsonNode blocked = run.audit("lookup").get(0);
    assertEquals("INJECTION_DETECTED", blocked.get("reason").asString());
    assertEquals("block", blocked.get("decision").asString());

    // flagged input, deep inside a map: allowed, marked in the record
    assertEquals("ok saved 2", run.result("inject.nested"));
    JsonNode flagged = run.audit("save_note").get(0);
    assertEquals("allow", flagged.get("decision").asString());
    assertTrue(flagged.get("wasSanitized").asBoolean());
    assertTrue(flagged.get("findings").get(0).asString().startsWith("injection:note.items[1]"),
        flagged.get("findings").toString());

    // an instruction split across the strings of a list is read as one, in arguments and in results
    String split = run.result("split.input");
    assertTrue(split.startsWith("blocked InputRejectedException INJECTION_DETECTED") && split.contains("`lines`"),
        split);
    assertEquals("ok posted 3 lines", run.result("split.benign"));
    String marker = "[removed: instruction in tool output]";
    assertEquals("ok Quarterly revenue grew 4% on the year. | " + String.join(" | ", Collections.nCopies(4,
        marker)) + " | Costs were flat.", run.result("split.result"));
    assertEquals("ok Quarterly revenue grew 4% on the year. | Costs were flat.", run.result("split.clean"));
    JsonNode redactedLines = run.audit("read_lines").get(0);
    assertTrue(redactedLines.get("wasSanitized").asBoolean(), redactedLines.toString());
    assertTrue(redactedLines.get("findings").get(0).asString().startsWith("injection-output:result:"),
        redactedLines.toString());

    // and across the fields of a record
    String row = run.result("row.input");
    assertTrue(row.startsWith("blocked InputRejectedException INJECTION_DETECTED") && row.contains("`row`"), row);
    assertEquals("ok added T-7", run.result("row.benign"));
    assertEquals("ok T-1042 | " + String.join(" | ", Collections.nCopies(3, marker)), run.result("row.result"));
    assertEquals("ok T-7 | Printer jam | Tray 2 jams on A4 paper. | Dana", run.result("row.clean"));

    // a benign near-miss passes
    assertTrue(run.result("benign.input").startsWith("ok customer:"), run.result("benign.input"));

    // a document parameter: benign receipts pass, an instruction inside them does not; other parameters
    // are still scored as messages, so the same receipts are refused there
    assertEquals("ok forwarded 435 chars to ops@example.com", run.result("forward.receipts"));
    String injected = run.result("forward.injected");
    assertTrue(injected.startsWith("blocked InputRejectedException INJECTION_DETECTED") && injected.contains("`body`"),
        injected);
    String other = run.result("forward.other");
    assertTrue(other.startsWith("blocked InputRejectedException INJECTION_DETECTED") && other.contains("`to`"), other);

    // a tool's own threshold: an everyday instruction refused at the model's threshold passes the tool
    // whose policy raised it, and an attack (scoring above it) is still refused there
    assertTrue(run.result("lookalike.default").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("lookalike.default"));
    assertEquals("ok drafted 62 chars", run.result("lookalike.raised"));
    assertTrue(run.result("inject.raised").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("inject.raised"));

    // redacted output: the instruction is gone, the rest of the e-mail is there
    assertEquals("ok Hi team, the invoice for March is attached. Kind regards, Dana", run.result("read.clean"));
    String redacted = run.result("read.evil");
    assertTrue(redacted.contains("[removed: instruction in tool output]"), redacted);
    assertFalse(redacted.contains("attacker@evil.example"), redacted);
    assertTrue(redacted.contains("invoice for March") && redacted.contains("Kind regards"), redacted);
    JsonNode evilRead = run.audit("read_email").get(1);
    assertTrue(evilRead.get("wasSanitized").asBoolean() && evilRead.get("inputsSanitized").asBoolean());
    // an order to use one of the agent's tools and keep it from the user, with no override words: redacted
    assertEquals("ok Hi team, the invoice for March is attached. [removed: instruction in tool output] Kind regards, "
        + "Dana", run.result("read.hijack"));
    List<String> hijackSignals = new java.util.ArrayList<>();
    run.audit("read_email").get(2).get("findings").forEach(f -> hijackSignals.add(f.asString()));
    assertTrue(hijackSignals.toString().contains("tool_order"), hijackSignals::toString);

    // blocked output of a structured result
    assertTrue(run.result("thread.evil").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("thread.evil"));

    // redact in a list of records: the instruction sentence in the one e-mail, in a copy; the rest as it was
    assertEquals("ok 2 mails | Hi team, the invoice for March is attached. Kind regards, Dana | Hi team, the invoice "
        + "for March is attached. [removed: instruction in tool output] Kind regards, Dana", run.result("mails.redact"));
    assertTrue(run.audit("list_mails").get(0).get("wasSanitized").asBoolean());

    // an error whose message quotes an instruction (a framework gives it to the model) is withheld; the
    // caller gets the refusal instead, and a plain error is thrown as it was
    assertTrue(run.result("fetch.evil").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("fetch.evil"));
    assertFalse(run.result("fetch.evil").contains("attacker"), run.result("fetch.evil"));
    assertEquals("error java.lang.IllegalStateException", run.result("fetch.missing"));
    List<JsonNode> fetches = run.audit("fetch_page");
    assertEquals(List.of("blocked", "failure"), fetches.stream().map(r -> r.get("outcome").asString()).toList());
    assertEquals("java.lang.IllegalStateException", fetches.get(0).get("errorCategory").asString());

    // a tool that returns a future: its value is guarded when it arrives, and recorded then
    assertEquals("ok Hi team, the invoice for March is attached. Kind regards, Dana", run.result("async.clean"));
    assertEquals("ok Hi team, the invoice for March is attached. [removed: instruction in tool output] Kind regards, "
        + "Dana", run.result("async.evil"));
    assertEquals("error java.lang.IllegalStateException", run.result("async.missing"));
    List<JsonNode> asyncFetches = run.audit("fetch_page_async");
    assertEquals(List.of("success", "success", "failure"),
        asyncFetches.stream().map(r -> r.get("outcome").asString()).toList());
    assertEquals(List.of(false, true, false),
        asyncFetches.stream().map(r -> r.get("wasSanitized").asBoolean()).toList());
    assertEquals("java.lang.String", asyncFetches.get(1).get("outputSummary").get("type").asString());
    assertEquals("java.lang.IllegalStateException", asyncFetches.get(2).get("errorCategory").asString());

    // what can be read only once reaches the tool, and the tool's caller, unread
    assertEquals("ok 3", run.result("iterator.arg"));
    assertEquals("ok Invoice for March | Lunch on Friday?", run.result("stream.result"));
    assertEquals(1, run.audit("count_lines").size());

    // an argument that refers to itself cannot be rendered, so nothing in it can be scanned: refused in block
    // mode, recorded as unscanned in flag mode; each call has its one record
    String cyclic = run.result("cyclic.block");
    assertTrue(cyclic.startsWith("blocked InputRejectedException SCHEMA_INVALID") && cyclic.contains("`items`")
        && cyclic.contains("refers to itself"), cyclic);
    assertEquals(1, run.audit("tag_items").size());
    assertEquals("ok saved 2", run.result("cyclic.flag"));
    List<JsonNode> notes = run.audit("save_note");
    assertEquals(2, notes.size());
    assertTrue(notes.stream().anyMatch(r -> r.get("findings").toString().contains("injection:note:unscanned")),
        notes.toString());
    assertEquals(1, run.audit("stream_subjects").size());

    // schema: which argument, what was expected, never the value or the schema
    String bad = run.result("mail.bad");
    assertTrue(bad.startsWith("blocked InputRejectedException SCHEMA_INVALID"), bad);
    assertTrue(bad.contains("`to` must be an e-mail address"), bad);
    assertFalse(bad.contains("not-an-email") || bad.contains("maxLength"), bad);
    assertEquals("ok sent:bob@example.com", run.result("mail"));
  }

  /**
   * The JVM stops (here by {@code System.exit}, as on Ctrl-C) while one tool call runs on another thread and
   * another's future is pending: each still gets its one record, saying the call did not finish, and the
   * chain verifies.
   */
  @ParameterizedTest
  @MethodSource("jvms")
  void callsStillRunningAtShutdownAreRecorded(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config("").run("exit.midcall").assertClean();
    for (String tool : List.of("watch_inbox", "fetch_later")) {
      List<JsonNode> records = run.audit(tool);
      assertEquals(1, records.size(), tool + ": " + records);
      assertEquals("allow", records.get(0).get("decision").asString());
      assertEquals("failure", records.get(0).get("outcome").asString());
      assertEquals("jvm_shutdown", records.get(0).get("errorCategory").asString());
    }
    String[] verify = HostRun.cli("audit", "verify", run.auditFile.toString());
    assertEquals("0", verify[0], verify[1]);
  }

  /**
   * A tool result of 8 million chars in a host with a 96 MB heap: scanned whole, the detector's scratch
   * memory alone (about 25 bytes a char) would run the host out of memory; scanned in pieces, the
   * instruction near the end is found and cut out at its place, and a clean archive passes unchanged.
   */
  @ParameterizedTest
  @MethodSource("jvms")
  void aHugeResultIsScannedInBoundedMemory(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).jvmArg("-Xmx96m")
        .config("agentguard.tool.read_archive.injection.output=redact")
        .run("archive.clean", "archive.evil").assertClean();
    // the clean archive unchanged; from the other, only the injected sentence cut out, at its place
    assertTrue(run.result("archive.clean").matches("ok \\d{7} chars, as expected: true"), run.result("archive.clean"));
    assertTrue(run.result("archive.evil").matches("ok \\d{7} chars, as expected: true"), run.result("archive.evil"));
    List<JsonNode> records = run.audit("read_archive");
    assertEquals(2, records.size());
    assertFalse(records.get(0).get("wasSanitized").asBoolean());
    assertTrue(records.get(1).get("wasSanitized").asBoolean());
  }

  /**
   * Tool calls each on a virtual thread of its own (JDK 21+), as hosts that run every request on one do:
   * the detector lends them scratch buffers from a pool instead of a thread-local per virtual thread, and
   * every verdict is still the thread's own.
   */
  @ParameterizedTest
  @MethodSource("jvms")
  void toolCallsOnVirtualThreadsAreScannedEachOnItsOwn(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir).config("agentguard.injection.input=block").run("virtual", "2000").assertClean();
    String result = run.result("virtual");
    if (Jvms.major(java) < 21) {
      assertEquals("ok unsupported", result);
    } else {
      assertEquals("ok 1000 passed, 1000 refused, 0 wrong", result);
      assertEquals(2000, run.audit("lookup").size());
    }
  }

  /**
   * What the files a policy names hold is part of the policy: a schema that does not parse, one that is no
   * JSON Schema and a bad extra pattern each make guarded tools fail closed, are announced with the key and
   * the properties file's line, and {@code check-config} reports the very same lines (and exits 2).
   */
  @ParameterizedTest
  @MethodSource("jvms")
  void aSchemaThatDoesNotParseIsAPolicyErrorNamingFileAndPosition(Path java, @TempDir Path dir) throws Exception {
    Path broken = dir.resolve("broken.json");
    Files.writeString(broken, "{\n  \"type\": \"object\",\n  \"properties\": {\n}");
    Path weird = Files.writeString(dir.resolve("weird.json"),
        "{\"type\":\"object\",\"properties\":{\"text\":{\"type\":\"nonsense\"}}}");
    Path patterns = Files.writeString(dir.resolve("patterns.txt"), "([\n");
    HostRun run = HostRun.on(java, dir.resolve("run"))
        .config(String.join("\n", "agentguard.tool.send_email.schema=file:" + broken.toString().replace("\\", "/"),
            "agentguard.tool.note.schema=file:" + weird.toString().replace("\\", "/"),
            "agentguard.injection.patterns-file=" + patterns.toString().replace("\\", "/")))
        .run("mail", "helper").assertClean();
    assertTrue(run.result("mail").startsWith("blocked ToolCallBlockedException POLICY_ERROR"), run.result("mail"));
    assertEquals("ok PLAIN", run.result("helper"));
    Path props = dir.resolve("run/agentguard.properties");
    List<String> announced = run.stderr.lines().filter(l -> l.startsWith("[agentguard]   "))
        .map(l -> l.substring("[agentguard]   ".length())).toList();
    assertEquals(3, announced.size(), run.stderr);
    assertTrue(announced.get(0).startsWith(props + ":1: agentguard.tool.send_email.schema: schema file:"
        + broken.toString().replace("\\", "/") + " is not valid JSON at line 4, column "), announced.get(0));
    assertTrue(announced.get(1).startsWith(props + ":2: agentguard.tool.note.schema: ")
        && announced.get(1).contains("/properties/text/type: \"nonsense\" is not a JSON Schema type"), announced.get(1));
    assertTrue(announced.get(2).startsWith(props + ":3: agentguard.injection.patterns-file: ")
        && announced.get(2).endsWith("line 1: invalid pattern '([': missing closing ]"), announced.get(2));

    String[] check = HostRun.cli("check-config", props.toString());
    assertEquals("2", check[0], check[1]);
    assertEquals(announced, check[1].lines().toList());
  }

  /**
   * What the model reads is what the guards see: results that are the host's own JSON trees (Jackson 2,
   * Gson) are scanned as the JSON they hold, and an argument object with private fields and no getters
   * (as LangChain4j binds one) is validated, scanned and recorded by its fields, named and left out as the
   * host's own Jackson annotations say ({@code @JsonProperty}, {@code @JsonIgnore}). Before, the trees were scanned as their Java structure (no text) and the
   * ticket was an empty object: the schema refused every ticket and no injection in one was seen.
   */
  /**
   * A reactive host's tools (real Reactor): a Mono's value and a Flux's values are checked on the Reactor
   * thread that produces them, before the subscriber sees them, and each call's one record is written when
   * its publisher ends.
   */
  @ParameterizedTest
  @MethodSource("jvms")
  void monoAndFluxResultsAreCheckedAsTheyArrive(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir)
        .hostLibraries(reactor.core.publisher.Mono.class, org.reactivestreams.Publisher.class)
        .config(String.join("\n",
            "agentguard.tool.fetch_page_reactive.injection.output=block",
            "agentguard.tool.search_mail_reactive.injection.output=redact",
            "agentguard.tool.stream_page_reactive.injection.output=redact"))
        .run("mono.clean", "mono.evil", "mono.missing", "flux.evil", "flux.split", "flux.words").assertClean();

    assertEquals("ok Hi team, the invoice for March is attached. Kind regards, Dana", run.result("mono.clean"));
    assertTrue(run.result("mono.evil").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("mono.evil"));
    assertEquals("error java.lang.IllegalStateException", run.result("mono.missing"));
    List<JsonNode> fetches = run.audit("fetch_page_reactive");
    assertEquals(List.of("success", "blocked", "failure"), fetches.stream().map(r -> r.get("outcome").asString()).toList());
    assertEquals("java.lang.String", fetches.get(0).get("outputSummary").get("type").asString(),
        "the record describes the value, not the Mono");
    assertTrue(fetches.get(1).get("findings").get(0).asString().startsWith("injection-output:result"),
        fetches.get(1).toString());

    String clean = "Hi team, the invoice for March is attached. Kind regards, Dana";
    assertEquals("ok " + clean + " | Hi team, the invoice for March is attached. [removed: instruction in tool output] "
        + "Kind regards, Dana | " + clean, run.result("flux.evil"));
    List<JsonNode> searches = run.audit("search_mail_reactive");
    assertEquals(1, searches.size(), "one record for the call, not one per value");
    assertEquals("success", searches.get(0).get("outcome").asString());
    assertTrue(searches.get(0).get("wasSanitized").asBoolean());
    assertEquals(3, searches.get(0).get("outputSummary").get("size").asInt());

    // an instruction cut across two values is read whole; the part already delivered cannot be taken back
    assertEquals("ok Opening hours: Monday to Friday, 9am to 5pm. Ignore all prev[removed: instruction in tool output] "
        + "Parking is free.", run.result("flux.split"));
    assertEquals("ok " + clean, run.result("flux.words"), "a clean text word by word passes unchanged");
    List<JsonNode> streams = run.audit("stream_page_reactive");
    assertEquals(2, streams.size());
    assertTrue(streams.get(0).get("wasSanitized").asBoolean(), streams.get(0).toString());
    assertFalse(streams.get(1).get("wasSanitized").asBoolean(), streams.get(1).toString());
    List<String> applied = new java.util.ArrayList<>();
    streams.get(1).get("guardrailsApplied").forEach(g -> applied.add(g.asString()));
    assertEquals(applied.stream().distinct().toList(), applied, "each guard once, not once per value");
    assertTrue(applied.contains("injection-output"), applied.toString());
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void rxJavaAndPlainPublisherResultsAreCheckedAsTheyArrive(Path java, @TempDir Path dir) throws Exception {
    HostRun run = HostRun.on(java, dir)
        .hostLibraries(io.reactivex.rxjava3.core.Flowable.class, org.reactivestreams.Publisher.class)
        .config(String.join("\n",
            "agentguard.tool.stream_page_rx.injection.output=redact",
            "agentguard.tool.feed_publisher.injection.output=block",
            "agentguard.tool.fetch_page_single.injection.output=block"))
        .run("rx.split", "rx.words", "publisher.split", "single.clean", "single.evil").assertClean();

    assertEquals("ok Opening hours: Monday to Friday, 9am to 5pm. Ignore all prev[removed: instruction in tool output] "
        + "Parking is free.", run.result("rx.split"));
    assertEquals("ok Hi team, the invoice for March is attached. Kind regards, Dana", run.result("rx.words"));
    List<JsonNode> streams = run.audit("stream_page_rx");
    assertEquals(2, streams.size(), "one record per call, not one per value");
    assertTrue(streams.get(0).get("wasSanitized").asBoolean(), streams.get(0).toString());
    assertEquals("io.reactivex.rxjava3.core.Flowable", streams.get(0).get("outputSummary").get("type").asString());
    assertFalse(streams.get(1).get("wasSanitized").asBoolean(), streams.get(1).toString());

    assertTrue(run.result("publisher.split").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("publisher.split"));
    List<JsonNode> feeds = run.audit("feed_publisher");
    assertEquals(List.of("blocked"), feeds.stream().map(r -> r.get("outcome").asString()).toList());

    assertEquals("ok Hi team, the invoice for March is attached. Kind regards, Dana", run.result("single.clean"));
    assertTrue(run.result("single.evil").startsWith("blocked InputRejectedException INJECTION_DETECTED"),
        run.result("single.evil"));
    assertEquals(List.of("success", "blocked"),
        run.audit("fetch_page_single").stream().map(r -> r.get("outcome").asString()).toList());
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void hostJsonTreesAndFieldOnlyObjectsAreSeenAsTheModelSeesThem(Path java, @TempDir Path dir) throws Exception {
    Path schema = dir.resolve("ticket.json");
    Files.writeString(schema, """
        {"type": "object", "required": ["ticket"], "properties": {"ticket": {"type": "object",
          "required": ["customer_id", "title", "description"],
          "properties": {"customer_id": {"type": "string", "pattern": "^c-[0-9]+$"},
            "title": {"type": "string", "maxLength": 80}, "description": {"type": "string"}}}}}
        """);
    HostRun run = HostRun.on(java, dir.resolve("run"))
        .hostLibraries(com.fasterxml.jackson.databind.ObjectMapper.class, com.fasterxml.jackson.core.JsonFactory.class,
            com.fasterxml.jackson.annotation.JsonIgnore.class, com.google.gson.JsonObject.class)
        .config(String.join("\n",
            "agentguard.injection.input=block",
            "agentguard.injection.output=block",
            "agentguard.tool.file_ticket.schema=file:" + schema.toString().replace("\\", "/")))
        .run("json.clean", "json.evil", "gson.clean", "gson.evil", "ticket.clean", "ticket.evil").assertClean();

    assertEquals("ok " + "Hi team, the invoice for March is attached. Kind regards, Dana".length(),
        run.result("json.clean"));
    assertEquals("ok " + "Hi team, the invoice for March is attached. Kind regards, Dana".length(),
        run.result("gson.clean"));
    for (String evil : List.of("json.evil", "gson.evil")) {
      assertTrue(run.result(evil).startsWith("blocked InputRejectedException INJECTION_DETECTED"), run.result(evil));
    }
    assertTrue(run.audit("read_mail_json").get(1).get("findings").get(0).asString()
        .startsWith("injection-output:result.content.body"), run.audit("read_mail_json").toString());
    assertTrue(run.audit("read_mail_gson").get(1).get("findings").get(0).asString()
        .startsWith("injection-output:result.body"), run.audit("read_mail_gson").toString());

    assertEquals("ok filed Ticket[Printer jam]", run.result("ticket.clean"));
    String refused = run.result("ticket.evil");
    assertTrue(refused.startsWith("blocked InputRejectedException INJECTION_DETECTED")
        && refused.contains("`ticket.description`"), refused);
    List<JsonNode> tickets = run.audit("file_ticket");
    JsonNode ticket = tickets.get(0).get("parameters").get("ticket");
    assertEquals("Printer jam", ticket.get("title").asString());
    assertEquals("c-42", ticket.get("customer_id").asString(), "named by the host's @JsonProperty: " + ticket);
    assertFalse(Files.readString(run.auditFile).contains("tok_live"), "an @JsonIgnore field stays out of the record");
  }
}

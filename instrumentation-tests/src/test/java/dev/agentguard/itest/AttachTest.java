package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/** Attached to a running JVM, the agent retransforms tool classes loaded before it came. */
class AttachTest {
  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void aClassLoadedBeforeAttachIsGuardedAfterwards(Path java, @TempDir Path dir) throws Exception {
    Path props = dir.resolve("agentguard.properties");
    HostRun run = HostRun.on(java, dir).withoutAgent()
        .jvmArg("-Djdk.attach.allowAttachSelf=true")
        .jvmArg("-Dagentguard.config=" + props)
        .config("agentguard.tool.late.allow.users=alice\n")
        .run("late", "attach", HostRun.AGENT_JAR.toString(), "late", "--user=bob", "late").assertClean();
    // before attach: plain call, no record; after: alice allowed, bob refused
    JsonNode[] records = run.audit("late").toArray(new JsonNode[0]);
    assertEquals(2, records.length, run.stdout + run.stderr);
    assertEquals("alice", records[0].get("userId").asString());
    assertEquals("allow", records[0].get("decision").asString());
    assertEquals("bob", records[1].get("userId").asString());
    assertEquals("PERMISSION_DENIED", records[1].get("reason").asString());
  }
}

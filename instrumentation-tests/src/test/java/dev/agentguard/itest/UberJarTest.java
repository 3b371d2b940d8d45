package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Repacked into an application's uber-jar, the agent says so and stays off; the host runs. */
class UberJarTest {
  @Test
  void anAgentInsideAnUberJarStaysOff(@TempDir Path dir) throws Exception {
    Path uber = dir.resolve("app-all.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Main-Class", "com.example.App");
    m.getMainAttributes().putValue("Premain-Class", "dev.agentguard.agent.AgentMain");
    try (JarFile agent = new JarFile(HostRun.AGENT_JAR.toFile());
        OutputStream out = Files.newOutputStream(uber);
        JarOutputStream jos = new JarOutputStream(out, m)) {
      for (Enumeration<JarEntry> e = agent.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (entry.isDirectory() || entry.getName().startsWith("META-INF/MANIFEST")) {
          continue;
        }
        jos.putNextEntry(new JarEntry(entry.getName()));
        jos.write(agent.getInputStream(entry).readAllBytes());
        jos.closeEntry();
      }
    }
    HostRun run = HostRun.on(Jvms.all().get(0), dir.resolve("run")).withoutAgent()
        .jvmArg("-javaagent:" + uber).config(RefusalsTest.POLICY).run("ping").assertClean();
    assertTrue(run.stderr.contains("uber-jar"), run.stderr);
    assertEquals("ok pinged", run.result("ping"), "unguarded: the disabled tool runs");
    assertFalse(Files.exists(run.auditFile));
  }
}

package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/** Every class in the shipped jar is ours or relocated under dev.agentguard.shaded. */
class AgentJarContentsTest {
  /**
   * Data files the JSON Schema validator looks up by these exact names (meta-schemas, message bundles,
   * Unicode tables). They hold no code, so they cannot clash with a host's classes.
   */
  private static final List<String> VALIDATOR_DATA = List.of("draft-0", "draft/", "jsv-messages", "ucd/",
      "THIRD-PARTY.txt", "leap_second_dates.csv");

  @Test
  void everyBundledClassIsRelocated() throws Exception {
    List<String> strays = new ArrayList<>();
    int shaded = 0;
    try (JarFile jar = new JarFile(HostRun.AGENT_JAR.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        String name = e.nextElement().getName();
        if (name.endsWith("/") || name.startsWith("META-INF/")) {
          continue;
        }
        if (name.startsWith("dev/agentguard/shaded/")) {
          shaded++;
        } else if (!name.startsWith("dev/agentguard/")
            && (name.endsWith(".class") || VALIDATOR_DATA.stream().noneMatch(name::startsWith))) {
          strays.add(name);
        }
        if (name.startsWith("META-INF/versions/")) {
          strays.add(name);
        }
      }
      assertEquals(List.of(), strays, "entries outside dev/agentguard/");
      assertTrue(shaded > 1000, "Byte Buddy and Jackson are bundled relocated, found " + shaded);
      Attributes main = jar.getManifest().getMainAttributes();
      assertEquals("dev.agentguard.agent.AgentMain", main.getValue("Premain-Class"));
      assertEquals("dev.agentguard.agent.AgentMain", main.getValue("Agent-Class"));
      assertEquals("dev.agentguard.agent.cli.Main", main.getValue("Main-Class"));
      assertEquals("true", main.getValue("Can-Retransform-Classes"));
    }
  }

  @Test
  void serviceFilesNameRelocatedClasses() throws Exception {
    try (JarFile jar = new JarFile(HostRun.AGENT_JAR.toFile())) {
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (entry.getName().startsWith("META-INF/services/") && !entry.isDirectory()) {
          assertTrue(entry.getName().startsWith("META-INF/services/dev.agentguard."), entry.getName());
          String body = new String(jar.getInputStream(entry).readAllBytes());
          for (String line : body.split("\n")) {
            String l = line.strip();
            assertTrue(l.isEmpty() || l.startsWith("#") || l.startsWith("dev.agentguard."), entry + ": " + l);
          }
        }
      }
    }
  }
}

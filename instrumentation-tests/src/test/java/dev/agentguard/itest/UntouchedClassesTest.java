package dev.agentguard.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Classes without tools, and lambdas, reach the JVM exactly as compiled; tool classes are rewritten. */
class UntouchedClassesTest {
  static Stream<Path> jvms() {
    return Jvms.all().stream();
  }

  @ParameterizedTest
  @MethodSource("jvms")
  void onlyToolClassesAreRewritten(Path java, @TempDir Path dir) throws Exception {
    Path checker = checkerJar(dir);
    HostRun run = HostRun.on(java, dir.resolve("run")).config(GuardedCallsTest.ALLOW_ALL).extraAgent(checker)
        .run("lookup", "mail", "bridge", "helper", "untouched", "legacy.status").assertClean();
    assertEquals("ok A B", run.result("untouched"));
    for (String same : new String[] {"Untouched", "Host", "Mailer", "Handler"}) {
      assertTrue(run.stdout.contains("BYTES dev.agentguard.itest.host." + same + " same"),
          same + " must be untouched:\n" + run.stdout);
    }
    for (String changed : new String[] {"Tools", "OutboxMailer", "StringHandler", "LegacyBilling"}) {
      assertTrue(run.stdout.contains("BYTES dev.agentguard.itest.host." + changed + " changed"),
          changed + " must be instrumented:\n" + run.stdout);
    }
  }

  static Path checkerJar(Path dir) throws Exception {
    Path jar = dir.resolve("bytecheck-agent.jar");
    Manifest m = new Manifest();
    m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    m.getMainAttributes().putValue("Premain-Class", ByteCheckAgent.class.getName());
    m.getMainAttributes().putValue("Can-Retransform-Classes", "true");
    Path classes = Paths.get(ByteCheckAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, m)) {
      try (Stream<Path> files = Files.list(classes.resolve("dev/agentguard/itest"))) {
        for (Path f : (Iterable<Path>) files::iterator) {
          String name = f.getFileName().toString();
          if (name.startsWith("ByteCheckAgent")) {
            jos.putNextEntry(new JarEntry("dev/agentguard/itest/" + name));
            jos.write(Files.readAllBytes(f));
            jos.closeEntry();
          }
        }
      }
    }
    return jar;
  }
}

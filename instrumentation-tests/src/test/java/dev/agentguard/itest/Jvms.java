package dev.agentguard.itest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The JVMs the instrumentation tests run hosts on: the one running the tests and one of each other
 * major version 17+ installed under /usr/lib/jvm (on this machine: Temurin 25).
 */
public final class Jvms {
  private Jvms() {}

  public static List<Path> all() {
    Map<Integer, Path> byMajor = new TreeMap<>();
    Path self = Paths.get(System.getProperty("java.home"));
    byMajor.put(Runtime.version().feature(), self.resolve("bin/java"));
    Path root = Paths.get("/usr/lib/jvm");
    if (Files.isDirectory(root)) {
      try (Stream<Path> dirs = Files.list(root)) {
        for (Path d : (Iterable<Path>) dirs.sorted()::iterator) {
          Integer major = majorOfJdk(d);
          Path java = d.resolve("bin/java");
          if (major != null && major >= 17 && Files.isExecutable(java) && !Files.isSymbolicLink(d)) {
            byMajor.putIfAbsent(major, java);
          }
        }
      } catch (IOException e) {
        // only the current JVM then
      }
    }
    return new ArrayList<>(byMajor.values());
  }

  /** The major version of the JVM whose launcher is {@code java} (a path from {@link #all}). */
  public static int major(Path java) {
    Integer major = majorOfJdk(java.toAbsolutePath().getParent().getParent());
    if (major == null) {
      throw new IllegalStateException("no release file beside " + java);
    }
    return major;
  }

  private static Integer majorOfJdk(Path jdk) {
    Path release = jdk.resolve("release");
    if (!Files.isRegularFile(release)) {
      return null;
    }
    try {
      for (String line : Files.readAllLines(release)) {
        if (line.startsWith("JAVA_VERSION=")) {
          String v = line.substring("JAVA_VERSION=".length()).replace("\"", "");
          String first = v.split("[._+-]")[0];
          return Integer.parseInt(first.equals("1") ? v.split("\\.")[1] : first);
        }
      }
    } catch (IOException | RuntimeException e) {
      return null;
    }
    return null;
  }
}

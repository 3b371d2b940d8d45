package dev.agentguard.agent;

import java.io.File;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.instrument.Instrumentation;
import java.net.URL;
import java.util.Enumeration;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;

/**
 * {@code premain}/{@code agentmain} only: check we are the real agent jar, put the public API and the
 * advice's dispatch class on the bootstrap class path, hand over to {@link AgentRuntime}. Catches
 * everything: the host starts whatever happens here.
 *
 * <p>This class must not touch {@code dev.agentguard.*} API classes before they are on the bootstrap path,
 * or the host and the agent would see two copies of them.
 */
public final class AgentMain {
  private AgentMain() {}

  public static void premain(String args, Instrumentation inst) {
    start(args, inst, false);
  }

  public static void agentmain(String args, Instrumentation inst) {
    start(args, inst, true);
  }

  private static void start(String args, Instrumentation inst, boolean attached) {
    try {
      File jar = agentJar();
      if (jar == null) {
        return;
      }
      appendBootstrapClasses(jar, inst, !attached || !apiAlreadyLoaded(inst));
      AgentRuntime.start(args, inst, attached);
    } catch (Throwable t) {
      System.err.println("[agentguard] could not start, the application runs unguarded: " + t);
    }
  }

  /** Our own jar, or null (after saying why) when our classes came from somewhere else, e.g. an uber-jar. */
  private static File agentJar() throws Exception {
    URL location = AgentMain.class.getProtectionDomain().getCodeSource().getLocation();
    File file = new File(location.toURI());
    if (file.isFile()) {
      try (JarFile jar = new JarFile(file)) {
        Attributes main = jar.getManifest() == null ? null : jar.getManifest().getMainAttributes();
        if (main != null && "true".equals(main.getValue("AgentGuard-Agent"))
            && AgentMain.class.getName().equals(main.getValue("Premain-Class"))) {
          return file;
        }
      }
    }
    System.err.println("[agentguard] the agent's classes were loaded from " + file + ", which is not "
        + "agentguard-agent.jar (is AgentGuard packed inside an application uber-jar?). AgentGuard stays off: "
        + "remove it from the application and use -javaagent:agentguard-agent.jar.");
    return null;
  }

  /**
   * Attached late to a host that already loaded {@code dev.agentguard.*} API classes from its own jar:
   * putting a second copy on the bootstrap path would split the exception hierarchy in two.
   */
  private static boolean apiAlreadyLoaded(Instrumentation inst) {
    for (Class<?> c : inst.getAllLoadedClasses()) {
      String n = c.getName();
      if (c.getClassLoader() != null && n.startsWith("dev.agentguard.")
          && n.indexOf('.', "dev.agentguard.".length()) < 0) {
        return true;
      }
    }
    return false;
  }

  /**
   * Copies the public API ({@code dev/agentguard/*.class}) and the dispatch classes into a small jar on
   * the bootstrap path, so host and agent share one copy whatever the host's class loaders look like.
   */
  private static void appendBootstrapClasses(File agentJar, Instrumentation inst, boolean withApi)
      throws Exception {
    // One extracted jar per agent build, reused by every JVM that starts with it: reading the agent jar's
    // thousands of entries on every start would cost about 0.1 s.
    String id = Long.toHexString(agentJar.length()) + "-" + Long.toHexString(agentJar.lastModified())
        + "-" + Integer.toHexString(agentJar.getCanonicalPath().hashCode()) + (withApi ? "" : "-noapi");
    File dir = new File(System.getProperty("java.io.tmpdir"), "agentguard-" + System.getProperty("user.name", "u"));
    File out = new File(dir, "bootstrap-" + id + ".jar");
    if (!out.isFile()) {
      if (!dir.isDirectory() && !dir.mkdirs() && !dir.isDirectory()) {
        throw new java.io.IOException("cannot create " + dir);
      }
      File tmp = File.createTempFile("bootstrap-", ".tmp", dir);
      writeBootstrapJar(agentJar, tmp, withApi);
      // Atomic: a JVM starting at the same moment sees the whole jar or none.
      java.nio.file.Files.move(tmp.toPath(), out.toPath(), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    inst.appendToBootstrapClassLoaderSearch(new JarFile(out));
  }

  private static void writeBootstrapJar(File agentJar, File out, boolean withApi) throws Exception {
    try (JarFile jar = new JarFile(agentJar);
        OutputStream fos = new FileOutputStream(out);
        JarOutputStream jos = new JarOutputStream(fos)) {
      byte[] buf = new byte[8192];
      for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
        JarEntry entry = e.nextElement();
        if (!isBootstrapEntry(entry.getName(), withApi)) {
          continue;
        }
        jos.putNextEntry(new JarEntry(entry.getName()));
        try (InputStream in = jar.getInputStream(entry)) {
          for (int n; (n = in.read(buf)) > 0; ) {
            jos.write(buf, 0, n);
          }
        }
        jos.closeEntry();
      }
    }
  }

  static boolean isBootstrapEntry(String name, boolean withApi) {
    if (!name.endsWith(".class")) {
      return false;
    }
    if (name.startsWith("dev/agentguard/agent/bootstrap/")) {
      return true;
    }
    return withApi && name.startsWith("dev/agentguard/") && name.indexOf('/', "dev/agentguard/".length()) < 0;
  }
}

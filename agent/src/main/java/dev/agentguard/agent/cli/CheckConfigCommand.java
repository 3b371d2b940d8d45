package dev.agentguard.agent.cli;

import dev.agentguard.agent.AgentRuntime;
import dev.agentguard.agent.config.ConfigError;
import dev.agentguard.agent.config.ConfigSources;
import dev.agentguard.agent.config.Policy;
import dev.agentguard.agent.config.ToolPolicy;
import dev.agentguard.agent.pipeline.ActivePolicy;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code check-config [--classpath CP] FILE} (SPEC §8): judges one properties file with the defaults and
 * nothing else from this shell, as the agent would at start-up: it loads the policy and activates it
 * ({@link AgentRuntime#activate}), so what the files it names hold (schemas, the patterns file) is checked
 * by the code the agent runs. Prints every error as {@code FILE:LINE: key: message} and exits 2 if there is
 * any. {@code classpath:} schemas are looked up in {@code --classpath}, the application's class path, and
 * nowhere else.
 */
public final class CheckConfigCommand implements Command {
  private static final String USAGE = "usage: java -jar agentguard-agent.jar check-config [--classpath CP] FILE";

  @Override
  public int run(List<String> args, PrintStream out, PrintStream err) {
    String file = null;
    String classPath = null;
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if ((a.equals("--classpath") || a.equals("-cp")) && i + 1 < args.size() && classPath == null) {
        classPath = args.get(++i);
      } else if (file == null && !a.isBlank() && !a.startsWith("-")) {
        file = a;
      } else {
        err.println(USAGE);
        return 2;
      }
    }
    if (file == null) {
      err.println(USAGE);
      return 2;
    }
    Path path;
    try {
      path = Path.of(file);
    } catch (InvalidPathException e) {
      out.println(file + ": agentguard.config: not a valid file path: " + e.getReason());
      return 2;
    }
    URL[] urls;
    try {
      urls = urls(classPath);
    } catch (MalformedURLException | InvalidPathException e) {
      err.println("check-config: --classpath " + classPath + ": not a class path: " + e.getMessage());
      return 2;
    }
    Policy policy = Policy.load(ConfigSources.fileOnly(path));
    List<ConfigError> errors = activate(policy, urls).errors();
    if (!errors.isEmpty()) {
      for (ConfigError e : errors) {
        out.println(e);
      }
      if (classPath == null && missesClasspathSchema(policy, errors)) {
        err.println("check-config: classpath: schemas are looked up in --classpath only; give it the "
            + "application's class path (jars and directories, separated by '" + File.pathSeparator + "')");
      }
      return 2;
    }
    out.println("OK: " + file + " (" + policy.tools().size() + " tools)");
    return 0;
  }

  /**
   * Activates the policy as the agent's start-up does, with {@code classpath:} resources resolved on the given
   * class path the way the agent resolves them on the application's (the thread's context class loader). The
   * parent is the platform loader: the agent jar's own resources are no schema of the application's.
   */
  private static ActivePolicy activate(Policy policy, URL[] classPath) {
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    URLClassLoader application = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader());
    try {
      thread.setContextClassLoader(application);
      return AgentRuntime.activate(policy);
    } finally {
      thread.setContextClassLoader(before);
      try {
        application.close();
      } catch (IOException ignored) {
        // the process ends right after; an open jar costs nothing then
      }
    }
  }

  private static URL[] urls(String classPath) throws MalformedURLException {
    List<URL> urls = new ArrayList<>();
    if (classPath != null) {
      for (String entry : classPath.split(File.pathSeparator)) {
        if (!entry.isBlank()) {
          urls.add(Path.of(entry).toUri().toURL());
        }
      }
    }
    return urls.toArray(new URL[0]);
  }

  /** True if an error is about a {@code classpath:} schema: without --classpath none is found. */
  private static boolean missesClasspathSchema(Policy policy, List<ConfigError> errors) {
    Set<String> keys = new HashSet<>();
    for (ToolPolicy t : policy.tools().values()) {
      if (t.schema() != null && t.schema().startsWith("classpath:")) {
        keys.add("agentguard.tool." + t.name() + ".schema");
      }
    }
    for (ConfigError e : errors) {
      if (keys.contains(e.key())) {
        return true;
      }
    }
    return false;
  }
}

package dev.agentguard.itest;

import java.io.InputStream;
import java.lang.instrument.ClassFileTransformer;
import java.lang.instrument.Instrumentation;
import java.security.ProtectionDomain;
import java.util.Arrays;

/**
 * A second agent, loaded after AgentGuard, that sees the bytes AgentGuard hands on and compares them with
 * the class file on disk: prints {@code BYTES name same|changed} for every test host class.
 */
public final class ByteCheckAgent {
  private ByteCheckAgent() {}

  public static void premain(String args, Instrumentation inst) {
    // Retransform-capable like AgentGuard's, so it runs after it in the chain.
    inst.addTransformer(new ClassFileTransformer() {
      @Override
      public byte[] transform(ClassLoader loader, String name, Class<?> redefined, ProtectionDomain pd,
          byte[] bytes) {
        if (name == null || !name.startsWith("dev/agentguard/itest/host/") || loader == null) {
          return null;
        }
        try (InputStream in = loader.getResourceAsStream(name + ".class")) {
          byte[] original = in == null ? null : in.readAllBytes();
          System.out.println("BYTES " + name.replace('/', '.') + " "
              + (Arrays.equals(original, bytes) ? "same" : "changed"));
        } catch (Exception e) {
          System.out.println("BYTES " + name + " error " + e);
        }
        return null;
      }
    }, true);
  }
}

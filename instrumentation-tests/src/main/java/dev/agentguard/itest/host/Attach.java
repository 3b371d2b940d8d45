package dev.agentguard.itest.host;

import com.sun.tools.attach.VirtualMachine;

/** Attaches the agent jar to this very JVM (needs -Djdk.attach.allowAttachSelf=true). */
final class Attach {
  private Attach() {}

  static void selfAttach(String agentJar) throws Exception {
    VirtualMachine vm = VirtualMachine.attach(String.valueOf(ProcessHandle.current().pid()));
    try {
      vm.loadAgent(agentJar);
    } finally {
      vm.detach();
    }
  }
}

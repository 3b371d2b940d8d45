package dev.agentguard.itest.host;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** No tools here: the class and its lambdas must reach the JVM byte-for-byte as compiled. */
public class Untouched {
  public String shout(List<String> words) {
    Function<String, String> upper = s -> s.toUpperCase();
    return words.stream().map(upper).collect(Collectors.joining(" "));
  }
}

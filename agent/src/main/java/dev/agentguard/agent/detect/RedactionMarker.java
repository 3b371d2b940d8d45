package dev.agentguard.agent.detect;

/**
 * The marker the output guard puts where it removed an instruction from a tool result. The detector reads
 * it as data: a redacted result that the model quotes or passes on to another tool must not be refused for
 * the words of the marker ("removed", "instruction", "tool output"), which are an attack's words to the
 * text model and to the rules. Only the marker's own chars are blanked; the text around it is scanned as
 * ever, so writing the marker into an attack hides nothing but the marker.
 */
public final class RedactionMarker {
  public static final String TEXT = "[removed: instruction in tool output]";

  /** The marker as the normalised view holds it (ASCII folded). */
  private static final char[] FOLDED = fold(TEXT);

  private RedactionMarker() {}

  private static char[] fold(String s) {
    char[] out = new char[s.length()];
    for (int i = 0; i < out.length; i++) {
      out[i] = CharFolding.foldAscii(s.charAt(i));
    }
    return out;
  }

  /**
   * Turns every marker in the normalised view into spaces. The caller's text is searched first, for its
   * '[' (a vectorised intrinsic in the JVM, several times faster than searching for the whole marker), so a
   * text without a marker, almost every text, costs one fast pass.
   */
  static void blank(String text, ScanBuffer b) {
    if (!in(text)) {
      return;
    }
    char[] s = b.norm;
    int last = b.normLength - FOLDED.length;
    for (int i = 0; i <= last; i++) {
      if (s[i] == '[' && at(s, i)) {
        java.util.Arrays.fill(s, i, i + FOLDED.length, ' ');
        i += FOLDED.length - 1;
      }
    }
  }

  private static boolean in(String text) {
    for (int i = text.indexOf('['); i >= 0; i = text.indexOf('[', i + 1)) {
      if (text.startsWith(TEXT, i)) {
        return true;
      }
    }
    return false;
  }

  private static boolean at(char[] s, int i) {
    for (int k = 1; k < FOLDED.length; k++) {
      if (s[i + k] != FOLDED[k]) {
        return false;
      }
    }
    return true;
  }
}

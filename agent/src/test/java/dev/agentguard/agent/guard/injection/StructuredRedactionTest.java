package dev.agentguard.agent.guard.injection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Copies of structured results with offending strings rewritten: what is copied, kept, or refused. */
class StructuredRedactionTest {
  /** Rewrites texts that contain "EVIL"; an object of the host's own class carries one when its toString does. */
  private final StructuredRedaction redaction = new StructuredRedaction(
      s -> s.contains("EVIL") ? s.replace("EVIL", "[removed]") : s, o -> o.toString().contains("EVIL"));

  record Mail(String from, String body, int size) {}

  record Inbox(String owner, List<Mail> mails) {}

  /** A record that refuses some texts. */
  record Strict(String body) {
    Strict {
      if (body.contains("[")) {
        throw new IllegalArgumentException("no brackets");
      }
    }
  }

  static final class Pojo {
    final String body;

    Pojo(String body) {
      this.body = body;
    }

    @Override
    public String toString() {
      return body;
    }
  }

  private Object copy(Object result) {
    return redaction.copy(result, c -> true);
  }

  @Test
  void recordsInAListAreCopiedOnlyWhereTheyChange() {
    Mail clean = new Mail("a@x.io", "hello", 5);
    Mail evil = new Mail("b@x.io", "hi EVIL there", 13);
    Inbox inbox = new Inbox("sam", List.of(clean, evil));
    Inbox copy = (Inbox) copy(inbox);
    assertEquals("sam", copy.owner());
    assertSame(clean, copy.mails().get(0), "an unchanged part is handed on as it is");
    assertEquals(new Mail("b@x.io", "hi [removed] there", 13), copy.mails().get(1));
    assertEquals(List.of(clean, evil), inbox.mails(), "the tool's own objects are untouched");
  }

  /** Texts the frameworks render as strings though they are not Strings: a char array, an Optional's value. */
  @Test
  void charArraysAndOptionalsAreRewrittenInCopies() {
    char[] chars = "hi EVIL there".toCharArray();
    assertEquals("hi [removed] there", new String((char[]) copy(chars)));
    assertEquals("hi EVIL there", new String(chars), "the tool's own array is untouched");
    char[] clean = "hello".toCharArray();
    assertSame(clean, copy(clean));
    assertEquals(java.util.Optional.of(new Mail("b@x.io", "hi [removed] there", 13)),
        copy(java.util.Optional.of(new Mail("b@x.io", "hi EVIL there", 13))));
    java.util.Optional<String> none = java.util.Optional.empty();
    assertSame(none, copy(none));
    assertNull(copy(java.util.Optional.of(new Pojo("EVIL"))), "what cannot be copied inside is still withheld");
  }

  @Test
  void nothingToRewriteGivesTheResultItself() {
    List<Mail> mails = List.of(new Mail("a@x.io", "hello", 5));
    assertSame(mails, copy(mails));
  }

  @Test
  void jdkCollectionsKeepTheirClassOrTheirKind() {
    ArrayList<String> list = new ArrayList<>(List.of("ok", "EVIL"));
    assertInstanceOf(ArrayList.class, copy(list));
    LinkedHashMap<String, String> linked = new LinkedHashMap<>();
    linked.put("z", "EVIL");
    linked.put("a", "ok");
    Object linkedCopy = copy(linked);
    assertInstanceOf(LinkedHashMap.class, linkedCopy);
    assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) linkedCopy).keySet()), "order kept");
    TreeMap<String, String> sorted = new TreeMap<>(Comparator.reverseOrder());
    sorted.put("a", "EVIL");
    sorted.put("b", "ok");
    TreeMap<?, ?> sortedCopy = (TreeMap<?, ?>) copy(sorted);
    assertEquals("b", sortedCopy.firstKey(), "the comparator kept");
    Object immutable = copy(List.of("ok", "EVIL"));
    assertEquals(List.of("ok", "[removed]"), immutable);
    assertEquals(Set.of("[removed]"), copy(Set.of("EVIL")));
    assertEquals(Map.of("k", "[removed]"), copy(Map.of("k", "EVIL")));
    String[] array = {"ok", "EVIL"};
    assertEquals(List.of("ok", "[removed]"), List.of((String[]) copy(array)));
    assertEquals("EVIL", array[1]);
  }

  @Test
  void whatCannotBeCopiedSafelyFailsTheWholeCopy() {
    assertNull(copy(List.of(new Pojo("EVIL"))), "a text inside the host's own object");
    assertNull(copy(Map.of("EVIL", "ok")), "a key is an address, not text");
    assertNull(copy(new Strict("EVIL")), "a record that refuses the redacted text");
    assertNull(copy(List.of(new StringBuilder("EVIL"))), "a mutable text of unknown use");
    List<String> hosts = new ArrayList<>(List.of("EVIL")) {
      @Override
      public String toString() {
        return "a host's own list";
      }
    };
    assertNull(copy(hosts), "a collection of the host's own class");
    List<Pojo> fine = List.of(new Pojo("fine"));
    assertSame(fine, copy(fine), "the host's own object without a finding is handed on");
  }

  @Test
  void theCopyMustFitWhereTheResultGoes() {
    HashMap<String, String> map = new HashMap<>(Map.of("k", "EVIL"));
    assertNull(redaction.copy(List.of("EVIL"), c -> c instanceof ArrayList<?>), "an unmodifiable copy of List.of "
        + "where the method declares ArrayList");
    assertTrue(redaction.copy(map, c -> c instanceof HashMap<?, ?>) instanceof HashMap<?, ?>);
    assertTrue(StructuredRedaction.isInstanceOf(new ArrayList<>(), "java.util.List"));
    assertTrue(StructuredRedaction.isInstanceOf(new ArrayList<>(), "java.lang.Iterable"));
    assertFalse(StructuredRedaction.isInstanceOf(List.of(), "java.util.ArrayList"));
  }
}

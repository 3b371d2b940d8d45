package dev.agentguard.agent.guard.injection;

import java.lang.reflect.Array;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * A copy of a structured tool result (records, lists, sets, maps and arrays of them, down to strings) in
 * which each offending string is redacted, so {@code redact} can cut an instruction out of one e-mail of a
 * list instead of withholding the whole list. Only what changes is copied: a part without a finding is
 * handed on as it is. A part that would have to change but cannot be copied safely (an object of the host's
 * own class that is no record, a map key, a collection of the host's own class) makes the whole copy fail,
 * and the result is then withheld, as before.
 *
 * <p>Every copy is of a type its place accepts: a record component's declared type, the method's declared
 * return type at the top; a JDK collection is copied as its own class where that class can be built, else
 * as an unmodifiable collection of the same kind.
 */
final class StructuredRedaction {
  /** Deeper than any tool result; past it the copy fails rather than recursing on. */
  private static final int MAX_DEPTH = 64;

  /** Marks a part that must change and cannot. */
  private static final Object FAILED = new Object();

  private final UnaryOperator<String> text;
  private final Predicate<Object> carriesFinding;

  /**
   * @param text returns a string redacted, or the very same instance when it has no finding
   * @param carriesFinding whether an object that cannot be copied holds a string with a finding
   */
  StructuredRedaction(UnaryOperator<String> text, Predicate<Object> carriesFinding) {
    this.text = text;
    this.carriesFinding = carriesFinding;
  }

  /**
   * The redacted copy of {@code result}, or null when it cannot be made; {@code accepts} says whether the
   * caller can take a given object in its place (the method's declared return type).
   */
  Object copy(Object result, Predicate<Object> accepts) {
    Object copy = copy(result, 0);
    return copy == FAILED || !(copy == result || accepts.test(copy)) ? null : copy;
  }

  private Object copy(Object v, int depth) {
    if (v == null || v instanceof Number || v instanceof Boolean || v instanceof Character || v instanceof Enum<?>) {
      return v;
    }
    if (depth > MAX_DEPTH) {
      return FAILED;
    }
    if (v instanceof String s) {
      return text.apply(s);
    }
    if (v instanceof List<?> list) {
      return copyCollection(list, depth);
    }
    if (v instanceof Set<?> set) {
      return copyCollection(set, depth);
    }
    if (v instanceof Map<?, ?> map) {
      return copyMap(map, depth);
    }
    if (v.getClass().isRecord()) {
      return copyRecord(v, depth);
    }
    if (v instanceof Object[] array) {
      return copyArray(array, depth);
    }
    if (v instanceof char[] chars) { // a text to the frameworks: Jackson writes it as a string
      String before = new String(chars);
      String after = text.apply(before);
      return after == before ? v : after.toCharArray();
    }
    if (v.getClass().isArray()) {
      return v; // numbers and flags: no text to rewrite
    }
    if (v instanceof Optional<?> optional) {
      Object inside = optional.orElse(null);
      Object copy = inside == null ? null : copy(inside, depth + 1);
      return copy == FAILED ? FAILED : copy == inside ? v : Optional.of(copy);
    }
    return carriesFinding.test(v) ? FAILED : v;
  }

  private Object copyCollection(Collection<?> c, int depth) {
    List<Object> items = new ArrayList<>(c.size());
    boolean changed = false;
    for (Object item : c) {
      Object copy = copy(item, depth + 1);
      if (copy == FAILED) {
        return FAILED;
      }
      changed |= copy != item;
      items.add(copy);
    }
    if (!changed) {
      return c;
    }
    @SuppressWarnings("unchecked")
    Collection<Object> same = (Collection<Object>) newJdkInstance(c);
    if (same != null) {
      same.addAll(items);
      return same;
    }
    if (!isJdkClass(c.getClass())) {
      return FAILED; // the host's own collection: its other state cannot be known
    }
    return c instanceof Set<?> ? Collections.unmodifiableSet(new LinkedHashSet<>(items))
        : Collections.unmodifiableList(items);
  }

  private Object copyMap(Map<?, ?> m, int depth) {
    Map<Object, Object> entries = new LinkedHashMap<>();
    boolean changed = false;
    for (Map.Entry<?, ?> e : m.entrySet()) {
      Object key = e.getKey();
      if (key instanceof String k && text.apply(k) != k) {
        return FAILED; // a key is an address, not text to rewrite
      }
      Object copy = copy(e.getValue(), depth + 1);
      if (copy == FAILED) {
        return FAILED;
      }
      changed |= copy != e.getValue();
      entries.put(key, copy);
    }
    if (!changed) {
      return m;
    }
    @SuppressWarnings("unchecked")
    Map<Object, Object> same = m instanceof SortedMap<?, ?> sorted && m.getClass() == TreeMap.class
        ? new TreeMap<>((java.util.Comparator<Object>) sorted.comparator()) : (Map<Object, Object>) newJdkInstance(m);
    if (same != null) {
      same.putAll(entries);
      return same;
    }
    return isJdkClass(m.getClass()) ? Collections.unmodifiableMap(entries) : FAILED;
  }

  private Object copyRecord(Object r, int depth) {
    try {
      RecordComponent[] components = r.getClass().getRecordComponents();
      Object[] values = new Object[components.length];
      Class<?>[] types = new Class<?>[components.length];
      boolean changed = false;
      for (int i = 0; i < components.length; i++) {
        java.lang.reflect.Method accessor = components[i].getAccessor();
        accessor.setAccessible(true);
        Object value = accessor.invoke(r);
        Object copy = copy(value, depth + 1);
        types[i] = components[i].getType();
        if (copy == FAILED || copy != value && !types[i].isInstance(copy)) {
          return FAILED; // only texts, collections, records and arrays change, never a primitive
        }
        changed |= copy != value;
        values[i] = copy;
      }
      if (!changed) {
        return r;
      }
      Constructor<?> canonical = r.getClass().getDeclaredConstructor(types);
      canonical.setAccessible(true);
      return canonical.newInstance(values);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return FAILED; // a closed module, or a constructor that refuses the redacted text
    }
  }

  private Object copyArray(Object[] array, int depth) {
    Object[] copy = null;
    Class<?> component = array.getClass().getComponentType();
    for (int i = 0; i < array.length; i++) {
      Object item = copy(array[i], depth + 1);
      if (item == FAILED || item != null && !component.isInstance(item)) {
        return FAILED;
      }
      if (item != array[i]) {
        if (copy == null) {
          copy = (Object[]) Array.newInstance(component, array.length);
          System.arraycopy(array, 0, copy, 0, array.length);
        }
        copy[i] = item;
      }
    }
    return copy == null ? array : copy;
  }

  /** A new empty instance of a JDK collection's own class, or null when it has no public no-arg constructor. */
  private static Object newJdkInstance(Object c) {
    Class<?> type = c.getClass();
    if (!isJdkClass(type) || !java.lang.reflect.Modifier.isPublic(type.getModifiers())
        || c instanceof SortedMap<?, ?> || c instanceof java.util.SortedSet<?>) {
      return null; // a sorted one would lose its comparator
    }
    try {
      return type.getConstructor().newInstance();
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static boolean isJdkClass(Class<?> c) {
    return c.getClassLoader() == null && c.getName().startsWith("java.");
  }

  /** Whether {@code o} is an instance of the type named {@code typeName} (a class or interface, binary name). */
  static boolean isInstanceOf(Object o, String typeName) {
    return isSubtype(o.getClass(), typeName);
  }

  private static boolean isSubtype(Class<?> c, String typeName) {
    for (Class<?> t = c; t != null; t = t.getSuperclass()) {
      if (t.getName().equals(typeName)) {
        return true;
      }
      for (Class<?> i : t.getInterfaces()) {
        if (isSubtype(i, typeName)) {
          return true;
        }
      }
    }
    return false;
  }
}

package io.sqledge.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields that differ between a live object and what apply would make of it, as {@code path:
 * old → new} lines. Server bookkeeping (resource version, managed fields, status, …) is ignored,
 * so an unchanged object has no differences.
 */
final class ObjectDiff {

  private static final Set<String> IGNORED =
      Set.of(
          "metadata.managedFields",
          "metadata.resourceVersion",
          "metadata.generation",
          "metadata.uid",
          "metadata.creationTimestamp",
          "status");

  private ObjectDiff() {}

  static List<String> changes(Map<String, Object> live, Map<String, Object> proposed) {
    List<String> changes = new ArrayList<>();
    compare("", live, proposed, changes);
    return changes;
  }

  @SuppressWarnings("unchecked")
  private static void compare(String path, Object live, Object proposed, List<String> out) {
    if (IGNORED.contains(path) || Objects.equals(live, proposed)) {
      return;
    }
    if (live instanceof Map<?, ?> a && proposed instanceof Map<?, ?> b) {
      Set<String> keys = new TreeSet<>();
      a.keySet().forEach(k -> keys.add(String.valueOf(k)));
      b.keySet().forEach(k -> keys.add(String.valueOf(k)));
      for (String key : keys) {
        compare(path.isEmpty() ? key : path + "." + key, ((Map<String, Object>) a).get(key),
            ((Map<String, Object>) b).get(key), out);
      }
      return;
    }
    if (live instanceof List<?> a && proposed instanceof List<?> b && a.size() == b.size()) {
      for (int i = 0; i < a.size(); i++) {
        compare(path + "[" + i + "]", a.get(i), b.get(i), out);
      }
      return;
    }
    out.add(path + ": " + show(live) + " → " + show(proposed));
  }

  private static String show(Object value) {
    if (value == null) {
      return "(none)";
    }
    String text = value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    return text.length() > 80 ? text.substring(0, 77) + "..." : text;
  }
}

package io.sqledge.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Tells, from the live object alone, whether a server-side apply of the desired object by our
 * field manager would change nothing: every desired value is already live, and our manager owns
 * exactly the desired fields (so the apply would neither take over nor drop a field). Then apply
 * sends nothing. It matters beyond the saved request: the API server rewrites some kinds on a
 * no-op apply (a PersistentVolumeClaim gets a new resourceVersion on the first apply after its
 * creation, as its stored status is completed), and an unchanged re-apply must write nothing.
 *
 * <p>It reads the ownership the server records ({@code metadata.managedFields}, fieldsV1: {@code
 * f:} fields, list items by key {@code k:}, value {@code v:} or index {@code i:}, atomic values as
 * empty sets). Whenever it is unsure, it answers "may change", and apply asks the server.
 */
final class NoOpApply {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Identity fields: in every applied object, never in managedFields. */
  private static final Set<String> IDENTITY = Set.of("apiVersion", "kind");
  private static final Set<String> METADATA_IDENTITY = Set.of("name", "namespace");

  private NoOpApply() {}

  /**
   * Whether applying {@code desired} would leave {@code live} unchanged.
   *
   * @param owned the fieldsV1 our manager's Apply entry records in {@code live}, or null
   */
  static boolean wouldChangeNothing(Map<String, Object> desired, Map<String, Object> live,
      Map<String, Object> owned) {
    if (owned == null || !covers(desired, live)) {
      return false;
    }
    Map<String, Object> fields = new LinkedHashMap<>(desired);
    IDENTITY.forEach(fields::remove);
    if (fields.get("metadata") instanceof Map<?, ?> metadata) {
      Map<Object, Object> rest = new LinkedHashMap<>(metadata);
      METADATA_IDENTITY.forEach(rest::remove);
      if (rest.isEmpty()) {
        fields.remove("metadata");
      } else {
        fields.put("metadata", rest);
      }
    }
    return ownsExactly(fields, live, owned);
  }

  /** Whether every value of {@code desired} is in {@code live} (lists: same length, in order). */
  static boolean covers(Object desired, Object live) {
    if (desired instanceof Map<?, ?> wanted) {
      if (!(live instanceof Map<?, ?> actual)) {
        return false;
      }
      for (Map.Entry<?, ?> entry : wanted.entrySet()) {
        if (!actual.containsKey(entry.getKey()) || !covers(entry.getValue(), actual.get(entry.getKey()))) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof List<?> wanted) {
      if (!(live instanceof List<?> actual) || actual.size() != wanted.size()) {
        return false;
      }
      for (int i = 0; i < wanted.size(); i++) {
        if (!covers(wanted.get(i), actual.get(i))) {
          return false;
        }
      }
      return true;
    }
    return Objects.equals(desired, live)
        || desired instanceof Number && live instanceof Number
            && String.valueOf(desired).equals(String.valueOf(live));
  }

  /**
   * Whether the fieldsV1 set {@code owned} names exactly the fields of {@code desired}. A map or
   * list owned whole (atomic: an empty set) is replaced whole by an apply, so it must equal the
   * live value.
   */
  private static boolean ownsExactly(Object desired, Object live, Object owned) {
    if (!(owned instanceof Map<?, ?> set)) {
      return false;
    }
    Map<String, Object> children = withoutSelf(set);
    if ((desired instanceof Map<?, ?> || desired instanceof List<?>) && children.isEmpty()) {
      return covers(desired, live) && covers(live, desired);
    }
    if (desired instanceof Map<?, ?> map) {
      if (children.size() != map.size() || !(live instanceof Map<?, ?> liveMap)) {
        return false;
      }
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        Object child = children.get("f:" + entry.getKey());
        if (child == null || !ownsExactly(entry.getValue(), liveMap.get(entry.getKey()), child)) {
          return false;
        }
      }
      return true;
    }
    if (desired instanceof List<?> list) {
      if (children.size() != list.size() || !(live instanceof List<?> liveList)
          || liveList.size() != list.size()) {
        return false;
      }
      for (Map.Entry<String, Object> item : children.entrySet()) {
        Object element = element(list, item.getKey());
        Object liveElement = element == null ? null : liveList.get(list.indexOf(element));
        boolean itemOwned = element instanceof Map<?, ?>
            ? ownsExactly(element, liveElement, item.getValue())
            : item.getValue() instanceof Map<?, ?> leaf && withoutSelf(leaf).isEmpty();
        if (element == null || !itemOwned) {
          return false;
        }
      }
      return true;
    }
    return children.isEmpty(); // a scalar is a leaf
  }

  /** The list element an item key names: {@code k:{"name":"mssql"}}, {@code v:"x"}, {@code i:0}. */
  private static Object element(List<?> list, String key) {
    try {
      if (key.startsWith("k:")) {
        Map<?, ?> fields = JSON.readValue(key.substring(2), Map.class);
        return list.stream().filter(item -> item instanceof Map<?, ?> map && fields.entrySet()
            .stream().allMatch(field -> covers(map.get(field.getKey()), field.getValue())))
            .findFirst().orElse(null);
      }
      if (key.startsWith("v:")) {
        Object value = JSON.readValue(key.substring(2), Object.class);
        return list.stream().filter(item -> covers(item, value)).findFirst().orElse(null);
      }
      if (key.startsWith("i:")) {
        int index = Integer.parseInt(key.substring(2));
        return index < list.size() ? list.get(index) : null;
      }
    } catch (JsonProcessingException | NumberFormatException e) {
      return null;
    }
    return null;
  }

  /** A fieldsV1 set's members, without {@code "."} (the item itself). */
  private static Map<String, Object> withoutSelf(Map<?, ?> set) {
    Map<String, Object> children = new LinkedHashMap<>();
    set.forEach((key, value) -> {
      if (!".".equals(key)) {
        children.put(String.valueOf(key), value);
      }
    });
    return children;
  }

  /** Our manager's Apply entry in a live object's managedFields, as a fieldsV1 map; null if none. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> ownedBy(Map<String, Object> live, String manager) {
    if (!(live.get("metadata") instanceof Map<?, ?> metadata)
        || !(metadata.get("managedFields") instanceof List<?> entries)) {
      return null;
    }
    List<Map<String, Object>> ours = new ArrayList<>();
    for (Object entry : entries) {
      if (entry instanceof Map<?, ?> map && manager.equals(map.get("manager"))
          && "Apply".equals(map.get("operation")) && map.get("subresource") == null
          && map.get("fieldsV1") instanceof Map<?, ?> fields) {
        ours.add((Map<String, Object>) fields);
      }
    }
    return ours.size() == 1 ? ours.get(0) : null;
  }
}

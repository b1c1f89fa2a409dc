package io.sqledge.config;

import io.sqledge.diagnostic.Origin;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Suggestions;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Predicate;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * One mapping of the configuration ({@code storage}, {@code engine}, …), read key by key into typed
 * values.
 *
 * <p>Each value comes from the first of three layers that has it: a {@code -Dsqledge.<path>}
 * property, the user's file, the embedded default. This is how the user file is "merged over" the
 * defaults: field by field, with free-form maps (labels, parameters, env) replaced as a whole, so
 * that switching {@code storage.provisioner} does not inherit the default's Azure parameters.
 *
 * <p>Every key read is remembered; {@link #finish()} reports the user's keys that no reader asked
 * for as unknown, with the closest valid key. Type errors are reported and the default is used
 * instead, so that one run lists all errors of a file.
 *
 * <p>It is long because it is the one reader of every kind of value (text, number, boolean, map,
 * list, free-form, section), each looked up across the same layers and each with the advice its
 * own mistakes need (quoted numbers, inline passwords, tags); split by kind, the layer lookup and
 * the origin bookkeeping would have to be shared back. {@link RecordBinder} decides which reader
 * each declared key gets.
 */
final class Section {

  private final String path;
  private final MappingNode user;
  /** The fallback layers, most specific first: the platform preset, then the embedded default. */
  private final List<MappingNode> defaults;
  private final Binding binding;
  /** Where this section is in the user's file: its path, under {@code instances[i]} in a fleet. */
  private final String shownAs;
  private final Set<String> known = new LinkedHashSet<>();

  private Section(String path, String shownAs, MappingNode user, List<MappingNode> defaults,
      Binding binding) {
    this.path = path;
    this.shownAs = shownAs;
    this.user = user;
    this.defaults = defaults;
    this.binding = binding;
  }

  /**
   * The top level of an instance.
   *
   * @param shownAs empty for the top level of the file (where {@code instances} is a key too),
   *     {@code instances[i]} for a fleet entry
   */
  static Section root(MappingNode user, List<MappingNode> defaults, Binding binding,
      String shownAs) {
    Section root = new Section("", shownAs, user, defaults, binding);
    if (shownAs.isEmpty()) {
      root.known.add(Fleets.KEY);
    }
    return root;
  }

  String pathOf(String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  private String shownPathOf(String key) {
    return shownAs.isEmpty() ? key : shownAs + "." + key;
  }

  /** A text value; any scalar counts, as written (so {@code 1033} reads as "1033"). */
  String string(String key) {
    known.add(key);
    String keyPath = pathOf(key);
    Optional<String> override = binding.override(keyPath);
    if (override.isPresent()) {
      return override.get();
    }
    Node node = userValue(key);
    if (node != null) {
      Optional<String> text = scalarText(node, keyPath, "a text value");
      if (text.isPresent()) {
        return text.get();
      }
    }
    return defaultScalar(key);
  }

  /** A whole number; a quoted number is text and refused, with the fix. */
  long integer(String key) {
    known.add(key);
    String keyPath = pathOf(key);
    Optional<String> override = binding.override(keyPath);
    if (override.isPresent()) {
      try {
        return Long.parseLong(override.get().trim());
      } catch (NumberFormatException e) {
        binding.problems.error(
            binding.sources.get(keyPath),
            keyPath,
            "`" + keyPath + "` must be a whole number, but the property is `" + override.get() + "`",
            "pass a number, for example -Dsqledge." + keyPath + "=" + defaultScalar(key));
        return defaultLong(key);
      }
    }
    Node node = userValue(key);
    if (node != null && checkScalar(node, keyPath, "a whole number")) {
      ScalarNode scalar = (ScalarNode) node;
      if (scalar.getTag().equals(Tag.INT) && notDecimal(scalar, keyPath)) {
        return defaultLong(key);
      }
      if (scalar.getTag().equals(Tag.INT)) {
        try {
          return YamlNodes.parseYamlInt(scalar.getValue());
        } catch (NumberFormatException e) {
          // falls through to the error below: too large for a long
        }
      }
      binding.problems.error(
          at(node),
          keyPath,
          "`"
              + keyPath
              + "` must be a whole number, but it is "
              + YamlNodes.describeScalar(scalar),
          scalar.getTag().equals(Tag.STR) && scalar.getValue().trim().matches("[0-9]+")
              ? "remove the quotes: `" + key + ": " + scalar.getValue().trim() + "`"
              : "write a number, for example `" + key + ": " + defaultScalar(key) + "`");
    }
    return defaultLong(key);
  }

  /** A boolean: {@code true} or {@code false}. */
  boolean bool(String key) {
    known.add(key);
    String keyPath = pathOf(key);
    Optional<String> override = binding.override(keyPath);
    if (override.isPresent()) {
      String text = override.get().trim().toLowerCase(Locale.ROOT);
      if (text.equals("true") || text.isEmpty()) {
        return true;
      }
      if (text.equals("false")) {
        return false;
      }
      binding.problems.error(
          binding.sources.get(keyPath),
          keyPath,
          "`" + keyPath + "` must be true or false, but the property is `" + override.get() + "`",
          "pass -Dsqledge." + keyPath + "=true or =false");
      return defaultBool(key);
    }
    Node node = userValue(key);
    if (node != null && checkScalar(node, keyPath, "true or false")) {
      ScalarNode scalar = (ScalarNode) node;
      if (scalar.getTag().equals(Tag.BOOL)) {
        return YamlNodes.isTrue(scalar.getValue());
      }
      binding.problems.error(
          at(node),
          keyPath,
          "`" + keyPath + "` must be true or false, but it is " + YamlNodes.describeScalar(scalar),
          "write `" + key + ": true` or `" + key + ": false`");
    }
    return defaultBool(key);
  }

  /**
   * A free-form map of text to text (labels, annotations, parameters, environment). The user's map
   * replaces the default's as a whole; an empty value ({@code env:}) means an empty map.
   */
  Map<String, String> stringMap(String key) {
    String keyPath = pathOf(key);
    Node node = userValue(key);
    MappingNode mapping = null;
    if (node != null) {
      if (YamlNodes.isNull(node)) {
        return Map.of();
      }
      if (node instanceof MappingNode m) {
        mapping = m;
      } else {
        binding.problems.error(
            at(node),
            keyPath,
            "`" + keyPath + "` must be a map of names to values, but it is " + YamlNodes.describeNode(node),
            "write one `name: value` per line under `" + key + ":`");
      }
    }
    if (mapping == null) {
      List<MappingNode> fallbacks = defaultMappings(key);
      if (fallbacks.isEmpty()) {
        return Map.of();
      }
      mapping = fallbacks.get(0);
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (NodeTuple tuple : mapping.getValue()) {
      Optional<String> name = keyText(tuple.getKeyNode());
      if (name.isEmpty()) {
        continue;
      }
      String entryPath = keyPath + "." + name.get();
      if (values.containsKey(name.get())) {
        binding.problems.error(
            at(tuple.getKeyNode()),
            entryPath,
            "`" + name.get() + "` appears twice in `" + keyPath + "`",
            "remove one of the two entries");
        continue;
      }
      binding.sources.put(entryPath, at(tuple.getValueNode()));
      Node value = tuple.getValueNode();
      if (YamlNodes.isNull(value)) {
        values.put(name.get(), "");
        continue;
      }
      scalarText(value, entryPath, "a text value").ifPresent(text -> values.put(name.get(), text));
    }
    return values;
  }

  /**
   * A nested section; absent or empty in the user's file means all its defaults. A password
   * written where a section of settings is expected ({@code saPassword: s3cret}) is refused
   * without echoing it.
   */
  Section section(String key) {
    String keyPath = pathOf(key);
    MappingNode userChild = null;
    Node node = userValue(key);
    if (node != null && !YamlNodes.isNull(node)) {
      if (node instanceof MappingNode mapping) {
        userChild = mapping;
      } else if (node instanceof ScalarNode && SecretSettings.isPasswordKey(key)) {
        binding.problems.error(at(node), keyPath,
            "the SA password must not be written in the configuration file",
            SecretSettings.FIX);
      } else {
        binding.problems.error(
            at(node),
            keyPath,
            "`" + keyPath + "` must be a map of settings, but it is " + YamlNodes.describeNode(node),
            "write its settings indented under `" + key + ":`, one `name: value` per line");
      }
    }
    return new Section(keyPath, shownPathOf(key), userChild, defaultMappings(key), binding);
  }

  /**
   * The items of a list of settings ({@code databases}), each a section of its own at {@code
   * databases[i]}, whose keys default to {@code itemDefaults}. The user's list replaces the
   * default's as a whole, as other lists do; {@code []} means none.
   */
  List<Section> items(String key, MappingNode itemDefaults) {
    String keyPath = pathOf(key);
    Node node = userValue(key);
    boolean fromUser = node != null;
    if (node == null) {
      node = fallback(key, value -> value instanceof SequenceNode || YamlNodes.isNull(value));
    }
    if (YamlNodes.isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      binding.problems.error(at(node), keyPath, "`" + keyPath + "` must be a list of settings,"
          + " but it is " + YamlNodes.describeNode(node), "write one `- name: …` item per"
          + " entry under `" + key + ":`, or `" + key + ": []` for none");
      return List.of();
    }
    List<Section> items = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String itemPath = keyPath + "[" + i + "]";
      String shownItem = shownPathOf(key) + "[" + i + "]";
      boolean users = fromUser || binding.userNodes.contains(item);
      binding.sources.put(itemPath, users ? at(item) : Origin.defaults());
      if (!(item instanceof MappingNode mapping)) {
        binding.problems.error(at(item), itemPath, "`" + itemPath + "` must be a map of"
            + " settings, but it is " + YamlNodes.describeNode(item), "write its settings"
            + " indented under the `-`, one `name: value` per line");
        continue;
      }
      // An item of the embedded default is a fallback layer, so that its values keep the
      // default's origin rather than pointing into the user's file.
      items.add(users
          ? new Section(itemPath, shownItem, mapping, List.of(itemDefaults), binding)
          : new Section(itemPath, shownItem, null, List.of(mapping, itemDefaults), binding));
    }
    return items;
  }

  /** Reports the user's keys that no reader asked for. */
  void finish() {
    if (user == null) {
      return;
    }
    Set<String> seen = new HashSet<>();
    for (NodeTuple tuple : user.getValue()) {
      Optional<String> name = keyText(tuple.getKeyNode());
      if (name.isEmpty()) {
        continue;
      }
      String keyPath = shownPathOf(name.get());
      if (!seen.add(name.get())) {
        binding.problems.error(
            at(tuple.getKeyNode()),
            keyPath,
            "`" + keyPath + "` appears twice",
            "remove one of the two entries; YAML keeps neither silently here");
        continue;
      }
      if (known.contains(name.get())) {
        continue;
      }
      if (SecretSettings.isPasswordKey(name.get())) {
        binding.problems.error(
            at(tuple.getKeyNode()),
            keyPath,
            "a password must not be written in the configuration file (`" + keyPath + "`)",
            SecretSettings.FIX);
        continue;
      }
      String where = shownAs.isEmpty() ? "at the top level" : "in `" + shownAs + "`";
      String message = "unknown key `" + name.get() + "` " + where;
      Optional<String> suggestion = Suggestions.closest(name.get(), known);
      String fix =
          suggestion
              .map(s -> "did you mean `" + s + "`?")
              .orElse("valid keys here: " + String.join(", ", known));
      if (suggestion.isPresent()) {
        message += "; did you mean `" + suggestion.get() + "`?";
        fix = "rename it to `" + suggestion.get() + "`";
      }
      binding.problems.error(at(tuple.getKeyNode()), keyPath, message, fix);
    }
  }

  private Node userValue(String key) {
    known.add(key);
    if (user == null) {
      return null;
    }
    Node found = null;
    for (NodeTuple tuple : user.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode scalar && scalar.getValue().equals(key)) {
        if (found == null) {
          found = tuple.getValueNode();
          binding.sources.put(pathOf(key), at(tuple.getValueNode()));
        }
      }
    }
    return found;
  }

  /** The values of {@code key} in the fallback layers, most specific first. */
  private List<Node> fallbackValues(String key) {
    List<Node> values = new ArrayList<>();
    for (MappingNode layer : defaults) {
      for (NodeTuple tuple : layer.getValue()) {
        if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
          values.add(tuple.getValueNode());
        }
      }
    }
    return values;
  }

  /**
   * The first fallback value of {@code key} that {@code usable} accepts, recorded as the value's
   * source. A shared fleet setting of the wrong type was reported when the shared part was
   * checked; the next layer's value stands in for it here.
   */
  private Node fallback(String key, Predicate<Node> usable) {
    for (Node value : fallbackValues(key)) {
      if (usable.test(value)) {
        binding.sources.putIfAbsent(pathOf(key), originOf(value));
        return value;
      }
    }
    throw new IllegalStateException("the embedded default has no usable value for " + pathOf(key));
  }

  private String defaultScalar(String key) {
    ScalarNode value = (ScalarNode) fallback(key, ScalarNode.class::isInstance);
    return YamlNodes.isNull(value) ? "" : value.getValue();
  }

  private long defaultLong(String key) {
    return YamlNodes.parseYamlInt(((ScalarNode) fallback(key, node -> node instanceof ScalarNode v
        && v.getTag().equals(Tag.INT) && YamlNodes.isYamlInt(v.getValue()))).getValue());
  }

  private boolean defaultBool(String key) {
    return YamlNodes.isTrue(((ScalarNode) fallback(key, node -> node instanceof ScalarNode v
        && v.getTag().equals(Tag.BOOL))).getValue());
  }

  /** The mappings under {@code key} in each fallback layer that has one, most specific first. */
  private List<MappingNode> defaultMappings(String key) {
    List<MappingNode> mappings = new ArrayList<>();
    for (Node value : fallbackValues(key)) {
      if (value instanceof MappingNode mapping) {
        mappings.add(mapping);
      }
    }
    return mappings;
  }

  /**
   * A free-form YAML value passed to Kubernetes as it is ({@code affinity}, {@code tolerations}):
   * maps, lists, text, numbers and booleans, as plain Java values. The user's value replaces the
   * default's; the API schema validates it later.
   */
  Object raw(String key) {
    known.add(key);
    Node node = userValue(key);
    return toJava(node != null ? node : fallback(key, value -> true), pathOf(key));
  }

  private Object toJava(Node node, String nodePath) {
    if (node instanceof MappingNode mapping) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (NodeTuple tuple : mapping.getValue()) {
        keyText(tuple.getKeyNode()).ifPresent(name -> {
          if (map.containsKey(name)) {
            binding.problems.error(at(tuple.getKeyNode()), nodePath + "." + name,
                "`" + name + "` appears twice in `" + nodePath + "`", "remove one of the two");
          }
          map.put(name, toJava(tuple.getValueNode(), nodePath + "." + name));
        });
      }
      return map;
    }
    if (node instanceof SequenceNode sequence) {
      List<Object> list = new ArrayList<>();
      for (int i = 0; i < sequence.getValue().size(); i++) {
        list.add(toJava(sequence.getValue().get(i), nodePath + "[" + i + "]"));
      }
      return list;
    }
    ScalarNode scalar = (ScalarNode) node;
    if (!checkScalar(node, nodePath, "a value")) {
      return null;
    }
    Tag tag = scalar.getTag();
    if (tag.equals(Tag.NULL)) {
      return null;
    }
    if (tag.equals(Tag.BOOL)) {
      return YamlNodes.isTrue(scalar.getValue());
    }
    if (tag.equals(Tag.INT)) {
      if (notDecimal(scalar, nodePath)) {
        return null;
      }
      try {
        return YamlNodes.parseYamlInt(scalar.getValue());
      } catch (NumberFormatException e) {
        return scalar.getValue();
      }
    }
    if (tag.equals(Tag.FLOAT)) {
      try {
        return new BigDecimal(scalar.getValue().replace("_", ""));
      } catch (NumberFormatException e) {
        return scalar.getValue();
      }
    }
    return scalar.getValue();
  }

  /** A list of texts ({@code loadBalancerSourceRanges}); the user's list replaces the default. */
  List<String> stringList(String key) {
    known.add(key);
    String keyPath = pathOf(key);
    Optional<String> override = binding.override(keyPath);
    if (override.isPresent()) {
      List<String> items = override.get().isBlank() ? List.of()
          : Arrays.stream(override.get().split(",")).map(String::strip).toList();
      for (int i = 0; i < items.size(); i++) {
        binding.sources.put(keyPath + "[" + i + "]", binding.sources.get(keyPath));
      }
      return items;
    }
    Node node = userValue(key);
    if (node == null) {
      node = fallback(key, value -> true);
    }
    if (YamlNodes.isNull(node)) {
      return List.of();
    }
    if (!(node instanceof SequenceNode sequence)) {
      binding.problems.error(at(node), keyPath, "`" + keyPath + "` must be a list, but it is "
          + YamlNodes.describeNode(node), "write one `- value` per line under `" + key + ":`");
      return List.of();
    }
    List<String> values = new ArrayList<>();
    for (int i = 0; i < sequence.getValue().size(); i++) {
      Node item = sequence.getValue().get(i);
      String itemPath = keyPath + "[" + i + "]";
      binding.sources.put(itemPath, at(item));
      scalarText(item, itemPath, "a text value").ifPresent(values::add);
    }
    return values;
  }

  private Optional<String> keyText(Node keyNode) {
    if (keyNode instanceof ScalarNode scalar) {
      if (scalar.getTag().equals(Tag.MERGE)) {
        binding.problems.error(
            at(keyNode),
            path,
            "YAML merge keys (`<<`) are not supported in a sqledge configuration",
            "write the settings out");
        return Optional.empty();
      }
      return Optional.of(scalar.getValue());
    }
    binding.problems.error(
        at(keyNode),
        path,
        "a key must be a plain name, but this one is " + YamlNodes.describeNode(keyNode),
        "write the key as a name followed by a colon");
    return Optional.empty();
  }

  private Optional<String> scalarText(Node node, String keyPath, String expected) {
    if (!checkScalar(node, keyPath, expected)) {
      return Optional.empty();
    }
    if (YamlNodes.isNull(node)) {
      binding.problems.error(
          at(node),
          keyPath,
          "`" + keyPath + "` has no value",
          "give it a value, or remove the key to use the default");
      return Optional.empty();
    }
    return Optional.of(((ScalarNode) node).getValue());
  }

  /**
   * Refuses a number YAML 1.1 reads in another base than it seems to be written in: {@code
   * 01433} is octal 795, so a port written with a leading zero would silently be another port.
   */
  private boolean notDecimal(ScalarNode scalar, String keyPath) {
    Optional<String> decimal = YamlNodes.asDecimal(scalar.getValue());
    if (decimal.isEmpty()) {
      return false;
    }
    binding.problems.error(at(scalar), keyPath, "`" + keyPath + "` is written `"
            + Problem.shorten(scalar.getValue()) + "`, which YAML 1.1 reads as "
            + decimal.get() + " (a leading 0 means octal; 0x, 0o and 0b other bases)",
        "write the number in decimal, without a leading zero");
    return true;
  }

  private boolean checkScalar(Node node, String keyPath, String expected) {
    if (!(node instanceof ScalarNode scalar)) {
      binding.problems.error(
          at(node),
          keyPath,
          "`" + keyPath + "` must be " + expected + ", but it is " + YamlNodes.describeNode(node),
          "write a single value after `" + YamlNodes.lastSegment(keyPath) + ":`");
      return false;
    }
    OptionalInt uncarried = YamlNodes.uncarried(scalar.getValue());
    if (uncarried.isPresent()) {
      int c = uncarried.getAsInt();
      String value = scalar.getValue();
      int at = value.codePointCount(0, value.indexOf(Character.toString(c)));
      binding.problems.error(at(node), keyPath, "`" + keyPath + "` holds the character"
              + String.format(" U+%04X", c) + " (at character " + (at + 1) + " of the value),"
              + " which cannot reach the Kubernetes API unchanged: " + YamlNodes.whyUncarried(c),
          "remove it; other control characters, tabs and line breaks are fine");
      return false;
    }
    return true;
  }

  /**
   * Where a fallback value came from: the shared part of the user's file (in a fleet), or the
   * embedded default and presets.
   */
  private Origin originOf(Node node) {
    return binding.userNodes.contains(node) ? at(node) : Origin.defaults();
  }

  private Origin at(Node node) {
    return Origin.file(
        binding.displayName,
        node.getStartMark().getLine() + 1,
        node.getStartMark().getColumn() + 1);
  }
}

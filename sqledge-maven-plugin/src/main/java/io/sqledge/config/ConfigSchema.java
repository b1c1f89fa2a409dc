package io.sqledge.config;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The configuration's keys, read once from the {@link Key} declarations on the {@link
 * InstanceConfig} record tree. Binding, the embedded default, the declared checks, the template
 * model and docs/configuration.md all come from here, so a key is written down once.
 */
public final class ConfigSchema {

  /** What a key holds, from its Java type. */
  public enum Kind {
    TEXT, NUMBER, BOOLEAN, TEXT_MAP, TEXT_LIST, FREE_FORM, SETTINGS,
    /** A list of settings records ({@code databases}): each item has the record's keys. */
    SETTINGS_LIST;

    private static final Map<Class<?>, Kind> BY_TYPE = Map.of(String.class, TEXT,
        long.class, NUMBER, boolean.class, BOOLEAN, Map.class, TEXT_MAP, List.class, TEXT_LIST,
        Object.class, FREE_FORM);

    static Kind of(Type type) {
      Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
      if (raw == List.class && elementType(type).isRecord()) {
        return SETTINGS_LIST;
      }
      Kind kind = raw.isRecord() ? SETTINGS : BY_TYPE.get(raw);
      if (kind == null) {
        throw new IllegalStateException("no configuration kind for " + type);
      }
      return kind;
    }
  }

  /** The item type of a list key ({@code List<DatabaseConfig>} → DatabaseConfig). */
  static Class<?> elementType(Type type) {
    return type instanceof ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> item ? item : Object.class;
  }

  /**
   * One key: a value, or a settings section ({@link Kind#SETTINGS}) with keys of its own.
   *
   * @param path the dotted path, as in {@code -Dsqledge.<path>}
   * @param kind what it holds
   * @param declaration its declaration; null for a section declared by its type alone
   * @param defaultValue the default as YAML text, for this path (a section's use may override it)
   * @param children a section's keys, or the keys of each item of a {@link Kind#SETTINGS_LIST}
   *     (paths {@code databases[].name}), in declaration order
   */
  public record Entry(String path, Kind kind, Key declaration, String defaultValue,
      List<Entry> children) {

    public String name() {
      return path.substring(path.lastIndexOf('.') + 1);
    }

    /** A section's key by name. (Binding a fleet asks this hundreds of thousands of times.) */
    public Optional<Entry> child(String name) {
      // databases[].name: an item's keys follow "[]."
      int start = path.isEmpty() ? 0 : path.length() + (kind == Kind.SETTINGS_LIST ? 3 : 1);
      for (Entry child : children) {
        String childPath = child.path();
        if (childPath.length() == start + name.length() && childPath.startsWith(name, start)) {
          return Optional.of(child);
        }
      }
      return Optional.empty();
    }

    public String doc() {
      return declaration == null ? "" : declaration.doc();
    }
  }

  private static final Entry ROOT = section("", InstanceConfig.class, Map.of());
  private static final List<Entry> ALL = collect(true);
  private static final List<Entry> VALUES = collect(false);

  private ConfigSchema() {}

  /** The top-level keys. */
  public static Entry root() {
    return ROOT;
  }

  /** Every value key (no sections), depth first in declaration order. */
  public static List<Entry> values() {
    return VALUES;
  }

  /** Every key, sections included, depth first in declaration order. */
  public static List<Entry> all() {
    return ALL;
  }

  /** The key at {@code path}, if there is one. */
  public static Optional<Entry> entry(String path) {
    return ALL.stream().filter(entry -> entry.path().equals(path)).findFirst();
  }

  /** The embedded default layer, as a YAML document. */
  public static String defaultsYaml() {
    StringBuilder yaml = new StringBuilder();
    appendDefaults(ROOT, "", yaml);
    return yaml.toString();
  }

  private static List<Entry> collect(boolean withSections) {
    List<Entry> keys = new ArrayList<>();
    collect(ROOT, keys, withSections);
    return List.copyOf(keys);
  }

  private static void collect(Entry section, List<Entry> into, boolean withSections) {
    for (Entry child : section.children()) {
      if (child.kind() == Kind.SETTINGS) {
        if (withSections) {
          into.add(child);
        }
        collect(child, into, withSections);
      } else {
        into.add(child);
        if (child.kind() == Kind.SETTINGS_LIST && withSections) {
          collect(child, into, true); // documented, but each item is checked as a whole
        }
      }
    }
  }

  private static void appendDefaults(Entry section, String indent, StringBuilder yaml) {
    for (Entry child : section.children()) {
      yaml.append(indent).append(child.name()).append(':');
      if (child.kind() == Kind.SETTINGS) {
        yaml.append('\n');
        appendDefaults(child, indent + "  ", yaml);
      } else {
        yaml.append(' ').append(child.kind() == Kind.TEXT ? quoted(child.defaultValue())
            : child.defaultValue()).append('\n');
      }
    }
  }

  /**
   * The defaults of one item of a {@link Kind#SETTINGS_LIST}, as a YAML document: what an item
   * that leaves out a key gets.
   */
  public static String itemDefaultsYaml(Entry list) {
    StringBuilder yaml = new StringBuilder();
    appendDefaults(list, "", yaml);
    return yaml.toString();
  }

  /** A text as a double-quoted YAML scalar. */
  static String quoted(String text) {
    return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
  }

  private static Entry section(String path, Class<?> type, Map<String, Object> overrides) {
    List<Entry> children = new ArrayList<>();
    for (RecordComponent component : type.getRecordComponents()) {
      if (component.getType() == SourceMap.class) {
        continue;
      }
      String name = component.getName();
      String childPath = path.isEmpty() ? name : path + "." + name;
      Key key = component.getAnnotation(Key.class);
      Kind kind = Kind.of(component.getGenericType());
      if (kind == Kind.SETTINGS_LIST) {
        if (key == null) {
          throw new IllegalStateException("the configuration key " + childPath + " has no @Key");
        }
        children.add(new Entry(childPath, kind, key, key.value(), section(childPath + "[]",
            elementType(component.getGenericType()), Map.of()).children()));
        continue;
      }
      if (kind == Kind.SETTINGS) {
        Map<String, Object> childOverrides = key == null ? Map.of() : flowMap(key.value(), childPath);
        children.add(new Entry(childPath, kind, key, "",
            section(childPath, component.getType(), childOverrides).children()));
        continue;
      }
      if (key == null) {
        throw new IllegalStateException("the configuration key " + childPath + " has no @Key");
      }
      String defaultValue = overrides.containsKey(name) ? String.valueOf(overrides.get(name))
          : key.value();
      children.add(new Entry(childPath, kind, key, defaultValue, List.of()));
    }
    return new Entry(path, Kind.SETTINGS, null, "", List.copyOf(children));
  }

  private static Map<String, Object> flowMap(String yaml, String path) {
    if (yaml.isEmpty()) {
      return Map.of();
    }
    Object parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    if (!(parsed instanceof Map<?, ?> map)) {
      throw new IllegalStateException("the @Key of section " + path + " is not a map: " + yaml);
    }
    Map<String, Object> values = new LinkedHashMap<>();
    map.forEach((key, value) -> values.put(String.valueOf(key), value));
    return values;
  }

  /** The allowed texts of a key, as a list; empty when any text is allowed. */
  public static List<String> allowed(Entry entry) {
    return entry.declaration() == null ? List.of() : Arrays.asList(entry.declaration().oneOf());
  }
}

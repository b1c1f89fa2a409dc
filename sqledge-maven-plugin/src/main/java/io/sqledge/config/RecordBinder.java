package io.sqledge.config;

import io.sqledge.config.ConfigSchema.Entry;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.MappingNode;

/**
 * Binds a settings record from a {@link Section}, key by key as {@link ConfigSchema} declares
 * them: one generic reader instead of a bind call per key. Each section is finished after its keys
 * are read, so every section, nested or not, reports the user's unknown keys.
 */
final class RecordBinder {

  private RecordBinder() {}

  /** The root record, with the map of where every value came from. */
  static InstanceConfig bindInstance(Section root, Binding binding) {
    return (InstanceConfig) bind(InstanceConfig.class, ConfigSchema.root(), root, binding);
  }

  /** Each record type's canonical constructor, looked up once per type. */
  private static final ClassValue<Constructor<?>> CANONICAL = new ClassValue<>() {
    @Override
    protected Constructor<?> computeValue(Class<?> type) {
      try {
        return type.getDeclaredConstructor(Arrays.stream(ConfigValues.components(type))
            .map(RecordComponent::getType).toArray(Class<?>[]::new));
      } catch (NoSuchMethodException e) {
        throw new IllegalStateException("a record has its canonical constructor", e);
      }
    }
  };

  /** Each list key's item defaults, parsed once: {@code ConfigSchema.itemDefaultsYaml}. */
  private static final Map<String, MappingNode> ITEM_DEFAULTS = new ConcurrentHashMap<>();

  private static List<Object> bindItems(RecordComponent component, Entry entry, Section section,
      Binding binding) {
    MappingNode defaults = ITEM_DEFAULTS.computeIfAbsent(entry.path(), path ->
        (MappingNode) new Yaml(new SafeConstructor(new LoaderOptions()))
            .compose(new StringReader(ConfigSchema.itemDefaultsYaml(entry))));
    Class<?> type = ConfigSchema.elementType(component.getGenericType());
    List<Object> items = new ArrayList<>();
    for (Section item : section.items(entry.name(), defaults)) {
      items.add(bind(type, entry, item, binding));
    }
    return List.copyOf(items);
  }

  private static Object bind(Class<?> type, Entry schema, Section section,
      Binding binding) {
    RecordComponent[] components = ConfigValues.components(type);
    Object[] values = new Object[components.length];
    for (int i = 0; i < components.length; i++) {
      String name = components[i].getName();
      if (components[i].getType() == SourceMap.class) {
        continue; // filled in last, once every value has its origin
      }
      Entry entry = schema.child(name).orElseThrow();
      values[i] = switch (entry.kind()) {
        case TEXT -> section.string(name);
        case NUMBER -> section.integer(name);
        case BOOLEAN -> section.bool(name);
        case TEXT_MAP -> Collections.unmodifiableMap(new LinkedHashMap<>(section.stringMap(name)));
        case TEXT_LIST -> List.copyOf(section.stringList(name));
        case FREE_FORM -> section.raw(name);
        case SETTINGS -> bind(components[i].getType(), entry, section.section(name), binding);
        case SETTINGS_LIST -> bindItems(components[i], entry, section, binding);
      };
    }
    section.finish();
    for (int i = 0; i < components.length; i++) {
      if (components[i].getType() == SourceMap.class) {
        values[i] = new SourceMap(binding.sources);
      }
    }
    try {
      return CANONICAL.get(type).newInstance(values);
    } catch (InvocationTargetException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot build " + type.getSimpleName(), e);
    }
  }
}

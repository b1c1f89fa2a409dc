package io.sqledge.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A bound configuration as nested maps by key, in declaration order: what the declared checks walk
 * and what the template data model starts from. The source map is not a key and is left out.
 */
public final class ConfigValues {

  private ConfigValues() {}

  /** Each record type's components: the reflective lookup copies them on every call. */
  private static final ClassValue<RecordComponent[]> COMPONENTS = new ClassValue<>() {
    @Override
    protected RecordComponent[] computeValue(Class<?> type) {
      return type.getRecordComponents();
    }
  };

  /** The components of a record type, looked up once per type. */
  static RecordComponent[] components(Class<?> type) {
    return COMPONENTS.get(type);
  }

  public static Map<String, Object> of(Record settings) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (RecordComponent component : components(settings.getClass())) {
      if (component.getType() == SourceMap.class) {
        continue;
      }
      Object value = read(component, settings);
      values.put(component.getName(), value instanceof Record nested ? of(nested)
          : value instanceof List<?> list && !list.isEmpty() && list.get(0) instanceof Record
              ? list.stream().map(item -> of((Record) item)).toList() : value);
    }
    return values;
  }

  /** The value at a dotted path of {@link #of}'s maps; null when there is none. */
  public static Object at(Map<String, Object> values, String path) {
    Object current = values;
    for (String key : path.split("\\.")) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  private static Object read(RecordComponent component, Record settings) {
    try {
      return component.getAccessor().invoke(settings);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component.getName(), e);
    }
  }
}

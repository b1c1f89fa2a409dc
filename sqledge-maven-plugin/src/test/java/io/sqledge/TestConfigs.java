package io.sqledge;

import io.sqledge.check.ConfigChecker;
import io.sqledge.config.ConfigLoader;
import io.sqledge.config.ConfigSource;
import io.sqledge.config.InstanceConfig;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.SqledgeException;
import io.sqledge.generate.Generator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/** Writes configuration text to a file and loads it, as the plugin would. */
public final class TestConfigs {

  public static final String FILE_NAME = "sqledge.yaml";

  private TestConfigs() {}

  public static ConfigSource write(Path dir, String yaml) {
    try {
      Path file = dir.resolve(FILE_NAME);
      Files.writeString(file, yaml, StandardCharsets.UTF_8);
      return new ConfigSource(file, FILE_NAME);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads without checking; the problems land in {@code problems}. */
  public static Optional<InstanceConfig> load(Path dir, String yaml, Problems problems) {
    return ConfigLoader.load(Optional.of(write(dir, yaml)), Map.of(), problems);
  }

  /** Loads and checks, with {@code -D} overrides; every problem found, errors and warnings. */
  public static Problems problems(Path dir, String yaml, Map<String, String> overrides) {
    Problems problems = new Problems();
    ConfigLoader.load(Optional.of(write(dir, yaml)), overrides, problems)
        .ifPresent(config -> ConfigChecker.check(config, problems));
    return problems;
  }

  /** Loads and checks; throws on any error. */
  public static InstanceConfig checked(Path dir, String yaml) throws SqledgeException {
    return Generator.load(Optional.of(write(dir, yaml)), Map.of(), new Problems());
  }

  /**
   * A copy of {@code config} with the values at the given paths replaced, unchecked: for tests
   * that give the renderer what the checks would refuse. Rebuilt from the record components, so a
   * new configuration key needs no change here.
   */
  public static InstanceConfig with(InstanceConfig config, Map<String, Object> values) {
    return (InstanceConfig) with(config, "", values);
  }

  private static Record with(Record settings, String path, Map<String, Object> values) {
    RecordComponent[] components = settings.getClass().getRecordComponents();
    Object[] args = new Object[components.length];
    try {
      for (int i = 0; i < components.length; i++) {
        String key = path + components[i].getName();
        Object value = components[i].getAccessor().invoke(settings);
        args[i] = values.containsKey(key) ? values.get(key)
            : value instanceof Record nested ? with(nested, key + ".", values) : value;
      }
      return (Record) settings.getClass().getDeclaredConstructor(Arrays.stream(components)
          .map(RecordComponent::getType).toArray(Class<?>[]::new)).newInstance(args);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  public static InstanceConfig defaults() throws SqledgeException {
    return Generator.load(Optional.empty(), Map.of(), new Problems());
  }
}

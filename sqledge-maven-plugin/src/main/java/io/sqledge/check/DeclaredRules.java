package io.sqledge.check;

import io.sqledge.config.ConfigSchema.Entry;
import io.sqledge.config.ConfigSchema;
import io.sqledge.config.ConfigValues;
import io.sqledge.config.InstanceConfig;
import io.sqledge.config.Key;
import io.sqledge.diagnostic.Problem;
import io.sqledge.diagnostic.Problems;
import io.sqledge.diagnostic.Suggestions;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The checks a key declares for itself ({@link Key#min}, {@link Key#max}, {@link Key#oneOf}),
 * applied to every key the same way: the fix names the declared default.
 */
final class DeclaredRules {

  private DeclaredRules() {}

  static void check(InstanceConfig config, Problems problems) {
    Map<String, Object> values = ConfigValues.of(config);
    for (Entry entry : ConfigSchema.values()) {
      check(entry, entry.path(), ConfigValues.at(values, entry.path()), config, problems);
    }
  }

  /** One key's value at {@code path}; each item of a list of settings key by key. */
  private static void check(Entry entry, String path, Object value, InstanceConfig config,
      Problems problems) {
    Key key = entry.declaration();
    if (entry.kind() == ConfigSchema.Kind.SETTINGS_LIST && value instanceof List<?> items) {
      for (int i = 0; i < items.size(); i++) {
        for (Entry child : entry.children()) {
          check(child, path + "[" + i + "]." + child.name(),
              ((Map<?, ?>) items.get(i)).get(child.name()), config, problems);
        }
      }
      return;
    }
    if (value instanceof Long number && (number < key.min() || number > key.max())) {
      problems.error(config.sources().at(path), path, "`" + path + "` is " + number
          + ", but it must be " + range(key), "use " + entry.defaultValue() + " (the default)");
    }
    List<String> allowed = ConfigSchema.allowed(entry);
    if (value instanceof String text && !allowed.isEmpty() && !allowed.contains(text)) {
      Optional<String> close = Suggestions.closest(text, allowed);
      problems.error(config.sources().at(path), path, "`" + path + "` is `"
              + Problem.shorten(text) + "`, "
              + (allowed.size() == 1 ? "but it must be `" + allowed.get(0) + "`"
                  : "which is not one of " + allowed.stream()
                      .map(word -> word.isEmpty() ? "\"\" (empty)" : word)
                      .collect(Collectors.joining(", "))),
          close.map(c -> "did you mean `" + c + "`?").orElse(allowed.size() == 1
              ? "write `" + entry.name() + ": " + allowed.get(0) + "`" : "use one of them"));
    }
  }

  private static String range(Key key) {
    if (key.max() == Long.MAX_VALUE) {
      return "at least " + key.min();
    }
    if (key.min() == Long.MIN_VALUE) {
      return "at most " + key.max();
    }
    return "between " + key.min() + " and " + key.max();
  }
}

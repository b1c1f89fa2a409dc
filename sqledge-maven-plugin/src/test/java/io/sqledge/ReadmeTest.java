package io.sqledge;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** Keeps the README's configuration reference complete: every key of the default is documented. */
class ReadmeTest {

  private static final Set<String> FREE_FORM_MAPS =
      Set.of("engine.env", "storage.parameters", "service.annotations",
          "service.internalAnnotations");

  @Test
  void everyConfigurationKeyIsInTheReference() throws Exception {
    String readme = Files.readString(Path.of("..", "README.md"));
    Map<?, ?> defaults;
    try (InputStream in = getClass().getResourceAsStream("/io/sqledge/config/default-sqledge.yaml")) {
      defaults = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
    }
    List<String> keys = new ArrayList<>();
    collect("", defaults, keys);

    List<String> missing = keys.stream().filter(key -> !readme.contains("| `" + key + "` |")).toList();
    assertTrue(keys.size() >= 25, "found only " + keys);
    assertTrue(missing.isEmpty(), "README lacks a reference row for " + missing);
  }

  private static void collect(String prefix, Map<?, ?> map, List<String> keys) {
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      String path = prefix.isEmpty() ? entry.getKey().toString() : prefix + "." + entry.getKey();
      if (entry.getValue() instanceof Map<?, ?> child && !child.isEmpty()
          && !FREE_FORM_MAPS.contains(path)) {
        collect(path, child, keys);
      } else {
        keys.add(path);
      }
    }
  }
}
